/**
 * What span names look like when they say nothing (generic) or explode a backend's grouping
 * (high-cardinality), as data. Each pattern carries examples that test/catalog/span-names.test.ts checks.
 */

export interface SpanNamePattern {
  id: string;
  description: string;
  pattern: RegExp;
  examples: { match: string[]; noMatch: string[] };
}

/** Whole names (trimmed, case-folded) that say nothing about the work. The empty string is generic too. */
export const GENERIC_SPAN_NAMES: readonly string[] = [
  '',
  'process',
  'handle',
  'handler',
  'run',
  'execute',
  'exec',
  'do',
  'do_thing',
  'task',
  'job',
  'work',
  'operation',
  'op',
  'span',
  'test',
  'main',
  'function',
  'func',
  'fn',
  'call',
  'request',
  'method',
  'action',
  'step',
  'start',
  'init',
  'foo',
  'bar',
  'temp',
  'tmp',
  'unknown',
  'untitled',
  'default',
];

/** A generic word with a number: `function1`, `span_2`, `step-3`. Tested on the trimmed, case-folded name. */
export const NUMBERED_PLACEHOLDER_NAME: SpanNamePattern = {
  id: 'numbered-placeholder',
  description: 'a placeholder word followed by a number',
  pattern: /^(?:span|function|func|fn|step|task|job|test|handler|operation|op|foo|bar|temp|tmp|untitled|new ?span)[ _.-]?\d+$/,
  examples: {
    match: ['function1', 'span_2', 'step3', 'task-10', 'new span 4'],
    noMatch: ['step', 'http2.request', 'create_task_entity', 'oauth2', 's3.putobject'],
  },
};

