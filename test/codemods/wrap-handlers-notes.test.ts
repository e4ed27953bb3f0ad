import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { TransformError } from '../../src/transform/types.js';
import { discoverFixturePairs, getFixtureDir, REPO_ROOT } from '../support/fixture-pairs.js';

const FIXTURE_DIR = getFixtureDir('wrap-handlers');

const options = { tracerName: 'my-service' };

function notesOf(name: string): Array<{ line: number; kind: string; message: string }> {
  const fixture = discoverFixturePairs('wrap-handlers').find((candidate) => candidate.name === name)!;
  return wrapHandlers.apply({ path: join(REPO_ROOT, fixture.sourcePath), source: fixture.input, options }).notes;
}

describe('wrap-handlers notes for the sites it leaves alone', () => {
  it('names a generator handler with its line', () => {
    expect(notesOf('express-generator-skipped')).toEqual([
      { line: 6, kind: 'skipped', message: 'handler not wrapped: it is a generator: its body cannot run inside a span callback' },
    ]);
  });

  it('names a route whose path is not a literal, and one whose handler is defined elsewhere', () => {
    expect(notesOf('express-dynamic-path')).toEqual([{ line: 6, kind: 'skipped', message: 'express route: the path is not a string literal, so the span has no name' }]);
    expect(notesOf('express-handler-imported')).toEqual([
      { line: 7, kind: 'skipped', message: 'express route /orders: the handler is not a function of this file used by this route only; wrap the function where it is defined' },
    ]);
  });

  it('names a Lambda handler wrapped by a middleware', () => {
    expect(notesOf('lambda-wrapped-by-middleware')).toEqual([
      { line: 8, kind: 'skipped', message: 'Lambda handler handler: not an inline function (wrapped by a middleware or defined elsewhere)' },
    ]);
  });

  it('names a batch consumer and a record loop that leaves with continue', () => {
    expect(notesOf('kafkajs-each-batch-skipped')).toEqual([
      { line: 6, kind: 'skipped', message: 'kafkajs eachBatch: the handler receives a batch; a span per message is not written, wrap the loop over the messages by hand' },
    ]);
    expect(notesOf('lambda-sqs-loop-with-continue')).toEqual([
      { line: 6, kind: 'skipped', message: 'Lambda SQS handler: no span per record: the loop body leaves the loop with `continue;`' },
    ]);
  });

  it('asks for review when an SQS handler has no loop over its records', () => {
    const source = "import type { SQSEvent } from 'aws-lambda';\n\nexport const handler = async (event: SQSEvent) => {\n  await Promise.all(event.Records.map(async (r) => r.body));\n};\n";
    const { notes, source: output } = wrapHandlers.apply({ path: 'src/queue.ts', source, options });
    expect(notes).toEqual([{ line: 3, kind: 'review', message: 'Lambda SQS handler: no `for (const record of event.Records)` loop found, so no span per record was written' }]);
    expect(output).toContain("startActiveSpan('queue.handler'");
  });

  it('asks for review when a handler returns a promise without being async', () => {
    expect(notesOf('express-sync-returns-promise')).toEqual([
      {
        line: 10,
        kind: 'review',
        message: 'the handler returns a promise without being async: its span ends when it returns, before the promise settles; make it async and await the promise',
      },
    ]);
  });

  it("names a Fastify route object whose url is read from the plugin's options at run time, and one whose url cannot be read", () => {
    expect(notesOf('fastify-plugin-route-objects')).toEqual([
      { line: 15, kind: 'review', message: "fastify route: its path is read at run time (`options.prefix + 'orders'`), and so are the span's name and http.route" },
    ]);
    // A path from a function call is not a value fixed at registration: no span, a note.
    const source = "const fp = require('fastify-plugin')\nasync function orders (server, options) {\n  server.route({ method: 'GET', path: buildPath('orders'), handler: async (req) => req.id })\n}\nmodule.exports = fp(orders)\n";
    expect(wrapHandlers.apply({ path: 'orders.js', source, options }).notes).toEqual([{ line: 3, kind: 'skipped', message: 'fastify route: the url is not a string literal' }]);
  });

  it('gives a Lambda handler that serves several triggers a span chosen at run time, and no note', () => {
    expect(notesOf('lambda-several-triggers')).toEqual([]);
  });

  it('leaves a callback-style Lambda alone: its span would end before the callback is called', () => {
    expect(notesOf('lambda-sync-callback')).toEqual([
      { line: 3, kind: 'skipped', message: 'Lambda handler handler: callback-style (event, context, callback); make it async and return the result, then run the codemod again' },
    ]);
  });

  it('leaves a handler that starts its own SERVER span alone', () => {
    expect(notesOf('express-own-server-span-skipped')).toEqual([
      {
        line: 8,
        kind: 'skipped',
        message: 'handler not wrapped: it starts its own SERVER span; make sure that span ends and records errors (otel/span-must-end, otel/span-error-status)',
      },
    ]);
  });

  it('asks for review of a span the handler starts and no finally ends', () => {
    expect(notesOf('express-inner-span-leaks')).toEqual([
      {
        line: 13,
        kind: 'review',
        message: 'the handler starts a span of its own that no `finally` ends: it is a child of the new entry span, but it leaks when the work throws (otel/span-must-end)',
      },
    ]);
  });

  it('names the errors handed to next() that the span cannot record; a 4xx built in place is the client\'s and needs none, and one built in a statement of its own is recorded', () => {
    // `next(new HttpError(404, …))` on line 31 is answered with its 404: the span records the status code, not an error.
    expect(notesOf('express-api-mount-next-error')).toEqual([{ line: 43, kind: 'review', message: '`next` is passed as a callback: errors it receives are not recorded on the span' }]);
    const source = [
      "import express from 'express';",
      'export const app = express();',
      "app.get('/a', (req, res, next) => {",
      "  if (req.query.gone) return next(new HttpError(410, 'gone'));",
      "  if (req.query.down) return next(new HttpError(503, 'down'));",
      "  next(new Error('unknown'));",
      '});',
      '',
    ].join('\n');
    const { notes, source: output } = wrapHandlers.apply({ path: 'routes.ts', source, options });
    // Line 5's `return next(…)` is the `if`'s whole body: no statement can go before it. Line 6's error is named and recorded.
    expect(notes.filter((note) => note.message.includes('hands an error')).map((note) => note.line)).toEqual([5]);
    expect(output).toContain("const error = new Error('unknown');");
  });

  it('names a router mounted under a path that is not a literal, and names its routes without it', () => {
    const source = "import express from 'express';\nimport { config } from './config.js';\n\nconst app = express();\nconst api = express.Router();\napi.get('/x', (_req, res) => {\n  res.end();\n});\napp.use(config.base, api);\n";
    const { notes, source: output } = wrapHandlers.apply({ path: join(FIXTURE_DIR, 'app.ts'), source, options });
    expect(notes).toEqual([{ line: 6, kind: 'review', message: '`api` is mounted under a path that is not a string literal, so its routes are named without it' }]);
    expect(output).toContain("startActiveSpan('GET /x'");
  });

  it('says how to add @opentelemetry/api when the nearest package.json does not list it', () => {
    expect(notesOf('mounted-router/routes/articles')).toEqual([
      {
        line: 1,
        kind: 'review',
        message: `@opentelemetry/api is not a dependency in ${join(FIXTURE_DIR, 'mounted-router', 'package.json')}: add it with \`npm install @opentelemetry/api\` in that folder`,
      },
    ]);
    // The project's own package.json lists it: no such note.
    expect(notesOf('express-route-params')).toEqual([]);
  });

  it('asks for a @Ctx() parameter where a Nest microservice handler gives no transport headers to extract from', () => {
    expect(notesOf('nest-microservice-patterns')).toEqual([
      {
        line: 29,
        kind: 'review',
        message: "EventPattern audit: the span does not continue the producer's trace; add a `@Ctx() context: KafkaContext | RmqContext | NatsContext` parameter (the transport's type) and run the codemod again",
      },
    ]);
  });

  it('writes no note for a file with nothing to do', () => {
    expect(notesOf('not-a-framework-call')).toEqual([]);
    expect(notesOf('express-already-instrumented')).toEqual([]);
  });
});

