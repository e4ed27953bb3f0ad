/**
 * What unbounded (high-cardinality) attribute values and keys look like, as plain data.
 * `all` patterns are reported on every sink (spans, span events, log records, metrics);
 * `metric` patterns only on metric instruments, where every distinct value is a new time series.
 * Names and keys are split into lowercase words as in sensitive-patterns.ts.
 */
import type { PatternExamples } from './sensitive-patterns.js';

export type UnboundedSinks = 'all' | 'metric';

export interface UnboundedValuePattern {
  id: string;
  /** What the value is, for messages: "the current time". */
  description: string;
  sinks: UnboundedSinks;
  /** Calls by dotted callee path: `Date.now`, `process.hrtime.bigint`; a bare name matches a plain call. */
  calls?: readonly string[];
  /** For `calls`: only when the first argument is not a literal (`JSON.stringify('ok')` is bounded). */
  argumentMustBeData?: boolean;
  /** `new X(…)`, and method calls on it not listed in `boundedMethods`. */
  constructors?: readonly string[];
  /** Methods of a constructed value that give a bounded result (`new Date(x).getFullYear()`). */
  boundedMethods?: readonly string[];
  /**
   * Off metrics, `new X(value)` with arguments converts a stored value rather than reading the clock:
   * `new Date(order.createdAt).toISOString()` is a time of the order, `new Date().toISOString()` is now.
   */
  constructedWithArgumentsOnlyOnMetrics?: boolean;
  /** Word sequences the value's last name ends with: `req.body` → body, `order.userId` → user id. */
  nameEndings?: readonly string[];
  /** Object names that make a name ending something else: `error.message` is not free text of the user's. */
  notOn?: readonly string[];
  /** Template literals whose interpolations do not all look bounded (see LOW_CARDINALITY_NAME_WORDS). */
  interpolatedTemplates?: boolean;
  /** Whether `.slice(0, n)`, `.substring(0, n)` or a truncator bounds it well enough for spans, events and logs. */
  truncatable?: boolean;
  /** Code examples: expressions written as attribute values. */
  examples: PatternExamples;
}

