import 'reflect-metadata';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HttpException } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import express, { type Express, type Request, type Response } from 'express';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome, fetchWithSpan } from '../support/server-spans.js';

// An Express app with a router mounted under /api whose handler hands errors to next(err), and a Nest-style controller
// whose route returns the service's promise without awaiting it, called with the caller's `traceparent`. `after` is
// what wrap-handlers writes now (transformed here, in memory); `before` is what it wrote before (fixtures/e2e-http/before).
const FIXTURES = resolve('fixtures/e2e-http');
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
const servers: Server[] = [];

async function load<T>(name: string, source: string): Promise<T> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true },
  });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

function transformed(name: string): string {
  const path = join(FIXTURES, name);
  const source = readFileSync(path, 'utf8');
  const output = wrapHandlers.apply({ path, source, options: { tracerName: 'e2e-http' } }).source;
  expect(output).not.toBe(source);
  return output;
}

async function listen(app: Express): Promise<string> {
  const server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Nest's router, reduced to what these routes use: the global prefix, the controller and method paths, @Param and
// @Headers arguments, the awaited result, and an HttpException's status (any other error is a 500).
const NEST_GLOBAL_PREFIX = 'api';
const NEST_PARAM = 5;
const NEST_HEADERS = 6;

function mountNestController(app: Express, Controller: new (...args: never[]) => object, instance: object): void {
  const controllerPath = Reflect.getMetadata('path', Controller) as string;
  for (const method of Object.getOwnPropertyNames(Controller.prototype)) {
    const handler = (Controller.prototype as Record<string, unknown>)[method];
    const path = typeof handler === 'function' ? (Reflect.getMetadata('path', handler) as string | undefined) : undefined;
    if (path === undefined) continue;
    const route = `/${[NEST_GLOBAL_PREFIX, controllerPath, path].flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;
    const parameters = Object.entries((Reflect.getMetadata('__routeArguments__', Controller, method) ?? {}) as Record<string, { index: number; data?: string }>);
    app.get(route, async (req: Request, res: Response) => {
      const args: unknown[] = [];
      for (const [key, { index, data }] of parameters) {
        const type = Number(key.split(':')[0]);
        if (type === NEST_PARAM) args[index] = data ? req.params[data] : req.params;
        if (type === NEST_HEADERS) args[index] = data ? req.headers[data] : req.headers;
      }
      try {
        res.json(await (instance as Record<string, (...values: unknown[]) => Promise<unknown>>)[method]!(...args));
      } catch (error) {
        res.status(error instanceof HttpException ? error.getStatus() : 500).json({ message: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}

interface Variant {
  express: string;
  nest: string;
}

async function start(variant: 'before' | 'after'): Promise<Variant> {
  const read = (name: string): string => (variant === 'after' ? transformed(name) : readFileSync(join(FIXTURES, 'before', name), 'utf8'));
  const { app } = await load<{ app: Express }>(`${variant}-express-app`, read('express-app.ts'));
  const nest = await load<{ ArticlesController: new (service: unknown) => object; ArticlesService: new () => object }>(`${variant}-articles.controller`, read('articles.controller.ts'));
  const nestApp = express();
  mountNestController(nestApp, nest.ArticlesController, new nest.ArticlesController(new nest.ArticlesService()));
  return { express: await listen(app), nest: await listen(nestApp) };
}

function call(url: string): Promise<{ status: number; span: ReadableSpan }> {
  return fetchWithSpan(exporter, url, { headers: { traceparent: TRACEPARENT } });
}

function describeSpan(span: ReadableSpan): Record<string, unknown> {
  return {
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    parentSpanId: span.parentSpanContext?.spanId,
    ...describeOutcome(span),
    route: span.attributes['http.route'],
  };
}

let after: Variant;
let before: Variant;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-http-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  after = await start('after');
  before = await start('before');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

const inCallerTrace = { kind: SpanKind.SERVER, traceId: CALLER_TRACE_ID, parentSpanId: CALLER_SPAN_ID };

describe('Express router under /api, after wrap-handlers', () => {
  it('continues the caller\'s trace with the full route name, and ends after the awaited work', async () => {
    const { status, span } = await call(`${after.express}/api/articles/hello`);
    expect(status).toBe(200);
    expect(describeSpan(span)).toEqual({ ...inCallerTrace, name: 'GET /api/articles/:slug', status: SpanStatusCode.UNSET, statusCode: 200, route: '/api/articles/:slug', exceptions: [] });
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(15);
  });

  it('records a 404 answer without the ERROR status', async () => {
    const { status, span } = await call(`${after.express}/api/articles/missing`);
    expect(status).toBe(404);
    expect(describeSpan(span)).toMatchObject({ ...inCallerTrace, status: SpanStatusCode.UNSET, statusCode: 404, exceptions: [] });
  });

  it('records the error handed to next(err) and marks the span ERROR for the 500 it is answered with', async () => {
    const { status, span } = await call(`${after.express}/api/articles/broken`);
    expect(status).toBe(500);
    expect(describeSpan(span)).toMatchObject({ ...inCallerTrace, status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['comments store is down'] });
  });
});

describe('Express router under /api, before', () => {
  it('started a new trace, named the route without /api and lost the error handed to next(err)', async () => {
    const { status, span } = await call(`${before.express}/api/articles/broken`);
    expect(status).toBe(500);
    const seen = describeSpan(span);
    expect(seen.traceId).not.toBe(CALLER_TRACE_ID);
    expect(seen).toMatchObject({ name: 'GET /articles/:slug', route: '/articles/:slug', status: SpanStatusCode.UNSET, exceptions: [] });
  });
});

describe('Nest-style controller under the global prefix, after wrap-handlers', () => {
  it('waits for the returned promise: the rejection is on the span, which ends after the work', async () => {
    const { status, span } = await call(`${after.nest}/api/articles`);
    expect(status).toBe(500);
    expect(describeSpan(span)).toEqual({ ...inCallerTrace, name: 'GET /api/articles', status: SpanStatusCode.ERROR, statusCode: undefined, route: '/api/articles', exceptions: ['database is down'] });
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(25);
  });

  it('records a 404 NotFoundException without the ERROR status', async () => {
    const { status, span } = await call(`${after.nest}/api/articles/nope`);
    expect(status).toBe(404);
    expect(describeSpan(span)).toMatchObject({ ...inCallerTrace, name: 'GET /api/articles/:slug', status: SpanStatusCode.UNSET, exceptions: ['no article nope'] });
  });

  it('leaves a successful call UNSET', async () => {
    const { status, span } = await call(`${after.nest}/api/articles/hello`);
    expect(status).toBe(200);
    expect(describeSpan(span)).toMatchObject({ ...inCallerTrace, status: SpanStatusCode.UNSET, exceptions: [] });
  });
});

describe('Nest-style controller under the global prefix, before', () => {
  it('ended the span before the promise settled, so the rejection never reached it, in a new trace and without /api', async () => {
    const { status, span } = await call(`${before.nest}/api/articles`);
    expect(status).toBe(500);
    const seen = describeSpan(span);
    expect(seen.traceId).not.toBe(CALLER_TRACE_ID);
    expect(seen).toMatchObject({ name: 'GET /articles', status: SpanStatusCode.UNSET, exceptions: [] });
    expect(hrTimeToMilliseconds(span.duration)).toBeLessThan(25);
  });

  it('marked a 404 as a server error', async () => {
    const { status, span } = await call(`${before.nest}/api/articles/nope`);
    expect(status).toBe(404);
    expect(describeSpan(span)).toMatchObject({ status: SpanStatusCode.ERROR, exceptions: ['no article nope'] });
  });
});

describe('API Gateway Lambda handler, after wrap-handlers', () => {
  const LAMBDA = `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (event.path === '/fail') return { statusCode: 502, body: 'upstream failed' };
  return { statusCode: 200, body: event.path };
};
`;

  it('continues the trace of the traceparent in event.headers, as an http-triggered SERVER span', async () => {
    const path = join(directory, 'orders.ts');
    const { handler } = await load<{ handler: (event: unknown) => Promise<unknown> }>('orders', wrapHandlers.apply({ path, source: LAMBDA, options: { tracerName: 'e2e-http' } }).source);
    exporter.reset();
    await expect(handler({ path: '/orders', headers: { traceparent: TRACEPARENT } })).resolves.toEqual({ statusCode: 200, body: '/orders' });
    const [span] = exporter.getFinishedSpans();
    expect(describeSpan(span!)).toMatchObject({ ...inCallerTrace, name: 'orders.handler', status: SpanStatusCode.UNSET, statusCode: 200 });
    expect(span!.attributes['faas.trigger']).toBe('http');
  });

  it('records the status code of the response it returns, and a 5xx as an error', async () => {
    const path = join(directory, 'orders-failing.ts');
    const { handler } = await load<{ handler: (event: unknown) => Promise<unknown> }>('orders-failing', wrapHandlers.apply({ path, source: LAMBDA, options: { tracerName: 'e2e-http' } }).source);
    exporter.reset();
    await expect(handler({ path: '/fail', headers: {} })).resolves.toEqual({ statusCode: 502, body: 'upstream failed' });
    const [span] = exporter.getFinishedSpans();
    expect(describeSpan(span!)).toMatchObject({ status: SpanStatusCode.ERROR, statusCode: 502 });
  });
});

describe('Hono app under a mount, after wrap-handlers', () => {
  const HONO = `import { Hono } from 'hono';

const posts = new Hono();
posts.get('/:id', (c) => c.json({ id: c.req.param('id') }));

export const app = new Hono();
app.route('/api/posts', posts);
`;

  it('reads the traceparent from the fetch Headers and names the span with the mount path', async () => {
    const path = join(directory, 'hono-app.ts');
    const { app } = await load<{ app: { request: (path: string, init: RequestInit) => Promise<Response> } }>('hono-app', wrapHandlers.apply({ path, source: HONO, options: { tracerName: 'e2e-http' } }).source);
    exporter.reset();
    const response = await app.request('/api/posts/7', { headers: { traceparent: TRACEPARENT } });
    expect(await response.json()).toEqual({ id: '7' });
    const [span] = exporter.getFinishedSpans();
    expect(describeSpan(span!)).toMatchObject({ ...inCallerTrace, name: 'GET /api/posts/:id', route: '/api/posts/:id' });
  });

  // fixtures/wrap-handlers/hono-chained-routes-base-path: routes chained on `new Hono().basePath('/todos')`, mounted on
  // `app.basePath('/v1')`. Every route of the chain gets a span, named with both base paths, as Hono serves it.
  it('wraps every route of a chain and names it with the base paths it is served under', async () => {
    const fixture = resolve('fixtures/wrap-handlers/hono-chained-routes-base-path.input.ts');
    const output = wrapHandlers.apply({ path: fixture, source: readFileSync(fixture, 'utf8'), options: { tracerName: 'e2e-http' } }).source;
    const { app } = await load<{ app: { request: (path: string, init?: RequestInit) => Promise<Response> } }>('hono-chained', output);
    const calls: Array<[string, RequestInit, number]> = [
      ['/v1/todos', { method: 'POST', body: JSON.stringify({ id: 't1', title: 'write tests' }), headers: { traceparent: TRACEPARENT } }, 201],
      ['/v1/todos', { headers: { traceparent: TRACEPARENT } }, 200],
      ['/v1/todos/t2', { headers: { traceparent: TRACEPARENT } }, 404],
      ['/v1/health', { headers: { traceparent: TRACEPARENT } }, 200],
    ];
    const seen = [];
    for (const [path, init, status] of calls) {
      exporter.reset();
      const response = await app.request(path, init);
      expect(response.status).toBe(status);
      const [span, ...others] = exporter.getFinishedSpans();
      expect(others).toEqual([]);
      seen.push(describeSpan(span!));
    }
    expect(seen).toEqual([
      { ...inCallerTrace, name: 'POST /v1/todos', route: '/v1/todos', status: SpanStatusCode.UNSET, statusCode: 201, exceptions: [] },
      { ...inCallerTrace, name: 'GET /v1/todos', route: '/v1/todos', status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] },
      { ...inCallerTrace, name: 'GET /v1/todos/:id', route: '/v1/todos/:id', status: SpanStatusCode.UNSET, statusCode: 404, exceptions: [] },
      { ...inCallerTrace, name: 'GET /v1/health', route: '/v1/health', status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] },
    ]);
  });
});
