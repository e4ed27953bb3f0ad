/**
 * Which calls between a span's start and its end can throw in practice, as plain data.
 * `otel/span-must-end` reads it for its exception-path check; nothing here imports an AST library.
 *
 * Under the default policy (`likely`) a call is an exception path unless it is listed here; under `all`
 * only the calls in NON_THROWING_CALLS are exempt, as before the policy existed.
 */

/**
 * Calls that cannot fail, whatever the policy. Keys are the callee's object (or '' for a plain function),
 * values the method names ('*' for any).
 */
export const NON_THROWING_CALLS: Readonly<Record<string, readonly string[]>> = {
  Date: ['now'],
  performance: ['now'],
  Math: ['*'],
  console: ['*'],
  Number: ['*'],
  String: ['*'],
  Array: ['isArray'],
  Object: ['keys', 'values', 'entries', 'assign', 'freeze'],
  context: ['active'],
  trace: ['getTracer', 'getSpan', 'getActiveSpan', 'setSpan', 'getSpanContext', 'setSpanContext', 'wrapSpanContext'],
  propagation: ['inject', 'extract', 'fields'],
  '': ['String', 'Number', 'Boolean', 'Symbol', 'BigInt'],
};

/**
 * Further built-ins that cannot fail on the values instrumentation passes them (`likely` policy only).
 * `JSON.parse` is left out on purpose: it throws on malformed input, which is exactly what a span should see.
 */
export const LIKELY_NON_THROWING_CALLS: Readonly<Record<string, readonly string[]>> = {
  Date: ['now', 'parse', 'UTC'],
  JSON: ['stringify'],
  Object: ['keys', 'values', 'entries', 'assign', 'freeze', 'fromEntries', 'hasOwn', 'is', 'getPrototypeOf', 'create'],
  Array: ['isArray', 'of'],
  Promise: ['resolve', 'reject'],
  Buffer: ['byteLength', 'isBuffer'],
  process: ['hrtime', 'uptime', 'memoryUsage', 'cpuUsage'],
  diag: ['*'],
  metrics: ['getMeter'],
  '': ['parseInt', 'parseFloat', 'isNaN', 'isFinite', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask'],
};

/**
 * Methods that do not throw on whatever value they are called on: string, number, date and collection methods,
 * span and metric-instrument methods (the API swallows its own errors). Methods that take a callback
 * (`find`, `map`) count only when each callback is written inline and cannot throw itself.
 */
export const NON_THROWING_VALUE_METHODS: readonly string[] = [
  // strings and numbers
  'toString', 'toFixed', 'toPrecision', 'toLowerCase', 'toUpperCase', 'toLocaleString', 'trim', 'trimStart', 'trimEnd',
  'slice', 'substring', 'substr', 'split', 'join', 'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith',
  'replace', 'replaceAll', 'padStart', 'padEnd', 'concat', 'charAt', 'charCodeAt', 'at', 'valueOf', 'localeCompare',
  // dates
  'toISOString', 'toJSON', 'getTime', 'toUTCString', 'toDateString',
  // collections
  'push', 'pop', 'shift', 'unshift', 'splice', 'set', 'get', 'has', 'delete', 'clear', 'keys', 'values', 'entries',
  'reverse', 'fill', 'flat', 'add',
  // span, metric instruments, timers
  'setAttribute', 'setAttributes', 'addEvent', 'addLink', 'addLinks', 'setStatus', 'recordException', 'updateName',
  'isRecording', 'spanContext', 'end', 'record', 'unref', 'ref',
  // a tracer hands out a span whatever it is given
  'startSpan', 'getTracer',
];

/** Collection methods that run a callback: they throw only when the callback does. */
export const CALLBACK_VALUE_METHODS: readonly string[] = [
  'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'map', 'flatMap', 'some', 'every', 'forEach', 'reduce', 'reduceRight', 'sort',
  // the API runs the callback at once: `tracer.startActiveSpan(name, fn)`, `context.with(ctx, fn)`
  'startActiveSpan', 'with',
];

/**
 * Constructors that validate their input and throw on bad values (`new URL('not a url')`). Under `likely`, other
 * constructors (an error, a service object built from options) are taken not to throw.
 */
export const THROWING_CONSTRUCTORS: readonly string[] = ['URL', 'RegExp', 'Function', 'TextDecoder', 'BigInt', 'WebSocket'];

/** A receiver named like a logger: its logging methods never throw in practice. */
export const LOGGER_RECEIVER_PATTERN = /^(?:log|logger|_logger|diag|console)$|Logger$|Log$/i;

/** Logging methods of the loggers above (and of the OpenTelemetry Logs API). */
export const LOGGER_METHODS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'log', 'emit', 'child'];

/** `new Error(…)`, `new HttpError(…)`: building an error object does not throw. */
export const ERROR_CLASS_PATTERN = /Error$/;

/**
 * Calls that hand work to code received from elsewhere, which can throw whatever it likes: reported under
 * every policy even when the method name looks harmless.
 */
export const FOREIGN_CODE_METHODS: readonly string[] = ['apply', 'call'];
