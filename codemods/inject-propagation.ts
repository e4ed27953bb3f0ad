import { Node, type SourceFile } from 'ts-morph';
import { CONSUME_OPERATIONS, PUBLISH_OPERATIONS, type ConsumeMatcher, type PublishMatcher } from '../src/catalog/messaging/index.js';
import { OTEL_API_MODULE } from '../src/catalog/otel-api.js';
import { detectFileStyle, type FileStyle } from '../src/transform/file-style.js';
import { getRelativeImportSpecifier } from '../src/transform/import-specifier.js';
import { transformWithEdits, type EditPlan } from '../src/transform/edit-plan.js';
import { findConsumerHandlers, findPublishSites, getImportedModules } from '../src/transform/messaging-sites.js';
import { getMissingDependencyNote } from '../src/transform/project-manifest.js';
import { keepFileForOldTypeScript } from '../src/transform/project-typescript.js';
import { createProjectReceiverTest } from '../src/transform/project-module-reach.js';
import { anyOf, createCallShapeTest, createModuleImportTest, createWordTest } from '../src/transform/source-prefilter.js';
import { isTopLevelNameTaken } from '../src/transform/imports.js';
import { TransformError, type CodemodTransform, type ExtraFile, type TransformInput, type TransformNote, type TransformOutput } from '../src/transform/types.js';
import { planConsumerSpans } from './inject-propagation/consumer-spans.js';
import {
  findHelperInFile,
  getApiNames,
  HELPER_NAMES,
  renderHelpers,
  planInlineCarrierGetterReplacements,
  replaceInlineCarrierGetters,
  usesTracer,
  withDependencies,
  type ApiRefs,
  type HelperName,
} from './inject-propagation/helper-functions.js';
import { PLACEHOLDER_PATTERN } from './inject-propagation/placeholders.js';
import { getProducerSpanTarget, isInProducerSpan, wrapInProducerSpan } from './inject-propagation/producer-spans.js';
import { planCarrier } from './inject-propagation/publish-carriers.js';

interface Options {
  producerSpans: boolean;
  link: boolean;
  /** Path of the shared helper module, relative to the project root. */
  helper: string | undefined;
  tracerName: string;
}

function readOptions(input: TransformInput): Options {
  const { producerSpans, link, helper, tracerName } = input.options;
  return { producerSpans: producerSpans === true, link: link === true, helper: typeof helper === 'string' && helper !== '' ? helper : undefined, tracerName };
}

interface Plan {
  edits: EditPlan;
  helpers: Set<HelperName>;
  natsModule: string | undefined;
  notes: TransformNote[];
}

function note(plan: Plan, node: Node, kind: TransformNote['kind'], message: string): TransformNote {
  return { line: plan.edits.getLine(node.getStart()), kind, message };
}

/** Step 1: the publishes that do not carry the context, and what writing it takes. */
function planPublishes(sourceFile: SourceFile, options: Options, style: FileStyle, plan: Plan): void {
  const imported = getImportedModules(sourceFile);
  for (const site of findPublishSites(sourceFile)) {
    const operation = site.operation;
    // The library's own tracing (decided per receiver) or an X-Ray-wrapped client carries the context.
    if (site.tracedByLibrary) continue;
    const carrier = planCarrier(site, style);
    if (carrier.kind === 'carried') continue;
    if (carrier.kind === 'skip') {
      // The catalog's reason (params built elsewhere, an opaque payload) first, then what the codemod met at the call.
      const why = site.carrierArgumentReason ? `${site.carrierArgumentReason.message}: ` : '';
      plan.notes.push(note(plan, site.call, 'skipped', `${operation.displayName}: ${why}${carrier.reason}`));
      continue;
    }
    carrier.helpers.forEach((helper) => plan.helpers.add(helper));
    if (carrier.needsNatsHeaders) plan.natsModule = operation.modules.find((module) => imported.has(module));
    const target = options.producerSpans ? getProducerSpanTarget(site) : undefined;
    if (target && !isInProducerSpan(target)) {
      plan.edits.add({ ...wrapInProducerSpan(site, target, carrier.edits, style), label: `${operation.displayName} producer span and carrier` });
      plan.helpers.add('inProducerSpan');
    } else {
      if (options.producerSpans && !target) {
        plan.notes.push(note(plan, site.call, 'review', `${operation.displayName}: the command is not passed straight to send(), so no producer span was added`));
      }
      plan.edits.addAll(carrier.edits.map((edit) => ({ ...edit, label: `${operation.displayName} carrier` })));
    }
  }
}

