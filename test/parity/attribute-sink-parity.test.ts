/**
 * The two halves agree on attribute sinks. For every entry of ATTRIBUTE_SINK_CALLS, a snippet per way of knowing its
 * receiver (the value's origin, a written type, the name fallback, and a value that is none of these) goes to
 * `no-deprecated-semconv` and to `migrate-semconv`: wherever the rule reports a deprecated key, the codemod renames it
 * (and the rule is then clean) or names the reason in a note; where the rule is silent, the codemod changes nothing.
 */
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { migrateSemconv } from '../../codemods/migrate-semconv.js';
import otel from '../../rules/index.js';
import { ATTRIBUTE_SINK_CALLS, type AttributeReceiverKind, type AttributeSinkCall } from '../../src/catalog/attribute-sinks.js';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
    plugins: { otel: otel as never },
    rules: { 'otel/no-deprecated-semconv': 'error' },
  },
];

/** A file beside the tracer modules of fixtures/span-must-end, for the one hop both halves take into a relative import. */
const BESIDE_TRACER_MODULES = fileURLToPath(new URL('../../fixtures/span-must-end/sink.ts', import.meta.url));

function lint(code: string, filename = 'sink.ts'): Linter.LintMessage[] {
  const messages = linter.verify(code, config, { filename });
  expect(messages.filter((message) => message.fatal), code).toEqual([]);
  return messages;
}

/** How a snippet makes its receiver, and whether the rule is expected to see a sink on it. */
interface ReceiverOrigin {
  origin: string;
  /** Lines before the function, and the function's parameter list. */
  before: string[];
  parameters: string;
  /** The receiver expression at the call, and lines that wrap the call (an observable callback). */
  receiver: string;
  wrap?: (call: string) => string[];
  visible: boolean;
  /** Where the snippet is said to live, when it imports a module of its own. */
  filename?: string;
}

const API_IMPORT = `import { logs, metrics, trace, type Counter, type Logger, type Span, type Tracer } from '@opentelemetry/api';`;

function getOrigins(kind: AttributeReceiverKind, method: string): ReceiverOrigin[] {
  const none: ReceiverOrigin = { origin: 'an object that is none of these', before: [], parameters: 'bag: any', receiver: 'bag', visible: false };
  switch (kind) {
    case 'span':
      return [
        { origin: 'started span', before: [`const tracer = trace.getTracer('svc');`], parameters: '', receiver: 'work', wrap: (call) => [`const work = tracer.startSpan('work');`, call], visible: true },
        // `startSpan` on a value that is no tracer starts nothing the halves know of.
        { origin: 'started by something that is no tracer', before: [], parameters: 'jobs: any', receiver: 'work', wrap: (call) => [`const work = jobs.startSpan('work');`, call], visible: false },
        { origin: 'Span type', before: [], parameters: 'work: Span', receiver: 'work', visible: true },
        { origin: 'name fallback', before: [], parameters: 'span: any', receiver: 'span', visible: true },
        none,
      ];
    case 'tracer':
      return [
        { origin: 'getTracer', before: [`const tracer = trace.getTracer('svc');`], parameters: '', receiver: 'tracer', visible: true },
        { origin: 'Tracer type', before: [], parameters: 'tracing: Tracer', receiver: 'tracing', visible: true },
        { origin: 'name fallback', before: [], parameters: 'appTracer: any', receiver: 'appTracer', visible: true },
        { origin: 'project module re-exporting the API tracer', before: [`import { tracer } from './api-tracer.js';`], parameters: '', receiver: 'tracer', visible: true, filename: BESIDE_TRACER_MODULES },
        // Values that are no OpenTelemetry tracer, whatever their name: their span starts take no span attributes.
        { origin: 'project module building another package tracer', before: [`import { tracer } from './own-tracer.js';`], parameters: '', receiver: 'tracer', visible: false, filename: BESIDE_TRACER_MODULES },
        { origin: 'another package tracer', before: [`import { tracer as k6Tracer } from 'k6/x/otel';`], parameters: '', receiver: 'k6Tracer', visible: false },
        { origin: 'parameter typed with another package Tracer', before: [`import type { Tracer as LlmTracer } from '@acme/llm-sdk';`], parameters: 'tracer: LlmTracer', receiver: 'tracer', visible: false },
        {
          origin: 'class of the file',
          before: ['class ConsoleTracer {', '  startSpan(..._args: unknown[]): void {}', '  startActiveSpan(..._args: unknown[]): void {}', '}', 'const consoleTracer = new ConsoleTracer();'],
          parameters: '',
          receiver: 'consoleTracer',
          visible: false,
        },
        none,
      ];
    case 'metric-instrument':
      if (method === 'observe') {
        return [
          {
            origin: 'observable callback',
            before: [`const meter = metrics.getMeter('svc');`],
            parameters: '',
            receiver: 'result',
            wrap: (call) => [`meter.createObservableGauge('queue.depth').addCallback((result) => {`, `  ${call}`, '});'],
            visible: true,
          },
          { origin: 'name fallback', before: [], parameters: 'depthGauge: any', receiver: 'depthGauge', visible: true },
          none,
        ];
      }
      return [
        { origin: 'meter factory', before: [`const meter = metrics.getMeter('svc');`, `const requests = meter.createCounter('requests');`], parameters: '', receiver: 'requests', visible: true },
        { origin: 'Counter type', before: [], parameters: 'requests: Counter', receiver: 'requests', visible: true },
        { origin: 'name fallback', before: [], parameters: 'requestCounter: any', receiver: 'requestCounter', visible: true },
        none,
      ];
    case 'logger':
      return [
        { origin: 'getLogger', before: [`const audit = logs.getLogger('svc');`], parameters: '', receiver: 'audit', visible: true },
        // Without type information neither half reads the `Logger` annotation: both leave this one alone.
        { origin: 'Logger type (no type information)', before: [], parameters: 'audit: Logger', receiver: 'audit', visible: false },
        { origin: 'name fallback', before: [], parameters: 'logger: any', receiver: 'logger', visible: true },
        none,
      ];
  }
}

