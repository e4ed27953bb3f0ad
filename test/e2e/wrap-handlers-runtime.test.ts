import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { DEFAULT_ENVELOPE_CARRIER_KEY } from '../../src/catalog/messaging/propagation.js';

// Uninstrumented services, as a team would have written them. The test transforms them in memory, compiles them
// with TypeScript, runs them under the real SDK and looks at the spans they export.
const EXPRESS_APP = `import express from 'express';

export const app = express();

app.get('/users/:id', async (req, res) => {
  if (req.params.id === '0') {
    res.status(404).json({ error: 'not found' });
    return;
  }
  res.json({ id: req.params.id });
});

app.post('/orders', (req, res) => {
  res.status(201).send('created');
});

app.get('/fail', async () => {
  throw new Error('database is down');
});
`;

const LAMBDA = `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (event.path === '/boom') {
    throw new Error('lambda failed');
  }
  return { statusCode: 200, body: event.path };
};
`;

const CONSUMER = `import type { Consumer } from 'kafkajs';

export const processed: string[] = [];

export async function startConsumer(consumer: Consumer): Promise<void> {
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const value = message.value?.toString() ?? '';
      if (value === 'poison') {
        throw new Error('cannot process ' + value);
      }
      processed.push(topic + ':' + value);
    },
  });
}
`;

const SQS_LAMBDA = `import type { SQSEvent } from 'aws-lambda';

export const seen: string[] = [];

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    await Promise.resolve();
    seen.push(record.body);
  }
};
`;

// Plain JavaScript: `this` and `arguments` inside the body must still be the handler's own once it is wrapped.
const THIS_AND_ARGUMENTS = `export function handler(event) {
  if (event === 'early') {
    return { early: true, count: arguments.length };
  }
  return { self: this, count: arguments.length, second: arguments[1] };
}
`;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let server: Server;
let baseUrl: string;

