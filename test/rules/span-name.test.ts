import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../rules/span-name.js';
import { createRuleTester, createTypedRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('span-name', rule, {
  valid: [
    // a test file names spans as it likes: its spans never reach a production backend
    { code: "const span = tracer.startSpan('foo');\nspan.end();", filename: 'packages/instrumentation-koa/test/koa.test.ts' },
    // placeholder names in a test folder
    { code: "const spans = [tracer.startSpan('span 1'), tracer.startSpan('span 2')];", filename: 'test/pg.ts' },
    // tRPC middleware: the procedure path and type name a procedure of the router, a bounded set
    "export const tracing = t.middleware(async ({ path, type, next }) => {\n  return tracer.startActiveSpan(`${type} ${path}`, async (span) => {\n    try { return await next(); } finally { span.end(); }\n  });\n});",
    // tRPC middleware reading the options object
    "t.middleware(async (opts) => {\n  const span = tracer.startSpan(`trpc.${opts.type} ${opts.path}`);\n  try { return await opts.next(); } finally { span.end(); }\n});",
    // GenAI spans are named `{operation} {model}` by the conventions
    "const spanName = `${operationName} ${event.modelId}`;\ntracer.startActiveSpan(spanName, (span) => span.end());",
    // a literal operation and a model
    "const span = tracer.startSpan(`chat ${request.model}`);",
    // a loop index over a small literal range
    "for (let i = 0; i < 3; i++) {\n  const span = tracer.startSpan(`warmup.attempt ${i}`);\n  span.end();\n}",
    // an index of a literal list
    "['primary', 'replica'].forEach((target, index) => {\n  tracer.startSpan(`db.ping ${index}`).end();\n});",
    // a retry attempt number: bounded by the retry configuration
    "const [attempt] = args;\nconst span = tracer.startSpan(`Attempt #${attempt}`);",
    // the route template, not the path
    "app.use((req, res, next) => {\n  trace.getActiveSpan()?.updateName(`${req.method} ${req.route.path}`);\n  next();\n});",
    // Hono's route path is the template
    "tracer.startActiveSpan(`${c.req.method} ${c.req.routePath}`, (span) => span.end());",
    // The guides' good names: a resource and an operation.
    `tracer.startSpan('placement.create');`,
    // An HTTP route template with a parameter placeholder, not a value.
    `tracer.startSpan('GET /users/:id');`,
    // snake_case operation name.
    `tracer.startSpan('create_task_entity');`,
    // A vendor and an operation.
    `tracer.startActiveSpan('stripe.charge', (span) => { span.end(); });`,
    // Method and route template are both bounded.
    'tracer.startSpan(`${method} ${route}`);',
    // An event type cannot be judged by its name: precision first.
    'tracer.startSpan(`eventbridge.publish.${eventType}`);',
    // A queue name cannot be judged either.
    'tracer.startSpan(`${queueName} send`);',
    // The database conventions' own name: operation and table.
    `tracer.startSpan('SELECT users');`,
    // A parametrised statement holds no values.
    `tracer.startSpan('SELECT * FROM users WHERE id = ?');`,
    // Numbered SQL parameters are placeholders too.
    `tracer.startSpan('UPDATE users SET name = $1 WHERE id = $2');`,
    // The request's method is bounded.
    'tracer.startSpan(`HTTP ${req.method}`);',
    // Any member of the matched route is its template (Express: req.route.path).
    'tracer.startSpan(`GET ${req.route.path}`);',
    // A SCREAMING_CASE constant is bounded.
    'tracer.startSpan(`${SERVICE_NAME}.handle`);',
    // An enum member is bounded.
    'tracer.startSpan(`${Operation.Create} order`);',
    // A SCREAMING_CASE member of a constants object.
    'tracer.startSpan(`job.${JOB_TYPES.SEND_EMAIL}`);',
    // A choice between two literals is bounded.
    "tracer.startSpan(`orders.${isRetry ? 'retry' : 'first'}`);",
    // A literal interpolation is constant.
    "tracer.startSpan(`${'orders'}.list`);",
    // Generic words are fine inside a longer name.
    `tracer.startSpan('process payment');`,
    // Only the whole name counts: 'handler' with a qualifier says what runs.
    `tracer.startSpan('handler.invoke');`,
    // A protocol version is not a numbered placeholder.
    `tracer.startSpan('http2.request');`,
    // A digit inside a word is not a placeholder either.
    `tracer.startSpan('oauth2.token');`,
    // A one-digit API version is not an id.
    `tracer.startSpan('GET /api/2/status');`,
    // A version prefix is not an id.
    `tracer.startSpan('GET /v1/users');`,
    // A name passed in from elsewhere cannot be judged here.
    `function traced(name) { return tracer.startSpan(name); }`,
    // A name computed by a call cannot be judged.
    `tracer.startSpan(getSpanName(route));`,
    // A constant resolved to a good literal.
    `const name = 'orders.list'; tracer.startSpan(name);`,
    // Not a tracer: some other object's startSpan.
    `worker.startSpan('run');`,
    // An unrelated method that happens to be named like a generic word.
    `queue.process('handler');`,
    // Renaming a span to a good name.
    `span.updateName('orders.create');`,
    // updateName on something that is not a span.
    `user.updateName('handler');`,
    // A topic name cannot be judged.
    'tracer.startSpan(`kafka.consume ${topic}`);',
    // Operation and table.
    'tracer.startSpan(`db.${operation} ${table}`);',
    // A span kind is bounded.
    'tracer.startSpan(`${spanKind} span`);',
    // An action cannot be judged.
    'tracer.startSpan(`user.${action}`);',
    // Concatenation with a bounded route.
    `tracer.startSpan('GET ' + route);`,
    // Concatenation with a value that cannot be judged.
    `tracer.startSpan('users.' + action);`,
    // An "idType" is a type, not an id.
    'tracer.startSpan(`${idType}.lookup`);',
    // A timeout is not a timestamp.
    'tracer.startSpan(`retry.${timeout}`);',
    // No arguments: nothing to judge.
    `tracer.startSpan();`,
    // A spread argument: nothing to judge.
    `tracer.startSpan(...args);`,
    // PascalCase names are a naming choice, not generic.
    `tracer.startSpan('ProcessOrder');`,
    // A name listed in allowNames is accepted.
    { code: `tracer.startSpan('handler');`, options: [{ allowNames: ['handler'] }] },
    // With replaceGenericNames, only the configured words are generic.
    { code: `tracer.startSpan('process');`, options: [{ genericNames: ['noop'], replaceGenericNames: true }] },
    // A literal matching the configured pattern.
    { code: `tracer.startSpan('orders.create');`, options: [{ pattern: '^[a-z]+(\\.[a-z_]+)+$' }] },
    // The pattern applies to literal names only, not templates.
    { code: 'tracer.startSpan(`${method} ${route}`);', options: [{ pattern: '^[a-z]+(\\.[a-z_]+)+$' }] },
    // An allowed name skips the pattern too.
    { code: `tracer.startSpan('Legacy');`, options: [{ pattern: '^[a-z.]+$', allowNames: ['Legacy'] }] },
    // A custom start function is checked only when configured: here it is not.
    `startInactiveSpan('work');`,
    // Without type information a value named `shard` cannot be judged; the typed block below reports it as a number.
    `import { trace } from '@opentelemetry/api';
export function run(shard: number) {
  trace.getTracer('svc').startSpan(\`db.\${shard}\`).end();
}`,
    // The messaging conventions name spans "{destination} {operation}": a topic id is a destination, not a record id.
    'span.updateName(`${topicInfo.topicId} create`);',
    // A subscription id, or its name as a fallback, is a destination too.
    'tracer.startSpan(`${subInfo.subId ?? subInfo.subName} ack`);',
    // An SQS queue URL identifies the queue.
    'tracer.startSpan(`send ${queueUrl}`);',
    // A table name, as in the database conventions' "{operation} {table}".
    'tracer.startSpan(`SELECT ${tableName}`);',
    // A configured base URL is one value per deployment.
    'tracer.startSpan(`GET ${baseUrl}/users`);',
    // Fastify's route options hold the route template.
    'tracer.startSpan(`${request.method} ${request.routeOptions.url}`);',
    // Hono's matched route path.
    'tracer.startSpan(`${c.req.method} ${c.req.routePath}`);',
    // An email template name is not an address.
    'tracer.startSpan(`mail.render ${emailTemplate}`);',
    // A column list is not a value position.
    'tracer.startSpan(`SELECT id, ${column} FROM users`);',
    // TODO: should report: a parameter named like an id passed as the whole name is not judged.
    `function traced(userId) { return tracer.startSpan(userId); }`,
  ],
  invalid: [
    // `testFiles: []` checks test files too
    {
      code: "tracer.startSpan('handler');",
      filename: 'src/handler.test.ts',
      options: [{ testFiles: [] }],
      errors: [{ messageId: 'genericName', data: { name: 'handler' }, line: 1, column: 18 }],
    },
    // the raw request path as the whole name
    {
      code: "app.use((req, res, next) => {\n  const span = tracer.startSpan(req.path);\n  res.on('finish', () => span.end());\n  next();\n});",
      errors: [{ messageId: 'highCardinalityName', data: { name: 'req.path', reason: 'it is the raw request path or URL' }, line: 2, column: 33 }],
    },
    // Express originalUrl in updateName
    {
      code: "trace.getActiveSpan()?.updateName(req.originalUrl);",
      errors: [{ messageId: 'highCardinalityName', data: { name: 'req.originalUrl', reason: 'it is the raw request path or URL' }, line: 1, column: 35 }],
    },
    // the raw URL interpolated after the method
    {
      code: "const span = tracer.startSpan(`${req.method} ${req.url}`);",
      errors: [{ messageId: 'highCardinalityName', line: 1, column: 48 }],
    },
    // Hono: c.req.path in a template
    {
      code: "tracer.startActiveSpan(`${c.req.method} ${c.req.path}`, (span) => span.end());",
      errors: [{ messageId: 'highCardinalityName', line: 1, column: 43 }],
    },
    // fetch handler: new URL(request.url).pathname through a local const
    {
      code: "export default {\n  async fetch(request) {\n    const pathname = new URL(request.url).pathname;\n    return tracer.startActiveSpan(pathname, (span) => { span.end(); return new Response('ok'); });\n  },\n};",
      errors: [{ messageId: 'highCardinalityName', data: { name: 'pathname', reason: 'it is the raw request path or URL' }, line: 4, column: 35 }],
    },
    // a local const with a neutral name holding the path, interpolated
    {
      code: "const p = url.pathname;\nconst span = tracer.startSpan(`GET ${p}`);",
      errors: [{ messageId: 'highCardinalityName', line: 2, column: 38 }],
    },
    // a name given in an options object
    {
      code: "const span = langfuse.startSpan({ name: req.url, input: body });",
      options: [{ startSpanFunctions: ['startSpan'] }],
      errors: [{ messageId: 'highCardinalityName', data: { name: 'req.url', reason: 'it is the raw request path or URL' }, line: 1, column: 41 }],
    },
    // a loop over a long range is not small
    {
      code: "for (let i = 0; i < 1000; i++) {\n  tracer.startSpan(`item ${i}`).end();\n}",
      errors: [{ messageId: 'highCardinalityName', line: 2, column: 28 }],
    },
    // The classic generic name.
    {
      code: `tracer.startSpan('process');`,
      errors: [{ messageId: 'genericName', data: { name: 'process' }, line: 1, column: 18 }],
    },
    // 'handler' says nothing about the work.
    {
      code: `tracer.startSpan('handler');`,
      errors: [{ messageId: 'genericName', data: { name: 'handler' }, line: 1, column: 18 }],
    },
    // 'run'.
    {
      code: `tracer.startSpan('run');`,
      errors: [{ messageId: 'genericName', data: { name: 'run' }, line: 1, column: 18 }],
    },
    // 'execute' through startActiveSpan.
    {
      code: `tracer.startActiveSpan('execute', (span) => { span.end(); });`,
      errors: [{ messageId: 'genericName', data: { name: 'execute' }, line: 1, column: 24 }],
    },
    // The empty string.
    {
      code: `tracer.startSpan('');`,
      errors: [{ messageId: 'genericName', data: { name: '' }, line: 1, column: 18 }],
    },
    // Trimmed and case-folded before comparing.
    {
      code: `tracer.startSpan('  Process ');`,
      errors: [{ messageId: 'genericName', data: { name: '  Process ' }, line: 1, column: 18 }],
    },
    // Upper case is still generic.
    {
      code: `tracer.startSpan('HANDLE');`,
      errors: [{ messageId: 'genericName', data: { name: 'HANDLE' }, line: 1, column: 18 }],
    },
    // A numbered placeholder.
    {
      code: `tracer.startSpan('function1');`,
      errors: [{ messageId: 'genericName', data: { name: 'function1' }, line: 1, column: 18 }],
    },
    // Another numbered placeholder.
    {
      code: `tracer.startSpan('span_2');`,
      errors: [{ messageId: 'genericName', data: { name: 'span_2' }, line: 1, column: 18 }],
    },
    // And another.
    {
      code: `tracer.startSpan('step3');`,
      errors: [{ messageId: 'genericName', data: { name: 'step3' }, line: 1, column: 18 }],
    },
    // startActiveSpan with options and callback.
    {
      code: `tracer.startActiveSpan('job', {}, (span) => { span.end(); });`,
      errors: [{ messageId: 'genericName', data: { name: 'job' }, line: 1, column: 24 }],
    },
    // A template literal without interpolations is a literal.
    {
      code: 'tracer.startSpan(`tmp`);',
      errors: [{ messageId: 'genericName', data: { name: 'tmp' }, line: 1, column: 18 }],
    },
    // A const is followed to its literal.
    {
      code: `const name = 'task';\ntracer.startSpan(name);`,
      errors: [{ messageId: 'genericName', data: { name: 'task' }, line: 2, column: 18 }],
    },
    // Renaming a span to a generic name.
    {
      code: `span.updateName('operation');`,
      errors: [{ messageId: 'genericName', data: { name: 'operation' }, line: 1, column: 17 }],
    },
    // Renaming the active span.
    {
      code: `trace.getActiveSpan()?.updateName('handler');`,
      errors: [{ messageId: 'genericName', data: { name: 'handler' }, line: 1, column: 35 }],
    },
    // A configured custom start function.
    {
      code: `startInactiveSpan('work');`,
      options: [{ startSpanFunctions: ['startInactiveSpan'] }],
      errors: [{ messageId: 'genericName', data: { name: 'work' }, line: 1, column: 19 }],
    },
    // An extra generic name from the options.
    {
      code: `tracer.startSpan('noop');`,
      options: [{ genericNames: ['Noop'] }],
      errors: [{ messageId: 'genericName', data: { name: 'noop' }, line: 1, column: 18 }],
    },
    // With replaceGenericNames the configured list is used.
    {
      code: `tracer.startSpan('noop');`,
      options: [{ genericNames: ['noop'], replaceGenericNames: true }],
      errors: [{ messageId: 'genericName', data: { name: 'noop' }, line: 1, column: 18 }],
    },
    // A numeric id in a literal path.
    {
      code: `tracer.startSpan('GET /users/12345');`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/12345', reason: 'it contains a numeric id as a path segment' }, line: 1, column: 18 }],
    },
    // A UUID in a literal.
    {
      code: `tracer.startSpan('GET /users/3f2b9c1e-8d4a-4f6b-9a7e-1c2d3e4f5a6b');`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/3f2b9c1e-8d4a-4f6b-9a7e-1c2d3e4f5a6b', reason: 'it contains a UUID' }, line: 1, column: 18 }],
    },
    // A hex object id in a literal.
    {
      code: `tracer.startSpan('GET /items/507f1f77bcf86cd799439011');`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /items/507f1f77bcf86cd799439011', reason: 'it contains a hexadecimal id (object id, hash) of 12 characters or more' }, line: 1, column: 18 }],
    },
    // A query string with values.
    {
      code: `tracer.startSpan('GET /search?q=shoes');`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /search?q=shoes', reason: 'it contains a query string with values' }, line: 1, column: 18 }],
    },
    // SQL with a literal value.
    {
      code: `tracer.startSpan('SELECT * FROM users WHERE id = 42');`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'SELECT * FROM users WHERE id = 42', reason: 'it contains an SQL statement with literal values' }, line: 1, column: 18 }],
    },
    // An id interpolated in the path: reported at the interpolation.
    {
      code: 'tracer.startSpan(`GET /users/${id}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${id}', reason: 'it interpolates `id`, which looks like an id' }, line: 1, column: 32 }],
    },
    // A route parameter read from the request.
    {
      code: 'tracer.startSpan(`GET /users/${req.params.userId}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${req.params.userId}', reason: 'it interpolates `req.params.userId`, which looks like an id' }, line: 1, column: 32 }],
    },
    // A uuid.
    {
      code: 'tracer.startSpan(`order ${orderUuid}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'order ${orderUuid}', reason: 'it interpolates `orderUuid`, which looks like a uuid or guid' }, line: 1, column: 27 }],
    },
    // A full url.
    {
      code: 'tracer.startSpan(`fetch ${url}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'fetch ${url}', reason: 'it interpolates `url`, which looks like a url, uri or href' }, line: 1, column: 27 }],
    },
    // The concrete request path.
    {
      code: 'tracer.startSpan(`GET ${req.path}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET ${req.path}', reason: 'it interpolates `req.path`, which looks like a path' }, line: 1, column: 25 }],
    },
    // A search query.
    {
      code: 'tracer.startSpan(`search ${query}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'search ${query}', reason: 'it interpolates `query`, which looks like a query, search string or SQL text' }, line: 1, column: 28 }],
    },
    // SQL text.
    {
      code: 'tracer.startSpan(`db ${sql}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'db ${sql}', reason: 'it interpolates `sql`, which looks like a query, search string or SQL text' }, line: 1, column: 24 }],
    },
    // An email address (also personal data).
    {
      code: 'tracer.startSpan(`notify ${user.email}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'notify ${user.email}', reason: 'it interpolates `user.email`, which looks like an email address' }, line: 1, column: 28 }],
    },
    // User input.
    {
      code: 'tracer.startSpan(`echo ${userInput}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'echo ${userInput}', reason: 'it interpolates `userInput`, which looks like user input or a request body' }, line: 1, column: 26 }],
    },
    // The clock.
    {
      code: 'tracer.startSpan(`tick ${Date.now()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'tick ${Date.now()}', reason: 'it interpolates `Date.now()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 26 }],
    },
    // A random number.
    {
      code: 'tracer.startSpan(`sample ${Math.random()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'sample ${Math.random()}', reason: 'it interpolates `Math.random()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 28 }],
    },
    // A loop index.
    {
      code: 'for (let i = 0; i < n; i++) {\n  tracer.startSpan(`batch ${i}`).end();\n}',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'batch ${i}', reason: 'it interpolates `i`, which looks like a loop index or counter' }, line: 2, column: 29 }],
    },
    // A formatted date.
    {
      code: 'tracer.startSpan(`report ${new Date().toISOString()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'report ${new Date().toISOString()}', reason: 'it interpolates `new Date().toISOString()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 28 }],
    },
    // A date.
    {
      code: 'tracer.startSpan(`day ${startDate}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'day ${startDate}', reason: 'it interpolates `startDate`, which looks like a date' }, line: 1, column: 25 }],
    },
    // A timestamp.
    {
      code: 'tracer.startSpan(`event ${createdAt}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'event ${createdAt}', reason: 'it interpolates `createdAt`, which looks like a timestamp or time' }, line: 1, column: 27 }],
    },
    // Concatenation counts like a template.
    {
      code: `tracer.startSpan('GET /users/' + userId);`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${userId}', reason: 'it interpolates `userId`, which looks like an id' }, line: 1, column: 34 }],
    },
    // A value in a query string, whatever its name.
    {
      code: 'tracer.startSpan(`GET /search?q=${term}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /search?q=${term}', reason: 'it interpolates `term` as a query string value' }, line: 1, column: 35 }],
    },
    // A value in an SQL statement, whatever its name.
    {
      code: "tracer.startSpan(`SELECT * FROM users WHERE name = '${name}'`);",
      errors: [{ messageId: 'highCardinalityName', data: { name: "SELECT * FROM users WHERE name = '${name}'", reason: 'it interpolates `name` as a value in an SQL statement' }, line: 1, column: 55 }],
    },
    // A fresh uuid.
    {
      code: 'tracer.startSpan(`job ${crypto.randomUUID()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'job ${crypto.randomUUID()}', reason: 'it interpolates `crypto.randomUUID()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 25 }],
    },
    // updateName with an id.
    {
      code: 'span.updateName(`GET /users/${id}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${id}', reason: 'it interpolates `id`, which looks like an id' }, line: 1, column: 31 }],
    },
    // updateName on a started span held in a variable with any name.
    {
      code: "const s = tracer.startSpan('checkout');\ns.updateName(`checkout ${orderId}`);\ns.end();",
      errors: [{ messageId: 'highCardinalityName', data: { name: 'checkout ${orderId}', reason: 'it interpolates `orderId`, which looks like an id' }, line: 2, column: 26 }],
    },
    // A string conversion does not bound the value.
    {
      code: 'tracer.startSpan(`user ${String(userId)}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'user ${String(userId)}', reason: 'it interpolates `String(userId)`, which looks like an id' }, line: 1, column: 26 }],
    },
    // A generated uuid.
    {
      code: 'tracer.startSpan(`run-${uuidv4()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'run-${uuidv4()}', reason: 'it interpolates `uuidv4()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 25 }],
    },
    // An index.
    {
      code: 'tracer.startSpan(`item ${index}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'item ${index}', reason: 'it interpolates `index`, which looks like a loop index or counter' }, line: 1, column: 26 }],
    },
    // One unbounded branch is enough.
    {
      code: "tracer.startSpan(`order ${found ? orderId : 'none'}`);",
      errors: [{ messageId: 'highCardinalityName', data: { name: "order ${found ? orderId : 'none'}", reason: "it interpolates `found ? orderId : 'none'`, which looks like an id" }, line: 1, column: 27 }],
    },
    // A literal that does not follow the team's pattern.
    {
      code: `tracer.startSpan('OrdersCreate');`,
      options: [{ pattern: '^[a-z]+(\\.[a-z_]+)+$' }],
      errors: [{ messageId: 'patternMismatch', data: { name: 'OrdersCreate', pattern: '^[a-z]+(\\.[a-z_]+)+$' }, line: 1, column: 18 }],
    },
    // A generic name is reported once, as generic, even when a pattern is set.
    {
      code: `tracer.startSpan('process');`,
      options: [{ pattern: '^[a-z]+(\\.[a-z_]+)+$' }],
      errors: [{ messageId: 'genericName', data: { name: 'process' }, line: 1, column: 18 }],
    },
    // Without type information the name decides: `id` is reported although its type is a literal union (accepted in the typed block below).
    {
      code: `import { trace } from '@opentelemetry/api';
type Id = 'primary' | 'replica' | 'archive';
export function run(id: Id) {
  trace.getTracer('svc').startSpan(\`db.\${id}\`).end();
}`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'db.${id}', reason: 'it interpolates `id`, which looks like an id' }, line: 4, column: 42 }],
    },
    // A const name used by two calls is reported once, at its definition.
    {
      code: "const name = `sync ${userId}`;\ntracer.startSpan(name).end();\ntracer.startSpan(name).end();",
      errors: [{ messageId: 'highCardinalityName', data: { name: 'sync ${userId}', reason: 'it interpolates `userId`, which looks like an id' }, line: 1, column: 22 }],
    },
    // A new Date is the clock.
    {
      code: 'tracer.startSpan(`report ${new Date()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'report ${new Date()}', reason: 'it interpolates `new Date()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 28 }],
    },
    // Date formatting on a computed date.
    {
      code: 'tracer.startSpan(`digest ${getDay().toLocaleDateString()}`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'digest ${getDay().toLocaleDateString()}', reason: 'it interpolates `getDay().toLocaleDateString()`, which looks like a clock, a random number or a fresh id' }, line: 1, column: 28 }],
    },
    // The second value of a VALUES list (the first, a kind, is bounded).
    {
      code: 'tracer.startSpan(`INSERT INTO audit (kind, who) VALUES (${kind}, ${actor})`);',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'INSERT INTO audit (kind, who) VALUES (${kind}, ${actor})', reason: 'it interpolates `actor` as a value in an SQL statement' }, line: 1, column: 68 }],
    },
    // A tracer from getTracer in any variable.
    {
      code: "const t = trace.getTracer('svc');\nt.startSpan('main');",
      errors: [{ messageId: 'genericName', data: { name: 'main' }, line: 2, column: 13 }],
    },
  ],
});

const typedRuleTester = createTypedRuleTester();

typedRuleTester.run('span-name (type information)', rule, {
  valid: [
    // A literal union is bounded whatever its name: `id` here is one of three values.
    `import { trace } from '@opentelemetry/api';
type Id = 'primary' | 'replica' | 'archive';
export function run(id: Id) {
  trace.getTracer('svc').startSpan(\`db.\${id}\`).end();
}`,
    // An enum is bounded.
    `import { trace } from '@opentelemetry/api';
enum Step { Validate, Charge }
export function run(stepIndex: Step) {
  trace.getTracer('svc').startSpan(\`checkout.\${stepIndex}\`).end();
}`,
    // A boolean is bounded.
    `import { trace } from '@opentelemetry/api';
export function run(timestamp: boolean) {
  trace.getTracer('svc').startSpan(\`export.\${timestamp}\`).end();
}`,
    // A plain string keeps the name-based judgement: an event type is not reported.
    `import { trace } from '@opentelemetry/api';
export function run(eventType: string) {
  trace.getTracer('svc').startSpan(\`eventbridge.publish.\${eventType}\`).end();
}`,
  ],
  invalid: [
    // A number-typed value is reported although its name says nothing (not reported without types).
    {
      code: `import { trace } from '@opentelemetry/api';
export function run(shard: number) {
  trace.getTracer('svc').startSpan(\`db.\${shard}\`).end();
}`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'db.${shard}', reason: 'it interpolates `shard`, a number' }, line: 3, column: 42 }],
    },
    // A string-typed id keeps the name-based verdict.
    {
      code: `import { trace } from '@opentelemetry/api';
export function run(userId: string) {
  trace.getTracer('svc').startSpan(\`GET /users/\${userId}\`).end();
}`,
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${userId}', reason: 'it interpolates `userId`, which looks like an id' }, line: 3, column: 50 }],
    },
    // A span found by its type, whatever the variable is called.
    {
      code: `import type { Span } from '@opentelemetry/api';
export function rename(current: Span) {
  current.updateName('handler');
}`,
      errors: [{ messageId: 'genericName', data: { name: 'handler' }, line: 3, column: 22 }],
    },
  ],
});

// Plain JavaScript parsed by espree: no parser services at all, same verdicts.
const javascriptRuleTester = new RuleTester({ languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' } });

javascriptRuleTester.run('span-name (JavaScript, espree)', rule, {
  valid: [
    // A good name.
    { filename: 'file.js', code: `const tracer = trace.getTracer('svc');\ntracer.startActiveSpan('orders.create', (span) => span.end());` },
  ],
  invalid: [
    // An id in the path, found without any type information.
    {
      code: 'const tracer = trace.getTracer(\'svc\');\ntracer.startSpan(`GET /users/${userId}`).end();',
      filename: 'file.js',
      errors: [{ messageId: 'highCardinalityName', data: { name: 'GET /users/${userId}', reason: 'it interpolates `userId`, which looks like an id' }, line: 2, column: 32 }],
    },
    // A generic name.
    {
      code: `const tracer = trace.getTracer('svc');\ntracer.startSpan('handler').end();`,
      filename: 'file.js',
      errors: [{ messageId: 'genericName', data: { name: 'handler' }, line: 2, column: 18 }],
    },
  ],
});
