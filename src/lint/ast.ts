import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** The name a callee is called by: `foo()` → foo, `a.b.foo()` → foo, `a['foo']()` → foo. */
export function getCalleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(callee);
  if (callee.type === AST_NODE_TYPES.ChainExpression) return getCalleeName(callee.expression);
  return undefined;
}

/** The static name of a member access: `a.b` → b, `a['b']` → b, `a[b]` → undefined. */
export function getPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return member.property.name;
  return undefined;
}

/** The static key of an object property: `{ a: 1 }`, `{ 'a': 1 }`, `` { [`a`]: 1 } `` → a. */
export function getStaticKey(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Strips wrappers that do not change the value: `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`, `await`-free. */
export function skipTransparentWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** A function with a body of its own: declaration, expression or arrow. */
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** When `name` is the first parameter of the function expression `fn`, the call `fn` is handed to: `x.on((name) => …)`. */
export function getCallTakingCallback(fn: TSESTree.Node, name: string): TSESTree.CallExpression | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier || first.name !== name) return undefined;
  return fn.parent.type === AST_NODE_TYPES.CallExpression && fn.parent.arguments.includes(fn) ? fn.parent : undefined;
}

/** The type name written on a declared identifier: `span: Span` → Span, `span: api.Span` → Span. */
export function getTypeAnnotationName(identifier: TSESTree.Node): string | undefined {
  if (identifier.type !== AST_NODE_TYPES.Identifier || !identifier.typeAnnotation) return undefined;
  const type = identifier.typeAnnotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
}

/**
 * The value an expression always has: literals and expression-free templates at once; with a scope, also what
 * eslint-utils' evaluator proves (consts, `+` of constants, `String(…)`). Undefined for anything computed at run time.
 */
export function getStaticValue(node: TSESTree.Node | undefined, scope?: TSESLint.Scope.Scope): { value: unknown } | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal) return { value: node.value };
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return { value: node.quasis[0]?.value.cooked ?? undefined };
  return scope ? (ASTUtils.getStaticValue(node, scope) ?? undefined) : undefined;
}

/** The string `getStaticValue` finds, if it is a string. */
export function getStaticString(node: TSESTree.Node | undefined, scope?: TSESLint.Scope.Scope): string | undefined {
  const found = getStaticValue(node, scope);
  return typeof found?.value === 'string' ? found.value : undefined;
}

/** The parser's visitor keys: which properties of a node hold its children (`sourceCode.visitorKeys`). */
type HasVisitorKeys = Pick<Readonly<TSESLint.SourceCode>, 'visitorKeys'>;

/** What a visitor tells the walk: `skip` does not go below this node, `stop` ends the walk. */
export type WalkStep = void | 'skip' | 'stop';

/**
 * Visits `root` and every node below it, parents before children, by the parser's visitor keys (so TypeScript
 * nodes and any custom parser's nodes are covered, and `parent` links are never followed). Returns true when the
 * visitor stopped the walk.
 */
export function forEachDescendant(root: TSESTree.Node, sourceCode: HasVisitorKeys, visit: (node: TSESTree.Node) => WalkStep): boolean {
  const keys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const step = visit(node);
    if (step === 'stop') return true;
    if (step === 'skip') continue;
    const nodeKeys = keys[node.type] ?? [];
    // Pushed last key first, so children come off the stack in source order.
    for (let index = nodeKeys.length - 1; index >= 0; index--) {
      const value = (node as unknown as Record<string, unknown>)[nodeKeys[index]!];
      if (Array.isArray(value)) {
        for (let item = value.length - 1; item >= 0; item--) if (value[item] && typeof value[item] === 'object') stack.push(value[item] as TSESTree.Node);
      } else if (value && typeof value === 'object') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Visits the nodes that run in `root` itself: nested functions (other than `root`) are not entered. */
export function forEachOwnNode(root: TSESTree.Node, sourceCode: HasVisitorKeys, visit: (node: TSESTree.Node) => WalkStep): boolean {
  return forEachDescendant(root, sourceCode, (node) => (node !== root && isFunctionNode(node) ? 'skip' : visit(node)));
}

/** Whether `root` or a node below it satisfies `test`; the walk ends at the first that does. */
export function someDescendant(root: TSESTree.Node, sourceCode: HasVisitorKeys, test: (node: TSESTree.Node) => boolean): boolean {
  return forEachDescendant(root, sourceCode, (node) => (test(node) ? 'stop' : undefined));
}