/**
 * Where a snippet holds the deprecated key `http.method`: in place, or in a variable of the file the rule follows. The
 * codemod renames a held key where it is declared when the variable is a `const` used as attributes only, and names
 * the reason otherwise.
 */
interface Holding {
  holding: string;
  applies: (sink: AttributeSinkCall) => boolean;
  /** Lines at the top of the module. */
  module: string[];
  /** Lines in the function before the call. */
  inside: string[];
  /** The key and value of a pair, or the attributes object. */
  attributes: (sink: AttributeSinkCall) => string;
  /** The whole options argument, for sinks that take attributes in options. */
  options?: string;
  /** Whether the codemod renames the held key (true) or leaves it with a note (false). */
  renamed: boolean;
}

const inPlace: Holding = {
  holding: 'in place',
  applies: () => true,
  module: [],
  inside: [],
  attributes: (sink) => (sink.shape === 'pair' ? `'http.method', method` : `{ 'http.method': method }`),
  renamed: true,
};

const HELD_KEY_ATTRIBUTES = (sink: AttributeSinkCall) => (sink.shape === 'pair' ? 'METHOD_KEY, method' : '{ [METHOD_KEY]: method }');

const HOLDINGS: Holding[] = [
  { holding: 'key in a const', applies: () => true, module: [`const METHOD_KEY = 'http.method';`], inside: [], attributes: HELD_KEY_ATTRIBUTES, renamed: true },
  { holding: 'key in a let never reassigned', applies: () => true, module: [`let METHOD_KEY = 'http.method';`], inside: [], attributes: HELD_KEY_ATTRIBUTES, renamed: false },
  {
    holding: 'key in a const also used elsewhere',
    applies: () => true,
    module: [`const METHOD_KEY = 'http.method';`, `export const LOG_FIELDS = [METHOD_KEY];`],
    inside: [],
    attributes: HELD_KEY_ATTRIBUTES,
    renamed: false,
  },
  {
    holding: 'key in a table of keys',
    applies: () => true,
    module: [`const KEYS = { METHOD: 'http.method' };`],
    inside: [],
    attributes: (sink) => (sink.shape === 'pair' ? 'KEYS.METHOD, method' : '{ [KEYS.METHOD]: method }'),
    renamed: false,
  },
  {
    holding: 'attributes in a const',
    applies: (sink) => sink.shape === 'object',
    module: [],
    inside: [`const attributes = { 'http.method': method };`],
    attributes: () => 'attributes',
    renamed: true,
  },
  {
    holding: 'attributes in a const also logged',
    applies: (sink) => sink.shape === 'object',
    module: [`declare function log(fields: object): void;`],
    inside: [`const attributes = { 'http.method': method };`, 'log(attributes);'],
    attributes: () => 'attributes',
    renamed: false,
  },
  {
    holding: 'attributes spread from a const',
    applies: (sink) => sink.shape === 'object',
    module: [],
    inside: [`const common = { 'http.method': method };`],
    attributes: () => `{ ...common, 'app.tenant': 'acme' }`,
    renamed: true,
  },
  {
    holding: 'options in a const',
    applies: (sink) => sink.property !== undefined,
    module: [],
    inside: [`const options = { attributes: { 'http.method': method } };`],
    attributes: () => '',
    options: 'options',
    renamed: true,
  },
];