/** Shapes that make a literal name (or the static text of a template) high-cardinality. */
export const HIGH_CARDINALITY_LITERAL_SHAPES: readonly SpanNamePattern[] = [
  {
    id: 'numeric-path-segment',
    description: 'a numeric id as a path segment',
    pattern: /\/\d{2,}(?=$|[/?#\s])/,
    examples: {
      match: ['GET /users/12345', '/orders/42/items', 'GET /users/99?x=1'],
      noMatch: ['GET /users/:id', 'GET /v1/users', 'GET /api/2/status', 'http2.request'],
    },
  },
  {
    id: 'uuid',
    description: 'a UUID',
    pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    examples: {
      match: ['GET /users/3f2b9c1e-8d4a-4f6b-9a7e-1c2d3e4f5a6b', 'job 123E4567-E89B-12D3-A456-426614174000'],
      noMatch: ['GET /users/{userId}', 'uuid.generate'],
    },
  },
  {
    id: 'hex-id',
    description: 'a hexadecimal id (object id, hash) of 12 characters or more',
    pattern: /(?:^|[/\s:=#])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}(?=$|[/\s?#.])/i,
    examples: {
      match: ['GET /items/507f1f77bcf86cd799439011', 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8'],
      noMatch: ['GET /items/:itemId', 'cache.deadbeef', 'decaffeinated', 'order 12345678901234'],
    },
  },
  {
    id: 'query-string',
    description: 'a query string with values',
    pattern: /\?[^\s?=&#]+=[^\s&#]+/,
    examples: {
      match: ['GET /search?q=shoes', '/users?page=2&size=10'],
      noMatch: ['GET /search', 'GET /search?q=', 'is ready?', 'a = b'],
    },
  },
  {
    id: 'sql-with-values',
    description: 'an SQL statement with literal values',
    pattern: /^\s*(?:select|insert|update|delete|upsert|merge)\b[\s\S]*?(?:(?:=|<>|!=|<|>|\blike)\s*(?:'[^']*'|-?\d+(?:\.\d+)?\b)|\b(?:values|in)\s*\(\s*['\d])/i,
    examples: {
      match: ["SELECT * FROM users WHERE id = 42", "select name from users where email = 'a@b.c'", 'INSERT INTO orders (id) VALUES (1)', "DELETE FROM t WHERE id IN ('a')"],
      noMatch: ['SELECT users', 'SELECT * FROM users WHERE id = ?', 'INSERT INTO t (a) VALUES (?)', 'INSERT INTO t (a) VALUES (', 'INSERT orders', 'UPDATE users SET name = $1 WHERE id = $2', 'selection.changed'],
    },
  },
];

/**
 * The static text just before an interpolation that puts the interpolated value in a value position:
 * `` `GET /search?q=${q}` ``, `` `SELECT * FROM users WHERE id = ${id}` ``. Tested on the text up to the interpolation.
 */
export const VALUE_POSITION_SHAPES: readonly SpanNamePattern[] = [
  {
    id: 'query-value',
    description: 'a query string value',
    pattern: /[?&][^\s?=&#]+=$/,
    examples: {
      match: ['GET /search?q=', '/users?page=2&size='],
      noMatch: ['GET /search/', 'a = ', 'eventbridge.publish.'],
    },
  },
  {
    id: 'sql-value',
    description: 'a value in an SQL statement',
    pattern: /^\s*(?:select|insert|update|delete|upsert|merge)\b[\s\S]*(?:(?:=|<>|!=|<|>|\blike)\s*'?|\b(?:values|in)\s*\([^)]*)$/i,
    examples: {
      match: ['SELECT * FROM users WHERE id = ', "select * from t where name = '", 'INSERT INTO t (a, b) VALUES (', 'INSERT INTO t (a, b) VALUES (1, ', "DELETE FROM t WHERE id IN ('a', '"],
      noMatch: ['SELECT ', 'SELECT id, ', 'INSERT INTO t (a, ', 'db.query = ', 'update.'],
    },
  },
];

/**
 * Names of interpolated values that are bounded: fine in a span name whatever else the name looks like.
 * Tested on an identifier, a member's property name or a called function's name.
 */
export const BOUNDED_INTERPOLATION_NAMES: readonly SpanNamePattern[] = [
  {
    id: 'http-method',
    description: 'an HTTP method or verb',
    pattern: /^(?:method|verb)$|[a-z0-9](?:Method|Verb)$/,
    examples: { match: ['method', 'httpMethod', 'verb', 'requestVerb'], noMatch: ['methods', 'userId', 'methodology'] },
  },
  {
    id: 'operation',
    description: 'an operation name',
    pattern: /^(?:operation|op|operationName|opName)$|[a-z0-9](?:Operation|OperationName)$/,
    examples: { match: ['operation', 'op', 'operationName', 'dbOperation'], noMatch: ['operationId', 'options'] },
  },
  {
    id: 'kind',
    description: 'a kind',
    pattern: /^kind$|[a-z0-9]Kind$/,
    examples: { match: ['kind', 'spanKind', 'jobKind'], noMatch: ['kindId', 'kinder'] },
  },
  {
    id: 'route',
    description: 'a route template (also any member of a route: `req.route.path`)',
    pattern: /^(?:route|routePath|routerPath|routePattern|routeTemplate|urlTemplate|pathTemplate|routeOptions|routeConfig)$|[a-z0-9]Route$/,
    examples: { match: ['route', 'routePath', 'routerPath', 'httpRoute', 'urlTemplate', 'routeOptions', '_matchedRoute'], noMatch: ['router', 'routeId', 'path'] },
  },
  {
    id: 'destination',
    description: 'a messaging destination or a data store by id, name or address (the messaging and database conventions put them in names)',
    pattern: /^(?:topic|queue|subscription|sub|channel|stream|exchange|bucket|table|collection|database|db)(?:Id|Name|Arn|Url)?$|[a-z0-9](?:Topic|Queue|Subscription|Channel|Stream|Exchange|Bucket|Table|Collection)(?:Id|Name|Arn|Url)?$/,
    examples: { match: ['topicId', 'subId', 'queueUrl', 'subscriptionName', 'orderQueue', 'tableName', 'bucket'], noMatch: ['topics', 'userId', 'subtotal', 'queuedAt'] },
  },
  {
    id: 'base-address',
    description: 'a configured base address',
    pattern: /^(?:base|root|api|service|server|endpoint|prefix)(?:Url|URL|Uri|URI|Path)$/,
    examples: { match: ['baseUrl', 'baseURL', 'basePath', 'apiUrl', 'serviceUrl'], noMatch: ['url', 'requestUrl', 'filePath'] },
  },
  {
    id: 'model',
    description: 'a model name (GenAI spans are named `{operation} {model}` by the conventions)',
    pattern: /^(?:model|modelId|modelName|model_id|model_name)$|[a-z0-9](?:Model|ModelId|ModelName)$/,
    examples: { match: ['model', 'modelId', 'requestModel', 'model_name'], noMatch: ['models', 'modelConfig', 'remodel'] },
  },
  {
    id: 'screaming-case',
    description: 'a SCREAMING_CASE constant',
    pattern: /^[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)*$/,
    examples: { match: ['SERVICE_NAME', 'OPERATION', 'QUEUE_2'], noMatch: ['Service', 'serviceName', 'X', '_PRIVATE'] },
  },
];

/** `Object.Member` text of a member access that reads like an enum member: `Operation.Create`, `Kind.SERVER`. */
export const ENUM_MEMBER_PATTERN: SpanNamePattern = {
  id: 'enum-member',
  description: 'an enum member (PascalCase object, PascalCase or SCREAMING_CASE member)',
  pattern: /^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9_]*$/,
  examples: { match: ['Operation.Create', 'SpanKind.SERVER', 'Topics.OrderPlaced'], noMatch: ['req.method', 'Date.now', 'Config.userId'] },
};

/** Names of interpolated values that look unbounded. Tested like BOUNDED_INTERPOLATION_NAMES, after them. */
export const UNBOUNDED_INTERPOLATION_NAMES: readonly SpanNamePattern[] = [
  {
    id: 'id',
    description: 'an id',
    pattern: /^(?:id|ids|ID|IDs)$|[a-z0-9](?:Id|Ids|ID|IDs)$|_ids?$/,
    examples: { match: ['id', 'userId', 'orderIDs', 'user_id', 'getUserId'], noMatch: ['idle', 'Android', 'void', 'paid', 'idType'] },
  },
  {
    id: 'uuid',
    description: 'a uuid or guid',
    pattern: /^(?:uuid|guid|UUID|GUID)s?$|[a-z0-9_](?:uuid|guid|Uuid|Guid|UUID|GUID)s?$/,
    examples: { match: ['uuid', 'requestUuid', 'GUID', 'randomUUID', 'order_uuid'], noMatch: ['guide', 'quid', 'uuidVersion'] },
  },
  {
    id: 'url',
    description: 'a url, uri or href',
    pattern: /^(?:url|uri|href|originalUrl)s?$|[a-z0-9](?:Url|URL|Uri|URI|Href)s?$/,
    examples: { match: ['url', 'requestUrl', 'originalUrl', 'baseURL', 'href'], noMatch: ['curl', 'urlTemplate', 'urlencoded'] },
  },
  {
    id: 'path',
    description: 'a path',
    pattern: /^(?:path|pathname|paths)$|[a-z0-9](?:Path|Pathname)$/,
    examples: { match: ['path', 'pathname', 'filePath', 'requestPath'], noMatch: ['pathTemplate', 'xpathEngine', 'paths2'] },
  },
  {
    id: 'query',
    description: 'a query, search string or SQL text',
    pattern: /^(?:query|queryString|qs|search|searchTerm|sql|statement|stmt)$|[a-z0-9](?:Query|QueryString|Sql|SQL|Statement|SearchTerm)$/,
    examples: { match: ['query', 'sql', 'rawSql', 'searchQuery', 'queryString', 'statement'], noMatch: ['queryName', 'queries2', 'sqlOperation'] },
  },
  {
    id: 'email',
    description: 'an email address',
    pattern: /^(?:email|emails|emailAddress)$|[a-z0-9_](?:email|Email|EmailAddress)s?$/,
    examples: { match: ['email', 'userEmail', 'emailAddress', 'recipientEmails', 'user_email'], noMatch: ['emailTemplate', 'mailer', 'female', 'sendEmailJob'] },
  },
  {
    id: 'input',
    description: 'user input or a request body',
    pattern: /^(?:input|body|payload|userInput|rawInput)$|[a-z0-9](?:Input|Body|Payload)$/,
    examples: { match: ['input', 'userInput', 'body', 'requestBody', 'payload'], noMatch: ['inputType', 'bodyParser', 'antibody'] },
  },
  {
    id: 'timestamp',
    description: 'a timestamp or time',
    pattern: /^(?:timestamp|ts|now|time|startTime|endTime)$|[a-z0-9](?:Timestamp|Ts|At|Time)$/,
    examples: { match: ['timestamp', 'ts', 'createdAt', 'startTime', 'eventTimestamp', 'now'], noMatch: ['format', 'timeout', 'times', 'stats'] },
  },
  {
    id: 'date',
    description: 'a date',
    pattern: /^date$|[a-z0-9]Date$/,
    examples: { match: ['date', 'startDate', 'createdDate'], noMatch: ['update', 'validate', 'dates2', 'weekDay'] },
  },
  {
    id: 'index',
    description: 'a loop index or counter',
    // Not a retry `attempt`: retries are bounded by configuration (`Attempt #${attempt}` names a handful of spans).
    pattern: /^(?:i|j|k|idx|index|counter|count|iteration|seq|sequence)$|[a-z0-9](?:Index|Idx|Counter|Count|Iteration|Seq)$/,
    examples: { match: ['i', 'j', 'k', 'idx', 'index', 'pageIndex', 'retryCount', 'counter'], noMatch: ['n', 'indexName', 'x', 'account', 'countryCode', 'attempt', 'retryAttempt'] },
  },
];

/**
 * Calls whose result is unbounded wherever it lands, tested on the callee's dotted path: `Date.now`, `crypto.randomUUID`,
 * `new Date.toISOString` for `new Date().toISOString()`, `….getTime` when the object is itself computed.
 */
export const UNBOUNDED_CALLS: SpanNamePattern = {
  id: 'unbounded-call',
  description: 'a clock, a random number or a fresh id',
  pattern: /^(?:Date\.now|Math\.random|performance\.now|process\.hrtime(?:\.bigint)?|(?:crypto\.)?randomUUID|(?:crypto\.)?randomBytes|uuid(?:v[1-7])?|uuid\.v[1-7]|v[1-7]|nanoid|ulid|cuid|new Date|.*\.(?:toISOString|toUTCString|toLocaleString|toLocaleDateString|toLocaleTimeString|getTime))$/,
  examples: {
    match: ['Date.now', 'Math.random', 'crypto.randomUUID', 'uuidv4', 'uuid.v4', 'v4', 'nanoid', 'new Date', 'new Date.toISOString', 'now.getTime', '….toLocaleDateString'],
    noMatch: ['Date.parse', 'Math.max', 'getName', 'toString', 'JSON.stringify', 'api.v2', 'x.valueOf', 'toISOString'],
  },
};

/** Span methods that set the name after the start. */
export const SPAN_RENAME_METHODS: readonly string[] = ['updateName'];

/** Names of values that hold a span: `span`, `rootSpan`, `this.activeSpan`. */
export const SPAN_RECEIVER_NAME: SpanNamePattern = {
  id: 'span-receiver',
  description: 'a value named like a span',
  pattern: /^span$|[a-z0-9]Span$/,
  examples: { match: ['span', 'rootSpan', 'activeSpan', 'parentSpan'], noMatch: ['spans', 'spanName', 'Span', 'lifespan'] },
};


/**
 * A whole span name that is the raw request path or URL: `req.url`, `req.path`, `req.originalUrl`, `url.pathname`,
 * `c.req.path` (Hono), `new URL(…).pathname`. Tested on the dotted path of the name expression (`new URL` for a
 * `new URL(…)` object), directly or through a local `const`.
 */
export const RAW_PATH_NAME: SpanNamePattern = {
  id: 'raw-path',
  description: 'the raw request path or URL',
  pattern: /^(?:(?:.*\.)?(?:req|request|ctx\.request|ctx|c\.req|event|incomingMessage)\.(?:url|path|originalUrl|rawPath|pathname)|(?:.*\.)?(?:url|parsedUrl|requestUrl|location)\.(?:pathname|href)|new URL\.(?:pathname|href))$/,
  examples: {
    match: ['req.url', 'req.path', 'req.originalUrl', 'request.url', 'url.pathname', 'c.req.path', 'ctx.path', 'new URL.pathname', 'event.rawPath'],
    noMatch: ['req.route.path', 'c.req.routePath', 'req.method', 'config.url', 'path'],
  },
};

/**
 * tRPC middleware receives `{ path, type, next }`: the procedure path (`users.byId`) and its type (`query`,
 * `mutation`) name a procedure of the router, a bounded set. A destructured `path`/`type` is taken as tRPC's when the
 * same object pattern also takes one of `siblings`; `opts.path` when `opts` is also used for `opts.next(…)`.
 */
export const TRPC_PROCEDURE_FIELDS = { fields: ['path', 'type'], siblings: ['next', 'ctx', 'input', 'rawInput', 'getRawInput', 'meta'] } as const;

/** A loop counter is bounded when the loop runs over a literal range no longer than this: `for (let i = 0; i < 3; i++)`. */
export const SMALL_LITERAL_RANGE = 20;
