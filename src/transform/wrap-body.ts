import { Node, SyntaxKind, ts, type ArrowFunction, type Block, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration } from 'ts-morph';
import { ENTRY_POINT_ATTRIBUTES } from '../catalog/entry-points.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_END_METHODS, SPAN_START_METHODS } from '../catalog/otel-api.js';
import type { FileStyle } from './file-style.js';
import { applyTextEdits, shiftEdits, type TextEdit } from './text-edits.js';

export type { TextEdit } from './text-edits.js';
import { DEFAULT_LINE_WIDTH } from './line-width.js';
import { renderObjectOnOneLine, renderObjectOverLines, type WrittenMember } from './object-literal.js';

/** A function whose body can be run inside a span. */
export type WrappableFunction = ArrowFunction | FunctionExpression | FunctionDeclaration | MethodDeclaration;

export function isWrappableFunction(node: Node | undefined): node is WrappableFunction {
  return node !== undefined && (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node));
}

/** What the span around a body looks like, as source text the caller has built for the file. */
export interface SpanWrapSpec {
  /** The tracer variable. */
  tracer: string;
  /** Span name expression (a quoted literal or a template). */
  name: string;
  /**
   * The options object, `{ kind: SpanKind.SERVER, attributes: { … } }`: as text, or as members, written on one line when
   * the call's line fits the file's line width and over several lines when it does not.
   */
  options: string | WrittenMember[];
  /** Parent context expression (`propagation.extract(…)`), or none to use the active context. */
  parentContext?: string;
  /** How the file refers to `SpanStatusCode`. */
  statusCode: string;
  /**
   * Server spans: a thrown error that carries an HTTP status below 500 (`ctx.throw(404)`, a Nest `HttpException`,
   * http-errors) is the client's, so it is recorded without the ERROR status.
   */
  clientErrorsAreNotErrors?: boolean;
  /** Where a thrown error carries its HTTP status (default `status`, `statusCode`); the first one set counts. */
  errorStatusFields?: readonly string[];
  /**
   * The framework answers a thrown error itself with the error's status when it is a 4xx or 5xx, and 500 otherwise
   * (Koa, Fastify): the catch records that status code, and ERROR exactly when it is a 5xx.
   */
  thrownErrorsAnswered?: boolean;
  /**
   * The span ends with the response, whose status code decides ERROR (`endSpan`): the catch only records the error,
   * which the app's error handler may answer with any status.
   */
  statusFromResponse?: boolean;
  /** The callback is async although the function is not: the function is declared to return a promise. */
  forceAsync?: boolean;
  /** Statements (without their semicolon) run in `finally` before the span ends, given the span variable. */
  beforeEnd?: (span: string) => string[];
  /** Complete statements (with their semicolons) that end the span in `finally`, instead of `span.end()`; given the span variable. */
  endSpan?: (span: string) => string[];
  /** Edits inside the function's body, given the span variable; offsets are into the file's text. */
  bodyEdits?: (span: string) => TextEdit[];
  /**
   * Async handlers whose result is the response (a Lambda's `{ statusCode }`): statements (without their semicolon)
   * run on the result before it is returned, given the span and result variables. The body then runs in an inner
   * async arrow whose result is awaited.
   */
  afterResult?: (span: string, result: string) => string[];
  /**
   * The wraps of handlers inside this one, planned first on the same tree (offsets into the file's text): they are
   * written into the moved body, as if they had been made in the file before this wrap.
   */
  innerEdits?: readonly TextEdit[];
  /** Names the wraps planned inside this handler's scope introduce: the span variable avoids them too. */
  usedNames?: ReadonlySet<string>;
}

/** Why a function's body cannot be moved into a span callback as it is, or undefined when it can. */
export function getUnwrappableReason(fn: WrappableFunction): string | undefined {
  if (!fn.getBody()) return 'it has no body';
  if ((Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) && fn.isGenerator()) {
    return 'it is a generator: its body cannot run inside a span callback';
  }
  return undefined;
}

