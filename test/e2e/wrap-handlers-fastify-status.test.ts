import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import Fastify, { type FastifyInstance } from 'fastify';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome } from '../support/server-spans.js';

// fixtures/wrap-handlers/fastify-status-codes, transformed and served by the real Fastify (inject, no socket): the span
// carries the answer's status code, and only a 5xx answer or an error without a 4xx status is ERROR.
const FIXTURE = resolve('fixtures/wrap-handlers/fastify-status-codes.input.ts');
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let app: { server: FastifyInstance; setPaymentsUp: (up: boolean) => void };

async function call(method: 'GET' | 'POST', url: string): Promise<{ status: number; span: ReadableSpan }> {
  exporter.reset();
  const response = await app.server.inject({ method, url, headers: { traceparent: `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-01` } });
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return { status: response.statusCode, span: spans[0]! };
}

function describeSpan(span: ReadableSpan): Record<string, unknown> {
  return {
    name: span.name,
    traceId: span.spanContext().traceId,
    ...describeOutcome(span),
  };
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-fastify-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const output = wrapHandlers.apply({ path: FIXTURE.replace('.input.ts', '.ts'), source: readFileSync(FIXTURE, 'utf8'), options: { tracerName: 'e2e-fastify' } }).source;
  const { outputText } = ts.transpileModule(output, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, 'orders.mjs');
  writeFileSync(file, outputText);
  app = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof app;
  await app.server.ready();
});

afterAll(async () => {
  await app.server.close();
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe('Fastify routes after wrap-handlers: the status code of the answer', () => {
  it('records a 200 in the caller\'s trace', async () => {
    const { status, span } = await call('GET', '/orders/1');
    expect(status).toBe(200);
    expect(describeSpan(span)).toEqual({ name: 'GET /orders/:id', traceId: CALLER_TRACE_ID, status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] });
  });

  it('records a 404 the route answers, without ERROR', async () => {
    const { status, span } = await call('GET', '/orders/2');
    expect(status).toBe(404);
    expect(describeSpan(span)).toMatchObject({ status: SpanStatusCode.UNSET, statusCode: 404 });
  });

  it('records a thrown 409 as an exception, without ERROR', async () => {
    const { status, span } = await call('POST', '/orders/1/pay');
    expect(status).toBe(409);
    expect(describeSpan(span)).toMatchObject({ name: 'POST /orders/:id/pay', status: SpanStatusCode.UNSET, statusCode: 409, exceptions: ['order already paid'] });
  });

  it('marks a 503 the route answers ERROR', async () => {
    app.setPaymentsUp(false);
    const { status, span } = await call('POST', '/orders/2/pay');
    app.setPaymentsUp(true);
    expect(status).toBe(503);
    expect(describeSpan(span)).toMatchObject({ status: SpanStatusCode.ERROR, statusCode: 503, exceptions: [] });
  });
});

describe('a Fastify plugin whose route paths come from its options (fixtures/wrap-handlers/fastify-plugin-route-objects)', () => {
  it('names the span and http.route with the prefix the plugin was registered with', async () => {
    const path = resolve('fixtures/wrap-handlers/fastify-plugin-route-objects.input.js');
    const output = wrapHandlers.apply({ path: path.replace('.input.js', '.js'), source: readFileSync(path, 'utf8'), options: { tracerName: 'e2e-fastify' } }).source;
    // fastify-plugin is not a dependency here: it marks the plugin with Fastify's skip-override symbol (no encapsulation,
    // so Fastify does not apply the prefix option itself), which is done here the same way.
    const file = join(directory, 'orders-plugin.cjs');
    writeFileSync(file, output.replace("require('fastify-plugin')", "((plugin) => Object.assign(plugin, { [Symbol.for('skip-override')]: true }))"));
    const plugin = createRequire(import.meta.url)(file) as (server: FastifyInstance, options: { prefix: string }) => Promise<void>;
    const server = Fastify();
    await server.register(plugin, { prefix: '/api/' });
    exporter.reset();
    const response = await server.inject({ method: 'POST', url: '/api/orders', payload: { id: 7 } });
    await server.close();
    expect(response.statusCode).toBe(201);
    const [span] = exporter.getFinishedSpans();
    expect([span?.name, span?.attributes['http.route'], span?.attributes['http.response.status_code']]).toEqual(['POST /api/orders', '/api/orders', 201]);
  });
});
