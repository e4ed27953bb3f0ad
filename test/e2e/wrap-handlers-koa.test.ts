import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type Koa from 'koa';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome, fetchWithSpan } from '../support/server-spans.js';

// fixtures/e2e-koa: an @koa/router router under the /api prefix, transformed by wrap-handlers and served by the real
// Koa over a socket, called with the caller's `traceparent`. The store answers after 30 ms.
const FIXTURE = resolve('fixtures/e2e-koa');
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const STORE_ROUND_TRIP_MS = 30;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let server: Server;
let baseUrl: string;
let store: { setWritable: (value: boolean) => void };
let routesOutput: string;

/** Transpiles one module into the temporary folder, with `.mjs` specifiers for its relative imports. */
function emit(name: string, source: string): string {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText.replace(/from '(\.\/[\w.-]+)'/g, "from '$1.mjs'"));
  return file;
}

function call(path: string, method = 'GET'): Promise<{ status: number; span: ReadableSpan }> {
  return fetchWithSpan(exporter, `${baseUrl}${path}`, { method, headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` } });
}

function describeSpan(span: ReadableSpan): Record<string, unknown> {
  return { name: span.name, route: span.attributes['http.route'], ...describeOutcome(span) };
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-koa-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const routes = join(FIXTURE, 'articles.routes.ts');
  routesOutput = wrapHandlers.apply({ path: routes, source: readFileSync(routes, 'utf8'), options: { tracerName: 'e2e-koa' } }).source;
  for (const name of ['articles.store', 'articles.handlers', 'app']) emit(name, readFileSync(join(FIXTURE, `${name}.ts`), 'utf8'));
  store = (await import(/* @vite-ignore */ pathToFileURL(join(directory, 'articles.store.mjs')).href)) as typeof store;
  emit('articles.routes', routesOutput);
  const { app } = (await import(/* @vite-ignore */ pathToFileURL(join(directory, 'app.mjs')).href)) as { app: Koa };
  server = await new Promise<Server>((done) => {
    const listening = createServer(app.callback()).listen(0, '127.0.0.1', () => done(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe('Koa routes under a router prefix, after wrap-handlers', () => {
  it('wraps every route of the router, the one whose handler lives in another module too', () => {
    expect(routesOutput.match(/startActiveSpan\(/g)).toHaveLength(4);
    expect(routesOutput).toContain('= await handlers.list(ctx, next)');
  });

  it('continues the caller\'s trace with a SERVER span named by the full route, ended after the awaited store', async () => {
    const { status, span } = await call('/api/articles/hello-koa');
    expect(status).toBe(200);
    expect(describeSpan(span)).toEqual({ name: 'GET /api/articles/:slug', route: '/api/articles/:slug', status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] });
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(span.attributes['http.request.method']).toBe('GET');
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(STORE_ROUND_TRIP_MS - 5);
  });

  it('records ctx.throw(404) as an exception with its status code, never as ERROR', async () => {
    const { status, span } = await call('/api/articles/missing');
    expect(status).toBe(404);
    expect(describeSpan(span)).toEqual({ name: 'GET /api/articles/:slug', route: '/api/articles/:slug', status: SpanStatusCode.UNSET, statusCode: 404, exceptions: ['article not found'] });
    expect(span.spanContext().traceId).toBe(CALLER_TRACE_ID);
  });

  it('marks an error thrown by the awaited work ERROR with the 500 Koa answers, after the work', async () => {
    const { status, span } = await call('/api/articles/broken/comments');
    expect(status).toBe(500);
    expect(describeSpan(span)).toEqual({ name: 'GET /api/articles/:slug/comments', route: '/api/articles/:slug/comments', status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['comments store is down'] });
    expect(span.status.message).toBe('comments store is down');
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(STORE_ROUND_TRIP_MS - 5);
  });

  it('marks ctx.throw(500) ERROR', async () => {
    store.setWritable(false);
    try {
      const { status, span } = await call('/api/articles/hello-koa?title=Renamed', 'PUT');
      expect(status).toBe(500);
      expect(describeSpan(span)).toEqual({ name: 'PUT /api/articles/:slug', route: '/api/articles/:slug', status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['article could not be saved'] });
    } finally {
      store.setWritable(true);
    }
  });

  it('names the span of a handler from another module by its route, in the caller\'s trace', async () => {
    const { status, span } = await call('/api/articles?limit=5');
    expect(status).toBe(200);
    expect(describeSpan(span)).toEqual({ name: 'GET /api/articles', route: '/api/articles', status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] });
    expect(span.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(STORE_ROUND_TRIP_MS - 5);
  });
});
