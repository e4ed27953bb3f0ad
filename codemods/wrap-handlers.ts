import { extname } from 'node:path';
import { Node, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { HTTP_AUTO_INSTRUMENTATION_PACKAGES, HTTP_ENTRY_POINTS, LAMBDA_HANDLER_EXPORT_NAMES, LAMBDA_TYPE_MODULES } from '../src/catalog/entry-points.js';
import { CONSUME_OPERATIONS } from '../src/catalog/messaging/index.js';
import { OTEL_API_MODULE, SPAN_START_METHODS } from '../src/catalog/otel-api.js';
import { detectFileStyle, type FileStyle } from '../src/transform/file-style.js';
import { transformWithEdits, type EditPlan } from '../src/transform/edit-plan.js';
import { withParsedFile, withProjectFile } from '../src/transform/parse.js';
import { createExportedNameTest, createModuleImportTest } from '../src/transform/source-prefilter.js';
import { applyTextEdits, replaceNodeEdit, type TextEdit } from '../src/transform/text-edits.js';
import { getMissingDependencyNote, getNearestDependencies } from '../src/transform/project-manifest.js';
import { keepFileForOldTypeScript } from '../src/transform/project-typescript.js';
import type { CodemodTransform, TransformInput, TransformNote, TransformOptions, TransformOutput } from '../src/transform/types.js';
import { buildWrappedBody, buildWrappedLoopBody, getIdentifiersOfBody, getUnwrappableReason, isAlreadyTraced, isWrappedInSpan, type WrappableFunction } from '../src/transform/wrap-body.js';
import { returnsPromiseOnEveryPath, returnsPromiseWithoutAsync } from '../src/transform/promise-returns.js';
import { provideGetterHelpers } from './wrap-handlers/getter-helpers.js';
import { getHandedOnErrorNotes } from './wrap-handlers/handed-on-errors.js';
import { collectConsumers, getSharedConsumerReferences } from './wrap-handlers/consumers.js';
import { collectHttpHandlers } from './wrap-handlers/http.js';
import { collectLambdaHandlers, getLambdaExportNames } from './wrap-handlers/lambda.js';
import { collectNestMicroserviceHandlers, NEST_MICROSERVICES_MODULES } from './wrap-handlers/nest-microservices.js';
import { collectNestProcessors, NEST_BULLMQ_MODULES } from './wrap-handlers/nest-processors.js';
import { LAMBDA_TRIGGER_HELPERS, renderLambdaTriggerHelpers, type TriggerSpan } from './wrap-handlers/lambda-triggers.js';
import { renderSpanSpec, type ApiRefs } from './wrap-handlers/render.js';
import { skippedNote, type Collected, type WrapTarget } from './wrap-handlers/target.js';

const NEST_COMMON_MODULE = '@nestjs/common';

/**
 * The cheap text test, from the catalog: every entry point the collectors find is in a file that imports a framework
 * or messaging module (or Nest's BullMQ module), declares a Lambda handler under an export name, or, for file routes
 * (Next.js `app/**\/route.ts`), declares a function named after an HTTP method in a file at such a path.
 */
const importsEntryPointModule = createModuleImportTest([
  ...HTTP_ENTRY_POINTS.flatMap((entry) => ('modules' in entry ? entry.modules : [])),
  ...CONSUME_OPERATIONS.flatMap((operation) => operation.modules),
  ...NEST_BULLMQ_MODULES,
  ...LAMBDA_TYPE_MODULES,
  ...NEST_MICROSERVICES_MODULES,
]);
const FILE_ROUTES = HTTP_ENTRY_POINTS.filter((entry) => entry.kind === 'file-route').map((entry) => ({ entry, declares: createExportedNameTest(entry.exportNames) }));
const declaresDefaultLambdaHandler = createExportedNameTest(LAMBDA_HANDLER_EXPORT_NAMES);

function mayHoldEntryPoint(source: string, file?: { path: string; options: TransformOptions }): boolean {
  if (importsEntryPointModule(source)) return true;
  const exportNames = getLambdaExportNames(file?.options.lambdaExportNames);
  if (exportNames ? createExportedNameTest(exportNames)(source) : declaresDefaultLambdaHandler(source)) return true;
  const path = file?.path.replace(/\\/g, '/');
  return FILE_ROUTES.some(({ entry, declares }) => (path === undefined || entry.filePattern.test(path)) && declares(source));
}

export const wrapHandlers: CodemodTransform = {
  name: 'wrap-handlers',
  description:
    'Runs every HTTP route, Lambda handler and message consumer inside a span that ends, records errors and, for messages, continues the producer’s trace.',
  mayApply: mayHoldEntryPoint,
  apply,
};

function apply(input: TransformInput): TransformOutput {
  // 0. Handlers passed by reference in frameworks that await them become inline arrows that call them (see Collected):
  //    the only step that needs a second parse, of the text with the arrows, and only in files that have such handlers.
  const inlined = inlineHandlerReferences(input);
  const symbols = needsSymbols(input.path);
  const output = transformWithEdits({ ...input, source: inlined }, ({ sourceFile, style }, plan) => {
    // 1. Find entry points; a file with none (or only instrumented ones) is returned as it was.
    const found = collectTargets(sourceFile, input);
    if (found.targets.length === 0) return found.notes;
    // 2. Make the API and a tracer available once for the whole file.
    // A handler of several triggers extracts in helpers at the file's top level, where `context` is the API's.
    const extracting = found.targets.filter((target) => target.extraction !== undefined || target.links !== undefined || target.triggers !== undefined);
    const shadowed = extracting.filter((target) => !target.triggers && isNameShadowed(getSite(target), 'context')).length;
    const refs = ensureApi(plan, input, { activeContext: shadowed < extracting.length, rootContext: shadowed > 0 });
    refs.getterHelpers = provideGetterHelpers(plan, found.targets);
    provideLambdaTriggerHelpers(plan, found.targets, refs, input.path);
    if (found.targets.some((target) => target.http?.headersParameter)) refs.nestHeaders = plan.importNames(NEST_COMMON_MODULE, ['Headers']).Headers;
    // 3. Wrap the handlers, all planned on this one tree (see wrapTargets).
    wrapTargets(plan, found.targets, input, refs, style);
    const dependency = getMissingDependencyNote(input.path, OTEL_API_MODULE);
    return dependency ? [dependency, ...found.notes] : found.notes;
  }, { symbols });
  // Inlined references without a handler to wrap are not worth a change.
  return keepFileForOldTypeScript(input, output.source === inlined ? { ...output, source: input.source } : output);
}

/**
 * The helpers that choose the span of a Lambda handler serving several triggers, written once at the end of the file
 * with a case for every trigger the file's handlers show; a file that has them already (an earlier run) keeps its own.
 */
function provideLambdaTriggerHelpers(plan: EditPlan, targets: readonly WrapTarget[], refs: ApiRefs, path: string): void {
  const spans = new Map<string, TriggerSpan>();
  for (const span of targets.flatMap((target) => target.triggers?.spans ?? [])) if (!spans.has(span.trigger)) spans.set(span.trigger, span);
  if (!targets.some((target) => target.triggers) || plan.sourceFile.getFunction(LAMBDA_TRIGGER_HELPERS.options)) return;
  plan.append(renderLambdaTriggerHelpers([...spans.values()], refs, { typescript: !/\.(c|m)?jsx?$/i.test(path), style: plan.style }));
}

function isTypeScriptPath(path: string): boolean {
  return !/\.(c|m)?jsx?$/i.test(extname(path));
}

/** A file route (Next.js `app/**\/route.ts`) has its exports read through symbols, which need the file in a project. */
function needsSymbols(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  return FILE_ROUTES.some(({ entry }) => entry.filePattern.test(normalized));
}

/** The text with handler references turned into inline functions that call them (see Collected), or the input's own text when there are none. */
function inlineHandlerReferences(input: TransformInput): string {
  return (needsSymbols(input.path) ? withProjectFile : withParsedFile)(input, ({ sourceFile }) => {
    const references = [...(getHttpHandlers(sourceFile, input.path).references ?? []), ...getSharedConsumerReferences(sourceFile, { isTypeScript: isTypeScriptPath(input.path), semicolons: detectFileStyle(sourceFile.getFullText()).semicolons })];
    if (references.length === 0) return input.source;
    const edits = references.map(({ node, text }) => replaceNodeEdit(node, text));
    return applyTextEdits(sourceFile.getFullText(), edits);
  });
}

/**
 * Plans the wraps from the last target to the first, on one tree, as if they were made one at a time: a handler
 * around another one takes the inner wrap into its moved body (its edits are taken out of the plan and written
 * inside), and a span variable avoids the names the wraps planned inside its scope introduce.
 */
function wrapTargets(plan: EditPlan, targets: WrapTarget[], input: TransformInput, refs: ApiRefs, style: FileStyle): void {
  const sourceFile = plan.sourceFile;
  const planned: Array<{ start: number; end: number; text: string; names?: Set<string> }> = [];
  for (const target of [...targets].sort((a, b) => getSite(b).getStart() - getSite(a).getStart())) {
    const scope = getNameScope(target, sourceFile);
    const [scopeStart, scopeEnd] = [scope.getPos(), scope.getEnd()];
    const usedNames = new Set<string>();
    for (const site of planned) {
      if (site.start < scopeStart || site.end > scopeEnd) continue;
      site.names ??= getIdentifiersOfBody(site.text);
      for (const name of site.names) usedNames.add(name);
    }
    const body = target.loop?.getStatement() ?? target.fn?.getBody();
    const innerEdits = body ? plan.takeEditsWithin(body.getStart(), body.getEnd()) : [];
    const [wrap, ...others] = planWrap(target, input, refs, style, sourceFile, { innerEdits, usedNames });
    plan.add({ ...wrap!, label: `wrap the handler at line ${getLineNumber(getSite(target))}` });
    plan.addAll(others.map((edit) => ({ ...edit, label: 'add the @Headers() parameter' })));
    plan.addAll(target.registrationEdits ?? []);
    const site = getSite(target);
    planned.push({ start: site.getStart(), end: site.getEnd(), text: wrap!.text });
  }
}

/** Where the span variable of a target must not clash with a name: its function, or the scope around its loop. */
function getNameScope(target: WrapTarget, sourceFile: SourceFile): Node {
  return target.loop ? (target.fn ?? sourceFile) : getSite(target);
}

/** The edits that wrap one target: its body, and the `@Headers()` parameter a Nest route gets before it. */
function planWrap(
  target: WrapTarget,
  input: TransformInput,
  refs: ApiRefs,
  style: FileStyle,
  sourceFile: SourceFile,
  nested: { innerEdits: readonly TextEdit[]; usedNames: ReadonlySet<string> },
): TextEdit[] {
  const contextRoot = refs.context?.split('.')[0] ?? '';
  const activeContext = refs.rootContext && (!refs.context || isNameShadowed(getSite(target), contextRoot)) ? refs.rootContext : `${refs.context}.active()`;
  const spec = { ...renderSpanSpec(target, { ...refs, activeContext }, getSpanKind(target, input.path), style), forceAsync: target.fn !== undefined && isDeclaredAsync(target), ...nested };
  const body = target.loop?.getStatement();
  const edit = body && Node.isBlock(body) ? buildWrappedLoopBody(body, target.fn ?? sourceFile, spec, style) : buildWrappedBody(target.fn!, spec, style);
  const parameter = target.http?.headersParameter && target.fn ? getHeadersParameterEdit(target.fn, target.http.headersParameter, refs.nestHeaders ?? 'Headers', input.path) : undefined;
  return parameter ? [edit, parameter] : [edit];
}

// The HTTP handlers of a parse: asked once to inline handler references and, on the same parse when there are none,
// again for the targets.
const httpHandlers = new WeakMap<SourceFile, Collected>();

function getHttpHandlers(sourceFile: SourceFile, path: string): Collected {
  let collected = httpHandlers.get(sourceFile);
  if (!collected) httpHandlers.set(sourceFile, (collected = collectHttpHandlers(sourceFile, path)));
  return { targets: [...collected.targets], notes: [...collected.notes], ...(collected.references ? { references: collected.references } : {}) };
}

/** Every entry point of the file that is not instrumented yet; the ones it must leave alone become notes. */
function collectTargets(sourceFile: SourceFile, input: TransformInput): Collected {
  const exportNames = getLambdaExportNames(input.options.lambdaExportNames);
  const isTypeScript = isTypeScriptPath(input.path);
  const { quote } = detectFileStyle(sourceFile.getFullText());
  const parts = [
    getHttpHandlers(sourceFile, input.path),
    collectLambdaHandlers(sourceFile, input.path, { exportNames, isTypeScript, quote }),
    collectConsumers(sourceFile, isTypeScript, quote),
    collectNestProcessors(sourceFile, isTypeScript, quote),
    collectNestMicroserviceHandlers(sourceFile),
  ];
  const notes: TransformNote[] = parts.flatMap((part) => part.notes);
  const targets: WrapTarget[] = [];
  const autoInstrumented = isHttpAutoInstrumented(input.path);
  const globalHeaders = /\bHeaders\b/.test(sourceFile.getFullText()) && !importsNestHeaders(sourceFile);
  for (const found of parts.flatMap((part) => part.targets)) {
    const target = adaptHttpTarget(found, { autoInstrumented, globalHeaders }, notes);
    if (targets.some((other) => other.fn === target.fn && other.loop === target.loop)) continue;
    if (target.loop ? isWrappedInSpan(target.loop.getStatement()) : isAlreadyTraced(target.fn!)) continue;
    const reason = target.loop ? undefined : getUnwrappableReason(target.fn!) ?? getOwnServerSpanReason(target.fn!);
    if (reason) {
      notes.push(skippedNote(getSite(target), `handler not wrapped: ${reason}`));
      continue;
    }
    targets.push(target);
    if (target.fn && target.http) notes.push(...getHandedOnErrorNotes(target.fn, target.http.next));
    const ownSpan = target.loop ? undefined : getOwnSpanWithoutFinally(target.fn!);
    if (ownSpan) {
      notes.push({
        line: ownSpan.getStartLineNumber(),
        kind: 'review',
        message: 'the handler starts a span of its own that no `finally` ends: it is a child of the new entry span, but it leaks when the work throws (otel/span-must-end)',
      });
    }
    if (!target.loop && !isDeclaredAsync(target) && returnsPromiseWithoutAsync(target.fn!)) {
      notes.push({
        line: target.fn!.getStartLineNumber(),
        kind: 'review',
        message: 'the handler returns a promise without being async: its span ends when it returns, before the promise settles; make it async and await the promise',
      });
    }
  }
  return { targets, notes: notes.sort((a, b) => a.line - b.line) };
}

/**
 * An HTTP route where an auto-instrumentation already starts the SERVER span: that span has extracted the caller's
 * context and is active, so the route's span is its child and extracts nothing itself. A Nest `@Headers()` parameter
 * is not added where the file uses the global `Headers` type (the import would hide it).
 */
function adaptHttpTarget(target: WrapTarget, facts: { autoInstrumented: boolean; globalHeaders: boolean }, notes: TransformNote[]): WrapTarget {
  if (target.kind !== 'http') return target;
  if (facts.autoInstrumented) return { ...target, extraction: undefined, http: { ...target.http, headersParameter: undefined } };
  if (target.http?.headersParameter && facts.globalHeaders) {
    notes.push({ line: getSite(target).getStartLineNumber(), kind: 'review', message: "the route's span does not continue the caller's trace: the file uses the global `Headers`, so no `@Headers()` parameter was added" });
    return { ...target, extraction: undefined, http: { ...target.http, headersParameter: undefined } };
  }
  return target;
}

/**
 * The node's line, from the compiler's line map (a binary search): ts-morph's getStartLineNumber counts the newlines
 * before the node, which for every handler of a large file adds up to a cost that grows with the square of its size.
 */
function getLineNumber(node: Node): number {
  return ts.getLineAndCharacterOfPosition(node.getSourceFile().compilerNode, node.getStart()).line + 1;
}

/**
 * A function that is not async but whose callback must be: it is declared to return a promise (`(): Promise<T>`), it
 * returns one on every path (`(job) => this.handle(job)` with `handle` async), it is a Hono or Next.js route, or it is a
 * Nest route (Nest awaits what a route returns) that visibly returns one.
 */
function isDeclaredAsync(target: WrapTarget): boolean {
  const fn = target.fn;
  if (!fn || fn.isAsync() || target.loop) return false;
  if (/^Promise\s*</.test(fn.getReturnTypeNode()?.getText() ?? '')) return true;
  if (returnsPromiseOnEveryPath(fn)) return true;
  // Hono and Next.js await what a route returns, so the span can wait for it and read the answer's status.
  if (target.http?.resultIsResponse) return true;
  return Node.isMethodDeclaration(fn) && target.kind === 'http' && returnsPromiseWithoutAsync(fn);
}

/** A `startSpan(…)` call in the handler when no `finally` of the handler ends a span. */
function getOwnSpanWithoutFinally(fn: WrappableFunction): Node | undefined {
  const calls = fn.getDescendantsOfKind(SyntaxKind.CallExpression);
  const start = calls.find((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'startSpan';
  });
  if (!start) return undefined;
  const endsInFinally = fn.getDescendantsOfKind(SyntaxKind.TryStatement).some((statement) => /\.end\(\)/.test(statement.getFinallyBlock()?.getText() ?? ''));
  return endsInFinally ? undefined : start;
}

/** A handler that starts a SERVER span itself: a second one around it would make two server spans for one request. */
function getOwnServerSpanReason(fn: WrappableFunction): string | undefined {
  const starts = fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && SPAN_START_METHODS.includes(callee.getName()) && /\.SERVER\b|kind:\s*1\b/.test(call.getText());
  });
  return starts ? 'it starts its own SERVER span; make sure that span ends and records errors (otel/span-must-end, otel/span-error-status)' : undefined;
}

