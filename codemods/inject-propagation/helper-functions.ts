import { ts, type SourceFile } from 'ts-morph';
import { AWS_MESSAGE_ATTRIBUTES_LIMIT, DEFAULT_ENVELOPE_CARRIER_KEY, SQS_BODY_ENVELOPES, SQS_MESSAGE_BODY_ENVELOPES, TRACE_CONTEXT_KEYS, type CarrierPath, type JsonBodyEnvelope } from '../../src/catalog/messaging/index.js';
import type { FileStyle } from '../../src/transform/file-style.js';
import { restyleCode } from '../../src/transform/restyle.js';
import { applyTextEdits, type TextEdit } from '../../src/transform/text-edits.js';

/**
 * The small functions the codemod calls at publish and consume sites, one per carrier encoding. They are written once
 * per file (or once in the shared module named by the `helper` option), never copied to every site.
 */
export type HelperName =
  | 'injectTraceContext'
  | 'injectTraceContextAttributes'
  | 'injectTraceContextHeaders'
  | 'withTraceContext'
  | 'extractTraceContext'
  | 'extractTraceContextFromHeaders'
  | 'extractTraceContextFromSqsAttributes'
  | 'extractTraceContextFromSnsAttributes'
  | 'extractTraceContextFromSqsMessageAttributes'
  | 'extractTraceContextFromPayload'
  | 'extractTraceContextFromJson'
  | 'getTraceLinks'
  | 'inProducerSpan'
  | 'readTraceContextFromKinesisData'
  | 'readTraceContextFromSqsRecord'
  | 'readTraceContextFromSqsMessage';

/** Names of `@opentelemetry/api` exports the helpers use, mapped to how the file refers to them. */
export type ApiRefs = Record<'propagation' | 'context' | 'trace' | 'SpanKind' | 'SpanStatusCode', string>;

interface HelperDefinition {
  api: ReadonlyArray<keyof ApiRefs>;
  uses?: readonly HelperName[];
  usesTracer?: boolean;
  /** Written only by wrap-handlers, in the file that reads it: left out of the shared helper module. */
  fileOnly?: boolean;
  /** The TypeScript text, two-space indented, single-quoted, with semicolons; restyled to the file when written. */
  source: (refs: ApiRefs, tracer: string) => string;
}

const KEY = DEFAULT_ENVELOPE_CARRIER_KEY;

