import { Node, SyntaxKind, type CallExpression, type NewExpression } from 'ts-morph';
import { EACH, type CarrierEncoding } from '../../src/catalog/messaging/index.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_START_METHODS, TRACER_NAME_PATTERN } from '../../src/catalog/otel-api.js';
import type { FileStyle } from '../../src/transform/file-style.js';
import type { ConsumerHandler } from '../../src/transform/messaging-sites.js';
import { DEFAULT_LINE_WIDTH } from '../../src/transform/line-width.js';
import { getMember, renderObjectOnOneLine, renderObjectOverLines, type WrittenMember } from '../../src/transform/object-literal.js';
import { planRequestedCarrierKeys } from '../../src/transform/requested-carrier-keys.js';
import { addArgumentEdit, addObjectMemberEdit, type TextEdit } from '../../src/transform/text-edits.js';
import type { HelperName } from './helper-functions.js';
import { helperRef, PLACEHOLDER_PATTERN } from './placeholders.js';

export interface ConsumerPlan {
  edits: TextEdit[];
  helpers: HelperName[];
  /** Span starts left alone, with the reason. */
  skipped: Array<{ node: Node; reason: string }>;
  /** What the user has to check by hand for the written context to arrive (a carrier the broker may not deliver). */
  reviews?: Array<{ node: Node; reason: string }>;
}

const EXTRACT_HELPERS: Partial<Record<CarrierEncoding, HelperName>> = {
  'string-map': 'extractTraceContext',
  'string-or-buffer-map': 'extractTraceContext',
  'nats-headers': 'extractTraceContextFromHeaders',
  'lambda-sqs-message-attributes': 'extractTraceContextFromSqsAttributes',
  'sqs-message-attributes': 'extractTraceContextFromSqsMessageAttributes',
  'lambda-sns-message-attributes': 'extractTraceContextFromSnsAttributes',
  envelope: 'extractTraceContextFromPayload',
  'json-in-string-field': 'extractTraceContextFromJson',
};

/** A handler that reads a carrier already (by hand, through a project helper, or after a first run). */
const EXTRACTS = /\bextract\w*\s*\(|getTraceLinks\s*\(/;

function isSpanStart(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const method = callee.getName();
  if (!SPAN_START_METHODS.includes(method) && !ACTIVE_SPAN_START_METHODS.includes(method)) return false;
  const receiver = callee.getExpression();
  const name = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
  return TRACER_NAME_PATTERN.test(name);
}

/** The text of a span start's arguments other than its callback: where a parent context or links are given. */
function getStartOptionsText(start: CallExpression): string {
  return start
    .getArguments()
    .filter((argument) => !Node.isArrowFunction(argument) && !Node.isFunctionExpression(argument))
    .map((argument) => argument.getText())
    .join(' ');
}

/** Whether the handler reads a carrier itself, outside the options of its span starts (links a batch span already has). */
function extractsByHand(handler: ConsumerHandler, starts: readonly CallExpression[]): boolean {
  let text = handler.body.getText();
  const offset = handler.body.getStart();
  const ranges = starts.flatMap((start) =>
    start.getArguments().filter((argument) => !Node.isArrowFunction(argument) && !Node.isFunctionExpression(argument)).map((argument) => [argument.getStart() - offset, argument.getEnd() - offset] as const),
  );
  for (const [from, to] of [...ranges].sort((a, b) => b[0] - a[0])) text = text.slice(0, from) + text.slice(to);
  return EXTRACTS.test(text);
}

/**
 * Span starts to give the message's context: those not inside another span start's callback (those already have a
 * parent), and per-message spans inside a span over the whole batch (a record loop under a batch span).
 */
function getSpanStartsToConnect(handler: ConsumerHandler, starts: readonly CallExpression[]): CallExpression[] {
  const encloses = (outer: CallExpression, inner: CallExpression) => outer !== inner && outer.getStart() <= inner.getStart() && outer.getEnd() >= inner.getEnd();
  const isPerMessage = (start: CallExpression) => typeof getMessageExpression(handler, start) === 'string';
  return starts.filter((start) => {
    const enclosing = starts.filter((other) => encloses(other, start));
    return enclosing.length === 0 || (isPerMessage(start) && enclosing.every((other) => !isPerMessage(other)));
  });
}

function toAccess(base: string, path: readonly string[]): string {
  return path.reduce((expression, key) => `${expression}.${key}`, base);
}

/**
 * The message as the span start sees it: the parameter plus the catalog's path; a batch step (`Records[]`) must be
 * the variable of a `for…of` loop or the parameter of a `forEach`/`map` callback around the span start.
 */
function getMessageExpression(handler: ConsumerHandler, start: CallExpression): string | { reason: string } | Batch {
  if (Node.isForOfStatement(handler.node)) return handler.parameterName ?? { reason: 'the message variable is destructured; name it to let the codemod read its carrier' };
  const destructured = getDestructuredMessage(handler);
  const name = handler.parameterName ?? destructured?.name;
  if (name === undefined) return { reason: 'the message parameter is destructured; name it to let the codemod read its carrier' };
  const path = destructured ? handler.operation.message.path.slice(1) : handler.operation.message.path;
  const each = path.indexOf(EACH);
  if (each < 0) return toAccess(name, path);
  const iterable = toAccess(name, path.slice(0, each));
  for (const ancestor of start.getAncestors()) {
    if (ancestor === handler.node) break;
    if (Node.isForOfStatement(ancestor) && ancestor.getExpression().getText() === iterable) {
      const list = ancestor.getInitializer();
      const variable = Node.isVariableDeclarationList(list) ? list.getDeclarations()[0]?.getNameNode() : undefined;
      if (variable && Node.isIdentifier(variable)) return toAccess(variable.getText(), path.slice(each + 1));
    }
    if ((Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor))) {
      const call = ancestor.getParent();
      const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
      const parameter = ancestor.getParameters()[0]?.getNameNode();
      if (callee && Node.isPropertyAccessExpression(callee) && ['forEach', 'map'].includes(callee.getName()) && callee.getExpression().getText() === iterable && parameter && Node.isIdentifier(parameter)) {
        return toAccess(parameter.getText(), path.slice(each + 1));
      }
    }
  }
  return { batch: iterable, rest: path.slice(each + 1) };
}

/** A span over a whole batch (`event.Records`): it cannot have every message as parent, but it can link to each. */
interface Batch {
  batch: string;
  /** Path from one element of the batch to the message. */
  rest: readonly string[];
}

/** `({ message }) => …` when the message path starts with `message`: the binding stands for that step. */
function getDestructuredMessage(handler: ConsumerHandler): { name: string } | undefined {
  const fn = handler.node;
  const [first] = handler.operation.message.path;
  if (handler.parameterName !== undefined || first === undefined || first === EACH) return undefined;
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn) && !Node.isFunctionDeclaration(fn) && !Node.isMethodDeclaration(fn)) return undefined;
  const pattern = fn.getParameters()[handler.operation.message.parameter]?.getNameNode();
  if (!pattern || !Node.isObjectBindingPattern(pattern)) return undefined;
  const element = pattern.getElements().find((candidate) => (candidate.getPropertyNameNode()?.getText() ?? candidate.getName()) === first);
  const nameNode = element?.getNameNode();
  return element && !element.getDotDotDotToken() && nameNode && Node.isIdentifier(nameNode) ? { name: nameNode.getText() } : undefined;
}

