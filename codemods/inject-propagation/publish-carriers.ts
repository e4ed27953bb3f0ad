import { Node, SyntaxKind, type CallExpression, type Expression, type NewExpression, type ObjectLiteralExpression } from 'ts-morph';
import { EACH, EACH_IF_ARRAY, type CarrierEncoding, type PublishCarrierLocation } from '../../src/catalog/messaging/index.js';
import type { FileStyle } from '../../src/transform/file-style.js';
import type { PublishSite } from '../../src/transform/messaging-sites.js';
import { getMember, getPropertyInitializer, hasSpread } from '../../src/transform/object-literal.js';
import { addArgumentEdit, addObjectMemberEdit, replaceNodeEdit, type TextEdit } from '../../src/transform/text-edits.js';
import type { HelperName } from './helper-functions.js';
import { helperRef, NATS_HEADERS_REF, PLACEHOLDER_PATTERN } from './placeholders.js';
import { DEFAULT_LINE_WIDTH } from '../../src/transform/line-width.js';

/** What writing the carrier at one publish site takes, or why the site is left alone. */
export type CarrierPlan =
  | { kind: 'edit'; edits: TextEdit[]; helpers: HelperName[]; needsNatsHeaders: boolean }
  | { kind: 'carried' }
  | { kind: 'skip'; reason: string };

/**
 * Where a carrier container lives or would go: an argument of the call (with the keys still to create when the
 * argument is missing), a key of an object literal, or an element of an array literal.
 */
type Slot =
  | { kind: 'argument'; call: CallExpression | NewExpression; index: number; value: Expression | undefined; pendingKeys: string[] }
  | { kind: 'property'; object: ObjectLiteralExpression; key: string; value: Expression | undefined }
  | { kind: 'element'; value: Expression };

/** Text that shows a carrier is already written there: by this codemod, by hand, or by a propagation call. */
const CARRIED = /\btraceparent\b|\binject(?:TraceContext\w*)?\s*\(|\bwithTraceContext\s*\(|__otelHelper_/;

const ENCODING_HELPERS: Partial<Record<CarrierEncoding, HelperName>> = {
  'string-map': 'injectTraceContext',
  'string-or-buffer-map': 'injectTraceContext',
  'sqs-message-attributes': 'injectTraceContextAttributes',
  'nats-headers': 'injectTraceContextHeaders',
  envelope: 'withTraceContext',
  'json-in-string-field': 'withTraceContext',
  'json-in-bytes-field': 'withTraceContext',
};

/** Plans the edits that put the active trace context into the first carrier location the catalog gives for the site. */
export function planCarrier(site: PublishSite, style: FileStyle): CarrierPlan {
  const location = site.operation.carriers[0];
  if (!location) return { kind: 'skip', reason: `the catalog has no carrier location for ${site.operation.displayName}` };
  const helper = ENCODING_HELPERS[location.encoding];
  if (!helper) return { kind: 'skip', reason: `${location.description} holds a ${location.encoding} carrier, which this codemod does not write` };
  if (isCarriedElsewhere(site)) return { kind: 'carried' };
  const argument = site.call.getArguments()[location.argument] as Expression | undefined;
  const start: Slot = { kind: 'argument', call: site.call, index: location.argument, value: argument, pendingKeys: [] };
  const slots = resolveSlots(start, location.path);
  if (typeof slots === 'string') return { kind: 'skip', reason: slots };
  const edits: TextEdit[] = [];
  let needsNatsHeaders = false;
  for (const slot of slots) {
    const result = writeSlot(slot, location, helper, style);
    // In a batch, messages that already carry the context are left as they are and the others get it.
    if (result === 'carried') continue;
    if (typeof result === 'string') return { kind: 'skip', reason: result };
    edits.push(result.edit);
    needsNatsHeaders ||= result.needsNatsHeaders;
  }
  return edits.length === 0 ? { kind: 'carried' } : { kind: 'edit', edits, helpers: [helper], needsNatsHeaders };
}

/**
 * Walks the catalog's path from the argument to the carrier's slots. Object literals and array literals are followed;
 * a missing options argument is created on the way (`{ headers: … }`); anything else is a reason to skip.
 */
function resolveSlots(start: Slot, path: readonly string[]): Slot[] | string {
  let slots: Slot[] = [start];
  for (const segment of path) {
    const next: Slot[] = [];
    for (const slot of slots) {
      const value = slot.value ? unwrap(slot.value) : undefined;
      if (segment === EACH || segment === EACH_IF_ARRAY) {
        const mapped = value ? getMappedMessages(value) : undefined;
        if (value && Node.isArrayLiteralExpression(value)) {
          for (const element of value.getElements()) {
            if (Node.isSpreadElement(element)) return 'the messages array holds a spread, whose messages cannot be changed at the call';
            next.push({ kind: 'element', value: element });
          }
        } else if (mapped) {
          next.push(...mapped.map((element): Slot => ({ kind: 'element', value: element })));
        } else if (segment === EACH_IF_ARRAY && value) {
          next.push({ kind: 'element', value });
        } else {
          return `${describe(slot)} is not an array literal (nor a .map(…) returning object literals), so its messages cannot be changed at the call`;
        }
        continue;
      }
      if (!value) {
        if (slot.kind !== 'argument') return `${describe(slot)} is missing`;
        next.push({ ...slot, pendingKeys: [...slot.pendingKeys, segment] });
        continue;
      }
      const literal = Node.isObjectLiteralExpression(value) ? value : getSoleUseObjectLiteral(value);
      if (!literal) {
        return `${describe(slot)} is passed as \`${abbreviate(value.getText())}\`, not as an object literal the carrier can be added to`;
      }
      const member = getMember(literal, segment);
      if (member && !Node.isPropertyAssignment(member) && !Node.isShorthandPropertyAssignment(member)) return `\`${segment}\` is not a plain property`;
      if (!member && hasSpread(literal)) return `\`${segment}\` may come from the spread in \`${abbreviate(literal.getText())}\``;
      next.push({ kind: 'property', object: literal, key: segment, value: getPropertyInitializer(literal, segment) });
    }
    slots = next;
  }
  return slots;
}

/**
 * The object literal a variable passed to the call was declared with (`const params = { Entries: [...] };
 * send(new PutEventsCommand(params))`), when the call is the only other place that names it: the carrier is then
 * written into the declaration, and nothing else can have seen or changed the object.
 */
function getSoleUseObjectLiteral(value: Expression): ObjectLiteralExpression | undefined {
  if (!Node.isIdentifier(value)) return undefined;
  const name = value.getText();
  // The function the call is in (other functions may have their own `params`), or the file.
  const scope = value.getFirstAncestor((node) => Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node)) ?? value.getSourceFile();
  const declarations = scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration).filter((declaration) => declaration.getName() === name);
  const declaration = declarations[0];
  if (declarations.length !== 1 || !declaration || declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
  const initializer = declaration.getInitializer();
  if (!initializer || !Node.isObjectLiteralExpression(initializer)) return undefined;
  const uses = scope.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => identifier.getText() === name);
  return uses.length === 2 ? initializer : undefined;
}