/**
 * Whether the function's body already runs inside a span of its own (so a second run of the codemod, or a handler
 * instrumented by hand, is left alone): see isWrappedInSpan.
 */
export function isAlreadyTraced(fn: WrappableFunction): boolean {
  const body = fn.getBody();
  return body !== undefined && isWrappedInSpan(body);
}

/**
 * Whether a body ends inside a span: its last statement returns, awaits or is a `startActiveSpan(…)` call (the
 * shape this helper writes), or it is a `try` with a `finally` that ends a span started before it by `startSpan`
 * (`const span = tracer.startSpan(…); try { … } finally { span.end(); }`). Spans started around part of the work
 * (a child span for a query) do not count: the handler still gets its entry span, and they become its children.
 */
export function isWrappedInSpan(body: Node): boolean {
  if (!Node.isBlock(body)) return isStartCall(unwrapExpression(body), ACTIVE_SPAN_START_METHODS);
  const statements = body.getStatements();
  const last = statements.at(-1);
  if (!last) return false;
  if (isStartCall(getStatementExpression(last), ACTIVE_SPAN_START_METHODS)) return true;
  if (!Node.isTryStatement(last)) return false;
  const ends = last.getFinallyBlock()?.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && SPAN_END_METHODS.includes(callee.getName());
  });
  return ends === true && statements.slice(0, -1).some((statement) => isStartCall(getStatementExpression(statement), SPAN_START_METHODS));
}

/** The expression a statement evaluates: `return x`, `x;`, or the initializer of `const a = x`. */
function getStatementExpression(statement: Node): Node | undefined {
  if (Node.isReturnStatement(statement) || Node.isExpressionStatement(statement)) {
    const expression = statement.getExpression();
    return expression && unwrapExpression(expression);
  }
  if (Node.isVariableStatement(statement)) {
    const initializer = statement.getDeclarations()[0]?.getInitializer();
    return initializer && unwrapExpression(initializer);
  }
  return undefined;
}

function unwrapExpression(expression: Node): Node {
  let current = expression;
  while (Node.isAwaitExpression(current) || Node.isParenthesizedExpression(current) || Node.isVoidExpression(current)) current = current.getExpression();
  return current;
}

function isStartCall(node: Node | undefined, methods: readonly string[]): boolean {
  if (!node || !Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  return Node.isPropertyAccessExpression(callee) && methods.includes(callee.getName());
}

/** A name for the span parameter that no identifier in `scope` (nor the wraps planned inside it) already uses. */
function getSpanVariable(scope: Node, candidates: readonly string[], alsoUsed: ReadonlySet<string> = new Set()): string {
  const used = new Set(scope.getDescendantsOfKind(SyntaxKind.Identifier).map((identifier) => identifier.getText()));
  return [...candidates, 'otelSpan', 'otelHandlerSpan'].find((name) => !used.has(name) && !alsoUsed.has(name)) ?? 'otelHandlerSpan';
}

/** The identifiers of a wrapped body as written (a block), for the span variables of the handlers around it. */
export function getIdentifiersOfBody(text: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('body.ts', `async function f() ${text}`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX));
  return names;
}

/** Template literal ranges in a piece of code (statements, or an expression), relative to its start. */
function getTemplateRangesOfText(text: string, expression: boolean): Array<readonly [number, number]> {
  const prefix = expression ? 'async () => (' : 'async function f() {';
  const ranges: Array<readonly [number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) ranges.push([node.getStart(file) - prefix.length, node.getEnd() - prefix.length]);
    ts.forEachChild(node, visit);
  };
  const file = ts.createSourceFile('piece.ts', `${prefix}${text}${expression ? ')' : '}'}`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  visit(file);
  return ranges;
}

/** The leading whitespace of the line that holds `offset`. */
export function getLineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * The text range of the function's body and the block that replaces it: the original statements, moved two levels
 * in, run by `tracer.startActiveSpan(name, options, [parentContext,] (span) => { try … catch … finally … })`, whose
 * result the function returns. The callback is an arrow, so `this`, `arguments` and `super` keep their meaning; it is
 * async exactly when the function is, so a sync handler stays sync; a `return` in the body returns from the callback
 * and then, with the same value, from the function. Lines inside multi-line template literals are left as they are.
 */
