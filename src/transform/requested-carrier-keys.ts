import { Node, SyntaxKind, type ArrayLiteralExpression, type CallExpression, type NewExpression, type ObjectLiteralExpression } from 'ts-morph';
import { PROPAGATED_CARRIER_KEYS, type ConsumeOperation } from '../catalog/messaging/index.js';
import type { FileStyle } from './file-style.js';
import { getMember } from './object-literal.js';
import { addObjectMemberEdit, type TextEdit } from './text-edits.js';

/**
 * Whether a registration asks the broker for the carrier's keys (see `requestedCarrierKeys` in the catalog): nothing to
 * do, the edit that asks for them, or why it cannot be made here.
 */
export type RequestedCarrierKeys = { kind: 'requested' } | { kind: 'edit'; edit: TextEdit } | { kind: 'note'; reason: string };

/**
 * sqs-consumer delivers only the message attributes listed in `messageAttributeNames`: without the option it asks for
 * every attribute (`['All']`); a list that names neither `All` nor `traceparent` gets the propagated keys appended.
 * An option the codemod cannot read (a variable, a spread, a computed list) is left to the user with a note.
 */
export function planRequestedCarrierKeys(registration: CallExpression | NewExpression, operation: ConsumeOperation, style: FileStyle): RequestedCarrierKeys | undefined {
  const request = operation.requestedCarrierKeys;
  if (!request) return undefined;
  const { option, all } = request;
  const quoted = (key: string) => `${style.quote}${key}${style.quote}`;
  const unread = (why: string): RequestedCarrierKeys => ({
    kind: 'note',
    reason: `${why}, so the codemod cannot see whether \`${option}\` asks for the trace context; without ${quoted(all)} or ${quoted('traceparent')} in it the handler receives no carrier and every message starts a new trace`,
  });
  const options = registration.getArguments()[request.argument];
  if (!options || !Node.isObjectLiteralExpression(options)) return unread('the options are not an object literal written here');
  const member = getMember(options, option);
  if (!member) {
    if (options.getProperties().some((property) => Node.isSpreadAssignment(property))) return unread('the options spread another object');
    const written = `${option}: [${quoted(all)}]`;
    const { destination } = operation;
    const neighbour = destination.kind === 'argument' && destination.argument === request.argument && destination.path.length === 1 ? getMember(options, destination.path[0]!) : undefined;
    return { kind: 'edit', edit: (neighbour && addMemberAfterEdit(options, neighbour, written, style.eol)) ?? addObjectMemberEdit(options, written, style.eol, style.indentUnit) };
  }
  const list = Node.isPropertyAssignment(member) ? member.getInitializer() : undefined;
  if (!list || !Node.isArrayLiteralExpression(list)) return unread(`\`${option}\` is not a list written here`);
  const names = list.getElements().map((element) => (Node.isStringLiteral(element) || Node.isNoSubstitutionTemplateLiteral(element) ? element.getLiteralValue() : undefined));
  if (names.includes(all) || names.includes('traceparent')) return { kind: 'requested' };
  if (names.includes(undefined)) return unread(`\`${option}\` holds names that are not string literals`);
  const missing = PROPAGATED_CARRIER_KEYS.filter((key) => !names.includes(key));
  return { kind: 'edit', edit: appendElementsEdit(list, missing.map(quoted), style.eol) };
}

/** `member` written right after `neighbour` (the queue URL it belongs with), when a comma follows it; on its own line when `neighbour` is. */
function addMemberAfterEdit(object: ObjectLiteralExpression, neighbour: Node, member: string, eol: string): TextEdit | undefined {
  const comma = neighbour.getNextSiblingIfKind(SyntaxKind.CommaToken);
  if (!comma) return undefined;
  if (neighbour.getStartLineNumber() === object.getStartLineNumber()) return { start: comma.getEnd(), end: comma.getEnd(), text: ` ${member},` };
  return { start: comma.getEnd(), end: comma.getEnd(), text: `${eol}${getIndent(neighbour)}${member},` };
}

function getIndent(node: Node): string {
  const text = node.getSourceFile().getFullText();
  return /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', node.getStart() - 1) + 1))![0];
}

/** Adds elements at the end of an array literal, one a line when its elements are, keeping a trailing comma. */
function appendElementsEdit(list: ArrayLiteralExpression, elements: readonly string[], eol: string): TextEdit {
  const last = list.getElements().at(-1);
  if (!last) {
    const open = list.getFirstChildByKindOrThrow(SyntaxKind.OpenBracketToken);
    return { start: open.getEnd(), end: list.getEnd() - 1, text: elements.join(', ') };
  }
  const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
  const open = list.getFirstChildByKindOrThrow(SyntaxKind.OpenBracketToken);
  if (last.getStartLineNumber() !== open.getEndLineNumber()) {
    const indent = getIndent(last);
    const written = elements.map((element) => `${eol}${indent}${element}`).join(',');
    return comma ? { start: comma.getEnd(), end: comma.getEnd(), text: `${written},` } : { start: last.getEnd(), end: last.getEnd(), text: `,${written}` };
  }
  return comma ? { start: comma.getEnd(), end: comma.getEnd(), text: ` ${elements.join(', ')},` } : { start: last.getEnd(), end: last.getEnd(), text: `, ${elements.join(', ')}` };
}