export const UNBOUNDED_VALUE_PATTERNS: readonly UnboundedValuePattern[] = [
  {
    id: 'clock',
    description: 'the current time',
    sinks: 'all',
    calls: ['Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint', 'process.uptime'],
    constructors: ['Date'],
    constructedWithArgumentsOnlyOnMetrics: true,
    boundedMethods: ['getFullYear', 'getUTCFullYear', 'getMonth', 'getUTCMonth', 'getDay', 'getUTCDay', 'getDate', 'getUTCDate', 'getHours', 'getUTCHours', 'getTimezoneOffset'],
    examples: {
      match: ['Date.now()', 'new Date()', 'new Date().toISOString()', 'performance.now()', 'process.hrtime()', 'process.hrtime.bigint()'],
      // On spans a stored time converted (`new Date(order.createdAt)`) is not a clock reading; on metrics it still is.
      noMatch: ['new Date().getFullYear()', 'order.createdAt', 'Date.parse', 'clock.now', 'new Date(order.createdAt).getTime()', 'new Date(job.enqueuedAt).toISOString()'],
    },
  },
  {
    id: 'random',
    description: 'a random number',
    // On a span a random value is an id of the span's own work, which spans are for.
    sinks: 'metric',
    calls: ['Math.random'],
    examples: { match: ['Math.random()', 'Math.random() * 100'], noMatch: ['Math.round(x)', 'random'] },
  },
  {
    id: 'serialized',
    description: 'serialized data',
    sinks: 'all',
    calls: ['JSON.stringify', 'util.inspect', 'inspect'],
    argumentMustBeData: true,
    truncatable: true,
    examples: { match: ['JSON.stringify(body)', 'JSON.stringify(req.query)', 'util.inspect(order)'], noMatch: ["JSON.stringify('ok')", 'JSON.stringify(true)', 'JSON.parse(text)'] },
  },
  {
    id: 'payload',
    description: 'a whole body or payload',
    sinks: 'all',
    nameEndings: ['body', 'raw body', 'payload', 'raw payload'],
    truncatable: true,
    examples: { match: ['req.body', 'message.payload', 'event.rawBody', 'requestBody'], noMatch: ['req.body.length', 'payload.size', 'bodyParser', 'antibody.count'] },
  },
  {
    id: 'free-text',
    description: 'free text',
    sinks: 'all',
    nameEndings: ['title', 'description', 'message', 'content', 'text', 'comment', 'comments', 'summary', 'note', 'notes', 'bio', 'prompt', 'completion'],
    notOn: ['error', 'err', 'e', 'ex', 'exception', 'cause'],
    truncatable: true,
    examples: {
      match: ['post.title', 'ticket.description', 'chat.message', 'review.comment', 'doc.content', 'input.text', 'issueTitle'],
      noMatch: ['error.message', 'err.message', 'post.title.slice(0, 64)', 'post.titleLength', 'textarea.rows', 'message.id'],
    },
  },
  {
    id: 'interpolated',
    description: 'a template with interpolated values',
    sinks: 'metric',
    interpolatedTemplates: true,
    examples: { match: ['`${user.id}`', '`/users/${id}/orders`', '`${method} ${req.path}`'], noMatch: ['`${method} ${route}`', '`v${version}`', '`static`'] },
  },
  {
    id: 'generated-id',
    description: 'a generated id',
    sinks: 'metric',
    calls: ['crypto.randomUUID', 'randomUUID', 'uuid', 'uuidv4', 'uuidV4', 'v4', 'v7', 'nanoid', 'ulid', 'cuid', 'createId'],
    examples: { match: ['crypto.randomUUID()', 'uuidv4()', 'nanoid()'], noMatch: ['crypto.createHash', 'getUuidVersion()'] },
  },
  {
    id: 'identifier',
    description: 'an id',
    sinks: 'metric',
    nameEndings: ['id', 'ids', 'uuid', 'guid', 'key', 'session id', 'request id', 'trace id', 'span id'],
    examples: { match: ['user.id', 'order.userId', 'req.id', 'ctx.requestId', 'event.uuid', 'job.key'], noMatch: ['user.role', 'idle', 'order.status', 'identity.provider'] },
  },
  {
    id: 'contact',
    description: 'an email address or IP address',
    sinks: 'metric',
    nameEndings: ['email', 'ip', 'ips', 'ip address', 'remote address', 'email address'],
    examples: { match: ['user.email', 'req.ip', 'socket.remoteAddress', 'client.ipAddress'], noMatch: ['user.emailVerified', 'server.port', 'zip'] },
  },
  {
    id: 'url',
    description: 'a full URL or path',
    sinks: 'metric',
    nameEndings: ['url', 'original url', 'href', 'uri', 'pathname'],
    notOn: ['config', 'options', 'settings', 'env', 'base'],
    examples: { match: ['req.url', 'req.originalUrl', 'location.href', 'request.uri', 'parsed.pathname'], noMatch: ['config.url', 'req.route.path', 'urlencoded', 'url.length'] },
  },
];

export interface UnboundedKeyPattern {
  id: string;
  description: string;
  sinks: UnboundedSinks;
  /** Word sequences the key ends with: `*.timestamp`, `*.body`, `*_id`, `user.id`. */
  keyEndings: readonly string[];
  /** Whole keys that end like this but are bounded. */
  allowKeys?: readonly string[];
  examples: PatternExamples;
}

/** Keys whose non-literal values are unbounded. */
export const UNBOUNDED_KEY_PATTERNS: readonly UnboundedKeyPattern[] = [
  {
    id: 'timestamp',
    description: 'a timestamp',
    // On spans only a clock reading is reported (by value): a stored time (`job.enqueuedAt`) says when something happened.
    sinks: 'metric',
    keyEndings: ['timestamp', 'time', 'datetime', 'date time', 'time stamp'],
    examples: { match: ['timestamp', 'event.time', 'request_timestamp', 'job.startTime'], noMatch: ['time.zone', 'timeout', 'runtime', 'time_ms_bucket', 'lifetime'] },
  },
  {
    id: 'payload',
    description: 'a body or payload',
    sinks: 'all',
    keyEndings: ['body', 'payload', 'raw body', 'request body', 'response body'],
    allowKeys: ['http.request.body.size', 'http.response.body.size'],
    examples: { match: ['http.request.body', 'message.payload', 'rawBody'], noMatch: ['http.request.body.size', 'payload.bytes', 'antibody'] },
  },
  {
    id: 'identifier',
    description: 'an id',
    sinks: 'metric',
    keyEndings: ['id', 'ids', 'uuid', 'guid', 'session', 'email', 'ip', 'ip address', 'client address', 'peer address', 'remote address', 'source address'],
    examples: {
      match: ['user.id', 'orderId', 'tenant_id', 'session.id', 'request.uuid', 'client.address', 'network.peer.address', 'user.email', 'client_ip'],
      noMatch: ['server.address', 'http.route', 'idempotent', 'user.role', 'session.count'],
    },
  },
  {
    id: 'url',
    description: 'a full URL or path',
    sinks: 'metric',
    keyEndings: ['url', 'url full', 'url path', 'url query', 'http url', 'http target', 'uri', 'path'],
    examples: { match: ['url.full', 'http.url', 'http.target', 'url.path', 'request.uri', 'path'], noMatch: ['http.route', 'url.scheme', 'url.template'] },
  },
];