export function buildWrappedBody(fn: WrappableFunction, spec: SpanWrapSpec, style: FileStyle): TextEdit {
  const body = fn.getBody();
  if (!body) throw new Error('buildWrappedBody needs a function with a body');
  const fullText = fn.getSourceFile().getFullText();
  const semicolon = style.semicolons ? ';' : '';
  const base = getLineIndent(fullText, body.getStart());
  const inner = base + style.indentUnit;
  const isAsync = fn.isAsync() || spec.forceAsync === true;
  const span = getSpanVariable(fn, ['span', 'handlerSpan'], spec.usedNames);
  const edits = [...(spec.bodyEdits?.(span) ?? []), ...(isAsync && Node.isBlock(body) ? getReturnAwaitEdits(body) : []), ...(spec.innerEdits ?? [])];
  const result = isAsync && spec.afterResult ? getSpanVariable(fn, ['result', 'handlerResult', 'otelResult'], spec.usedNames) : undefined;
  // An expression body is the result itself: `const result = await c.json(…)`, with no inner function to return from.
  const awaited = isAsync && needsAwait(body) ? 'await ' : '';
  const lead = result ? `const ${result} = ${awaited}` : `return ${awaited}`;
  const lines = Node.isBlock(body) ? getBlockLines(body, inner, fullText, edits, (spec.innerEdits?.length ?? 0) > 0) : getExpressionLines(body, inner, style.indentUnit, semicolon, lead, spec.innerEdits ?? []);
  return { start: body.getStart(), end: body.getEnd(), text: renderWrapped(lines, base, 'return ', isAsync, span, spec, style, result === undefined ? undefined : { name: result, direct: !Node.isBlock(body) }) };
}

/**
 * In an async callback, `return work()` hands the promise on and the `finally` ends the span at once: the span ends
 * before the work and never sees its rejection. `return await work()` keeps both inside the span. Only calls are
 * awaited (a value that is already a variable was made before), and calls on the response (`res.json(…)`, `c.json(…)`)
 * are left alone.
 */
function getReturnAwaitEdits(body: Block): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const node of getOwnDescendants(body)) {
    if (!Node.isReturnStatement(node)) continue;
    const expression = node.getExpression();
    if (expression && needsAwait(expression)) edits.push({ start: expression.getStart(), end: expression.getStart(), text: 'await ' });
  }
  return edits;
}

/** Whether a returned expression is a call (or `new`) whose promise, if it is one, is not awaited yet. */
function needsAwait(expression: Node): boolean {
  let value = expression;
  while (Node.isParenthesizedExpression(value) || Node.isAsExpression(value) || Node.isNonNullExpression(value)) value = value.getExpression();
  if (!Node.isCallExpression(value) && !Node.isNewExpression(value)) return false;
  if (Node.isNewExpression(value) && value.getExpression().getText() !== 'Promise') return false;
  return !isResponseCall(value);
}

/** The response, the framework's context or the fetch `Response` class: calls on them answer the request and return no promise. */
const RESPONSE_PARAMETER = /^(res|response|reply|c|ctx|Response|NextResponse)$/;

function isResponseCall(value: Node): boolean {
  let root: Node = value;
  while (Node.isCallExpression(root) || Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root) || !RESPONSE_PARAMETER.test(root.getText())) return false;
  // Koa's `ctx` is also where `ctx.render(…)` and friends live, which may be async: only the fetch-style `c.json` and the
  // response objects count.
  return root.getText() !== 'ctx';
}

/**
 * The same for the body of a loop over received messages (`for (const record of event.Records) { … }`): one span
 * per iteration, awaited when the body awaits. The body must not `return`, `break` or `continue` out of itself
 * (see getJumpOutOfBlock), since it becomes a callback.
 */
