import rule from '../../rules/no-high-cardinality-attributes.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-high-cardinality-attributes', rule, {
  valid: [
    // a test's response hook records the whole response to assert on it: nothing reaches a production backend
    { code: "const config = { responseHook: (span, info) => span.setAttribute('test.response', JSON.stringify(info.data)) };", filename: 'packages/instrumentation-pg/test/pg.test.ts' },
    // a random number on a span: a sampling draw of this span's own, not a growing set of values on a metric
    `span.setAttribute('sample', Math.random());`,
    // a stored time under a timestamp key says when the order was placed; only a clock reading is redundant on a span
    `span.setAttribute('timestamp', order.placedAt);`,
    // an event's own time, from the event
    `span.setAttributes({ 'event.time': evt.receivedOn });`,
    // the queueing time a proxy wrote into a header
    `span.setAttribute('request.timestamp', req.headers['x-request-start']);`,
    // a stored date converted to epoch milliseconds: not the current time
    `span.setAttribute('order.placed', new Date(order.placedAt).getTime());`,
    // ids on spans are the guides' own good example, whatever they are built from
    `span.setAttributes({ 'job.id': job.id, 'request.id': crypto.randomUUID(), 'batch.ids': JSON.stringify(batch.map((j) => j.id)) });`,
    // GenAI structured content recorded on purpose under the conventions' keys
    `span.setAttributes({\n  'gen_ai.input.messages': JSON.stringify(messages),\n  'gen_ai.output.messages': JSON.stringify(response.choices.map((c) => c.message)),\n  'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: system }]),\n  'gen_ai.tool.definitions': JSON.stringify(tools),\n});`,
    // token log probabilities the caller asked the model for
    `span.addEvent('logprobs', { logprobs: JSON.stringify(result) });`,
    // OpenInference input.value / output.value
    `span.setAttributes({ 'input.value': JSON.stringify(input), 'output.value': result.text });`,
    // Traceloop entity input and output
    `span.setAttribute('traceloop.entity.input', JSON.stringify({ args: input }));\nspan.setAttribute('traceloop.entity.output', JSON.stringify(output));`,
    // indexed prompt content of the older GenAI conventions
    "span.setAttribute(`gen_ai.prompt.${index}.content`, message.content);",
    // content recorded only when the user switched content capture on
    `if (this._config.traceContent) {\n  span.setAttribute('llm.request.body', JSON.stringify(params.body));\n}`,
    // behind a should-send check in a conditional
    `span.setAttribute('request.prompt', shouldSendPrompts() ? prompt.text : undefined);`,
    // an early return when inputs are hidden
    `function record(span, input, config) {\n  if (config.hideInputs) return;\n  span.setAttribute('tool.input', JSON.stringify(input));\n}`,
    // recordOutputs && … as the AI SDK writes it
    `span.setAttributes({ 'ai.result.text': recordOutputs && result.text });`,
    // a scheduled time given by the caller, with the clock only as its default
    `const scheduledAt = params.scheduledAt ?? new Date();\nspan.setAttribute('schedule.exact_time', scheduledAt.toISOString());`,
    // the query text the database conventions ask for
    `span.setAttribute('db.query.text', queryConfig.text);`,
    // a duration computed from two clock readings is a measurement
    `const started = performance.now();\nawait work();\nspan.setAttribute('work.duration_ms', performance.now() - started);`,
    // ids are fine on spans
    `span.setAttributes({ 'order.id': order.id, 'user.id': user.id });`,
    // the route template is bounded
    `span.setAttribute('http.route', req.route.path);`,
    // a duration, not a timestamp
    `span.setAttribute('db.duration_ms', Date.now() - start);`,
    // free text bounded by slice(0, n)
    `span.setAttribute('ticket.description', ticket.description.slice(0, 256));`,
    // free text bounded by substring(0, n)
    `span.setAttribute('post.title', post.title.substring(0, 80));`,
    // free text bounded by the default truncator
    `span.setAttribute('comment.text', truncate(comment.text, { length: 100 }));`,
    // free text bounded by a configured truncator
    { code: `span.setAttribute('review.comment', clip(review.comment));`, options: [{ truncators: ['clip'] }] },
    // an error message is not user free text
    `span.setAttribute('error.message', err.message);`,
    // low-cardinality HTTP metric attributes
    `requestCounter.add(1, { 'http.request.method': req.method, 'http.response.status_code': res.statusCode, 'http.route': route });`,
    // status and region on a histogram
    `latencyHistogram.record(ms, { status: 'ok', region: process.env.AWS_REGION });`,
    // a bounded template of method and route on a metric
    `requestCounter.add(1, { operation: \`\${method} \${route}\` });`,
    // the year of a date is bounded
    `span.setAttribute('app.year', new Date().getFullYear());`,
    // JSON.stringify of a literal
    `span.setAttribute('app.flags', JSON.stringify(['a', 'b']));`,
    // the length of a body
    `span.setAttribute('body.size', req.body.length);`,
    // a key that only looks like a time: time zone
    `span.setAttribute('time.zone', tz);`,
    // a timeout is not a timestamp
    `span.setAttribute('http.timeout', timeoutMs);`,
    // a time key holding a measurement
    `span.setAttribute('job.time', elapsedMs);`,
    // an allowed prefix
    { code: `span.setAttribute('debug.payload', JSON.stringify(payload));`, options: [{ allowKeys: ['debug.*'] }] },
    // rounding is not randomness
    `span.setAttribute('score', Math.round(score));`,
    // ids are fine on span events
    `span.addEvent('login', { 'user.id': user.id });`,
    // ids are fine on log records
    `logger.emit({ body: 'paid', attributes: { 'order.id': order.id } });`,
    // a generated id is fine on a span
    `span.setAttribute('request.id', crypto.randomUUID());`,
    // semantic-convention constants with bounded values on a metric
    `import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
durationHistogram.record(ms, { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_HTTP_ROUTE]: route });`,
    // server.address is a bounded metric attribute
    `durationHistogram.record(ms, { 'server.address': url.hostname, 'server.port': 443 });`,
    // error.type on a counter
    `errorCounter.add(1, { 'error.type': err.name });`,
    // a response header is not an attribute sink
    `res.setHeader('date', new Date().toUTCString());`,
    // a cache write is not an attribute sink
    `cache.set(key, JSON.stringify(body));`,
    // a set is not a metric instrument
    `visited.add(id, { at: Date.now() });`,
    // an attempt number
    `span.setAttribute('retry.attempt', attempt);`,
    // a queue name from an observable callback
    `const depth = meter.createObservableGauge('queue.depth');
depth.addCallback((result) => result.observe(size, { 'queue.name': queueName }));`,
    // the environment from process.env
    `span.setAttribute('deployment.environment', process.env.NODE_ENV);`,
    // a configuration constant
    `span.setAttribute('app.version', APP_VERSION);`,
    // a tier on a metric
    `requestCounter.add(1, { 'tenant.tier': tenant.tier });`,
    // the size of a payload
    `span.setAttribute('message.payload_size', payload.length);`,
    // addEvent with a start time has no attributes
    `span.addEvent('tick', Date.now());`,
    // the weekday of a stored date
    `span.setAttribute('order.weekday', new Date(order.createdAt).getUTCDay());`,
    // the request method, upper-cased
    `span.setAttribute('http.request.method', req.method.toUpperCase());`,
    // an outcome chosen from two literals
    `jobCounter.add(1, { outcome: ok ? 'success' : 'failure' });`,
    // the length of a title
    `span.setAttribute('message.title_length', title.length);`,
    // TODO: should report a timestamp held in a neutrally named variable
    `span.setAttribute('request.start', startedAt);`,
    // a literal under a timestamp key
    `span.setAttribute('debug.timestamp', 'n/a');`,
    // a queue name on a gauge
    `queueGauge.record(depth, { queue: queueName });`,
    // a template of a constant on a metric
    `requestCounter.add(1, { api: \`v\${API_VERSION}\` });`,
    // TODO: should report an error message on a metric
    `errorCounter.add(1, { 'error.message': err.message });`,
  ],
  invalid: [
    // `testFiles: []` checks test files too
    {
      code: "span.setAttribute('test.response', JSON.stringify(data));",
      filename: 'test/hooks.test.ts',
      options: [{ testFiles: [] }],
      errors: [{ messageId: 'unboundedValue', data: { key: 'test.response', what: 'serialized data' }, line: 1, column: 36 }],
    },
    // Date.now() stored as an attribute: the span already carries its own start and end times
    {
      code: `span.setAttribute('request.received_at', Date.now());`,
      errors: [{ messageId: 'unboundedValue', data: { key: 'request.received_at', what: 'the current time' }, line: 1, column: 42 }],
    },
    // new Date().toISOString() as an attribute
    {
      code: `span.setAttributes({ 'job.started': new Date().toISOString() });`,
      errors: [{ messageId: 'unboundedValue', data: { key: 'job.started', what: 'the current time' }, line: 1, column: 37 }],
    },
    // a whole response body stringified on an HTTP client span
    {
      code: `const body = await res.json();\nspan.setAttribute('http.response.data', JSON.stringify(body));`,
      errors: [{ messageId: 'unboundedValue', data: { key: 'http.response.data', what: 'serialized data' }, line: 2, column: 41 }],
    },
    // a user's comment, untruncated, on a span
    {
      code: `span.setAttribute('review.comment', review.comment);`,
      errors: [{ messageId: 'unboundedValue', data: { key: 'review.comment', what: 'free text' }, line: 1, column: 37 }],
    },
    // content capture switched on elsewhere does not cover a flag about something else
    {
      code: `if (config.enabled) {\n  span.setAttribute('chat.prompt', JSON.stringify(messages));\n}`,
      errors: [{ messageId: 'unboundedValue', data: { key: 'chat.prompt', what: 'serialized data' }, line: 2, column: 36 }],
    },
    // metric attributes keep their strictness: GenAI content and ids on a metric are new time series
    {
      code: `tokenCounter.add(usage.total, { 'gen_ai.input.messages': JSON.stringify(messages), 'user.id': user.id });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'gen_ai.input.messages', what: 'serialized data' }, line: 1, column: 58 },
        { messageId: 'metricCardinality', data: { key: 'user.id', what: 'an id' }, line: 1, column: 95 },
      ],
    },
    // the current time
    {
      code: `span.setAttribute('request.received', Date.now());`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'request.received', what: 'the current time' }, line: 1, column: 39 },
      ],
    },
    // an ISO date string of now
    {
      code: `span.setAttribute('job.started', new Date().toISOString());`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'job.started', what: 'the current time' }, line: 1, column: 34 },
      ],
    },
    // performance.now()
    {
      code: `span.setAttribute('mark', performance.now());`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'mark', what: 'the current time' }, line: 1, column: 27 },
      ],
    },
    // process.hrtime.bigint(), as a string
    {
      code: `span.setAttribute('tick', String(process.hrtime.bigint()));`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'tick', what: 'the current time' }, line: 1, column: 27 },
      ],
    },
    // a serialized request body
    {
      code: `span.setAttribute('request', JSON.stringify(req.body));`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'request', what: 'serialized data' }, line: 1, column: 30 },
      ],
    },
    // a serialized domain object
    {
      code: `span.setAttribute('order.json', JSON.stringify(order));`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'order.json', what: 'serialized data' }, line: 1, column: 33 },
      ],
    },
    // util.inspect of an event
    {
      code: `span.setAttribute('event.dump', util.inspect(event));`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'event.dump', what: 'serialized data' }, line: 1, column: 33 },
      ],
    },
    // a whole request body
    {
      code: `span.setAttribute('http.request.content', req.body);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'http.request.content', what: 'a whole body or payload' }, line: 1, column: 43 },
      ],
    },
    // a message payload on an event
    {
      code: `span.addEvent('received', { 'message.content': message.payload });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'message.content', what: 'a whole body or payload' }, line: 1, column: 48 },
      ],
    },
    // a free-text title
    {
      code: `span.setAttribute('post.title', post.title);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'post.title', what: 'free text' }, line: 1, column: 33 },
      ],
    },
    // a free-text description
    {
      code: `span.setAttributes({ 'ticket.description': ticket.description });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'ticket.description', what: 'free text' }, line: 1, column: 44 },
      ],
    },
    // a free-text comment on a log record
    {
      code: `logger.emit({ body: 'reviewed', attributes: { 'review.comment': review.comment } });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'review.comment', what: 'free text' }, line: 1, column: 65 },
      ],
    },
    // a chat message
    {
      code: `span.setAttribute('chat.message', chat.message);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'chat.message', what: 'free text' }, line: 1, column: 35 },
      ],
    },
    // free text inside a template
    {
      code: `span.setAttribute('post', \`\${post.id}: \${post.title}\`);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'post', what: 'free text' }, line: 1, column: 27 },
      ],
    },
    // a body key with a computed value
    {
      code: `span.setAttribute('message.body', data);`,
      errors: [
        { messageId: 'unboundedKey', data: { key: 'message.body', what: 'a body or payload' }, line: 1, column: 19 },
      ],
    },
    // a user id on a metric
    {
      code: `requestCounter.add(1, { 'user.id': user.id });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'user.id', what: 'an id' }, line: 1, column: 36 },
      ],
    },
    // an order id shorthand on a metric
    {
      code: `ordersCounter.add(1, { orderId });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'orderId', what: 'an id' }, line: 1, column: 24 },
      ],
    },
    // a tenant id under a snake_case key
    {
      code: `requestCounter.add(1, { tenant_id: tenantId });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'tenant_id', what: 'an id' }, line: 1, column: 36 },
      ],
    },
    // a session id on a metric
    {
      code: `requestCounter.add(1, { 'session.id': req.sessionID });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'session.id', what: 'an id' }, line: 1, column: 39 },
      ],
    },
    // an email on a metric
    {
      code: `loginCounter.add(1, { 'user.email': user.email });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'user.email', what: 'an email address or IP address' }, line: 1, column: 37 },
      ],
    },
    // a client IP on a metric
    {
      code: `requestCounter.add(1, { 'client.address': req.ip });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'client.address', what: 'an email address or IP address' }, line: 1, column: 43 },
      ],
    },
    // the full URL on a metric
    {
      code: `durationHistogram.record(ms, { 'url.full': req.originalUrl });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'url.full', what: 'a full URL or path' }, line: 1, column: 44 },
      ],
    },
    // a raw path on a metric
    {
      code: `durationHistogram.record(ms, { path: req.path });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'path', what: 'a full URL or path' }, line: 1, column: 32 },
      ],
    },
    // an interpolated path on a metric
    {
      code: `requestCounter.add(1, { route: \`/users/\${id}\` });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'route', what: 'an id' }, line: 1, column: 32 },
      ],
    },
    // the current time on a metric
    {
      code: `jobCounter.add(1, { at: Date.now() });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'at', what: 'the current time' }, line: 1, column: 25 },
      ],
    },
    // a generated id on a metric
    {
      code: `jobCounter.add(1, { run: crypto.randomUUID() });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'run', what: 'a generated id' }, line: 1, column: 26 },
      ],
    },
    // an instrument from createHistogram
    {
      code: `const latency = meter.createHistogram('latency');
latency.record(ms, { 'request.id': requestId });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'request.id', what: 'an id' }, line: 2, column: 36 },
      ],
    },
    // an instrument in a class field
    {
      code: `class Metrics {
  private readonly jobs = meter.createCounter('jobs');
  done(job: Job) {
    this.jobs.add(1, { 'job.id': job.id });
  }
}`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'job.id', what: 'an id' }, line: 4, column: 34 },
      ],
    },
    // an IP in an observable callback
    {
      code: `const connections = meter.createObservableGauge('connections');
connections.addCallback((result) => result.observe(count, { 'host.ip': ip }));`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'host.ip', what: 'an email address or IP address' }, line: 2, column: 72 },
      ],
    },
    // a Date in the attributes option of startSpan
    {
      code: `const span = tracer.startSpan('work', { attributes: { 'request.at': new Date() } });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'request.at', what: 'the current time' }, line: 1, column: 69 },
      ],
    },
    // the time through a local constant
    {
      code: `const now = Date.now();
span.setAttribute('started', now);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'started', what: 'the current time' }, line: 2, column: 30 },
      ],
    },
    // a serialized payload in a spread local object
    {
      code: `const base = { 'job.data': JSON.stringify(job.data) };
span.setAttributes({ ...base });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'job.data', what: 'serialized data' }, line: 1, column: 28 },
      ],
    },
    // truncating an id does not bound a metric
    {
      code: `requestCounter.add(1, { user: user.id.slice(0, 8) });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'user', what: 'an id' }, line: 1, column: 31 },
      ],
    },
    // a comment through String()
    {
      code: `span.setAttribute('log.note', String(review.comment));`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'log.note', what: 'free text' }, line: 1, column: 31 },
      ],
    },
    // the time inside a template
    {
      code: `span.setAttribute('ts', \`\${Date.now()}\`);`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'ts', what: 'the current time' }, line: 1, column: 25 },
      ],
    },
    // a trimmed description
    {
      code: `span.setAttribute('job.description', job.description.trim());`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'job.description', what: 'free text' }, line: 1, column: 38 },
      ],
    },
    // a serialized body on a log record
    {
      code: `logger.emit({ attributes: { 'request.dump': JSON.stringify(body) } });`,
      errors: [
        { messageId: 'unboundedValue', data: { key: 'request.dump', what: 'serialized data' }, line: 1, column: 45 },
      ],
    },
    // a URL template on a metric
    {
      code: `requestCounter.add(1, { url: \`\${req.protocol}://\${req.host}\${req.url}\` });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'url', what: 'a full URL or path' }, line: 1, column: 30 },
      ],
    },
    // the original URL on this.requestsCounter
    {
      code: `this.requestsCounter.add(1, { route: req.originalUrl });`,
      errors: [
        { messageId: 'metricCardinality', data: { key: 'route', what: 'a full URL or path' }, line: 1, column: 38 },
      ],
    },
  ],
});