/** `base.a['b-c']`; with `optional`, `?.` after the first step (the steps below it may be missing or null). */
function accessPath(base: string, path: CarrierPath, optional = false): string {
  return path.reduce((expression, key, index) => {
    const dot = optional && index > 0 ? '?.' : '.';
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${expression}${dot}${key}` : `${expression}${dot === '.' ? '' : dot}['${key}']`;
  }, base);
}

/** The statements that return an envelope's carrier from the parsed `message` when the message is that envelope. */
function envelopeReaderLines(envelope: JsonBodyEnvelope): string[] {
  const isEnvelope = envelope.fields.map((field) => `${accessPath('message', [field])} !== undefined`).join(' && ');
  const carrier = accessPath('message', envelope.carrier, true);
  if (!envelope.valueField) return [`    if (${isEnvelope}) {`, `      return Object(${carrier});`, '    }'];
  return [
    `    if (${isEnvelope}) {`,
    `      const entries = Object(${carrier});`,
    '      const values: Record<string, unknown> = {};',
    '      for (const key of Object.keys(entries)) {',
    `        values[key] = entries[key]?.${envelope.valueField};`,
    '      }',
    '      return values;',
    '    }',
  ];
}

/** How one kind of received SQS message names its parts: a Lambda record (`messageAttributes`) or an SDK message. */
interface SqsMessageShape {
  helper: 'readTraceContextFromSqsRecord' | 'readTraceContextFromSqsMessage';
  parameter: string;
  what: string;
  attributes: string;
  /** The field of an attribute that holds its value; a later spelling is read where the first is missing. */
  values: readonly string[];
  envelopes: readonly JsonBodyEnvelope[];
}

const SQS_RECORD_SHAPE: SqsMessageShape = { helper: 'readTraceContextFromSqsRecord', parameter: 'record', what: 'an SQS record', attributes: 'messageAttributes', values: ['stringValue'], envelopes: SQS_BODY_ENVELOPES };
// Not `message`: the reader calls the parsed body that.
const SQS_MESSAGE_SHAPE: SqsMessageShape = {
  helper: 'readTraceContextFromSqsMessage',
  parameter: 'received',
  what: 'a received SQS message',
  attributes: 'MessageAttributes',
  values: ['StringValue', 'stringValue'],
  envelopes: SQS_MESSAGE_BODY_ENVELOPES,
};

/**
 * The carrier of a received SQS message, with the fallback to another service's message delivered through the queue
 * (the catalog's body envelopes: an EventBridge event, an SNS notification): the body is parsed only when no attribute
 * carries the trace and it looks like a JSON object, inside a try, so a body of any other kind reads as before.
 */
function sqsMessageReaderSource(shape: SqsMessageShape): string {
  const input = shape.parameter;
  const bodyPath = shape.envelopes[0]!.body;
  const body = accessPath(input, bodyPath);
  const valueType = shape.values.map((field) => `${field}?: string`).join('; ');
  const value = shape.values.map((field) => `attributes[key]?.${field}`).join(' ?? ');
  const described = shape.envelopes.map((envelope) => `${envelope.description} (\`${envelope.carrier.join('.')}\`)`).join(' or ');
  return `/** The carrier of ${shape.what}: its message attributes or, where they have none, that of the body when it is ${described}. */
function ${shape.helper}(${input}: { ${shape.attributes}?: Record<string, { ${valueType} }>; ${bodyPath.join('')}?: string }): Record<string, unknown> {
  const carrier: Record<string, unknown> = {};
  const attributes = ${input}.${shape.attributes} ?? {};
  for (const key of Object.keys(attributes)) {
    carrier[key] = ${value};
  }
  if (carrier.${TRACE_CONTEXT_KEYS[0]} !== undefined || typeof ${body} !== 'string' || !/^\\s*\\{/.test(${body})) {
    return carrier;
  }
  try {
    const message = JSON.parse(${body});
${shape.envelopes.flatMap(envelopeReaderLines).join('\n')}
    return carrier;
  } catch {
    return carrier;
  }
}`;
}

const HELPERS: Record<HelperName, HelperDefinition> = {
  injectTraceContext: {
    api: ['propagation', 'context'],
    source: (r) => `/** Writes the active trace context (W3C traceparent, tracestate) into the headers or attributes of a message. */
function injectTraceContext<T extends object>(carrier: T): T {
  ${r.propagation}.inject(${r.context}.active(), carrier);
  return carrier;
}`,
  },
  injectTraceContextAttributes: {
    api: ['propagation', 'context'],
    source: (r) => `/** Adds the active trace context to SQS/SNS message attributes; leaves them as they are when the ${AWS_MESSAGE_ATTRIBUTES_LIMIT}-attribute limit leaves no room. */
function injectTraceContextAttributes<T extends object>(attributes: T): T {
  const carrier: Record<string, string> = {};
  ${r.propagation}.inject(${r.context}.active(), carrier);
  const entries = Object.entries(carrier);
  if (Object.keys(attributes).length + entries.length > ${AWS_MESSAGE_ATTRIBUTES_LIMIT}) {
    return attributes;
  }
  for (const [key, value] of entries) {
    Object.assign(attributes, { [key]: { DataType: 'String', StringValue: value } });
  }
  return attributes;
}`,
  },
  injectTraceContextHeaders: {
    api: ['propagation', 'context'],
    source: (r) => `/** Writes the active trace context into NATS message headers. */
function injectTraceContextHeaders<T extends { set(key: string, value: string): void }>(messageHeaders: T): T {
  ${r.propagation}.inject(${r.context}.active(), messageHeaders, { set: (carrier, key, value) => carrier.set(key, value) });
  return messageHeaders;
}`,
  },
  withTraceContext: {
    api: ['propagation', 'context'],
    source: (r) => `/** The payload with the active trace context under \`${KEY}\`; a payload that is not a plain object is sent as it is. */
function withTraceContext<T>(payload: T): T {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return payload;
  }
  const carrier: Record<string, string> = {};
  ${r.propagation}.inject(${r.context}.active(), carrier);
  return { ...payload, ${KEY}: carrier };
}`,
  },
  extractTraceContext: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer wrote into the headers or attributes of a message. */
function extractTraceContext(carrier: Record<string, unknown> | undefined) {
  return ${r.propagation}.extract(${r.context}.active(), carrier ?? {}, {
    keys: (headers) => Object.keys(headers),
    get: (headers, key) => (headers[key] === undefined || headers[key] === null ? undefined : String(headers[key])),
  });
}`,
  },
  extractTraceContextFromHeaders: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer wrote into NATS message headers. */
function extractTraceContextFromHeaders(headers: { get(key: string): string; keys(): string[] } | undefined) {
  return ${r.propagation}.extract(${r.context}.active(), headers, {
    keys: (carrier) => carrier?.keys() ?? [],
    get: (carrier, key) => carrier?.get(key) || undefined,
  });
}`,
  },
  extractTraceContextFromSqsAttributes: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer wrote into the message attributes of an SQS record. */
function extractTraceContextFromSqsAttributes(attributes: Record<string, { stringValue?: string }> | undefined) {
  return ${r.propagation}.extract(${r.context}.active(), attributes ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key]?.stringValue,
  });
}`,
  },
  extractTraceContextFromSqsMessageAttributes: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer wrote into the message attributes of a received SQS message (\`StringValue\`, or \`stringValue\` as Lambda has them). */
function extractTraceContextFromSqsMessageAttributes(attributes: Record<string, { StringValue?: string; stringValue?: string }> | undefined) {
  return ${r.propagation}.extract(${r.context}.active(), attributes ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key]?.StringValue ?? carrier[key]?.stringValue,
  });
}`,
  },
  extractTraceContextFromSnsAttributes: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer wrote into the message attributes of an SNS record. */
function extractTraceContextFromSnsAttributes(attributes: Record<string, { Value: string }> | undefined) {
  return ${r.propagation}.extract(${r.context}.active(), attributes ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key]?.Value,
  });
}`,
  },
  extractTraceContextFromPayload: {
    api: ['propagation', 'context'],
    source: (r) => `/** The trace context a producer put under \`${KEY}\` in a message payload. */