export function buildWrappedLoopBody(block: Block, enclosing: Node, spec: SpanWrapSpec, style: FileStyle): TextEdit {
  const fullText = block.getSourceFile().getFullText();
  const base = getLineIndent(fullText, block.getStart());
  const awaits = hasOwnAwait(block);
  const span = getSpanVariable(enclosing, ['span', 'messageSpan'], spec.usedNames);
  const lines = getBlockLines(block, base + style.indentUnit, fullText, spec.innerEdits ?? [], (spec.innerEdits?.length ?? 0) > 0);
  return { start: block.getStart(), end: block.getEnd(), text: renderWrapped(lines, base, awaits ? 'await ' : '', awaits, span, spec, style) };
}

/**
 * The result variable of a body whose result is read after it runs (`afterResult`); `direct` when the lines already
 * assign it (an expression body), else the body runs in an inner async function whose returns give it.
 */
interface ResultVariable {
  name: string;
  direct: boolean;
}

function renderWrapped(lines: BodyLine[], base: string, lead: string, isAsync: boolean, span: string, spec: SpanWrapSpec, style: FileStyle, result?: ResultVariable): string {
  const { eol, indentUnit: unit } = style;
  const semicolon = style.semicolons ? ';' : '';
  const inner = base + unit;
  const callbackHead = `${isAsync ? 'async ' : ''}(${span}) => {`;
  const call = `${inner}${lead}${spec.tracer}.startActiveSpan(`;
  const brokenArguments = getStartArgumentsOverLines(call, callbackHead, spec, style);
  // Arguments one a line put the callback one level further in, and its body with it.
  const callbackIndent = brokenArguments ? inner + unit : inner;
  const tryIndent = callbackIndent + unit;
  const bodyIndent = tryIndent + unit;
  const shift = (brokenArguments ? unit : '') + (result && !result.direct ? unit + unit + unit : unit + unit);
  const bodyLines = lines.map((line) => (line.inTemplate || line.text.trim() === '' ? line.text.trimEnd() : shift + line.text));
  const afterResult = result
    ? (spec.afterResult?.(span, result.name) ?? []).map((line) => `${bodyIndent}${line.replaceAll('\t', unit)}`).map((line) => (line.endsWith('{') || line.endsWith('}') ? line : `${line}${semicolon}`))
    : [];
  const movedLines = !result
    ? bodyLines
    : result.direct
      ? [...bodyLines, ...afterResult, `${bodyIndent}return ${result.name}${semicolon}`]
      : [`${bodyIndent}const ${result.name} = await (async () => {`, ...bodyLines, `${bodyIndent}})()${semicolon}`, ...afterResult, `${bodyIndent}return ${result.name}${semicolon}`];
  const errorMessage = 'error instanceof Error ? error.message : String(error)';
  const setError = `${span}.setStatus({ code: ${spec.statusCode}.ERROR, message: ${errorMessage} })${semicolon}`;
  // `Object(error)` reads a status from any thrown value without a cast, in TypeScript and JavaScript alike.
  const errorStatusRead = (spec.errorStatusFields ?? ['status', 'statusCode']).map((field) => `Object(error).${field}`).join(' ?? ');
  const errorStatus = spec.statusFromResponse
    ? []
    : spec.thrownErrorsAnswered
    ? [
        `${bodyIndent}const status = Number(${errorStatusRead})${semicolon}`,
        `${bodyIndent}${span}.setAttribute(${style.quote}${ENTRY_POINT_ATTRIBUTES.httpResponseStatusCode}${style.quote}, status >= 400 && status < 600 ? status : 500)${semicolon}`,
        `${bodyIndent}if (!(status >= 400 && status < 500)) {`,
        `${bodyIndent}${unit}${setError}`,
        `${bodyIndent}}`,
      ]
    : spec.clientErrorsAreNotErrors
    ? [
        `${bodyIndent}if (!(Number(${errorStatusRead}) < 500)) {`,
        `${bodyIndent}${unit}${setError}`,
        `${bodyIndent}}`,
      ]
    : [`${bodyIndent}${setError}`];
  const beforeEnd = (spec.beforeEnd?.(span) ?? []).flatMap((statement) => statement.split('\n').map((line) => `${bodyIndent}${line.replaceAll('\t', unit)}`));
  const head = brokenArguments
    ? [call.trimEnd(), ...brokenArguments.map((argument) => `${callbackIndent}${argument},`), `${callbackIndent}${callbackHead}`]
    : [`${call}${renderStartArguments(call, `, ${callbackHead}`, inner, spec, style)}, ${callbackHead}`];
  const tail = brokenArguments ? [`${callbackIndent}},`, `${inner})${semicolon}`] : [`${inner}})${semicolon}`];
  return [
    '{',
    ...head,
    `${tryIndent}try {`,
    ...movedLines,
    `${tryIndent}} catch (error) {`,
    `${bodyIndent}${span}.recordException(error instanceof Error ? error : String(error))${semicolon}`,
    ...errorStatus,
    `${bodyIndent}throw error${semicolon}`,
    `${tryIndent}} finally {`,
    ...beforeEnd.map((line) => (line.endsWith('{') || line.endsWith('}') ? line : `${line}${semicolon}`)),
    ...(spec.endSpan ? spec.endSpan(span).flatMap((statement) => statement.split('\n')).map((line) => `${bodyIndent}${line.replaceAll('\t', unit)}`) : [`${bodyIndent}${span}.end()${semicolon}`]),
    `${tryIndent}}`,
    ...tail,
    `${base}}`,
  ].join(eol);
}

