import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome, fetchWithSpan } from '../support/server-spans.js';

// The routes of fixtures/wrap-handlers/express-error-class hand errors to next(err): the project's own
// `HttpException(422, …)` (status kept as `errorCode`), a schema `ValidationError` that carries no status, and plain
// errors. The app's error handler answers with the error's `errorCode`, 400 for a ValidationError and 500 otherwise, as
// express-realworld's does. After wrap-handlers, the error is recorded where it is handed on, and the answer's status
// code decides ERROR (5xx only); the span ends with the answer, also when the error handler answers later.
const FIXTURE = resolve('fixtures/wrap-handlers/express-error-class');

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
const servers: Server[] = [];
let syncHandlerUrl: string;
let lateHandlerUrl: string;

/** Transpiles a module of the fixture into the temporary folder, with `.mjs` specifiers for its relative imports. */
function emit(name: string, source: string): string {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText.replace(/from '(\.\/[\w.-]+)'/g, "from '$1.mjs'"));
  return file;
}

type ErrorWithCode = Error & { errorCode?: number };
let ValidationError: new (issues: string[]) => Error;

async function listen(router: Router, answerLater: boolean): Promise<string> {
  const app = express();
  app.use(express.json());
  app.use(router);
  app.use((err: ErrorWithCode, _req: Request, res: Response, next: NextFunction) => {
    void next;
    const status = err.errorCode ?? (err instanceof ValidationError ? 400 : 500);
    const answer = (): void => void res.status(status).json({ message: err.message });
    if (answerLater) setTimeout(answer, 30);
    else answer();
  });
  const server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function call(url: string, init: RequestInit = {}): Promise<{ status: number; span: ReadableSpan }> {
  return fetchWithSpan(exporter, url, init);
}

function describeSpan(span: ReadableSpan): Record<string, unknown> {
  return { name: span.name, ...describeOutcome(span) };
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-error-status-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const controller = join(FIXTURE, 'articles.controller.ts');
  const output = wrapHandlers.apply({ path: controller, source: readFileSync(join(FIXTURE, 'articles.controller.input.ts'), 'utf8'), options: { tracerName: 'e2e-status' } }).source;
  // The status is the answer's: nothing is decided from the error where it is handed on.
  expect(output).not.toContain('Object(error).errorCode');
  emit('http-exception.model', readFileSync(join(FIXTURE, 'http-exception.model.ts'), 'utf8'));
  ({ ValidationError } = (await import(/* @vite-ignore */ pathToFileURL(emit('article.schema', readFileSync(join(FIXTURE, 'article.schema.ts'), 'utf8'))).href)) as { ValidationError: typeof ValidationError });
  emit('articles.service', readFileSync(join(FIXTURE, 'articles.service.ts'), 'utf8'));
  const { default: router } = (await import(/* @vite-ignore */ pathToFileURL(emit('articles.controller', output)).href)) as { default: Router };
  syncHandlerUrl = await listen(router, false);
  lateHandlerUrl = await listen(router, true);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe("a project's HttpException(4xx) handed to next(err), after wrap-handlers", () => {
  it('records a 404 thrown by the service and handed on, without the ERROR status', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles/missing`);
    expect(status).toBe(404);
    // The exception is recorded; its message is the `{ errors }` object this project passes, so the event has none.
    expect(describeSpan(span)).toEqual({ name: 'GET /articles/:slug', status: SpanStatusCode.UNSET, statusCode: 404, exceptions: [undefined] });
  });

  it('records a 422 thrown in the handler, without the ERROR status', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(status).toBe(422);
    expect(describeSpan(span)).toMatchObject({ name: 'POST /articles', status: SpanStatusCode.UNSET, statusCode: 422 });
  });

  it('leaves a created article UNSET with its 201', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"article":{"title":"Hello"}}' });
    expect(status).toBe(201);
    expect(describeSpan(span)).toEqual({ name: 'POST /articles', status: SpanStatusCode.UNSET, statusCode: 201, exceptions: [] });
  });

  it('ends the span with an answer the error handler gives later, and records its status code', async () => {
    const { status, span } = await call(`${lateHandlerUrl}/articles/missing`);
    expect(status).toBe(404);
    expect(describeSpan(span)).toMatchObject({ status: SpanStatusCode.UNSET, statusCode: 404 });
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(25);
  });

  it('records a ValidationError answered 400 by the error handler, without ERROR, though the error carries no status', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles/hello`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"article":{}}' });
    expect(status).toBe(400);
    expect(describeSpan(span)).toEqual({ name: 'PUT /articles/:slug', status: SpanStatusCode.UNSET, statusCode: 400, exceptions: ['invalid article: title'] });
  });

  it('records a ValidationError answered 400 later, without ERROR', async () => {
    const { status, span } = await call(`${lateHandlerUrl}/articles/hello`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"article":{"title":" "}}' });
    expect(status).toBe(400);
    expect(describeSpan(span)).toEqual({ name: 'PUT /articles/:slug', status: SpanStatusCode.UNSET, statusCode: 400, exceptions: ['invalid article: title'] });
  });

  it('marks an error the project has no class for ERROR, answered 500, with the exception', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles/archived`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"article":{"title":"Renamed"}}' });
    expect(status).toBe(500);
    expect(describeSpan(span)).toEqual({ name: 'PUT /articles/:slug', status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['cold storage is read-only'] });
  });

  it('marks an error answered 500 later ERROR when the response closes', async () => {
    const { status, span } = await call(`${lateHandlerUrl}/articles/archived`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"article":{"title":"Renamed"}}' });
    expect(status).toBe(500);
    expect(describeSpan(span)).toEqual({ name: 'PUT /articles/:slug', status: SpanStatusCode.ERROR, statusCode: 500, exceptions: ['cold storage is read-only'] });
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(25);
  });

  it('marks a TypeError from the handler ERROR (no status: the server failed)', async () => {
    const { status, span } = await call(`${syncHandlerUrl}/articles`, { method: 'POST' });
    expect(status).toBe(500);
    expect(describeSpan(span)).toMatchObject({ name: 'POST /articles', status: SpanStatusCode.ERROR, statusCode: 500 });
  });
});
