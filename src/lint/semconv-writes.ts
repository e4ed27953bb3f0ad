import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SEMCONV_MODULES } from '../catalog/semconv.js';
import { getCalleeName, getStaticKey, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { resolveAttributeKey, type AttributeOccurrence } from './attribute-sinks.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Calls that look a key up rather than write it: `attributes.get(KEY)`, `keys.includes(KEY)`. */
const LOOKUP_METHODS: readonly string[] = ['get', 'has', 'includes', 'indexOf', 'find', 'getAttribute', 'hasOwnProperty', 'hasOwn'];
const COMPARISONS: readonly string[] = ['===', '!==', '==', '!=', 'in'];

/**
 * What one attribute write belongs to, for dual emission: keys written to the same group are written together.
 * `span.setAttribute` and `span.setAttributes` on the same receiver in the same function are one group (one span);
 * any other sink (an event, a metric point, a log record, span start options) is its own call.
 */
export function getWriteGroup(attribute: AttributeOccurrence, context: Context): TSESTree.Node | string {
  const call = attribute.sinkCall;
  const callee = skipTransparentWrappers(call.callee);
  if (attribute.sink !== 'span' || callee.type !== AST_NODE_TYPES.MemberExpression) return call;
  let owner: TSESTree.Node | undefined = call.parent;
  while (owner && !isFunctionNode(owner) && owner.type !== AST_NODE_TYPES.Program) owner = owner.parent;
  return `${owner?.range[0] ?? 0}:${context.sourceCode.getText(callee.object)}`;
}

/**
 * Whether a use of a key constant reads a key rather than writes one: `attrs[KEY]` (not assigned to),
 * `key === KEY`, `KEY in attrs`, `attributes.get(KEY)`. A read of an old key is how code stays compatible
 * with spans recorded under it, not a deprecated key being emitted.
 */
export function isKeyRead(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.TSAsExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.computed && parent.property === current) {
    const target = parent.parent;
    return !(target?.type === AST_NODE_TYPES.AssignmentExpression && target.left === parent);
  }
  if (parent.type === AST_NODE_TYPES.BinaryExpression) return COMPARISONS.includes(parent.operator);
  if (parent.type === AST_NODE_TYPES.SwitchCase) return parent.test === current;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    const name = getCalleeName(skipTransparentWrappers(parent.callee));
    return name !== undefined && LOOKUP_METHODS.includes(name);
  }
  return false;
}

/** For a computed key of an object literal (`{ [KEY]: v }`), the keys of that object; undefined elsewhere. */
export function getObjectKeysAround(node: TSESTree.Node, context: Context): Set<string> | undefined {
  const property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.key !== node || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const keys = new Set<string>();
  for (const sibling of property.parent.properties) {
    if (sibling.type !== AST_NODE_TYPES.Property) continue;
    const key = sibling.computed ? resolveAttributeKey(sibling.key, context) : getStaticKey(sibling);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/**
 * Whether a key is a constant imported from another package (`@acme/otel-names`), whose names may match the
 * semantic conventions' without holding the same keys. The project's own modules (relative imports) re-export them.
 */
export function isOtherPackageConstant(node: TSESTree.Node, context: Context): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node.name)?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.ImportSpecifier || definition.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return false;
  const source = definition.parent.source.value;
  return !source.startsWith('.') && !source.startsWith('/') && !SEMCONV_MODULES.includes(source);
}
