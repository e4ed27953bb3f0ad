import rule from '../../rules/span-must-end.js';
import { fileURLToPath } from 'node:url';
import { createRuleTester, createTypedRuleTester } from '../support/rule-tester.js';

/** A file beside the tracer modules of fixtures/span-must-end, for the one hop into a relative import. */
const besideTracerModules = fileURLToPath(new URL('../../fixtures/span-must-end/jobs.ts', import.meta.url));

const ruleTester = createRuleTester();

ruleTester.run('span-must-end', rule, {
  valid: [
    // a tracer from the project's own module, which builds an SDK's own tracer class: that class ends its spans
    {
      code: `import { tracer } from './own-tracer.js';
export function cache(key, fn) {
  return tracer.startActiveSpan('cache', async (span) => {
    span.setAttribute('cache.key', key);
    return fn();
  });
}`,
      filename: besideTracerModules,
    },
    // a helper that computes attributes for a span method is not the work the span measures
    `import { context, trace } from '@opentelemetry/api';
import { attributesFromContext } from '@acme/session-context';
export function annotate() {
  const tracer = trace.getTracer('manual');
  const span = tracer.startSpan('annotate');
  span.setAttributes(attributesFromContext(context.active()));
  span.end();
}`,
    // building a service object and starting child spans between start and end
    `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('db');
export function batch(statements) {
  const span = tracer.startSpan('db.batch');
  const children = statements.map((statement) => tracer.startSpan('db.query', { attributes: { 'db.query.text': statement.sql } }));
  const failures = new FailureReporter({ tracer, prefix: 'db' });
  children.forEach((child) => child.end());
  span.setAttribute('db.batch.size', children.length);
  span.setAttribute('db.batch.reporter', failures.prefix);
  span.end();
}`,
    // a recursive same-file helper that only builds more spans
    `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('tree');
function emit(node) {
  node.children.forEach((child) => {
    tracer.startActiveSpan(child.name, (span) => {
      emit(child);
      span.end();
    });
  });
}
export function emitRoot(root) {
  tracer.startActiveSpan('root', (span) => {
    emit(root);
    span.end();
  });
}`,
    // a test file: a parent span left open on purpose loses no production data
    {
      code: `const tracer = trace.getTracer('test');
it('links the child to its parent', () => {
  const parent = tracer.startSpan('parent');
  context.with(trace.setSpan(context.active(), parent), () => {
    tracer.startSpan('child').end();
  });
});`,
      filename: 'packages/orders/test/links.test.ts',
    },
    // a metric counter and histogram between start and end: the API's instruments never throw
    `import { trace, metrics } from '@opentelemetry/api';
const tracer = trace.getTracer('billing');
const requests = metrics.getMeter('billing').createCounter('billing.requests');
const latency = metrics.getMeter('billing').createHistogram('billing.latency');
export function charge(amount: number, startedAt: number) {
  const span = tracer.startSpan('billing.charge');
  requests.add(1, { 'billing.currency': 'EUR' });
  latency.record(Date.now() - startedAt);
  span.setAttribute('billing.amount', amount);
  span.end();
}`,
    // logger calls, a built error and string conversions before the end: none of them fails in practice
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('jobs');
export class Runner {
  constructor(private readonly logger: { info(m: string): void; error(m: string): void }) {}
  fail(jobId: number, reason: unknown) {
    const span = tracer.startSpan('job.fail');
    this.logger.error('job failed ' + jobId.toString());
    const error = new Error(String(reason));
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 100) });
    span.end();
  }
}`,
    // collection methods with inline callbacks that cannot throw, and a same-file pure helper
    `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('cache');
const entries = new Map<string, { key: string; size: number }>();
function toAttributes(key: string, size: number) {
  return { 'cache.key.length': key.length, 'cache.size': size };
}
export function remember(key: string, size: number, all: { key: string }[]) {
  const span = tracer.startSpan('cache.remember');
  entries.set(key, { key, size });
  const existing = all.find((item) => item.key === key);
  span.setAttributes(toAttributes(key, size));
  span.setAttribute('cache.hit', existing !== undefined);
  span.end();
}`,
    // an error-first callback invoked just before the end: the callback's own errors are its business
    `const tracer = trace.getTracer('jobs');
function complete(err, result, callback) {
  const span = tracer.startSpan('job.complete');
  if (err) span.recordException(err);
  callback(err, result);
  span.end();
}`,
    // path, not range: the call after the first end runs with the span already ended on that path
    `const tracer = trace.getTracer('svc');
