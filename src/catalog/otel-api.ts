/**
 * What the OpenTelemetry JS tracing API looks like, as plain data.
 * Rules and codemods read these lists; nothing here imports an AST library.
 */

/** The package every instrumentation imports its API from. */
export const OTEL_API_MODULE = '@opentelemetry/api';

/**
 * The oldest TypeScript that reads `@opentelemetry/api` 1.9's type declarations (3.7 stops at their `export type { … }`;
 * 3.8 and 3.9 read them under `strict`) and the `?.`/`??` the codemods write (3.7). A TypeScript project on an older
 * compiler cannot build instrumented code.
 */
export const OTEL_API_MIN_TYPESCRIPT = { major: 3, minor: 8 } as const;

/** Calls that return a Tracer: `trace.getTracer(name)`, `provider.getTracer(name)`. */
export const TRACER_FACTORY_METHODS: readonly string[] = ['getTracer'];

/** Tracers from these packages follow the API's contract (the caller ends the span). */
export const OTEL_MODULE_PREFIX = '@opentelemetry/';

/** A value whose name matches this is taken for a tracer when nothing else says what it is. */
export const TRACER_NAME_PATTERN = /tracer/i;

/** The type name of a tracer in `@opentelemetry/api`, for parameters typed `Tracer`. */
export const TRACER_TYPE_NAMES: readonly string[] = ['Tracer'];

/** Tracer methods that return a span the caller must end. */
export const SPAN_START_METHODS: readonly string[] = ['startSpan'];

/** Tracer methods that hand a span to their last argument, a callback that must end it. */
export const ACTIVE_SPAN_START_METHODS: readonly string[] = ['startActiveSpan'];

/** Span methods that end it. */
export const SPAN_END_METHODS: readonly string[] = ['end'];

/** Span methods that never throw (the API swallows errors), so calling them between start and end is safe. */
export const SPAN_SAFE_METHODS: readonly string[] = [
  'setAttribute',
  'setAttributes',
  'addEvent',
  'addLink',
  'addLinks',
  'setStatus',
  'recordException',
  'updateName',
  'isRecording',
  'spanContext',
];

/** The span method that records an exception as an event. */
export const RECORD_EXCEPTION_METHOD = 'recordException';

/** The span method that sets the status, and the status code that marks an error. */
export const SET_STATUS_METHOD = 'setStatus';
export const STATUS_CODE_ENUM = 'SpanStatusCode';
export const STATUS_CODE_ERROR_MEMBER = 'ERROR';
/** `SpanStatusCode.ERROR` is the number 2 in the API. */
export const STATUS_CODE_ERROR_VALUE = 2;

/** Span kinds of the API, for codemods that write `SpanKind.X`. */
export const SPAN_KIND_ENUM = 'SpanKind';

/** API namespaces codemods import and rules recognise. */
export const API_NAMESPACES = {
  trace: 'trace',
  context: 'context',
  propagation: 'propagation',
} as const;

/** `context.with(ctx, fn)` / `context.bind(ctx, fn)`: run a callback in a context. */
export const CONTEXT_RUNNING_METHODS: readonly string[] = ['with', 'bind'];

/** API calls that read a context without keeping it: a context handed to them stays the caller's. */
export const CONTEXT_BORROWING_CALLS: readonly string[] = ['startSpan', 'startActiveSpan', 'inject', 'getSpan', 'getSpanContext', 'setSpan', 'setValue', 'getValue', 'getBaggage', 'setBaggage'];

/** API functions that take a span without taking over the duty to end it (`trace.setSpan(ctx, span)`). */
export const SPAN_BORROWING_FUNCTIONS: readonly string[] = ['setSpan', 'setSpanContext', 'wrapSpanContext'];


/** The API type of a span, for type-aware receivers. */
export const SPAN_TYPE_NAMES: readonly string[] = ['Span'];

/** API calls that return the current span: `trace.getActiveSpan()`, `trace.getSpan(ctx)`. */
export const SPAN_GETTER_FUNCTIONS: readonly string[] = ['getActiveSpan', 'getSpan'];
