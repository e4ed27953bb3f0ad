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

/** A callback with a block body written as an object member's value: `head` statements `tail` (`list.map((x) => {` … `})`). */
export interface WrittenCallback {
  head: string;
  /** Statements without their semicolon. */
  statements: string[];
  tail: string;
}

/** A member of an object literal a transform writes: a value as text, a nested object, or a callback. */
export interface WrittenMember {
  key: string;
  value: string | WrittenMember[] | WrittenCallback;
}

export interface ObjectLayout {
  /** Indentation of the line the object starts on; its members go one level further in. */
  indent: string;
  indentUnit: string;
  eol: string;
  semicolons: boolean;
  width: number;
}

function renderValueOnOneLine(value: WrittenMember['value']): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return renderObjectOnOneLine(value);
  return `${value.head} ${value.statements.join('; ')} ${value.tail}`;
}

/** `{ a: 1, b: { c: 2 } }`: the object on one line. */
export function renderObjectOnOneLine(members: readonly WrittenMember[]): string {
  return members.length === 0 ? '{}' : `{ ${members.map((member) => `${member.key}: ${renderValueOnOneLine(member.value)}`).join(', ')} }`;
}

/**
 * The object over several lines, one member a line with a trailing comma; a member's value that still does not fit the
 * width (a nested object, a callback) is broken the same way, and one that fits stays on its line.
 */
export function renderObjectOverLines(members: readonly WrittenMember[], layout: ObjectLayout): string {
  const inner = layout.indent + layout.indentUnit;
  const lines = members.map((member) => {
    const start = `${inner}${member.key}: `;
    const oneLine = renderValueOnOneLine(member.value);
    if (typeof member.value === 'string' || start.length + oneLine.length + 1 <= layout.width) return `${start}${oneLine},`;
    if (Array.isArray(member.value)) return `${start}${renderObjectOverLines(member.value, { ...layout, indent: inner })},`;
    const semicolon = layout.semicolons ? ';' : '';
    const body = member.value.statements.map((statement) => `${inner}${layout.indentUnit}${statement}${semicolon}`);
    return [`${start}${member.value.head}`, ...body, `${inner}${member.value.tail},`].join(layout.eol);
  });
  return ['{', ...lines, `${layout.indent}}`].join(layout.eol);
}
