import { Node, type Expression, type ObjectLiteralExpression } from 'ts-morph';

/** The static name of an object literal member (`a`, `'a'`, `["a"]`), or undefined for computed and spread members. */
export function getMemberName(member: Node): string | undefined {
  if (!Node.isPropertyAssignment(member) && !Node.isShorthandPropertyAssignment(member) && !Node.isMethodDeclaration(member)) return undefined;
  const nameNode = member.getNameNode();
  if (Node.isIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
  if (Node.isComputedPropertyName(nameNode)) {
    const inner = nameNode.getExpression();
    if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  }
  return undefined;
}

/** The member of an object literal with this static name, if any. */
export function getMember(object: ObjectLiteralExpression, name: string): Node | undefined {
  return object.getProperties().find((member) => getMemberName(member) === name);
}

/** The value of `key` in an object literal: a property's initializer, or the identifier of a shorthand property. */
export function getPropertyInitializer(object: ObjectLiteralExpression, key: string): Expression | undefined {
  const member = getMember(object, key);
  if (member && Node.isPropertyAssignment(member)) return member.getInitializer();
  if (member && Node.isShorthandPropertyAssignment(member)) return member.getNameNode();
  return undefined;
}

/** Whether an object literal holds a spread (`{ ...base }`), so its keys are not all known. */
export function hasSpread(object: ObjectLiteralExpression): boolean {
  return object.getProperties().some((member) => Node.isSpreadAssignment(member));
}

/** Whether an object literal names this key anywhere at its top level. */
export function hasMember(object: ObjectLiteralExpression, key: string): boolean {
  return getMember(object, key) !== undefined;
}
