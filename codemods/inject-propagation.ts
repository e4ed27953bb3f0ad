import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { MESSAGING_MODULES, PUBLISH_OPERATIONS, type MessagingLibraryId } from '../src/catalog/messaging/index.js';
import { OTEL_API_MODULE } from '../src/catalog/otel-api.js';
import { detectFileStyle, type FileStyle } from '../src/transform/file-style.js';
import { getRelativeImportSpecifier } from '../src/transform/import-specifier.js';
import { ensureNamedImports } from '../src/transform/imports.js';
import { findConsumerHandlers, findPublishSites, getImportedModules } from '../src/transform/messaging-sites.js';
import { getMember } from '../src/transform/object-literal.js';
import { getLineAndColumn, transformWithTsMorph } from '../src/transform/parse.js';
import { getMissingDependencyNote } from '../src/transform/project-manifest.js';
import { applyTextEdits, type TextEdit } from '../src/transform/text-edits.js';
import { ensureModuleTracer } from '../src/transform/tracer.js';
import type { CodemodTransform, ExtraFile, TransformInput, TransformNote, TransformOutput } from '../src/transform/types.js';
import { planConsumerSpans } from './inject-propagation/consumer-spans.js';
import {
  getApiNames,
  HELPER_NAMES,
  renderHelpers,
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

/** Libraries whose own tracing is switched on in this file (BullMQ `new Queue(name, { telemetry })`): they propagate by themselves. */
function getSelfTracedLibraries(sourceFile: SourceFile): Set<MessagingLibraryId> {
  const libraries = new Set<MessagingLibraryId>();
  for (const expression of sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    for (const operation of PUBLISH_OPERATIONS) {
      const tracing = operation.builtInTracing;
      if (!tracing || !tracing.constructorNames.includes(expression.getExpression().getText())) continue;
      const options = expression.getArguments()[tracing.argument];
      if (options && Node.isObjectLiteralExpression(options) && getMember(options, tracing.optionKey)) libraries.add(operation.library);
    }
  }
  return libraries;
}

interface Plan {
  edits: TextEdit[];
  helpers: Set<HelperName>;
  natsModule: string | undefined;
  notes: TransformNote[];
}

function note(node: Node, kind: TransformNote['kind'], message: string): TransformNote {
  return { line: getLineAndColumn(node.getSourceFile().getFullText(), node.getStart()).line, kind, message };
}

/** Step 1: the publishes that do not carry the context, and what writing it takes. */
function planPublishes(sourceFile: SourceFile, options: Options, style: FileStyle, plan: Plan): void {
  const selfTraced = getSelfTracedLibraries(sourceFile);
  const imported = getImportedModules(sourceFile);
  for (const site of findPublishSites(sourceFile)) {
    const operation = site.operation;
    if (selfTraced.has(operation.library)) continue;
    const carrier = planCarrier(site, style);
    if (carrier.kind === 'carried') continue;
    if (carrier.kind === 'skip') {
      plan.notes.push(note(site.call, 'skipped', `${operation.displayName}: ${carrier.reason}`));
      continue;
    }
    carrier.helpers.forEach((helper) => plan.helpers.add(helper));
    if (carrier.needsNatsHeaders) plan.natsModule = operation.modules.find((module) => imported.has(module));
    const target = options.producerSpans ? getProducerSpanTarget(site) : undefined;
    if (target && !isInProducerSpan(target)) {
      plan.edits.push(wrapInProducerSpan(site, target, carrier.edits, style));
      plan.helpers.add('inProducerSpan');
    } else {
      if (options.producerSpans && !target) {
        plan.notes.push(note(site.call, 'review', `${operation.displayName}: the command is not passed straight to send(), so no producer span was added`));
      }
      plan.edits.push(...carrier.edits);
    }
  }
}

/** Step 2: consumers that start a span of their own but ignore the message's carrier. */
function planConsumers(sourceFile: SourceFile, options: Options, style: FileStyle, plan: Plan): void {
  for (const handler of findConsumerHandlers(sourceFile)) {
    const consumer = planConsumerSpans(handler, options.link, style);
    for (const skipped of consumer.skipped) plan.notes.push(note(skipped.node, 'skipped', `${handler.operation.displayName}: ${skipped.reason}`));
    // A handler inside a publish site's edited range (rare) would overlap its edits; keep the publish edit.
    const edits = consumer.edits.filter((edit) => !plan.edits.some((other) => edit.start < other.end && other.start < edit.end));
    plan.edits.push(...edits);
    if (edits.length > 0) consumer.helpers.forEach((helper) => plan.helpers.add(helper));
  }
}

function isJavaScript(path: string): boolean {
  return /\.(c|m)?jsx?$/i.test(path);
}

/** Step 4: makes helpers and API values available in the file, and returns how the file names each helper. */
function provideHelpers(sourceFile: SourceFile, input: TransformInput, options: Options, style: FileStyle, helpers: HelperName[]): { refs: Record<string, string>; extraFiles?: ExtraFile[] } {
  if (options.helper) {
    const refs = ensureNamedImports(sourceFile, input.path, getRelativeImportSpecifier(sourceFile, input.path, options.helper), helpers, style);
    return { refs, extraFiles: [{ path: options.helper, source: renderHelperModule(options) }] };
  }
  const missing = helpers.filter((name) => !sourceFile.getFunction(name));
  if (missing.length > 0) {
    const needsTracer = usesTracer(missing);
    const apiNames = getApiNames(missing);
    if (needsTracer && !apiNames.includes('trace')) apiNames.push('trace');
    const apiRefs = ensureNamedImports(sourceFile, input.path, OTEL_API_MODULE, apiNames, style) as ApiRefs;
    const tracer = needsTracer ? ensureModuleTracer(sourceFile, options.tracerName, apiRefs.trace, style) : '';
    const text = renderHelpers(missing, apiRefs, tracer, { javascript: isJavaScript(input.path), exported: false, style });
    const full = sourceFile.getFullText();
    const separator = full.endsWith(style.eol) || full === '' ? style.eol : `${style.eol}${style.eol}`;
    sourceFile.replaceWithText(`${full}${separator}${text}${style.eol}`);
  }
  return { refs: Object.fromEntries(helpers.map((name) => [name, name])) };
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
  const output = transformWithTsMorph(input, ({ sourceFile, style }) => {
    const plan: Plan = { edits: [], helpers: new Set(), natsModule: undefined, notes: [] };
    planPublishes(sourceFile, options, style, plan);
    planConsumers(sourceFile, options, style, plan);
    if (plan.edits.length === 0) return { changed: false, notes: plan.notes };
    // Step 3: every site edit at once, on the text the plans were made from.
    sourceFile.replaceWithText(applyTextEdits(sourceFile.getFullText(), plan.edits));
    const helpers = withDependencies(plan.helpers);
    const provided = provideHelpers(sourceFile, input, options, style, helpers.filter((name) => plan.helpers.has(name) || !options.helper));
    extraFiles = provided.extraFiles;
    const natsRef = plan.natsModule ? ensureNamedImports(sourceFile, input.path, plan.natsModule, ['headers'], style).headers : undefined;
    // Step 5: placeholders become the file's names for the helpers and imported values.
    const text = sourceFile.getFullText().replace(PLACEHOLDER_PATTERN, (match, helper: string | undefined) => (helper ? provided.refs[helper] ?? helper : natsRef ?? match));
    // A carrier wrap-handlers read with an inline getter is read through the helper now in the file, not both ways.
    sourceFile.replaceWithText(replaceInlineCarrierGetters(text, provided.refs));
    const dependency = getMissingDependencyNote(input.path, OTEL_API_MODULE);
    return { changed: true, notes: dependency ? [dependency, ...plan.notes] : plan.notes };
  });
  return extraFiles ? { ...output, extraFiles } : output;
}

const MODULE_MENTION = new RegExp([...MESSAGING_MODULES].map((module) => module.replace(/[/.@-]/g, '\\$&')).join('|'));

export const injectPropagation: CodemodTransform = {
  name: 'inject-propagation',
  description: 'Carries the W3C trace context across every queue: injects it at publishes (in each library’s own carrier) and continues it in consumers that start their own span.',
  mayApply: (source) => MODULE_MENTION.test(source),
  apply,
};
