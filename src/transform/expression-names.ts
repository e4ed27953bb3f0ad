import { Node } from 'ts-morph';

/** The expression under parentheses, `as`, `!`, `satisfies` and `<T>` assertions, which change no value. */
export function skipTransparentWrappers(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current) || Node.isTypeAssertion(current)) {
    current = current.getExpression();
  }
  return current;
}

/** The name a call's callee goes by: `f` of `f()`, `m` of `x.m()`. */
export function getCalleeName(call: Node & { getExpression(): Node }): string | undefined {
  const callee = skipTransparentWrappers(call.getExpression());
  if (Node.isIdentifier(callee)) return callee.getText();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
}

/** The last name of a written type reference: `Span` of `Span` and of `api.Span`. */
export function getTypeReferenceName(type: Node | undefined): string | undefined {
  if (!Node.isTypeReference(type)) return undefined;
  const name = type.getTypeName();
  return Node.isQualifiedName(name) ? name.getRight().getText() : name.getText();
}