/** `name, options[, parentContext]`, with the options over several lines when the call's line would be too long. */
function renderStartArguments(before: string, after: string, indent: string, spec: SpanWrapSpec, style: FileStyle): string {
  const parent = spec.parentContext ? [spec.parentContext] : [];
  if (typeof spec.options === 'string') return [spec.name, spec.options, ...parent].join(', ');
  const oneLine = [spec.name, renderObjectOnOneLine(spec.options), ...parent].join(', ');
  const width = style.lineWidth ?? DEFAULT_LINE_WIDTH;
  if (before.length + oneLine.length + after.length <= width) return oneLine;
  const options = renderObjectOverLines(spec.options, { indent, indentUnit: style.indentUnit, eol: style.eol, semicolons: style.semicolons, width });
  return [spec.name, options, ...parent].join(', ');
}

/**
 * Options chosen at run time (`getLambdaTriggerSpanOptions(event)`) are a call, not an object that could be broken:
 * when the call's first line would run past the file's line width, its arguments go one a line, the callback last, as
 * Prettier writes a call whose arguments do not fit. Undefined when the line fits, or the options are an object.
 */
function getStartArgumentsOverLines(call: string, callbackHead: string, spec: SpanWrapSpec, style: FileStyle): string[] | undefined {
  if (typeof spec.options !== 'string') return undefined;
  const startArguments = [spec.name, spec.options, ...(spec.parentContext ? [spec.parentContext] : [])];
  const width = style.lineWidth ?? DEFAULT_LINE_WIDTH;
  return `${call}${startArguments.join(', ')}, ${callbackHead}`.length <= width ? undefined : startArguments;
}

/** Nodes of `block` that are not inside a function nested in it. */
function getOwnDescendants(block: Node): Node[] {
  const own: Node[] = [];
  block.forEachDescendant((node, traversal) => {
    if (isWrappableFunction(node) || Node.isFunctionLikeDeclaration(node)) {
      traversal.skip();
      return;
    }
    own.push(node);
  });
  return own;
}

function hasOwnAwait(block: Node): boolean {
  return getOwnDescendants(block).some((node) => Node.isAwaitExpression(node) || (Node.isForOfStatement(node) && node.isAwaited()));
}