function extractTraceContextFromPayload(payload: unknown) {
  const carrier = typeof payload === 'object' && payload !== null ? (payload as { ${KEY}?: unknown }).${KEY} : undefined;
  return ${r.propagation}.extract(${r.context}.active(), typeof carrier === 'object' && carrier !== null ? carrier : {});
}`,
  },
  extractTraceContextFromJson: {
    api: ['context'],
    uses: ['extractTraceContextFromPayload'],
    source: (r) => `/** The trace context a producer put under \`${KEY}\` in a JSON message. */
function extractTraceContextFromJson(message: unknown) {
  try {
    return extractTraceContextFromPayload(JSON.parse(String(message)));
  } catch {
    return ${r.context}.active();
  }
}`,
  },
  getTraceLinks: {
    api: ['trace', 'context'],
    source: (r) => `/** A link to the span a message was sent from, when the message carried one. */
function getTraceLinks(parent: ReturnType<typeof ${r.context}.active>) {
  const spanContext = ${r.trace}.getSpanContext(parent);
  return spanContext ? [{ context: spanContext }] : [];
}`,
  },
  inProducerSpan: {
    api: ['SpanKind', 'SpanStatusCode'],
    usesTracer: true,
    source: (r, tracer) => `/** Runs a send inside a producer span named \`send <destination>\`, so the carrier written during the send points at it. */
function inProducerSpan<T>(system: string, operation: string, destination: unknown, send: () => T): T {
  const attributes: Record<string, string> = {
    'messaging.system.name': system,
    'messaging.operation.name': operation,
    'messaging.operation.type': 'send',
  };
  if (destination !== undefined) {
    attributes['messaging.destination.name'] = String(destination);
  }
  const name = destination === undefined ? 'send' : \`send \${String(destination)}\`;
  return ${tracer}.startActiveSpan(name, { kind: ${r.SpanKind}.PRODUCER, attributes }, (span) => {
    const fail = (error: unknown): never => {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: ${r.SpanStatusCode}.ERROR });
      span.end();
      throw error;
    };
    try {
      const result = send();
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then((value: unknown) => {
        span.end();
        return value;
      }, fail) as T;
    } catch (error) {
      return fail(error);
    }
  });
}`,
  },
  readTraceContextFromKinesisData: {
    api: [],
    fileOnly: true,
    source: () => `/** The carrier a producer put under \`${KEY}\` in the data of a Kinesis record (base64 of JSON); empty when the data is not JSON. */
function readTraceContextFromKinesisData(data: string): Record<string, unknown> {
  try {
    const carrier = (JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { ${KEY}?: unknown } | null)?.${KEY};
    return typeof carrier === 'object' && carrier !== null ? (carrier as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}`,
  },
  readTraceContextFromSqsRecord: {
    api: [],
    fileOnly: true,
    source: () => sqsMessageReaderSource(SQS_RECORD_SHAPE),
  },
  readTraceContextFromSqsMessage: {
    api: [],
    fileOnly: true,
    source: () => sqsMessageReaderSource(SQS_MESSAGE_SHAPE),
  },
};

