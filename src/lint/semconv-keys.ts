import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, getStaticKey, getStaticString, skipTransparentWrappers } from './ast.js';
import { getSpanStartCall } from './otel-calls.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** An attribute key written as a string where a span's attributes are set. */
export interface AttributeKeyLiteral {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  key: string;
  /** The other keys of the same attributes object (for clash checks); empty for `setAttribute`. */
  siblingKeys: string[];
}

const SET_ATTRIBUTE = 'setAttribute';
const SET_ATTRIBUTES = 'setAttributes';
const ATTRIBUTES_OPTION = 'attributes';

/**
 * The string keys a call writes on a span: `span.setAttribute('k', v)`, `span.setAttributes({ 'k': v })`,
 * `tracer.startSpan(name, { attributes: { 'k': v } })` and `startActiveSpan` alike.
 */
export function getSpanAttributeKeys(call: TSESTree.CallExpression, context: Context): AttributeKeyLiteral[] {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  const method = getPropertyName(callee);
  const first = call.arguments[0];
  if (method === SET_ATTRIBUTE) {
    const key = first && getStaticString(first);
    return key !== undefined && (first.type === AST_NODE_TYPES.Literal || first.type === AST_NODE_TYPES.TemplateLiteral) ? [{ node: first, key, siblingKeys: [] }] : [];
  }
  if (method === SET_ATTRIBUTES) return first ? getObjectKeys(first) : [];
  const start = getSpanStartCall(call, context);
  const options = start?.optionsArgument && skipTransparentWrappers(start.optionsArgument);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const attributes = options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && getStaticKey(p) === ATTRIBUTES_OPTION);
  return attributes ? getObjectKeys(attributes.value) : [];
}

function getObjectKeys(node: TSESTree.Node): AttributeKeyLiteral[] {
  const object = skipTransparentWrappers(node);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const properties = object.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property);
  const keys = properties.map((p) => getStaticKey(p)).filter((key): key is string => key !== undefined);
  const literals: AttributeKeyLiteral[] = [];
  for (const property of properties) {
    const keyNode = property.key;
    if (keyNode.type !== AST_NODE_TYPES.Literal && keyNode.type !== AST_NODE_TYPES.TemplateLiteral) continue;
    const key = getStaticString(keyNode);
    if (key !== undefined) literals.push({ node: keyNode, key, siblingKeys: keys.filter((other) => other !== key) });
  }
  return literals;
}