/** A `return`, `yield`, labelled jump, or `break`/`continue` of a loop or switch outside `block`, if the block has one. */
export function getJumpOutOfBlock(block: Block): Node | undefined {
  return getOwnDescendants(block).find((node) => {
    if (Node.isReturnStatement(node) || Node.isYieldExpression(node)) return true;
    if (!Node.isBreakStatement(node) && !Node.isContinueStatement(node)) return false;
    if (node.getLabel()) return true;
    for (let parent: Node | undefined = node.getParent(); parent && parent !== block; parent = parent.getParent()) {
      if (Node.isIterationStatement(parent) || (Node.isBreakStatement(node) && Node.isSwitchStatement(parent))) return false;
    }
    return true;
  });
}

interface BodyLine {
  text: string;
  /** The line starts inside a multi-line template literal: its leading whitespace is part of a string. */
  inTemplate: boolean;
}

/** `return <expression>;` for an expression body; its continuation lines keep their place relative to the first. */
function getExpressionLines(body: Node, inner: string, unit: string, semicolon: string, lead: string, innerEdits: readonly TextEdit[]): BodyLine[] {
  const nested = innerEdits.length > 0;
  const expression = nested ? applyTextEdits(body.getText(), shiftEdits(innerEdits, body.getStart())) : body.getText();
  const templates = nested ? getTemplateRangesOfText(expression, true).map(([start, end]) => [start + body.getStart(), end + body.getStart()] as const) : getTemplateRanges(body);
  let offset = body.getStart();
  return `${lead}${expression}${semicolon}`.split('\n').map((raw, index) => {
    const text = raw.replace(/\r$/, '');
    const inTemplate = index > 0 && templates.some(([start, end]) => offset > start && offset < end);
    const line = { text: index === 0 ? inner + text : inTemplate ? text : unit + text, inTemplate };
    offset += (index === 0 ? raw.length - lead.length : raw.length) + 1;
    return line;
  });
}

function getTemplateRanges(node: Node): Array<readonly [number, number]> {
  return [node, ...node.getDescendants()]
    .filter((candidate) => Node.isNoSubstitutionTemplateLiteral(candidate) || Node.isTemplateExpression(candidate))
    .map((candidate) => [candidate.getStart(), candidate.getEnd()] as const);
}

/** The lines between a block's braces, without the empty first and last ones; a statement on the `{` line is moved to its own line. */
function getBlockLines(body: Node, inner: string, fullText: string, edits: readonly TextEdit[], nested = false): BodyLine[] {
  const open = body.getStart() + 1;
  const close = body.getEnd() - 1;
  const text = applyTextEdits(fullText.slice(open, close), shiftEdits(edits, open));
  // Edits are insertions, or replacements of whole expressions (the templates in one are gone): a template's range
  // moves by what is inserted before it. Wraps of inner handlers move whole bodies, so then the templates are read off
  // the edited text.
  const shift = (offset: number): number => edits.reduce((total, edit) => (edit.end <= offset ? total + edit.text.length - (edit.end - edit.start) : total), 0);
  const isReplaced = (start: number, end: number): boolean => edits.some((edit) => edit.end > edit.start && edit.start <= start && end <= edit.end);
  const templates = nested
    ? getTemplateRangesOfText(text, false).map(([start, end]) => [start + open, end + open] as const)
    : getTemplateRanges(body)
        .filter(([start, end]) => !isReplaced(start, end))
        .map(([start, end]) => [start + shift(start), end + shift(start)] as const);
  const lines: BodyLine[] = [];
  let offset = open;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    lines.push({ text: line, inTemplate: templates.some(([start, end]) => offset > start && offset < end) });
    offset += raw.length + 1;
  }
  if (lines.length > 0 && lines[0]!.text.trim() === '') lines.shift();
  else if (lines.length > 0) lines[0] = { text: inner + lines[0]!.text.trim(), inTemplate: false };
  if (lines.length > 0 && lines.at(-1)!.text.trim() === '') lines.pop();
  else if (lines.length > 0 && lines.length === 1) lines[0] = { text: lines[0]!.text.trimEnd(), inTemplate: false };
  return lines;
}