/** Functions that bound a value's length: `truncate(text, { length: 100 })`. More come from the `truncators` option. */
export const DEFAULT_TRUNCATORS: readonly string[] = ['truncate'];

/** String methods that bound a value when called from index 0 with a length: `text.slice(0, 100)`. */
export const TRUNCATING_METHODS: readonly string[] = ['slice', 'substring', 'substr'];

/** Words in a name that say a value has few distinct values, so a template of them stays bounded: `${method} ${route}`. */
export const LOW_CARDINALITY_NAME_WORDS: readonly string[] = [
  'method', 'route', 'status', 'code', 'region', 'zone', 'env', 'environment', 'kind', 'type', 'operation', 'service',
  'queue', 'topic', 'result', 'outcome', 'level', 'tier', 'version', 'protocol', 'scheme', 'category', 'provider',
  'system', 'action', 'state', 'stage', 'phase', 'mode', 'plan', 'role', 'country', 'locale', 'language', 'platform', 'reason',
];

/** Words in a value's name that make it a measurement rather than a timestamp or an id: `durationMs`, `body.length`. */
export const MEASUREMENT_NAME_WORDS: readonly string[] = [
  'duration', 'elapsed', 'latency', 'ms', 'millis', 'milliseconds', 'seconds', 'sec', 'took', 'timeout', 'ttl', 'count',
  'length', 'size', 'total', 'bytes', 'delay', 'age',
];

/**
 * Keys the conventions (and the common LLM tracing libraries) define for structured content: prompts, messages,
 * tool definitions, inputs and outputs. Recording them is the purpose of those spans, so their size is not reported.
 * `*` stands for one or more key segments.
 */
export const CONTENT_ATTRIBUTE_KEYS: readonly string[] = [
  // The query text the database conventions ask for (sanitized by the instrumentation when needed).
  'db.query.text',
  'db.statement',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'gen_ai.prompt',
  'gen_ai.prompt.*',
  'gen_ai.completion',
  'gen_ai.completion.*',
  'input.value',
  'output.value',
  '*.entity.input',
  '*.entity.output',
  'llm.input_messages.*',
  'llm.output_messages.*',
  'llm.prompts.*',
  'llm.prompt_template.*',
  'ai.prompt',
  'ai.prompt.*',
  'ai.response.text',
  'ai.response.object',
  'ai.response.toolCalls',
  'ai.toolCall.args',
  'ai.toolCall.result',
  // Token log probabilities of a response, recorded when the caller asked the model for them.
  'logprobs',
  '*.logprobs',
  'langfuse.observation.input',
  'langfuse.observation.output',
  'langfuse.trace.input',
  'langfuse.trace.output',
];

/**
 * A name in a condition that says content is recorded only when the user asked for it:
 * `shouldSendPrompts()`, `config.traceContent`, `recordInputs`, `captureMessageContent`, `!traceConfig.hideInputs`.
 */
export const CONTENT_CAPTURE_FLAG =
  /(?:record|capture|trace|log|include|send|emit|enable|allow)[A-Za-z_]*(?:content|input|output|prompt|message|completion|payload|body|pii)|(?:hide|mask|omit)[A-Za-z_]*(?:input|output|prompt|message|content)|CAPTURE_MESSAGE_CONTENT/i;

/** Key endings of ids: never reported on spans, events and logs, where an id is the guides' own good example. */
export const SPAN_ID_KEY_ENDINGS: readonly string[] = ['id', 'ids', 'uuid', 'guid'];