const PLACEHOLDER_REFS: ApiRefs = { propagation: 'propagation', context: 'context', trace: 'trace', SpanKind: 'SpanKind', SpanStatusCode: 'SpanStatusCode' };

/**
 * Whether a function of the file with a helper's name is that helper (written by an earlier run or by the other
 * transform), by the doc comment every helper is written with: a function of the user's that happens to have the
 * name is not called in its place.
 */
function isHelperDefinition(declaration: { getJsDocs(): Array<{ getText(): string }> }, name: HelperName): boolean {
  const doc = HELPERS[name].source(PLACEHOLDER_REFS, 'tracer').split('\n')[0]!.trim();
  return declaration.getJsDocs().some((written) => written.getText().trim() === doc);
}

/**
 * How the file already offers a helper: the helper declared at its top level (a function of the user's with the same
 * name is not it), or a named import of it (maybe aliased).
 */
export function findHelperInFile(sourceFile: SourceFile, name: HelperName): string | undefined {
  const declaration = sourceFile.getFunction(name);
  if (declaration) return isHelperDefinition(declaration, name) ? name : undefined;
  for (const imported of sourceFile.getImportDeclarations()) {
    const specifier = imported.getNamedImports().find((candidate) => candidate.getName() === name && !candidate.isTypeOnly());
    if (specifier && !imported.isTypeOnly()) return specifier.getAliasNode()?.getText() ?? name;
  }
  return undefined;
}

/** The helpers of the shared helper module (the `helper` option). */
export const HELPER_NAMES = (Object.keys(HELPERS) as HelperName[]).filter((name) => !HELPERS[name].fileOnly);

/** The helpers needed, with the helpers they call, in a stable order. */
export function withDependencies(names: Iterable<HelperName>): HelperName[] {
  const wanted = new Set<HelperName>();
  const visit = (name: HelperName) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const used of HELPERS[name].uses ?? []) visit(used);
  };
  for (const name of names) visit(name);
  return HELPER_NAMES.filter((name) => wanted.has(name));
}

export function getApiNames(names: readonly HelperName[]): Array<keyof ApiRefs> {
  return [...new Set(names.flatMap((name) => HELPERS[name].api))];
}

export function usesTracer(names: readonly HelperName[]): boolean {
  return names.some((name) => HELPERS[name].usesTracer);
}

/** The helpers' code for a file: TypeScript or, for JavaScript files, the same with the types removed; in the file's style. */
export function renderHelpers(names: readonly HelperName[], refs: ApiRefs, tracer: string, options: { javascript: boolean; exported: boolean; style: FileStyle }): string {
  const blocks = names.map((name) => {
    const source = HELPERS[name].source(refs, tracer);
    const code = options.javascript ? stripTypes(source) : source;
    return options.exported ? code.replace(/^function /m, 'export function ') : code;
  });
  return restyleCode(blocks.join('\n\n'), options.style);
}

function stripTypes(source: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false, alwaysStrict: false },
  });
  // The emitter indents by four spaces and puts `catch` and `finally` on a line of their own; the sources use two
  // spaces and keep them after the closing brace.
  return outputText
    .replace(/\r?\n$/, '')
    .replace(/^export \{\};\r?\n?/m, '')
    .replace(/\}\r?\n[ \t]*(catch|finally)\b/g, '} $1')
    .replace(/^(?: {4})+/gm, (indent) => ' '.repeat(indent.length / 2));
}

/**
 * The carrier getters wrap-handlers writes inline where a file reads a carrier once (`propagation.extract(ctx,
 * carrier, <getter>)`), each with the helper that reads the same carrier. A file that reads one more than once gets
 * the helper instead, written once, and an inline getter is never left beside its own helper.
 */