/** Step 2: consumers that start a span of their own but ignore the message's carrier. */
function planConsumers(sourceFile: SourceFile, options: Options, style: FileStyle, plan: Plan): void {
  for (const handler of findConsumerHandlers(sourceFile)) {
    if (handler.tracedByLibrary) continue;
    const consumer = planConsumerSpans(handler, options.link, style);
    for (const skipped of consumer.skipped) plan.notes.push(note(plan, skipped.node, 'skipped', `${handler.operation.displayName}: ${skipped.reason}`));
    for (const review of consumer.reviews ?? []) plan.notes.push(note(plan, review.node, 'review', `${handler.operation.displayName}: ${review.reason}`));
    // A handler inside a publish site's edited range (rare) would overlap its edits: the publish edit was planned
    // first and is kept, and the engine notes the consumer edit it leaves out.
    const kept = plan.edits.addAll(consumer.edits.map((edit) => ({ ...edit, label: `${handler.operation.displayName} consumer span context` })));
    if (kept.length > 0) consumer.helpers.forEach((helper) => plan.helpers.add(helper));
  }
}

function isJavaScript(path: string): boolean {
  return /\.(c|m)?jsx?$/i.test(path);
}

/** Step 3: makes helpers and API values available in the file, and returns how the file names each helper. */
function provideHelpers(plan: EditPlan, input: TransformInput, options: Options, style: FileStyle, helpers: HelperName[]): { refs: Record<string, string>; extraFiles?: ExtraFile[] } {
  const sourceFile = plan.sourceFile;
  if (options.helper) {
    const refs = plan.importNames(getRelativeImportSpecifier(sourceFile, input.path, options.helper), helpers);
    return { refs, extraFiles: [{ path: options.helper, source: renderHelperModule(options) }] };
  }
  const found = new Map(helpers.map((name) => [name, findHelperInFile(sourceFile, name)]));
  // A name of the file's own would be declared twice, or its function called in the helper's place.
  const taken = helpers.filter((name) => found.get(name) === undefined && isTopLevelNameTaken(sourceFile, name));
  if (taken.length > 0) {
    const names = taken.map((name) => `\`${name}\``).join(', ');
    throw new TransformError(input.path, `the file declares its own ${names}, the name of a helper inject-propagation writes; rename it, or write the helpers into a module of their own with --helper`);
  }
  const missing = helpers.filter((name) => found.get(name) === undefined);
  if (missing.length > 0) {
    const needsTracer = usesTracer(missing);
    const apiNames = getApiNames(missing);
    if (needsTracer && !apiNames.includes('trace')) apiNames.push('trace');
    const apiRefs = plan.importNames(OTEL_API_MODULE, apiNames) as ApiRefs;
    const tracer = needsTracer ? plan.moduleTracer(options.tracerName, apiRefs.trace) : '';
    plan.append(renderHelpers(missing, apiRefs, tracer, { javascript: isJavaScript(input.path), exported: false, style }));
  }
  return { refs: Object.fromEntries(helpers.map((name) => [name, found.get(name) ?? name])) };
}

/**
 * The shared helper module written when the `helper` option names one: every helper, exported. It is the same whichever
 * file asks for it (so in the house style, not the asking file's), and a second run rewrites it byte for byte.
 */
function renderHelperModule(options: Options): string {
  const style = detectFileStyle('');
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const refs: ApiRefs = { propagation: 'propagation', context: 'context', trace: 'trace', SpanKind: 'SpanKind', SpanStatusCode: 'SpanStatusCode' };
  const javascript = isJavaScript(options.helper!);
  const header = [
    `import { context, propagation, SpanKind, SpanStatusCode, trace } from ${q}${OTEL_API_MODULE}${q}${semi}`,
    '',
    `const tracer = trace.getTracer(${q}${options.tracerName.replace(/[\\'"]/g, '')}${q})${semi}`,
  ];
  return `${header.join(style.eol)}${style.eol}${style.eol}${renderHelpers(HELPER_NAMES, refs, 'tracer', { javascript, exported: true, style })}${style.eol}`;
}