function handle(request) {
  const span = tracer.startSpan('handle');
  if (request.cached) {
    span.end();
    notify(request);
    return request.cached;
  }
  span.end();
  return undefined;
}`,
    // a tracer from another package (k6's) follows that package's contract, not the OpenTelemetry API's
    `import { tracer } from 'k6/x/otel';
export default function () {
  const span = tracer.startSpan('checkout');
  span.setAttribute('vu', 1);
}`,
    // an SDK's own Tracer class whose startActiveSpan ends the span itself
    `class Tracer {
  startActiveSpan(name, fn) {
    const span = createSpan(name);
    try { return fn(span); } finally { span.end(); }
  }
}
const tracer = new Tracer();
export function run() {
  return tracer.startActiveSpan('llm.call', (span) => {
    span.setAttribute('llm.model', 'small');
    return 42;
  });
}`,
    // a parameter typed with another package's Tracer
    `import type { Tracer } from '@acme/llm-sdk';
export function trackCall(tracer: Tracer) {
  const span = tracer.startSpan('llm.track');
  span.setAttribute('llm.provider', 'acme');
}`,
    // wrapTracer from the API's experimental entry point: withActiveSpan and withSpan end the span themselves
    `import { trace } from '@opentelemetry/api';
import { wrapTracer } from '@opentelemetry/api/experimental';
const tracer = wrapTracer(trace.getTracer('orders'));
export function place(order) {
  return tracer.withActiveSpan('orders.place', (span) => {
    span.setAttribute('orders.count', order.items.length);
    return save(order);
  });
}`,
    // the span leaves in a context: whoever receives the context ends trace.getSpan(ctx)
    `import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('queue');
export function beginReceive(parent = context.active()) {
  const span = tracer.startSpan('queue.receive', {}, parent);
  return trace.setSpan(parent, span);
}`,
    // the context holding the span is stored for a later callback that ends it
    `import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('ws');
const pending = new Map();
export function onRequest(id) {
  const span = tracer.startSpan('ws.request');
  const ctx = trace.setSpan(context.active(), span);
  pending.set(id, ctx);
}`,
    // context.with runs a callback that ends the span of its context
    `import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
export function schedule(work) {
  const span = tracer.startSpan('schedule');
  context.with(trace.setSpan(context.active(), span), () => {
    setImmediate(() => {
      work();
      trace.getSpan(context.active())?.end();
    });
  });
}`,
    // a re-assigned variable holds two spans, each ended on every path
    `const tracer = trace.getTracer('svc');
function twoSteps() {
  let span = tracer.startSpan('step.one');
  span.end();
  span = tracer.startSpan('step.two');
  span.setAttribute('step', 2);
  span.end();
}`,
    // ended in the success callback and in the rejection callback of the same then
    `const tracer = trace.getTracer('http');
export function get(url) {
  const span = tracer.startSpan('GET');
  return fetch(url).then(
    (response) => { span.setAttribute('http.response.status_code', response.status); span.end(); return response; },
    (error) => { span.recordException(error); span.end(); throw error; },
  );
}`,
    // ended on success in then, and on failure in a later catch of the chain
    `const tracer = trace.getTracer('http');
export function post(url, body) {
  const span = tracer.startSpan('POST');
  return send(url, body)
    .then((response) => { span.end(); return response; })
    .catch((error) => { span.recordException(error); span.end(); throw error; });
}`,
    // a stream ended in 'end' and in 'error' listeners
    `const tracer = trace.getTracer('stream');
export function pipe(source) {
  const span = tracer.startSpan('stream.pipe');
  source.on('end', () => span.end());
  source.on('error', (error) => { span.recordException(error); span.end(); });
  return source;
}`,
    // a success continuation, but a finally in the function itself ends the span on every path
    `const tracer = trace.getTracer('http');
export async function load(url) {
  const span = tracer.startSpan('load');
  try {
    return await fetch(url).then((response) => { span.setAttribute('status', response.status); return response; });
  } finally {
    span.end();
  }
}`,
    // calling an async function of the same file without awaiting cannot throw: it only rejects
    `const tracer = trace.getTracer('svc');
async function flush() { await exporter.flush(); }
export function report() {
  const span = tracer.startSpan('report');
  flush();
  span.end();
}`,
    // ended in finally: every path, thrown errors included, ends it
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } finally {
    span.end();
  }
}`,
    // sync startActiveSpan callback ending the span in finally
    `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  try {
    return doWork();
  } finally {
    span.end();
  }
});`,
    // async startActiveSpan callback: finally around the awaited work
    `const tracer = trace.getTracer('svc');
async function f() {
  return tracer.startActiveSpan('work', async (span) => {
    try {
      return await doWork();
    } finally {
      span.end();
    }
  });
}`,
    // the promise returned by the work ends the span in .finally
    `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  return doWork().finally(() => span.end());
});`,
    // ended in .then callbacks: ownership moves to the promise chain
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  return doWork().then(() => span.end(), (error) => { span.end(); throw error; });
}`,
    // span returned to the caller, who owns it now
    `const tracer = trace.getTracer('svc');