export const INLINE_CARRIER_GETTERS = {
  // kafkajs header values arrive as Buffers; the default getter would hand the propagator a Buffer and lose the context.
  'buffer-map': { text: '{ keys: (carrier) => Object.keys(carrier ?? {}), get: (carrier, key) => carrier?.[key]?.toString() }', helper: 'extractTraceContext' },
  'nats-headers': { text: '{ keys: (carrier) => carrier?.keys() ?? [], get: (carrier, key) => carrier?.get(key) }', helper: 'extractTraceContextFromHeaders' },
  // Message attributes in a Lambda event are objects: SQS `{ stringValue }`, SNS `{ Value }`.
  'lambda-sqs': { text: '{ keys: (carrier) => Object.keys(carrier ?? {}), get: (carrier, key) => carrier?.[key]?.stringValue }', helper: 'extractTraceContextFromSqsAttributes' },
  'lambda-sns': { text: '{ keys: (carrier) => Object.keys(carrier ?? {}), get: (carrier, key) => carrier?.[key]?.Value }', helper: 'extractTraceContextFromSnsAttributes' },
  // Message attributes as the SDK receives them (sqs-consumer): `{ StringValue }`, `{ stringValue }` tolerated. `Object(…)`
  // reads either field whatever the attribute's declared type.
  'sqs-message': {
    text: '{ keys: (carrier) => Object.keys(carrier ?? {}), get: (carrier, key) => Object(carrier?.[key]).StringValue ?? Object(carrier?.[key]).stringValue }',
    helper: 'extractTraceContextFromSqsMessageAttributes',
  },
} as const satisfies Record<string, { text: string; helper: HelperName }>;

export type InlineCarrierGetter = keyof typeof INLINE_CARRIER_GETTERS;

/**
 * Carriers wrap-handlers decodes out of a message before extracting from them, written inline where a file reads one
 * once, each with the helper that returns the same carrier object, used (and written once) where it reads more.
 */
export const INLINE_CARRIER_READERS = {
  // Kinesis record data: base64 of the JSON payload, the carrier under the envelope key.
  'kinesis-data': {
    text: (data: string) => `(() => { try { return JSON.parse(Buffer.from(${data}, 'base64').toString('utf8'))?.${KEY} ?? {} } catch { return {} } })()`,
    helper: 'readTraceContextFromKinesisData',
    evenWhenReadOnce: false,
  },
  // An SQS record: its message attributes, else an EventBridge event in its body. Too long to read well inline, so the
  // helper is written even for one read; where the file uses the name for something else, the attributes are read inline.
  'sqs-record': { helper: 'readTraceContextFromSqsRecord', evenWhenReadOnce: true },
  // A message received with the SDK (sqs-consumer): the same, with the SDK's field names.
  'sqs-message-with-body': { helper: 'readTraceContextFromSqsMessage', evenWhenReadOnce: true },
} as const satisfies Record<string, { text?: (argument: string) => string; helper: HelperName; evenWhenReadOnce: boolean }>;

export type InlineCarrierReader = keyof typeof INLINE_CARRIER_READERS;

/**
 * Rewrites `<api>.extract(<context>, <carrier>, <inline getter>)` into `<helper>(<carrier>)` for the helpers given
 * (`refs`: helper name → how the file calls it). The carrier is the simple expression wrap-handlers writes there
 * (`record?.messageAttributes`, `msg.headers`); anything else is left as it is.
 */
export function replaceInlineCarrierGetters(text: string, refs: Partial<Record<HelperName, string>>): string {
  return applyTextEdits(text, planInlineCarrierGetterReplacements(text, refs));
}

/** The same rewrites as {@link replaceInlineCarrierGetters}, as edits on `text` (the file as it was parsed). */
export function planInlineCarrierGetterReplacements(text: string, refs: Partial<Record<HelperName, string>>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const { text: getter, helper } of Object.values(INLINE_CARRIER_GETTERS)) {
    const ref = refs[helper];
    if (!ref || !text.includes(getter)) continue;
    const call = new RegExp(`[\\w$.]+\\.extract\\([\\w$.]+(?:\\(\\))?, ([\\w$.?\\[\\]'"]+), ${escapeRegExp(getter)}\\)`, 'g');
    for (const match of text.matchAll(call)) {
      edits.push({ start: match.index, end: match.index + match[0].length, text: `${ref}(${match[1]})`, label: `read through ${ref}` });
    }
  }
  return edits;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
