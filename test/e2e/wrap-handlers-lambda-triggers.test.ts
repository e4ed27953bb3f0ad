import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { DEFAULT_ENVELOPE_CARRIER_KEY } from '../../src/catalog/messaging/propagation.js';

// One CommonJS handler behind a queue, an event bus and an API (fixtures/wrap-handlers/lambda-sqs-eventbridge-http-one-handler):
// transformed, run under the real SDK with each trigger's event, and its spans read back.
const FIXTURE = 'fixtures/wrap-handlers/lambda-sqs-eventbridge-http-one-handler.input.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let directory: string;
let handler: (event: unknown) => Promise<unknown>;

const producer = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' };
const traceparent = `00-${producer.traceId}-${producer.spanId}-01`;

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-lambda-triggers-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const source = readFileSync(resolve(FIXTURE), 'utf8');
  const output = wrapHandlers.apply({ path: join(directory, 'orders.js'), source, options: { tracerName: 'runtime-test' } });
  expect(output.source).not.toBe(source);
  writeFileSync(join(directory, 'orders.cjs'), output.source);
  ({ handler } = createRequire(import.meta.url)(join(directory, 'orders.cjs')) as { handler: typeof handler });
});

beforeEach(() => exporter.reset());

afterAll(async () => {
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

function finished(name: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.name === name);
}

const sqsRecord = (body: string) => ({
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:orders',
  body,
  messageAttributes: { traceparent: { stringValue: traceparent, dataType: 'String' } },
});

describe('a transformed handler of several triggers, invoked by each', () => {
  it('SQS: a batch span linked to the producer, and a CONSUMER span per record in its trace, ended after the work', async () => {
    await expect(handler({ Records: [sqsRecord(JSON.stringify({ id: 'o-1' }))] })).resolves.toEqual({ batchItemFailures: [] });
    const [invocation] = finished('orders.handler');
    const [record] = finished('process orders');
    expect([invocation!.kind, invocation!.attributes['faas.trigger']]).toEqual([SpanKind.SERVER, 'pubsub']);
    expect(invocation!.links.map((link) => link.context.traceId)).toEqual([producer.traceId]);
    expect([record!.kind, record!.spanContext().traceId, record!.parentSpanContext?.spanId]).toEqual([SpanKind.CONSUMER, producer.traceId, producer.spanId]);
    expect(record!.attributes).toMatchObject({ 'messaging.system.name': 'aws.sqs', 'messaging.destination.name': 'orders' });
    // The record's work ran inside the invocation's span: it ended first. Compared by the order the spans were exported
    // in (SimpleSpanProcessor exports on end), since each span's clock is anchored separately and can be off by a millisecond.
    const ended = exporter.getFinishedSpans();
    expect(ended.indexOf(record!)).toBeLessThan(ended.indexOf(invocation!));
  });

  it("EventBridge: a CONSUMER span that continues the trace in the detail's carrier", async () => {
    const event = { 'detail-type': 'OrderPlaced', source: 'shop', detail: { id: 'o-2', [DEFAULT_ENVELOPE_CARRIER_KEY]: { traceparent } } };
    await expect(handler(event)).resolves.toBeUndefined();
    const [span] = finished('orders.handler');
    expect([span!.kind, span!.spanContext().traceId, span!.parentSpanContext?.spanId]).toEqual([SpanKind.CONSUMER, producer.traceId, producer.spanId]);
    expect(span!.attributes).toEqual({
      'faas.trigger': 'pubsub',
      'messaging.system.name': 'aws.eventbridge',
      'messaging.destination.name': 'OrderPlaced',
      'messaging.operation.type': 'process',
    });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("API Gateway: a SERVER span in the caller's trace, with the response's status code", async () => {
    await handler({ 'detail-type': 'OrderPlaced', detail: { id: 'o-3' } });
    exporter.reset();
    const event = { httpMethod: 'GET', path: '/orders/o-3', requestContext: { stage: 'prod' }, headers: { traceparent }, pathParameters: { id: 'o-3' } };
    await expect(handler(event)).resolves.toMatchObject({ statusCode: 200 });
    await expect(handler({ ...event, pathParameters: { id: 'missing' } })).resolves.toMatchObject({ statusCode: 404 });
    const spans = finished('orders.handler');
    expect(spans.map((span) => [span.kind, span.attributes['faas.trigger'], span.attributes['http.response.status_code'], span.status.code])).toEqual([
      [SpanKind.SERVER, 'http', 200, SpanStatusCode.UNSET],
      [SpanKind.SERVER, 'http', 404, SpanStatusCode.UNSET],
    ]);
    expect(spans.map((span) => [span.spanContext().traceId, span.parentSpanContext?.spanId])).toEqual([
      [producer.traceId, producer.spanId],
      [producer.traceId, producer.spanId],
    ]);
  });

  it('records a thrown error as ERROR on the span of the trigger that failed, and rethrows it', async () => {
    await expect(handler({ 'detail-type': 'OrderPlaced', detail: { note: 'no id' } })).rejects.toThrow('order without an id');
    await expect(handler({ Records: [sqsRecord('{}')] })).rejects.toThrow('order without an id');
    const [bus, queue] = finished('orders.handler');
    expect([bus!.kind, bus!.status]).toEqual([SpanKind.CONSUMER, { code: SpanStatusCode.ERROR, message: 'order without an id' }]);
    expect([queue!.kind, queue!.status.code, queue!.events.map((event) => event.name)]).toEqual([SpanKind.SERVER, SpanStatusCode.ERROR, ['exception']]);
    expect(finished('process orders').map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR]);
  });
});