function startWork() {
  const span = tracer.startSpan('work');
  span.setAttribute('a', 1);
  return span;
}`,
    // span stored on a field of this
    `const tracer = trace.getTracer('svc');
class Job {
  span;
  begin() {
    this.span = tracer.startSpan('job');
  }
}`,
    // span kept in a local, then stored on this
    `const tracer = trace.getTracer('svc');
class Job {
  begin() {
    const span = tracer.startSpan('job');
    this.current = span;
  }
}`,
    // span pushed to a collection
    `const tracer = trace.getTracer('svc');
const open = [];
function f() {
  const span = tracer.startSpan('work');
  open.push(span);
}`,
    // span passed to a helper that takes over
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  register(span);
}`,
    // span resolved through a promise
    `const tracer = trace.getTracer('svc');
function f() {
  return new Promise((resolve) => {
    const span = tracer.startSpan('work');
    resolve(span);
  });
}`,
    // only span methods, which never throw, between start and end
    `const tracer = trace.getTracer('svc');
function f(user) {
  const span = tracer.startSpan('work');
  span.setAttribute('user.id', user.id);
  span.addEvent('checked');
  span.setStatus({ code: 1 });
  span.end();
}`,
    // calls known not to throw between start and end
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  span.setAttribute('at', Date.now());
  console.log('working');
  span.end();
}`,
    // ended in a 'close' listener: Node emits 'close' after an error or an abort too, so the span outlives the function on purpose
    `const tracer = trace.getTracer('svc');
function handle(req, res) {
  const span = tracer.startSpan('request');
  res.on('close', () => span.end());
  next(req, res);
}`,
    // trace.setSpan borrows the span; context.with runs inside try/finally
    `const tracer = trace.getTracer('svc');
async function f() {
  const span = tracer.startSpan('work');
  const ctx = trace.setSpan(context.active(), span);
  try {
    await context.with(ctx, () => doWork());
  } finally {
    span.end();
  }
}`,
    // generator: yield inside try/finally
    `const tracer = trace.getTracer('svc');
function* items() {
  const span = tracer.startSpan('items');
  try {
    yield 1;
    yield 2;
  } finally {
    span.end();
  }
}`,
    // class method with try/finally
    `const tracer = trace.getTracer('svc');
class Repo {
  async load(id) {
    const span = tracer.startSpan('repo.load');
    try {
      return await this.db.find(id);
    } finally {
      span.end();
    }
  }
}`,
    // switch whose every case runs inside try/finally
    `const tracer = trace.getTracer('svc');
function f(kind) {
  const span = tracer.startSpan('dispatch');
  try {
    switch (kind) {
      case 'a':
        return a();
      default:
        return b();
    }
  } finally {
    span.end();
  }
}`,
    // a span per loop iteration, ended in finally even on continue
    `const tracer = trace.getTracer('svc');
function f(items) {
  for (const item of items) {
    const span = tracer.startSpan('item');
    try {
      if (!item) continue;
      handle(item);
    } finally {
      span.end();
    }
  }
}`,
    // startSpan on something that is not a tracer
    `function f(builder) {
  const span = builder.startSpan('x');
  doWork();
}`,
    // checkExceptionPaths off: only explicit paths are checked
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  doWork();
  span.end();
}`,
      options: [{"checkExceptionPaths": false}],
    },
    // span assigned to a variable of the enclosing module: handed over
    `const tracer = trace.getTracer('svc');
let current;
function f() {
  current = tracer.startSpan('work');
}`,
    // startActiveSpan callback that returns its span
    `const tracer = trace.getTracer('svc');
const span = tracer.startActiveSpan('work', (span) => span);`,
    // startActiveSpan with a callback defined elsewhere: nothing to judge here
    `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', handler);`,
    // span returned inside an object
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  return { span, startedAt: Date.now() };
}`,
    // catch that ends the span before rethrowing, and end after the try
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.end();
    throw error;
  }
  span.end();
}`,
    // ended on both branches of an if
    `const tracer = trace.getTracer('svc');
function f(ok) {
  const span = tracer.startSpan('work');
  if (ok) {
    span.end();
    return 1;
  } else {
    span.end();
    return 2;
  }
}`,
    // optional call of end in finally
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } finally {
    span?.end();
  }
}`,
    // errors swallowed by the catch, then the span is ended
    `const tracer = trace.getTracer('svc');
