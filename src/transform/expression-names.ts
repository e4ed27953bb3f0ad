import { Node } from 'ts-morph';

/** The expression under parentheses, `as`, `!`, `satisfies` and `<T>` assertions, which change no value. */
export function skipTransparentWrappers(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current) || Node.isTypeAssertion(current)) {
    current = current.getExpression();
  }
  return current;
}

/**
 * The text of an access chain with the wrappers that change no value left out at every level: `event.Records` for
 * `(event as SQSEvent).Records` and for `event!.Records`, so a cast does not hide which value is read.
 */
export function getUnwrappedText(node: Node): string {
  const inner = skipTransparentWrappers(node);
  if (Node.isPropertyAccessExpression(inner)) return `${getUnwrappedText(inner.getExpression())}${inner.hasQuestionDotToken() ? '?.' : '.'}${inner.getName()}`;
  if (Node.isElementAccessExpression(inner)) {
    const argument = inner.getArgumentExpression();
    return `${getUnwrappedText(inner.getExpression())}${inner.hasQuestionDotToken() ? '?.' : ''}[${argument?.getText() ?? ''}]`;
  }
  return inner.getText();
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
