/**
 * Where code attaches attributes to telemetry, as plain data: span methods, span start options,
 * metric instruments and the logs API. Rules that look at attribute keys or values read these lists.
 */

/** The kind of telemetry an attribute lands on. */
export type AttributeSinkKind = 'span' | 'event' | 'metric' | 'log';

/** A method whose arguments carry attributes: `receiver.method(…)`. */
export interface AttributeMethodSink {
  method: string;
  sink: AttributeSinkKind;
  /** `pair`: (key, value) arguments; `object`: an attributes object at `argumentIndex`. */
  shape: 'pair' | 'object';
  /** Index of the key (for `pair`) or of the attributes object (for `object`). */
  argumentIndex: number;
}

/** Span methods that set attributes on the span or on an event of it. `recordException` is not one. */
export const SPAN_ATTRIBUTE_METHODS: readonly AttributeMethodSink[] = [
  { method: 'setAttribute', sink: 'span', shape: 'pair', argumentIndex: 0 },
  { method: 'setAttributes', sink: 'span', shape: 'object', argumentIndex: 0 },
  { method: 'addEvent', sink: 'event', shape: 'object', argumentIndex: 1 },
];

/** The option of `startSpan(name, options)` / `startActiveSpan(name, options, fn)` that holds attributes. */
export const SPAN_OPTIONS_ATTRIBUTES_KEY = 'attributes';

/** Metric instrument methods and where their attributes argument is: `counter.add(1, { … })`. */
export const METRIC_ATTRIBUTE_METHODS: readonly AttributeMethodSink[] = [
  { method: 'add', sink: 'metric', shape: 'object', argumentIndex: 1 },
  { method: 'record', sink: 'metric', shape: 'object', argumentIndex: 1 },
  // The result handed to an observable instrument's callback: `result.observe(value, { … })`.
  { method: 'observe', sink: 'metric', shape: 'object', argumentIndex: 1 },
];

/** Meter methods that create a synchronous instrument. */
export const METER_INSTRUMENT_FACTORIES: readonly string[] = ['createCounter', 'createUpDownCounter', 'createHistogram', 'createGauge'];

/** Meter methods that create an observable instrument, whose callbacks call `result.observe(value, attributes)`. */
export const METER_OBSERVABLE_FACTORIES: readonly string[] = ['createObservableCounter', 'createObservableUpDownCounter', 'createObservableGauge'];

/** The observable instrument method that registers a callback. */
export const OBSERVABLE_CALLBACK_METHOD = 'addCallback';

/** A value whose name matches this is taken for a metric instrument when nothing else says what it is. */
export const METRIC_INSTRUMENT_NAME_PATTERN = /(?:counter|histogram|gauge)$/i;

/** A value whose name matches this is taken for a span: `span`, `rootSpan`, `this.span`. */
export const SPAN_NAME_PATTERN = /^span$|Span$/;

/** Type names of spans and instruments in `@opentelemetry/api`, used when type information is available. */
export const METRIC_INSTRUMENT_TYPE_NAMES: readonly string[] = ['Counter', 'UpDownCounter', 'Histogram', 'Gauge', 'ObservableResult'];
export const LOGGER_TYPE_NAMES: readonly string[] = ['Logger'];

/** The logs API: `logger.emit({ body, attributes })`, loggers from `logs.getLogger(name)`. */
export const LOG_EMIT_METHOD = 'emit';
export const LOG_RECORD_ATTRIBUTES_KEY = 'attributes';
export const LOGGER_FACTORY_METHODS: readonly string[] = ['getLogger'];
export const LOGGER_NAME_PATTERN = /logger$/i;

/** DOM calls whose result has a `setAttribute` of its own: a `span` from these is an HTML element, not a span. */
export const DOM_ELEMENT_FACTORIES: readonly string[] = [
  'createElement',
  'createElementNS',
  'querySelector',
  'getElementById',
  'closest',
  'cloneNode',
];