describe('wrap-handlers options and input handling', () => {
  it('takes the Lambda export names from lambdaExportNames', () => {
    const source = "import type { ScheduledEvent } from 'aws-lambda';\n\nexport async function nightly(event: ScheduledEvent): Promise<void> {\n  void event;\n}\n";
    expect(wrapHandlers.apply({ path: 'jobs.ts', source, options }).source).toBe(source);
    expect(wrapHandlers.apply({ path: 'jobs.ts', source, options: { ...options, lambdaExportNames: ['nightly'] } }).source).toContain(
      "return tracer.startActiveSpan('jobs.nightly', { kind: SpanKind.SERVER }, async (span) => {",
    );
  });

  it('also takes lambdaExportNames as one comma-separated string, as a jscodeshift flag gives it', () => {
    const source = "export const main = async (event: { id: string }) => {\n  return event.id;\n};\nexport const onEvent = async (event: { id: string }) => event.id;\n";
    const output = wrapHandlers.apply({ path: 'jobs.ts', source, options: { ...options, lambdaExportNames: 'main, onEvent' } }).source;
    expect(output).toContain("return tracer.startActiveSpan('jobs.main', { kind: SpanKind.SERVER }, async (span) => {");
    expect(output).toContain("return tracer.startActiveSpan('jobs.onEvent', { kind: SpanKind.SERVER }, async (span) => {");
  });

  it('makes route spans INTERNAL under a package.json with HTTP auto-instrumentation, SERVER elsewhere', () => {
    const source = "import express from 'express';\nexport const app = express();\napp.get('/a', (_req, res) => {\n  res.end();\n});\n";
    expect(wrapHandlers.apply({ path: join(FIXTURE_DIR, 'auto-instrumented', 'app.ts'), source, options }).source).toContain('SpanKind.INTERNAL');
    expect(wrapHandlers.apply({ path: join(FIXTURE_DIR, 'app.ts'), source, options }).source).toContain('SpanKind.SERVER');
  });

  it('refuses a file with a syntax error', () => {
    expect(() => wrapHandlers.apply({ path: 'src/app.ts', source: "import express from 'express';\napp.get('/x', (req, res) => {\n", options })).toThrow(TransformError);
  });

  it('is not asked to parse files without any entry-point word', () => {
    expect(wrapHandlers.mayApply("export const sum = (a: number, b: number): number => a + b;\n")).toBe(false);
    expect(wrapHandlers.mayApply("import express from 'express';\n")).toBe(true);
  });
});