function apply(input: TransformInput): TransformOutput {
  const options = readOptions(input);
  let extraFiles: ExtraFile[] | undefined;
  const output = transformWithEdits(input, ({ sourceFile, style }, edits) => {
    const plan: Plan = { edits, helpers: new Set(), natsModule: undefined, notes: [] };
    planPublishes(sourceFile, options, style, plan);
    planConsumers(sourceFile, options, style, plan);
    if (edits.isEmpty) return plan.notes;
    // Step 3: the helpers and imported values the site edits name, planned on the same tree (provideHelpers).
    const helpers = withDependencies(plan.helpers);
    const provided = provideHelpers(edits, input, options, style, helpers.filter((name) => plan.helpers.has(name) || !options.helper));
    extraFiles = provided.extraFiles;
    const natsRef = plan.natsModule ? edits.importNames(plan.natsModule, ['headers']).headers : undefined;
    // Step 4: placeholders become the file's names for the helpers and imported values; a carrier wrap-handlers read
    // with an inline getter is read through the helper now in the file, not both ways; the engine writes it all once.
    edits.mapEditTexts((text) =>
      replaceInlineCarrierGetters(
        text.replace(PLACEHOLDER_PATTERN, (match, helper: string | undefined) => (helper ? provided.refs[helper] ?? helper : natsRef ?? match)),
        provided.refs,
      ),
    );
    edits.addAll(planInlineCarrierGetterReplacements(sourceFile.getFullText(), provided.refs));
    const dependency = getMissingDependencyNote(input.path, OTEL_API_MODULE);
    return dependency ? [dependency, ...plan.notes] : plan.notes;
  });
  const kept = keepFileForOldTypeScript(input, output);
  return extraFiles && kept === output ? { ...output, extraFiles } : kept;
}

/**
 * The cheap text test, from the catalog: a publish or consumer is found in a file that imports one of the operation's
 * modules, that holds a call of a shape matched without an import (`producer.send({ topic, messages })`), that calls
 * a catalog method on a name imported from another file of the project that can hold a library's object
 * (`reports.add(…)`, queues.ts importing bullmq), or that names a Lambda event or handler type (`SQSEvent`).
 */
const MESSAGING_OPERATIONS = [...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS];
const importsMessagingModule = createModuleImportTest(MESSAGING_OPERATIONS.flatMap((operation) => operation.modules));
const mayHoldMessaging = anyOf(
  importsMessagingModule,
  createProjectReceiverTest(MESSAGING_OPERATIONS.flatMap((operation) => operation.matchers.flatMap(getMethodNames)), importsMessagingModule),
  ...MESSAGING_OPERATIONS.flatMap((operation) => operation.matchers.flatMap((matcher) => getShapeTests(matcher))),
);

function getMethodNames(matcher: PublishMatcher | ConsumeMatcher): readonly string[] {
  if (matcher.kind === 'method' || matcher.kind === 'async-iterator') return matcher.methodNames;
  return matcher.kind === 'callback' && matcher.call.type === 'method' ? matcher.call.methodNames : [];
}

function getShapeTests(matcher: PublishMatcher | ConsumeMatcher): Array<(source: string) => boolean> {
  if (matcher.kind === 'method' && !matcher.requireImport) return [createCallShapeTest(matcher)];
  if (matcher.kind === 'async-iterator' && !matcher.requireImport) return [createCallShapeTest(matcher)];
  if (matcher.kind === 'callback' && matcher.call.type === 'method' && !matcher.call.requireImport) return [createCallShapeTest(matcher.call)];
  if (matcher.kind === 'lambda-handler') return [createWordTest([...matcher.eventTypeNames, ...matcher.handlerTypeNames])];
  return [];
}

export const injectPropagation: CodemodTransform = {
  name: 'inject-propagation',
  description: 'Carries the W3C trace context across every queue: injects it at publishes (in each library’s own carrier) and continues it in consumers that start their own span.',
  mayApply: (source, file) => mayHoldMessaging(source, file?.path),
  apply,
};