/** The object literals a `.map(cb)` callback returns (`items.map((value) => ({ value }))`), one per return. */
function getMappedMessages(value: Expression): Expression[] | undefined {
  if (!Node.isCallExpression(value)) return undefined;
  const callee = value.getExpression();
  const callback = value.getArguments()[0];
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map' || !callback) return undefined;
  if (!Node.isArrowFunction(callback) && !Node.isFunctionExpression(callback)) return undefined;
  const body = callback.getBody();
  const returned = Node.isBlock(body)
    ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement)
        .filter((statement) => statement.getFirstAncestor((node) => Node.isFunctionLikeDeclaration(node)) === callback)
        .map((statement) => statement.getExpression())
    : [body as Expression];
  const objects = returned.map((expression) => (expression ? unwrap(expression) : undefined));
  return objects.length > 0 && objects.every((object) => object !== undefined && Node.isObjectLiteralExpression(object)) ? (objects as Expression[]) : undefined;
}

function unwrap(expression: Expression): Expression {
  let current: Node = expression;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current)) current = current.getExpression();
  return current as Expression;
}

function describe(slot: Slot): string {
  if (slot.kind === 'property') return `\`${slot.key}\``;
  return slot.kind === 'argument' ? `argument ${slot.index + 1}` : 'a message';
}

function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

type SlotResult = { edit: TextEdit; needsNatsHeaders: boolean } | 'carried' | string;