/** The sink call with the deprecated key where the entry puts attributes. */
function getCall(sink: AttributeSinkCall, receiver: string, holding: Holding): string {
  const attributes = holding.attributes(sink);
  const holder = sink.property === undefined ? attributes : (holding.options ?? (attributes === 'attributes' ? '{ attributes }' : `{ ${sink.property}: ${attributes} }`));
  const before = Array.from({ length: sink.argumentIndex }, (_, index) => (index === 0 && sink.receiver !== 'metric-instrument' ? `'work'` : '1'));
  return `${receiver}.${sink.method}(${[...before, holder].join(', ')});`;
}

interface Snippet {
  name: string;
  code: string;
  visible: boolean;
  filename: string;
  renamed: boolean;
}

function getSnippet(sink: AttributeSinkCall, origin: ReceiverOrigin, holding: Holding): Snippet {
  const call = getCall(sink, origin.receiver, holding);
  const body = [...holding.inside, ...(origin.wrap ? origin.wrap(call) : [call])].map((line) => `  ${line}`);
  const parameters = [origin.parameters, 'method: string'].filter(Boolean).join(', ');
  const code = [API_IMPORT, '', ...origin.before, ...holding.module, '', `export function handle(${parameters}): void {`, ...body, '}', ''].join('\n');
  const name = `${sink.receiver}.${sink.method}: ${origin.origin}${holding === inPlace ? '' : `, ${holding.holding}`}`;
  return { name, code, visible: origin.visible, filename: origin.filename ?? 'sink.ts', renamed: holding.renamed };
}

const snippets: Snippet[] = ATTRIBUTE_SINK_CALLS.flatMap((sink) => {
  const origins = getOrigins(sink.receiver, sink.method);
  // Every origin with the key in place; the first (visible) origin with the key held in each way that fits the sink.
  return [...origins.map((origin) => getSnippet(sink, origin, inPlace)), ...HOLDINGS.filter((holding) => holding.applies(sink)).map((holding) => getSnippet(sink, origins[0]!, holding))];
});

describe.each(snippets.map((snippet) => [snippet.name, snippet] as const))('%s', (_name, snippet) => {
  it('the codemod renames the key exactly where the rule reports it, or names the reason', () => {
    const reports = lint(snippet.code, snippet.filename);
    const output = migrateSemconv.apply({ path: snippet.filename, source: snippet.code, options: { tracerName: 'svc' } });
    const changed = output.source !== snippet.code;
    const context = `${snippet.code}\nreports: ${JSON.stringify(reports.map((report) => report.message))}\nnotes: ${JSON.stringify(output.notes)}\n${output.source}`;
    expect(reports.length > 0, `the rule ${snippet.visible ? 'sees' : 'does not see'} this sink\n${context}`).toBe(snippet.visible);
    if (reports.length === 0) {
      expect(changed, `the codemod renames a key the rule does not report\n${context}`).toBe(false);
      return;
    }
    expect(changed || output.notes.length > 0, `silent codemod\n${context}`).toBe(true);
    const left = lint(output.source, snippet.filename).length;
    expect(left, `findings left without a note\n${context}`).toBeLessThanOrEqual(output.notes.length);
    expect(left === 0 && output.notes.length === 0, `${snippet.renamed ? 'renamed' : 'left with a note'}\n${context}`).toBe(snippet.renamed);
  });
});