/**
 * At a consumer that already starts a span but ignores the message's carrier: makes the extracted context the span's
 * parent, or with `link` adds a link to it. A span over a whole batch gets a link to every message.
 */
export function planConsumerSpans(handler: ConsumerHandler, link: boolean, style: FileStyle): ConsumerPlan {
  const plan: ConsumerPlan = { edits: [], helpers: [], skipped: [] };
  const carrier = handler.operation.carriers[0];
  const helper = carrier ? EXTRACT_HELPERS[carrier.encoding] : undefined;
  const starts = handler.body.getDescendantsOfKind(SyntaxKind.CallExpression).filter(isSpanStart);
  if (!carrier || extractsByHand(handler, starts)) return plan;
  for (const start of getSpanStartsToConnect(handler, starts)) {
    // A span given a parent or links from the message already (by wrap-handlers, or a first run) is left alone.
    if (EXTRACTS.test(getStartOptionsText(start))) continue;
    if (!helper) {
      plan.skipped.push({ node: start, reason: `${carrier.description} holds a ${carrier.encoding} carrier, which this codemod does not read yet; extract it by hand` });
      continue;
    }
    const message = getMessageExpression(handler, start);
    if (typeof message !== 'string' && 'reason' in message) {
      plan.skipped.push({ node: start, reason: message.reason });
      continue;
    }
    let edit: TextEdit | string | undefined;
    if (typeof message === 'string') {
      const parent = `${helperRef(helper)}(${toAccess(message, carrier.path)})`;
      edit = link ? planLinks(start, `${helperRef('getTraceLinks')}(${parent})`, style) : planParent(start, parent, style);
    } else {
      // One span for the whole batch: a link to each message (what the semantic conventions ask of batch spans).
      const item = /\bmessage\b/.test(handler.body.getText()) ? 'batchMessage' : 'message';
      const parent = `${helperRef(helper)}(${toAccess(toAccess(item, message.rest), carrier.path)})`;
      edit = planLinks(start, `${message.batch}.flatMap((${item}) => ${helperRef('getTraceLinks')}(${parent}))`, style);
    }
    if (typeof edit === 'string') {
      plan.skipped.push({ node: start, reason: edit });
      continue;
    }
    if (!edit) continue;
    if (handler.shared !== undefined) {
      // The same decision wrap-handlers makes (src/transform/handler-reference.ts): a body other callers run too is
      // not edited for one registration's messages.
      plan.skipped.push({ node: start, reason: `the span is not given the message's context: ${handler.shared}, so the handler's body also runs for other callers; extract the carrier where the message is received` });
      continue;
    }
    plan.edits.push(edit);
    plan.helpers.push(helper);
    if (link || typeof message !== 'string') plan.helpers.push('getTraceLinks');
  }
  if (plan.edits.length > 0 && handler.registration) planCarrierRequest(handler.registration, handler, style, plan);
  return plan;
}