/** Writes the carrier into one slot in the location's encoding. */
function writeSlot(slot: Slot, location: PublishCarrierLocation, helper: HelperName, style: FileStyle): SlotResult {
  const call = helperRef(helper);
  const pendingKeys = slot.kind === 'argument' ? slot.pendingKeys : [];
  const value = slot.value ? unwrap(slot.value) : undefined;
  if (value && CARRIED.test(value.getText())) return 'carried';
  let text: string;
  let needsNatsHeaders = false;
  switch (location.encoding) {
    case 'string-map':
    case 'string-or-buffer-map':
    case 'sqs-message-attributes':
      if (value && Node.isObjectLiteralExpression(value)) {
        const limit = location.maxEntries;
        if (limit !== undefined && !hasSpread(value) && value.getProperties().length >= limit - 1) {
          return `${location.description} already holds ${value.getProperties().length} of the ${limit} entries the service allows, which leaves no room for traceparent and tracestate; move an attribute into the body, or send the carrier in the body when the consumer reads it there`;
        }
        text = `${call}(${slot.value!.getText()})`;
      } else {
        text = value ? `${call}({ ...${slot.value!.getText()} })` : `${call}({})`;
      }
      break;
    case 'nats-headers':
      text = value ? `${call}(${slot.value!.getText()})` : `${call}(${NATS_HEADERS_REF}())`;
      needsNatsHeaders = !value;
      break;
    case 'envelope':
      if (!value) return `${location.description} is missing`;
      if (Node.isObjectLiteralExpression(value) && getMember(value, location.envelopeKey ?? '')) return 'carried';
      text = `${call}(${slot.value!.getText()})`;
      break;
    case 'json-in-string-field':
    case 'json-in-bytes-field': {
      const stringify = value ? findJsonStringify(value) : undefined;
      const payload = stringify?.getArguments()[0];
      if (!stringify || !payload) {
        return `${location.description} is not written with JSON.stringify(…) at the call, so there is no payload to add the carrier to`;
      }
      return { edit: replaceNodeEdit(payload, `${call}(${payload.getText()})`), needsNatsHeaders: false };
    }
    default:
      return `${location.description} holds a ${location.encoding} carrier, which this codemod does not write`;
  }
  for (const key of [...pendingKeys].reverse()) text = `{ ${key}: ${text} }`;
  if (slot.kind === 'property') {
    const shorthand = slot.value && Node.isShorthandPropertyAssignment(slot.value.getParent());
    const edit = shorthand
      ? replaceNodeEdit(slot.value!.getParentOrThrow(), `${slot.key}: ${text}`)
      : slot.value
        ? replaceNodeEdit(slot.value, text)
        : addObjectMemberEdit(slot.object, `${slot.key}: ${text}`, style.eol, style.indentUnit);
    return { edit: breakObjectPastLineWidth(slot.object, edit, slot.value ? undefined : `${slot.key}: ${text}`, style), needsNatsHeaders };
  }
  if (slot.value) return { edit: replaceNodeEdit(slot.value, text), needsNatsHeaders };
  if (slot.kind === 'element') return `${location.description} is missing`;
  return { edit: addArgumentEdit(slot.call, slot.index, text, style.eol), needsNatsHeaders };
}

/** `JSON.stringify(x)` as the value or inside it (`Buffer.from(JSON.stringify(x))`). */
function findJsonStringify(value: Node): CallExpression | undefined {
  const candidates = [value, ...value.getDescendantsOfKind(SyntaxKind.CallExpression)];
  return candidates.find((node): node is CallExpression => Node.isCallExpression(node) && node.getExpression().getText() === 'JSON.stringify');
}

/**
 * A carrier filled before the call: the site's function calls `propagation.inject` (or a project helper named
 * inject…) with a variable that the call passes on. The rule accepts such a site, so the codemod leaves it.
 */
function isCarriedElsewhere(site: PublishSite): boolean {
  const scope = site.call.getFirstAncestor((node) => Node.isFunctionLikeDeclaration(node)) ?? site.call.getSourceFile();
  const callText = site.call.getText();
  return scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (!/^inject/.test(name) || call.getStart() > site.call.getStart()) return false;
    return call.getArguments().some((argument) => Node.isIdentifier(argument) && new RegExp(`(?<![\\w$])${argument.getText().replace(/\$/g, '\\$')}(?![\\w$])`).test(callText));
  });
}

/**
 * A one-line object literal whose line the carrier makes longer than the project's line width
 * (`new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: … })`) is written one member a line
 * in the file's indentation instead: the outermost object literal around the carrier that is on that line alone, as
 * Prettier breaks the outer object first. An object that still fits, or already spans lines, keeps the edit as it
 * was. `added` is the member the edit appends to `object`, when it appends one.
 */
function breakObjectPastLineWidth(object: ObjectLiteralExpression, edit: TextEdit, added: string | undefined, style: FileStyle): TextEdit {
  const line = object.getStartLineNumber();
  if (object.getEndLineNumber() !== line) return edit;
  let outer = object;
  for (const ancestor of object.getAncestors()) {
    if (ancestor.getStartLineNumber() !== line || ancestor.getEndLineNumber() !== line) break;
    if (Node.isObjectLiteralExpression(ancestor)) outer = ancestor;
  }
  // A comment between the members would be lost when they are written again one by one.
  if (/\/[/*]/.test(outer.getText())) return edit;
  const text = object.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', outer.getStart() - 1) + 1;
  const lineEnd = text.indexOf('\n', outer.getEnd());
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  const edited = lineText.slice(0, edit.start - lineStart) + edit.text + lineText.slice(edit.end - lineStart);
  if (getWrittenLength(edited) <= (style.lineWidth ?? DEFAULT_LINE_WIDTH)) return edit;
  const appends = outer === object && added !== undefined;
  const members = outer.getProperties().map((member) => {
    const memberText = member.getText();
    if (appends || edit.start < member.getStart() || edit.end > member.getEnd()) return memberText;
    return memberText.slice(0, edit.start - member.getStart()) + edit.text + memberText.slice(edit.end - member.getStart());
  });
  if (appends) members.push(added);
  const indent = /^[ \t]*/.exec(lineText)![0];
  return replaceNodeEdit(outer, ['{', ...members.map((member) => `${indent}${style.indentUnit}${member},`), `${indent}}`].join(style.eol));
}

/** The length a line will have once the helper placeholders in it are the helpers' names. */
function getWrittenLength(line: string): number {
  return line.replace(PLACEHOLDER_PATTERN, (match, helper: string | undefined) => helper ?? 'headers').length;
}