function importsNestHeaders(sourceFile: SourceFile): boolean {
  return sourceFile.getImportDeclarations().some((declaration) => declaration.getModuleSpecifierValue() === NEST_COMMON_MODULE && declaration.getNamedImports().some((specifier) => specifier.getName() === 'Headers'));
}

/** `@Headers() headers?: Record<string, string>` after the method's last parameter. */
function getHeadersParameterEdit(fn: WrappableFunction, name: string, decorator: string, path: string): TextEdit {
  const typed = !/\.(c|m)?jsx?$/i.test(extname(path));
  const text = `@${decorator}() ${name}${typed ? '?: Record<string, string>' : ''}`;
  const last = fn.getParameters().at(-1);
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: `, ${text}` };
  const open = fn.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
  return { start: open.getEnd(), end: open.getEnd(), text };
}

/** The node a target wraps: the loop, or the handler function. */
function getSite(target: WrapTarget): Node {
  const site = target.loop ?? target.fn;
  if (!site) throw new Error('a wrap target has a loop or a function');
  return site;
}

/**
 * Imports what the generated code uses and finds or declares the tracer. Where a handler has its own `context` (a
 * Lambda handler's second parameter), extraction starts from `ROOT_CONTEXT` instead of `context.active()`.
 */
function ensureApi(plan: EditPlan, input: TransformInput, needs: { activeContext: boolean; rootContext: boolean }): ApiRefs {
  const names = ['trace', 'SpanKind', 'SpanStatusCode'];
  if (needs.activeContext) names.push('context');
  if (needs.rootContext) names.push('ROOT_CONTEXT');
  if (needs.activeContext || needs.rootContext) names.push('propagation');
  const refs = plan.importNames(OTEL_API_MODULE, names);
  const tracer = plan.moduleTracer(input.options.tracerName, refs.trace!);
  return {
    tracer,
    trace: refs.trace!,
    spanKind: refs.SpanKind!,
    statusCode: refs.SpanStatusCode!,
    context: refs.context,
    propagation: refs.propagation,
    rootContext: refs.ROOT_CONTEXT,
  };
}