/** The registration asks the broker for the carrier the span now reads (sqs-consumer's `messageAttributeNames`). */
function planCarrierRequest(registration: CallExpression | NewExpression, handler: ConsumerHandler, style: FileStyle, plan: ConsumerPlan): void {
  const requested = planRequestedCarrierKeys(registration, handler.operation, style);
  if (requested?.kind === 'edit') plan.edits.push({ ...requested.edit, label: `ask for the carrier in ${handler.operation.requestedCarrierKeys!.option}` });
  if (requested?.kind === 'note') (plan.reviews ??= []).push({ node: registration, reason: requested.reason });
}

function isActive(start: CallExpression): boolean {
  const callee = start.getExpression();
  return Node.isPropertyAccessExpression(callee) && ACTIVE_SPAN_START_METHODS.includes(callee.getName());
}

/** `startActiveSpan(name, fn)` → `(name, {}, ctx, fn)`; `startSpan(name, opts)` → `(name, opts, ctx)`. */
function planParent(start: CallExpression, parent: string, style: FileStyle): TextEdit | undefined {
  const args = start.getArguments();
  if (isActive(start)) {
    if (args.length >= 4 || args.length < 2) return undefined;
    const after = args.length === 2 ? args[0]! : args[1]!;
    return { start: after.getEnd(), end: after.getEnd(), text: args.length === 2 ? `, {}, ${parent}` : `, ${parent}` };
  }
  if (args.length >= 3 || args.length === 0) return undefined;
  return args.length === 1 ? addArgumentEdit(start, 1, `{}, ${parent}`, style.eol) : addArgumentEdit(start, 2, parent, style.eol);
}

/**
 * Adds `links: <links>` to the span's options, creating them when there are none. Options on one line that would grow
 * past the file's line width are written one member a line (when every member is a plain `key: value`).
 */
function planLinks(start: CallExpression, expression: string, style: FileStyle): TextEdit | string | undefined {
  const args = start.getArguments();
  const text = start.getSourceFile().getFullText();
  const hasOptions = isActive(start) ? args.length >= 3 : args.length >= 2;
  if (!hasOptions) {
    if (args.length === 0) return undefined;
    const at = args[0]!.getEnd();
    return { start: at, end: at, text: `, ${renderOptions(text, at, at, 2, [{ key: 'links', value: expression }], style)}` };
  }
  const options = args[1]!;
  if (!Node.isObjectLiteralExpression(options)) return 'the span options are not an object literal the link can be added to';
  if (getMember(options, 'links')) return 'the span already has links; add the message’s context to them by hand';
  const members = options.getProperties();
  if (members.length > 0 && options.getStartLineNumber() === options.getEndLineNumber() && members.every((member) => Node.isPropertyAssignment(member))) {
    const written: WrittenMember[] = members.map((member) => ({ key: member.getNameNode().getText(), value: member.getInitializerOrThrow().getText() }));
    written.push({ key: 'links', value: expression });
    return { start: options.getStart(), end: options.getEnd(), text: renderOptions(text, options.getStart(), options.getEnd(), 0, written, style) };
  }
  return addObjectMemberEdit(options, `links: ${expression}`, style.eol, style.indentUnit);
}

/**
 * Span options that replace `[from, to)` of the file (`extra` characters written before them): on one line when that
 * line still fits the file's width, else one member a line.
 */
function renderOptions(text: string, from: number, to: number, extra: number, members: WrittenMember[], style: FileStyle): string {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', to);
  const rest = text.slice(lineStart, from).length + text.slice(to, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '').length;
  const oneLine = renderObjectOnOneLine(members);
  const width = style.lineWidth ?? DEFAULT_LINE_WIDTH;
  // Measured as the file will read: helper placeholders become the helpers' names.
  if (rest + extra + oneLine.replace(PLACEHOLDER_PATTERN, (match, helper: string | undefined) => helper ?? match).length <= width) return oneLine;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return renderObjectOverLines(members, { indent, indentUnit: style.indentUnit, eol: style.eol, semicolons: style.semicolons, width });
}