async function f() {
  const span = tracer.startSpan('work');
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
  }
  span.end();
}`,
    // nested spans, both ended in finally
    `const tracer = trace.getTracer('svc');
function f() {
  const outer = tracer.startSpan('outer');
  try {
    const inner = tracer.startSpan('inner');
    try {
      doWork();
    } finally {
      inner.end();
    }
  } finally {
    outer.end();
  }
}`,
    // custom start function whose span is returned
    {
      code: `function f() {
  const span = startInactiveSpan({ name: 'work' });
  return span;
}`,
      options: [{"startSpanFunctions": ["startInactiveSpan"]}],
    },
    // endSpanFunctions: a helper that ends the span, called in finally
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } finally {
    finishSpan(span);
  }
}`,
      options: [{"endSpanFunctions": ["finishSpan"]}],
    },
    // the simplest correct span
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  span.end();
}`,
    // work after the end is outside the span
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  span.end();
  doMore();
}`,
    // tracer created inline; ended in finally
    `function f() {
  const span = trace.getTracer('svc').startSpan('work');
  try {
    doWork();
  } finally {
    span.end();
  }
}`,
    // a span started as a field initializer belongs to the object
    `const tracer = trace.getTracer('svc');
class Job {
  span = tracer.startSpan('job');
}`,
    // TODO: should report: the span is aliased and the alias is never ended; aliases are not followed yet
    `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  const alias = span;
  doWork(alias);
}`,
  ],
  invalid: [
    // a tracer from the project's own module that re-exports the API's tracer is followed one hop and checked
    {
      code: `import { tracer } from './api-tracer.js';
export function cache(key, fn) {
  return tracer.startActiveSpan('cache', async (span) => {
    span.setAttribute('cache.key', key);
    return fn();
  });
}`,
      filename: besideTracerModules,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'cache'"}, line: 3, column: 10, suggestions: [{ messageId: 'wrapInTryFinally', output: `import { tracer } from './api-tracer.js';
export function cache(key, fn) {
  return tracer.startActiveSpan('cache', async (span) => {
    try {
      span.setAttribute('cache.key', key);
      return fn();
    } finally {
      span.end();
    }
  });
}` }] },
      ],
    },
    // a patched method awaited through Reflect.apply with no finally: a rejected call leaks the span
    {
      code: `import { trace, SpanKind } from '@opentelemetry/api';
const tracer = trace.getTracer('kv-instrumentation');
export function instrumentGet(target) {
  return new Proxy(target, {
    async apply(fn, thisArg, args) {
      const span = tracer.startSpan(\`KV \${String(args[0]).length > 0 ? 'get' : 'list'} keys\`, { kind: SpanKind.CLIENT });
      const result = await Reflect.apply(fn, thisArg, args);
      span.setAttribute('kv.hit', result !== null);
      span.end();
      return result;
    },
  });
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "`KV ${String(args[0]).length > 0 ? 'get…", "what": "`await Reflect.apply(fn, thisArg, args)`", "line": 7}, line: 6, column: 20, suggestions: [{ messageId: 'wrapInTryFinally', output: `import { trace, SpanKind } from '@opentelemetry/api';
const tracer = trace.getTracer('kv-instrumentation');
export function instrumentGet(target) {
  return new Proxy(target, {
    async apply(fn, thisArg, args) {
      const span = tracer.startSpan(\`KV \${String(args[0]).length > 0 ? 'get' : 'list'} keys\`, { kind: SpanKind.CLIENT });
      try {
        const result = await Reflect.apply(fn, thisArg, args);
        span.setAttribute('kv.hit', result !== null);

        return result;
      } finally {
        span.end();
      }
    },
  });
}` }] },
      ],
    },
    // testFiles: [] checks tests too
    {
      code: `const tracer = trace.getTracer('test');
it('links the child to its parent', () => {
  const parent = tracer.startSpan('parent');
  context.with(trace.setSpan(context.active(), parent), () => {
    tracer.startSpan('child').end();
  });
});`,
      filename: 'packages/orders/test/links.test.ts',
      options: [{"testFiles": []}],
      errors: [
        { messageId: 'neverEnded', data: {"name": "'parent'"}, line: 3, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('test');
it('links the child to its parent', () => {
  const parent = tracer.startSpan('parent');
  try {
    context.with(trace.setSpan(context.active(), parent), () => {
      tracer.startSpan('child').end();
    });
  } finally {
    parent.end();
  }
});` }] },
      ],
    },
    // ended only when the promise resolves: a rejected request leaves the span open forever
    {
      code: `const tracer = trace.getTracer('api-client');
export function createCompletion(client, body) {
  const span = tracer.startSpan('chat.completions');
  return client.post('/chat/completions', body).then((response) => {
    span.setAttribute('gen_ai.usage.output_tokens', response.usage.completion_tokens);
    span.end();
    return response;
  });
}`,
      errors: [
        { messageId: 'notEndedOnFailure', data: {"name": "'chat.completions'", "what": "the promise", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'endOnRejection', data: {"variable": "span"}, output: `const tracer = trace.getTracer('api-client');
export function createCompletion(client, body) {
  const span = tracer.startSpan('chat.completions');
  return client.post('/chat/completions', body).then((response) => {
    span.setAttribute('gen_ai.usage.output_tokens', response.usage.completion_tokens);
    span.end();
    return response;
  }, (error) => { span.end(); throw error; });
}` }] },
      ],
    },
    // a later catch that only logs does not end the span on failure
    {
      code: `const tracer = trace.getTracer('api-client');
export function list(client) {
  const span = tracer.startSpan('models.list');
  return client.get('/models')
    .then((models) => { span.end(); return models; })
    .catch((error) => { logger.error(error); throw error; });
}`,
      errors: [
        { messageId: 'notEndedOnFailure', data: {"name": "'models.list'", "what": "the promise", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'endOnRejection', data: {"variable": "span"}, output: `const tracer = trace.getTracer('api-client');
export function list(client) {
  const span = tracer.startSpan('models.list');
  return client.get('/models')
    .then((models) => { span.end(); return models; }, (error) => { span.end(); throw error; })
    .catch((error) => { logger.error(error); throw error; });
}` }] },
      ],
    },
    // ended only on the response's 'end' event: a socket error leaves it open
    {
      code: `const tracer = trace.getTracer('outgoing');
export function request(options) {
  const span = tracer.startSpan('http.request');
  const req = http.request(options, (res) => res.resume());
  req.on('finish', () => span.end());
  return req;
}`,
      errors: [
        { messageId: 'notEndedOnFailure', data: {"name": "'http.request'", "what": "the stream ('finish' listener)", "line": 5}, line: 3, column: 16, suggestions: [] },
      ],
    },
    // successOnlyFunctions: the project's own helper runs its callback only on success
    {
      code: `const tracer = trace.getTracer('sdk');
export function call(request) {
  const span = tracer.startSpan('sdk.call');
  return thenUnwrap(send(request), (result) => {
    span.end();
    return result;
  });
}`,
      options: [{"successOnlyFunctions": ["thenUnwrap"]}],
      errors: [
        { messageId: 'notEndedOnFailure', data: {"name": "'sdk.call'", "what": "the work given to thenUnwrap()", "line": 4}, line: 3, column: 16, suggestions: [] },
      ],
    },
    // an early return inside a try whose finally releases something else, not the span
    {
      code: `const tracer = trace.getTracer('pool');
function withConnection(pool, cond) {
  const connection = pool.acquire();
  try {
    const span = tracer.startSpan('pool.query');
    if (cond) return;
    span.end();
  } finally {
    connection.release();
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'pool.query'", "line": 6, "how": "return"}, line: 5, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('pool');
function withConnection(pool, cond) {
  const connection = pool.acquire();
  try {
    const span = tracer.startSpan('pool.query');
    try {
      if (cond) return;
    } finally {
      span.end();
    }
  } finally {
    connection.release();
  }
}` }] },
      ],
    },
    // code received from outside (the patched original) can throw anything
    {
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('instrumentation-x');
export function patch(original) {
  return function patched(...args) {
    const span = tracer.startSpan('x.call');
    const result = original.apply(this, args);
    span.end();
    return result;
  };
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'x.call'", "what": "`original.apply(this, args)`", "line": 6}, line: 5, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('instrumentation-x');
export function patch(original) {
  return function patched(...args) {
    const span = tracer.startSpan('x.call');
    try {
      const result = original.apply(this, args);

      return result;
    } finally {
      span.end();
    }
  };
}` }] },
      ],
    },
    // checkExceptionPaths "all": every call between start and end counts, metric instruments included
    {
      code: `const tracer = trace.getTracer('billing');
function charge() {
  const span = tracer.startSpan('charge');
  requests.add(1);
  span.end();
}`,
      options: [{"checkExceptionPaths": "all"}],
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'charge'", "what": "`requests.add(1)`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('billing');
function charge() {
  const span = tracer.startSpan('charge');
  try {
    requests.add(1);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // tracerModules: the package is declared to follow the API's contract
    {
      code: `import { tracer } from 'k6/x/otel';
export default function () {
  const span = tracer.startSpan('checkout');
  span.setAttribute('vu', 1);
}`,
      options: [{"tracerModules": ["k6/x/otel"]}],
      errors: [
        { messageId: 'neverEnded', data: {"name": "'checkout'"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `import { tracer } from 'k6/x/otel';
export default function () {
  const span = tracer.startSpan('checkout');
  try {
    span.setAttribute('vu', 1);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a re-assigned variable: the second span is never ended
    {
      code: `const tracer = trace.getTracer('svc');
function twoSteps() {
  let span = tracer.startSpan('step.one');
  span.end();
  span = tracer.startSpan('step.two');
  span.setAttribute('step', 2);
}`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'step.two'"}, line: 5, column: 10, suggestions: [] },
      ],
    },
    // context.with borrows the span for a callback that does not end it, and nothing else does
    {
      code: `import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
export function run(work) {
  const span = tracer.startSpan('run');
  context.with(trace.setSpan(context.active(), span), () => work());
}`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'run'"}, line: 4, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
export function run(work) {
  const span = tracer.startSpan('run');
  try {
    context.with(trace.setSpan(context.active(), span), () => work());
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // the guides' own example: if the work throws, the span never ends
    {
      code: `const tracer = trace.getTracer('svc');
function handle(order) {
  const span = tracer.startSpan('handle');
  const result = processOrder(order);
  span.end();
  return result;
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'handle'", "what": "`processOrder(order)`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function handle(order) {
  const span = tracer.startSpan('handle');
  try {
    const result = processOrder(order);

    return result;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // the guides' classic: a call between start and end that may throw
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  doWork();
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // ended only inside try: a swallowed error skips the end
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
    span.end();
  } catch (error) {
    log(error);
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 10, "how": "end of the function"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
      span.end();
    } catch (error) {
      log(error);
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // early return before the end
    {
      code: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  if (!x) return;
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 4, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  try {
    if (!x) return;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // explicit throw before the end
    {
      code: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  if (!x) throw new Error('missing');
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnThrow', data: {"name": "'work'", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  try {
    if (!x) throw new Error('missing');
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // continue skips the end of the span started in the loop body
    {
      code: `const tracer = trace.getTracer('svc');
function f(items) {
  for (const item of items) {
    const span = tracer.startSpan('item');
    if (!item) continue;
    span.end();
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'item'", "line": 5, "how": "continue"}, line: 4, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(items) {
  for (const item of items) {
    const span = tracer.startSpan('item');
    try {
      if (!item) continue;
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // break skips the end
    {
      code: `const tracer = trace.getTracer('svc');
function f(items) {
  for (const item of items) {
    const span = tracer.startSpan('item');
    if (item.last) break;
    span.end();
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'item'", "line": 5, "how": "break"}, line: 4, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(items) {
  for (const item of items) {
    const span = tracer.startSpan('item');
    try {
      if (item.last) break;
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // a switch case that returns without ending
    {
      code: `const tracer = trace.getTracer('svc');
function f(kind) {
  const span = tracer.startSpan('dispatch');
  switch (kind) {
    case 'a':
      return 1;
    default:
      span.end();
      return 2;
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'dispatch'", "line": 6, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(kind) {
  const span = tracer.startSpan('dispatch');
  try {
    switch (kind) {
      case 'a':
        return 1;
      default:
        span.end();
        return 2;
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // nested spans: only the inner one is never ended
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const outer = tracer.startSpan('outer');
  try {
    const inner = tracer.startSpan('inner');
    inner.setAttribute('a', 1);
  } finally {
    outer.end();
  }
}`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'inner'"}, line: 5, column: 19, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const outer = tracer.startSpan('outer');
  try {
    const inner = tracer.startSpan('inner');
    try {
      inner.setAttribute('a', 1);
    } finally {
      inner.end();
    }
  } finally {
    outer.end();
  }
}` }] },
      ],
    },
    // sync startActiveSpan callback that never ends its span
    {
      code: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  span.setAttribute('a', 1);
  return 42;
});`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'work'"}, line: 2, column: 1, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  try {
    span.setAttribute('a', 1);
    return 42;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // async startActiveSpan callback: a rejected await skips the end
    {
      code: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  await doWork();
  span.end();
});`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`await doWork()`", "line": 3}, line: 2, column: 1, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // startActiveSpan callback whose promise chain never ends the span
    {
      code: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  return doWork().then((result) => result.value);
});`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "'work'"}, line: 2, column: 1, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  try {
    return doWork().then((result) => result.value);
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // generator: the consumer may stop at the yield and the span is never ended
    {
      code: `const tracer = trace.getTracer('svc');
function* items() {
  const span = tracer.startSpan('items');
  yield 1;
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'items'", "what": "`yield 1`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function* items() {
  const span = tracer.startSpan('items');
  try {
    yield 1;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // class method with an early return
    {
      code: `const tracer = trace.getTracer('svc');
class Repo {
  find(id) {
    const span = tracer.startSpan('repo.find');
    if (this.cache.has(id)) {
      return this.cache.get(id);
    }
    span.end();
    return undefined;
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'repo.find'", "line": 6, "how": "return"}, line: 4, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
class Repo {
  find(id) {
    const span = tracer.startSpan('repo.find');
    try {
      if (this.cache.has(id)) {
        return this.cache.get(id);
      }

      return undefined;
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // a started span that is thrown away
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  tracer.startSpan('lost');
}`,
      errors: [
        { messageId: 'discarded', data: {"name": "'lost'"}, line: 3, column: 3, suggestions: [] },
      ],
    },
    // new between start and end may throw
    {
      code: `const tracer = trace.getTracer('svc');
function f(input) {
  const span = tracer.startSpan('parse');
  const url = new URL(input);
  span.end();
  return url;
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'parse'", "what": "`new URL(input)`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(input) {
  const span = tracer.startSpan('parse');
  try {
    const url = new URL(input);

    return url;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // awaiting a promise between start and end may throw
    {
      code: `const tracer = trace.getTracer('svc');
async function f(pending) {
  const span = tracer.startSpan('wait');
  const value = await pending;
  span.end();
  return value;
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'wait'", "what": "`await pending`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
async function f(pending) {
  const span = tracer.startSpan('wait');
  try {
    const value = await pending;

    return value;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // startSpanFunctions: a custom start whose span is never ended
    {
      code: `function f() {
  const span = startInactiveSpan({ name: 'work' });
  span.setAttribute('a', 1);
}`,
      options: [{"startSpanFunctions": ["startInactiveSpan"]}],
      errors: [
        { messageId: 'neverEnded', data: {"name": "{ name: 'work' }"}, line: 2, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `function f() {
  const span = startInactiveSpan({ name: 'work' });
  try {
    span.setAttribute('a', 1);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // endSpanFunctions: the helper is not reached on the early return
    {
      code: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  if (x) return;
  finishSpan(span);
}`,
      options: [{"endSpanFunctions": ["finishSpan"]}],
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 4, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(x) {
  const span = tracer.startSpan('work');
  try {
    if (x) return;
    finishSpan(span);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // ended only in the catch: the normal path leaks
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.end();
    throw error;
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 10, "how": "end of the function"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      span.end();
      throw error;
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // only one branch of the if ends the span
    {
      code: `const tracer = trace.getTracer('svc');
function f(ok) {
  const span = tracer.startSpan('work');
  if (ok) {
    span.end();
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 7, "how": "end of the function"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(ok) {
  const span = tracer.startSpan('work');
  try {
    if (ok) {
      span.end();
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // tracer from provider.getTracer held in a variable of any name
    {
      code: `const t = provider.getTracer('svc');
function f() {
  const s = t.startSpan('work');
  doWork();
  s.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 4}, line: 3, column: 13, suggestions: [{ messageId: 'wrapInTryFinally', output: `const t = provider.getTracer('svc');
function f() {
  const s = t.startSpan('work');
  try {
    doWork();
  } finally {
    s.end();
  }
}` }] },
      ],
    },
    // parameter typed Tracer
    {
      code: `import type { Tracer } from '@opentelemetry/api';
function f(t: Tracer) {
  const s = t.startSpan('work');
  if (!s.isRecording()) return;
  s.end();
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 4, "how": "return"}, line: 3, column: 13, suggestions: [{ messageId: 'wrapInTryFinally', output: `import type { Tracer } from '@opentelemetry/api';
function f(t: Tracer) {
  const s = t.startSpan('work');
  try {
    if (!s.isRecording()) return;
  } finally {
    s.end();
  }
}` }] },
      ],
    },
    // a tracer on this
    {
      code: `class Service {
  run() {
    const span = this.tracer.startSpan('run');
    this.step();
    span.end();
  }
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'run'", "what": "`this.step()`", "line": 4}, line: 3, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `class Service {
  run() {
    const span = this.tracer.startSpan('run');
    try {
      this.step();
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // a tracer created inline
    {
      code: `function f() {
  const span = trace.getTracer('svc').startSpan('work');
  doWork();
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 3}, line: 2, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `function f() {
  const span = trace.getTracer('svc').startSpan('work');
  try {
    doWork();
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a finally that does not end the span does not protect it
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } finally {
    cleanup();
  }
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 5}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } finally {
      cleanup();
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a catch that rethrows without ending
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error);
    throw error;
  }
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnThrow', data: {"name": "'work'", "line": 8}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      span.recordException(error);
      throw error;
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a return inside a while loop
    {
      code: `const tracer = trace.getTracer('svc');
function f(queue) {
  const span = tracer.startSpan('drain');
  while (queue.length > 0) {
    if (queue[0] === null) return;
    queue.shift();
  }
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'drain'", "line": 5, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(queue) {
  const span = tracer.startSpan('drain');
  try {
    while (queue.length > 0) {
      if (queue[0] === null) return;
      queue.shift();
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // an arrow function with an early return
    {
      code: `const tracer = trace.getTracer('svc');
const f = (x) => {
  const span = tracer.startSpan('work');
  if (x) return;
  span.end();
};`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'work'", "line": 4, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
const f = (x) => {
  const span = tracer.startSpan('work');
  try {
    if (x) return;
  } finally {
    span.end();
  }
};` }] },
      ],
    },
    // labelled break out of the outer loop skips the end
    {
      code: `const tracer = trace.getTracer('svc');
function f(rows) {
  outer: for (const row of rows) {
    const span = tracer.startSpan('row');
    for (const cell of row) {
      if (cell === null) break outer;
    }
    span.end();
  }
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'row'", "line": 6, "how": "break"}, line: 4, column: 18, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(rows) {
  outer: for (const row of rows) {
    const span = tracer.startSpan('row');
    try {
      for (const cell of row) {
        if (cell === null) break outer;
      }
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // a do-while whose body returns early
    {
      code: `const tracer = trace.getTracer('svc');
function f(it) {
  const span = tracer.startSpan('iterate');
  do {
    if (it.done) return;
  } while (it.next());
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnPath', data: {"name": "'iterate'", "line": 5, "how": "return"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(it) {
  const span = tracer.startSpan('iterate');
  try {
    do {
      if (it.done) return;
    } while (it.next());
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // startActiveSpan with options and a parent context
    {
      code: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', { kind: 1 }, parentContext, (span) => {
  doWork();
  span.end();
});`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 3}, line: 2, column: 1, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', { kind: 1 }, parentContext, (span) => {
  try {
    doWork();
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // a span assigned later to a local declared without a value
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  let span;
  span = tracer.startSpan('work');
  doWork();
  span.end();
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'work'", "what": "`doWork()`", "line": 5}, line: 4, column: 10, suggestions: [] },
      ],
    },
    // an async function awaiting between start and end
    {
      code: `const tracer = trace.getTracer('svc');
export async function handler(event) {
  const span = tracer.startSpan('handler');
  const result = await process(event);
  span.end();
  return result;
}`,
      errors: [
        { messageId: 'notEndedOnException', data: {"name": "'handler'", "what": "`await process(event)`", "line": 4}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
export async function handler(event) {
  const span = tracer.startSpan('handler');
  try {
    const result = await process(event);

    return result;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a span with a computed name, never ended
    {
      code: `const tracer = trace.getTracer('svc');
function f(name) {
  const span = tracer.startSpan(name);
  span.addEvent('begin');
}`,
      errors: [
        { messageId: 'neverEnded', data: {"name": "name"}, line: 3, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `const tracer = trace.getTracer('svc');
function f(name) {
  const span = tracer.startSpan(name);
  try {
    span.addEvent('begin');
  } finally {
    span.end();
  }
}` }] },
      ],
    },
  ],
});

const typedRuleTester = createTypedRuleTester();

typedRuleTester.run('span-must-end (type information)', rule, {
  valid: [
    // named like a tracer, but its type is not the API's Tracer: the type decides
    `declare function makeRecorder(): { startSpan(name: string): { setAttribute(key: string, value: number): void; end(): void } };
const tracer = makeRecorder();
export function run() {
  const span = tracer.startSpan('recorded');
  span.setAttribute('a', 1);
}`,
  ],
  invalid: [
    // not named like a tracer, but typed as the API's Tracer
    {
      code: `import type { Tracer } from '@opentelemetry/api';
declare function provide(): Tracer;
const telemetry = provide();
export function run() {
  const span = telemetry.startSpan('provided');
  span.setAttribute('a', 1);
}`,
      errors: [{ messageId: 'neverEnded', data: {"name": "'provided'"}, line: 5, column: 16, suggestions: [{ messageId: 'wrapInTryFinally', output: `import type { Tracer } from '@opentelemetry/api';
declare function provide(): Tracer;
const telemetry = provide();
export function run() {
  const span = telemetry.startSpan('provided');
  try {
    span.setAttribute('a', 1);
  } finally {
    span.end();
  }
}` }] }],
    },
  ],
});