/** Whether `name` is declared (parameter, variable, function) in the function or in a function around it. */
function isNameShadowed(fn: Node, name: string): boolean {
  if (name === '') return false;
  for (let scope: Node | undefined = fn; scope && !Node.isSourceFile(scope); scope = scope.getParent()) {
    if (!Node.isFunctionLikeDeclaration(scope) && !Node.isArrowFunction(scope) && !Node.isFunctionExpression(scope)) continue;
    if (getDeclaredNames(scope).has(name)) return true;
  }
  return false;
}

// Keyed by the compiler's node, which an edit replaces: routes inside one function all ask about that function, so
// its descendants are read once instead of once per route.
const declaredNames = new WeakMap<object, ReadonlySet<string | undefined>>();

/** The names of the parameters, variables and functions declared anywhere inside a function (its own name is not). */
function getDeclaredNames(scope: Node): ReadonlySet<string | undefined> {
  const cached = declaredNames.get(scope.compilerNode);
  if (cached) return cached;
  const names = new Set<string | undefined>();
  for (const node of scope.getDescendants()) {
    if (Node.isParameterDeclaration(node) || Node.isVariableDeclaration(node) || Node.isBindingElement(node) || Node.isFunctionDeclaration(node)) names.add(node.getName());
  }
  declaredNames.set(scope.compilerNode, names);
  return names;
}

/** Route spans are SERVER spans unless the project's HTTP auto-instrumentation already starts one per request. */
function getSpanKind(target: WrapTarget, path: string): 'SERVER' | 'INTERNAL' | 'CONSUMER' {
  if (target.kind !== 'http') return target.kind;
  return isHttpAutoInstrumented(path) ? 'INTERNAL' : 'SERVER';
}

/** Whether the nearest package.json depends on an HTTP auto-instrumentation (see HTTP_AUTO_INSTRUMENTATION_PACKAGES). */
function isHttpAutoInstrumented(path: string): boolean {
  const dependencies = getNearestDependencies(path);
  return HTTP_AUTO_INSTRUMENTATION_PACKAGES.some((name) => dependencies.has(name));
}
