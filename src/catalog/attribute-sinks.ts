/**
 * Where code attaches attributes to telemetry, as plain data: span methods, span start options,
 * metric instruments and the logs API. Rules that look at attribute keys or values read these lists.
 */

/** The kind of telemetry an attribute lands on. */
export type AttributeSinkKind = 'span' | 'event' | 'metric' | 'log';

/** What a sink call is made on; each tree reader tells which of these a receiver is, the catalog decides the rest. */
export type AttributeReceiverKind = 'span' | 'tracer' | 'metric-instrument' | 'logger';

/**
 * A method whose arguments carry attributes: `receiver.method(…)`. The one list both halves read: the lint rules
 * that look at attribute keys and values, and the `migrate-semconv` codemod that renames keys.
 */
export interface AttributeSinkCall {
  method: string;
  receiver: AttributeReceiverKind;
  sink: AttributeSinkKind;
  /** `pair`: (key, value) arguments; `object`: an attributes object at `argumentIndex`. */
  shape: 'pair' | 'object';
  /** Index of the key (for `pair`) or of the object argument (for `object`). */
  argumentIndex: number;
  /** When set, the attributes are this property of the object argument: `startSpan(name, { attributes })`. */
  property?: string;
}

/** The option of `startSpan(name, options)` / `startActiveSpan(name, options, fn)` that holds attributes. */
const SPAN_OPTIONS_ATTRIBUTES_KEY = 'attributes';

/** The property of a log record, `logger.emit({ body, attributes })`, that holds attributes. */
const LOG_RECORD_ATTRIBUTES_KEY = 'attributes';

export const ATTRIBUTE_SINK_CALLS: readonly AttributeSinkCall[] = [
  // Span methods that set attributes on the span or on an event of it. `recordException` is not one.
  { method: 'setAttribute', receiver: 'span', sink: 'span', shape: 'pair', argumentIndex: 0 },
  { method: 'setAttributes', receiver: 'span', sink: 'span', shape: 'object', argumentIndex: 0 },
  { method: 'addEvent', receiver: 'span', sink: 'event', shape: 'object', argumentIndex: 1 },
  // Span start options: tracer.startSpan(name, { attributes }), tracer.startActiveSpan(name, { attributes }, fn).
  { method: 'startSpan', receiver: 'tracer', sink: 'span', shape: 'object', argumentIndex: 1, property: SPAN_OPTIONS_ATTRIBUTES_KEY },
  { method: 'startActiveSpan', receiver: 'tracer', sink: 'span', shape: 'object', argumentIndex: 1, property: SPAN_OPTIONS_ATTRIBUTES_KEY },
  // Metric instruments: counter.add(1, { … }), histogram.record(ms, { … }), and the result handed to an
  // observable instrument's callback: result.observe(value, { … }).
  { method: 'add', receiver: 'metric-instrument', sink: 'metric', shape: 'object', argumentIndex: 1 },
  { method: 'record', receiver: 'metric-instrument', sink: 'metric', shape: 'object', argumentIndex: 1 },
  { method: 'observe', receiver: 'metric-instrument', sink: 'metric', shape: 'object', argumentIndex: 1 },
  // The logs API: logger.emit({ body, attributes }).
  { method: 'emit', receiver: 'logger', sink: 'log', shape: 'object', argumentIndex: 0, property: LOG_RECORD_ATTRIBUTES_KEY },
];

/** The facts about a call that decide whether it is an attribute sink, as each tree reader sees them. */
export interface AttributeSinkCallFacts {
  /** The method called: `span.setAttribute(…)` → setAttribute. */
  method: string;
  /** Whether the receiver is of a kind: asked only for the kinds the method can be a sink on. */
  isReceiver: (kind: AttributeReceiverKind) => boolean;
}

/** The sink a call is, if it is one: the method names it and its receiver is of the kind that method sinks on. */
export function matchAttributeSinkCall(facts: AttributeSinkCallFacts): AttributeSinkCall | undefined {
  return ATTRIBUTE_SINK_CALLS.find((sink) => sink.method === facts.method && facts.isReceiver(sink.receiver));
}

/** Whether argument `index` of a `method(…)` call is the key of a (key, value) sink: `span.setAttribute(key, value)`. */
export function isAttributeKeyArgument(method: string, index: number): boolean {
  return ATTRIBUTE_SINK_CALLS.some((sink) => sink.method === method && sink.shape === 'pair' && sink.argumentIndex === index);
}

/** Whether some attribute sink has this method name: the cheap test before a reader looks at the receiver. */
export function isAttributeSinkMethod(method: string): boolean {
  return ATTRIBUTE_SINK_CALLS.some((sink) => sink.method === method);
}

/** Meter methods that create a synchronous instrument. */
export const METER_INSTRUMENT_FACTORIES: readonly string[] = ['createCounter', 'createUpDownCounter', 'createHistogram', 'createGauge'];

/** Meter methods that create an observable instrument, whose callbacks call `result.observe(value, attributes)`. */
export const METER_OBSERVABLE_FACTORIES: readonly string[] = ['createObservableCounter', 'createObservableUpDownCounter', 'createObservableGauge'];

/** The observable instrument method that registers a callback. */
export const OBSERVABLE_CALLBACK_METHOD = 'addCallback';

/** A value whose name matches this is taken for a metric instrument when nothing else says what it is. */
export const METRIC_INSTRUMENT_NAME_PATTERN = /(?:counter|histogram|gauge)$/i;

/** Type names of spans and instruments in `@opentelemetry/api`, used when type information is available. */
export const METRIC_INSTRUMENT_TYPE_NAMES: readonly string[] = ['Counter', 'UpDownCounter', 'Histogram', 'Gauge', 'ObservableResult'];
export const LOGGER_TYPE_NAMES: readonly string[] = ['Logger'];

/** Loggers of the logs API: from `logs.getLogger(name)`, or named like one. */
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
