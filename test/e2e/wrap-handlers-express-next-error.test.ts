import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome, fetchWithSpan } from '../support/server-spans.js';

// fixtures/wrap-handlers/express-next-error-built-in-place: routes that hand an error built in the call to next()
// (`next(new Error('customer not found'))`), as many Express services do after an auth check. Transformed, served by
// real Express behind an error handler that answers 500 (or 404 for a RangeError), and called over HTTP.
const FIXTURE = resolve('fixtures/wrap-handlers/express-next-error-built-in-place.input.ts');

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let server: Server;
let url: string;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-next-error-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const output = wrapHandlers.apply({ path: FIXTURE, source: readFileSync(FIXTURE, 'utf8'), options: { tracerName: 'e2e-next-error' } });
  expect(output.notes).toEqual([]);
  const { outputText } = ts.transpileModule(output.source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, 'orders.mjs');
  writeFileSync(file, outputText);
  const { router } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { router: Router };
  const app = express();
  app.use(router);
  app.use((err: Error, _req: Request, res: Response, next: NextFunction) => {
    void next;
    res.status(err instanceof RangeError ? 404 : 500).json({ message: err.message });
  });
  server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe('an error built in the call to next(), after wrap-handlers', () => {
  it('is recorded on the span, which is ERROR for the 500 it is answered with', async () => {
    const { status, span } = await fetchWithSpan(exporter, `${url}/orders`);
    expect(status).toBe(500);
    expect({ name: span.name, ...describeOutcome(span) }).toEqual({ name: 'GET /orders', status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['customer not found'] });
  });

  it('is recorded without the ERROR status when the error handler answers it with a 4xx', async () => {
    const { status, span } = await fetchWithSpan(exporter, `${url}/orders/7?reason=typo`, { method: 'DELETE' });
    expect(status).toBe(404);
    expect({ name: span.name, ...describeOutcome(span) }).toEqual({ name: 'DELETE /orders/:id', status: SpanStatusCode.UNSET, statusCode: 404, exceptions: ['order 7 does not exist: typo'] });
  });

  it('records nothing on the paths that hand nothing on', async () => {
    const listed = await fetchWithSpan(exporter, `${url}/orders`, { headers: { 'x-customer': 'c-1' } });
    expect([listed.status, describeOutcome(listed.span)]).toEqual([200, { status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] }]);
    const deleted = await fetchWithSpan(exporter, `${url}/orders/1`, { method: 'DELETE' });
    expect([deleted.status, describeOutcome(deleted.span)]).toEqual([204, { status: SpanStatusCode.UNSET, statusCode: 204, exceptions: [] }]);
  });
});
