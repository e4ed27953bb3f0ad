import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

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

export function isFunctionNode(node: TSESTree.Node): node is TSESTree.FunctionLike & (TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration) {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The type name written on a declared identifier: `span: Span` → Span, `span: api.Span` → Span. */
export function getTypeAnnotationName(identifier: TSESTree.Node): string | undefined {
  if (identifier.type !== AST_NODE_TYPES.Identifier || !identifier.typeAnnotation) return undefined;
  const type = identifier.typeAnnotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
}

/** The string of a literal or an expression-free template literal; undefined for anything computed. */
export function getStaticString(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Visits `root` and every node below it (nested functions included), in no particular order, by the parser's visitor keys. */
export function forEachDescendant(root: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, visit: (node: TSESTree.Node) => void): void {
  const keys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object') stack.push(item as TSESTree.Node);
      } else if (value && typeof value === 'object') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}