async function load<T>(name: string, source: string, extension = 'ts'): Promise<T> {
  const path = join(directory, `${name}.${extension}`);
  const output = wrapHandlers.apply({ path, source, options: { tracerName: 'runtime-test' } });
  expect(output.source).not.toBe(source);
  const { outputText } = ts.transpileModule(output.source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

async function spansNamed(name: string, count: number): Promise<ReadableSpan[]> {
  return vi.waitFor(() => {
    const spans = exporter.getFinishedSpans().filter((span) => span.name === name);
    expect(spans).toHaveLength(count);
    return spans;
  });
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-runtime-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const { app } = await load<{ app: import('express').Express }>('app', EXPRESS_APP);
  server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
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

describe('a transformed Express app on loopback', () => {
  it('ends one SERVER span per request, named by the route, with method, route and status code attributes', async () => {
    expect((await fetch(`${baseUrl}/users/42`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/users/0`)).status).toBe(404);
    const spans = await spansNamed('GET /users/:id', 2);
    // The answer's status code is on the span; a 404 is the client's error, so neither span is an ERROR.
    expect(spans.map((span) => span.attributes['http.response.status_code'])).toEqual([200, 404]);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.SERVER);
      expect(span.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/users/:id' });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    }
  });

  it('keeps a sync handler working and its span ended', async () => {
    const response = await fetch(`${baseUrl}/orders`, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('created');
    const [span] = await spansNamed('POST /orders', 1);
    expect(span!.attributes['http.route']).toBe('/orders');
  });

  it('records a thrown error on the span and still lets Express see it', async () => {
    expect((await fetch(`${baseUrl}/fail`)).status).toBe(500);
    const [span] = await spansNamed('GET /fail', 1);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'database is down' });
    expect(span!.events.map((event) => [event.name, event.attributes?.['exception.message']])).toEqual([['exception', 'database is down']]);
  });
});

describe('a transformed Lambda handler', () => {
  it('returns what it returned before, inside one ended span named after the handler', async () => {
    const { handler } = await load<{ handler: (event: { path: string }) => Promise<unknown> }>('orders-lambda', LAMBDA);
    await expect(handler({ path: '/ok' })).resolves.toEqual({ statusCode: 200, body: '/ok' });
    await expect(handler({ path: '/boom' })).rejects.toThrow('lambda failed');
    const spans = await spansNamed('orders-lambda.handler', 2);
    expect(spans.map((span) => [span.kind, span.status.code])).toEqual([
      [SpanKind.SERVER, SpanStatusCode.UNSET],
      [SpanKind.SERVER, SpanStatusCode.ERROR],
    ]);
    expect(spans[1]!.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('a transformed kafkajs consumer', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parentSpanId = '00f067aa0ba902b7';

  it('continues the trace of the carrier in the message headers, as a CONSUMER span with messaging attributes', async () => {
    const module = await load<{ startConsumer: (consumer: unknown) => Promise<void>; processed: string[] }>('consumer', CONSUMER);
    let eachMessage: ((payload: unknown) => Promise<void>) | undefined;
    await module.startConsumer({ run: async (config: { eachMessage: typeof eachMessage }) => void (eachMessage = config.eachMessage) });
    const headers = { traceparent: Buffer.from(`00-${traceId}-${parentSpanId}-01`) };
    await eachMessage!({ topic: 'orders', partition: 0, message: { value: Buffer.from('o-1'), headers } });
    await expect(eachMessage!({ topic: 'orders', partition: 0, message: { value: Buffer.from('poison'), headers: {} } })).rejects.toThrow('cannot process poison');
    expect(module.processed).toEqual(['orders:o-1']);

    const [traced, failed] = await spansNamed('process orders', 2);
    expect(traced!.kind).toBe(SpanKind.CONSUMER);
    expect(traced!.spanContext().traceId).toBe(traceId);
    expect(traced!.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(traced!.attributes).toEqual({ 'messaging.system.name': 'kafka', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'process' });
    expect(failed!.spanContext().traceId).not.toBe(traceId);
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed!.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('a transformed SQS Lambda handler', () => {
  const carriers = [
    { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
    { traceId: '11111111111111111111111111111111', spanId: '2222222222222222' },
  ];

  it('gives each record a CONSUMER span in its producer\'s trace, and links the batch span to both', async () => {
    const module = await load<{ handler: (event: unknown) => Promise<void>; seen: string[] }>('sqs-lambda', SQS_LAMBDA);
    const Records = carriers.map(({ traceId, spanId }, index) => ({
      body: `m-${index}`,
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:invoices',
      messageAttributes: { traceparent: { dataType: 'String', stringValue: `00-${traceId}-${spanId}-01` } },
    }));
    await module.handler({ Records });
    expect(module.seen).toEqual(['m-0', 'm-1']);

    const records = await spansNamed('process invoices', 2);
    expect(records.map((span) => span.attributes)).toEqual(
      carriers.map(() => ({ 'messaging.system.name': 'aws.sqs', 'messaging.destination.name': 'invoices', 'messaging.operation.type': 'process' })),
    );
    expect(records.map((span) => [span.kind, span.spanContext().traceId, span.parentSpanContext?.spanId])).toEqual(
      carriers.map(({ traceId, spanId }) => [SpanKind.CONSUMER, traceId, spanId]),
    );
    const [batch] = await spansNamed('sqs-lambda.handler', 1);
    expect(batch!.links.map((link) => link.context.traceId)).toEqual(carriers.map(({ traceId }) => traceId));
  });
});

describe('a transformed Kinesis Lambda handler (fixtures/wrap-handlers/lambda-kinesis-records)', () => {
  const producer = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
  const data = (payload: unknown): string => Buffer.from(JSON.stringify(payload)).toString('base64');

  it("gives a record with the envelope PutRecord carries a CONSUMER span in the producer's trace; a record that is not JSON starts its own", async () => {
    const source = readFileSync(resolve('fixtures/wrap-handlers/lambda-kinesis-records.input.ts'), 'utf8');
    const module = await load<{ handler: (event: unknown) => Promise<void>; counts: Map<string, number> }>('kinesis-lambda', source);
    const arn = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
    const Records = [
      { eventSourceARN: arn, kinesis: { data: data({ userId: 'u1', page: '/home', [DEFAULT_ENVELOPE_CARRIER_KEY]: { traceparent: `00-${producer.traceId}-${producer.spanId}-01` } }) } },
      { eventSourceARN: arn, kinesis: { data: Buffer.from('not json').toString('base64') } },
    ];
    // The second record fails the handler's own JSON.parse: the batch fails, as it did before the transform.
    await expect(module.handler({ Records })).rejects.toThrow(SyntaxError);
    expect(module.counts.get('/home')).toBe(1);

    const records = await spansNamed('process clicks', 2);
    expect(records.map((span) => [span.kind, span.attributes['messaging.system.name'], span.attributes['messaging.destination.name'], span.attributes['aws.kinesis.stream_name']])).toEqual([
      [SpanKind.CONSUMER, 'aws.kinesis', 'clicks', 'clicks'],
      [SpanKind.CONSUMER, 'aws.kinesis', 'clicks', 'clicks'],
    ]);
    expect([records[0]!.spanContext().traceId, records[0]!.parentSpanContext?.spanId]).toEqual([producer.traceId, producer.spanId]);
    const [batch] = await spansNamed('kinesis-lambda.handler', 1);
    expect(batch!.attributes['faas.trigger']).toBe('pubsub');
    expect(batch!.links.map((link) => link.context.traceId)).toEqual([producer.traceId]);
    // Without a carrier, the record's span is a child of the invocation's span.
    expect(records[1]!.parentSpanContext?.spanId).toBe(batch!.spanContext().spanId);
  });
});

describe('a transformed sync function handler', () => {
  it('keeps this, arguments, early returns and return values, and stays sync', async () => {
    const { handler } = await load<{ handler: (this: unknown, ...args: unknown[]) => unknown }>('plain', THIS_AND_ARGUMENTS, 'js');
    const receiver = { name: 'receiver' };
    expect(handler.call(receiver, 'event', 'context')).toEqual({ self: receiver, count: 2, second: 'context' });
    expect(handler.call(undefined, 'early')).toEqual({ early: true, count: 1 });
    const spans = await spansNamed('plain.handler', 2);
    expect(spans.every((span) => span.kind === SpanKind.SERVER && span.ended)).toBe(true);
  });
});
