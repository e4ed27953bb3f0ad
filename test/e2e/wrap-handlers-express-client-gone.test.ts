import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Express } from 'express';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeOutcome, fetchWithSpan } from '../support/server-spans.js';

// A reporting service whose routes take a while: one builds the report and answers whatever happens, one stops the
// work when the client goes away (an AbortController tied to the request's 'close') and returns without answering.
// The client gives up 50 ms into the 200 ms of work. After wrap-handlers, the span must still end, ERROR (the
// connection closed without an answer), once the handler is done: the connection's 'close' has come before the
// handler returns, so a listener added then would wait forever.
const REPORTS_APP = `import express, { type Request, type Response } from 'express';

const WORK_MS = 200;

function buildReport(id: string, signal?: AbortSignal): Promise<{ id: string; rows: number }> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => done({ id, rows: 42 }), WORK_MS);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      setTimeout(() => fail(new Error('report cancelled')), WORK_MS);
    });
  });
}

export const app = express();

app.get('/reports/:id', async (req: Request, res: Response) => {
  const report = await buildReport(req.params.id);
  res.json(report);
});

app.get('/exports/:id', async (req: Request, res: Response) => {
  const cancel = new AbortController();
  req.on('close', () => cancel.abort());
  try {
    res.json(await buildReport(req.params.id, cancel.signal));
  } catch (err) {
    if (cancel.signal.aborted) return;
    res.status(500).json({ error: String(err) });
  }
});
`;

const CLIENT_GIVES_UP_MS = 50;
const WORK_MS = 200;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let server: Server;
let baseUrl: string;
/** How many answers the server saw closed, counted by a listener added when the request came in. */
let closedResponses = 0;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-client-gone-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const path = join(directory, 'reports.ts');
  const output = wrapHandlers.apply({ path, source: REPORTS_APP, options: { tracerName: 'e2e-client-gone' } }).source;
  expect(output).toContain('res.destroyed');
  const { outputText } = ts.transpileModule(output, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(join(directory, 'reports.mjs'), outputText);
  const { app } = (await import(/* @vite-ignore */ pathToFileURL(join(directory, 'reports.mjs')).href)) as { app: Express };
  server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  server.on('request', (_req, res) => res.once('close', () => closedResponses++));
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

/** A client that sends the request on its own connection and destroys the socket before any answer. */
async function callAndGiveUp(path: string): Promise<ReadableSpan> {
  exporter.reset();
  const closedBefore = closedResponses;
  const outgoing = request(`${baseUrl}${path}`, { agent: false });
  outgoing.on('error', () => undefined);
  outgoing.end();
  setTimeout(() => outgoing.destroy(), CLIENT_GIVES_UP_MS);
  // The server sees the connection close while the handler is still working, and the span is still open then.
  await vi.waitFor(() => expect(closedResponses).toBe(closedBefore + 1));
  expect(exporter.getFinishedSpans()).toEqual([]);
  return vi.waitFor(() => {
    const [only, ...others] = exporter.getFinishedSpans();
    expect(only).toBeDefined();
    expect(others).toEqual([]);
    return only!;
  }, { timeout: 2000 });
}

describe('an Express route whose client goes away before the answer, after wrap-handlers', () => {
  it('ends the span ERROR without a status code when the handler answers after the connection closed', async () => {
    const span = await callAndGiveUp('/reports/7');
    expect({ name: span.name, ...describeOutcome(span) }).toEqual({ name: 'GET /reports/:id', status: SpanStatusCode.ERROR, statusCode: undefined, exceptions: [] });
    // It ends when the handler is done with the work, after the close, so the work stays inside it.
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(WORK_MS - 10);
  });

  it('ends the span ERROR when the handler stops the work and returns without answering', async () => {
    const span = await callAndGiveUp('/exports/7');
    expect({ name: span.name, ...describeOutcome(span) }).toEqual({ name: 'GET /exports/:id', status: SpanStatusCode.ERROR, statusCode: undefined, exceptions: [] });
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(WORK_MS - 10);
  });

  it('leaves a client that waits for the answer UNSET, with its 200', async () => {
    const { status, span } = await fetchWithSpan(exporter, `${baseUrl}/reports/8`);
    expect(status).toBe(200);
    expect(describeOutcome(span)).toEqual({ status: SpanStatusCode.UNSET, statusCode: 200, exceptions: [] });
  });
});
