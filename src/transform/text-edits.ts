import { Node, SyntaxKind, type CallExpression, type NewExpression, type ObjectLiteralExpression } from 'ts-morph';

/**
 * A replacement of the text between two offsets of the file as it was parsed: the one edit type of every transform.
 * Transforms plan edits on the untouched tree and the edit engine (edit-plan.ts) applies them at once.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** What the edit does, in a few words (`wrap GET /users`): named in the note when two edits overlap. */
  label?: string;
}

/** Whether two edits touch the same text. Insertions at one offset do not overlap; an insertion inside a replacement does. */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end;
}

/**
 * Applies non-overlapping edits to a text; edits are offsets into that text. Insertions at the same offset end up
 * with the later one in the list first. Linear in the text and the edits.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  // Pieces are gathered from the end backwards and joined once: slicing the whole text per edit is quadratic.
  const pieces: string[] = [];
  let limit = text.length;
  let checked = Infinity;
  for (const edit of sorted) {
    if (edit.end > checked) throw new Error(`overlapping edits at ${edit.start}`);
    pieces.push(text.slice(edit.end, limit), edit.text);
    limit = edit.start;
    checked = edit.start;
  }
  pieces.push(text.slice(0, limit));
  return pieces.reverse().join('');
}

/** Edits inside a range, moved to offsets relative to its start (to apply them to a slice of the text). */
export function shiftEdits(edits: readonly TextEdit[], start: number): TextEdit[] {
  return edits.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }));
}

/** Replaces a node's text. */
export function replaceNodeEdit(node: Node, text: string): TextEdit {
  return { start: node.getStart(), end: node.getEnd(), text };
}

function getLineIndent(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function isOnOwnLine(node: Node, previous: Node): boolean {
  return node.getStartLineNumber() !== previous.getEndLineNumber();
}

/**
 * Adds `member` (e.g. `headers: {}`) at the end of an object literal, following its layout: on its own line with the
 * other members' indentation when they are one per line, else after them on the same line; a trailing comma is kept.
 */
export function addObjectMemberEdit(object: ObjectLiteralExpression, member: string, eol: string, indentUnit: string): TextEdit {
  const members = object.getProperties();
  const last = members.at(-1);
  if (!last) {
    const multiline = object.getStartLineNumber() !== object.getEndLineNumber();
    const closeIndent = getLineIndent(object);
    const text = multiline ? `{${eol}${closeIndent}${indentUnit}${member}${eol}${closeIndent}}` : `{ ${member} }`;
    return { start: object.getStart(), end: object.getEnd(), text };
  }
  const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
  const multiline = isOnOwnLine(last, object.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken));
  if (multiline) {
    const indent = getLineIndent(last);
    if (comma) return { start: comma.getEnd(), end: comma.getEnd(), text: `${eol}${indent}${member},` };
    return { start: last.getEnd(), end: last.getEnd(), text: `,${eol}${indent}${member}` };
  }
  if (comma) return { start: comma.getEnd(), end: comma.getEnd(), text: ` ${member},` };
  return { start: last.getEnd(), end: last.getEnd(), text: `, ${member}` };
}

/** Adds arguments after a call's last one (padding with `undefined` up to `index`), following the call's layout. */
export function addArgumentEdit(call: CallExpression | NewExpression, index: number, argument: string, eol: string): TextEdit {
  const args = call.getArguments();
  const padding = Array.from({ length: Math.max(0, index - args.length) }, () => 'undefined');
  const added = [...padding, argument];
  const last = args.at(-1);
  if (!last) {
    const open = call.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
    return { start: open.getEnd(), end: open.getEnd(), text: added.join(', ') };
  }
  const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
  const open = call.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
  if (isOnOwnLine(last, open) && args.every((arg, i) => i === 0 || isOnOwnLine(arg, args[i - 1]!))) {
    const indent = getLineIndent(last);
    const text = added.map((value) => `${eol}${indent}${value}`).join(',');
    return comma ? { start: comma.getEnd(), end: comma.getEnd(), text: `${text},` } : { start: last.getEnd(), end: last.getEnd(), text: `,${text}` };
  }
  return comma
    ? { start: comma.getEnd(), end: comma.getEnd(), text: ` ${added.join(', ')},` }
    : { start: last.getEnd(), end: last.getEnd(), text: `, ${added.join(', ')}` };
}
