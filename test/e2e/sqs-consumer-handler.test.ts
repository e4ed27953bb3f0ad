/**
 * sqs-consumer end to end under the real SDK: an uninstrumented producer (SendMessageCommand) and an sqs-consumer
 * service, both through inject-propagation and wrap-handlers, talking to a loopback SQS through real SQSClients; the
 * real Consumer polls, hands the message to the handler wrap-handlers wrote, and deletes it.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs.js';

type Producer = typeof import('../../fixtures/e2e-messaging/sqs-producer.js');
type ConsumerService = typeof import('../../fixtures/e2e-sqs-consumer/invoice-consumer.js');

const SERVICES = { producer: 'fixtures/e2e-messaging/sqs-producer.ts', consumer: 'fixtures/e2e-sqs-consumer/invoice-consumer.ts' };
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let workDir: string;
let sqs: LocalSqs;
const services: { transformed?: { producer: Producer; consumer: ConsumerService }; original?: { producer: Producer; consumer: ConsumerService } } = {};

/** The service's source through both codemods (or as written), compiled to a module next to node_modules. */
async function build(path: string, variant: 'original' | 'transformed'): Promise<string> {
  let source = await readFile(resolve(path), 'utf8');
  if (variant === 'transformed') {
    for (const transform of [wrapHandlers, injectPropagation]) {
      source = transform.apply({ path, source, options: { tracerName: 'invoices' } }).source;
    }
  }
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }, fileName: path });
  const file = join(workDir, variant, path.split('/').pop()!.replace(/\.ts$/, '.mjs'));
  await writeFile(file, outputText);
  return file;
}

async function load(variant: 'original' | 'transformed') {
  await mkdir(join(workDir, variant), { recursive: true });
  await symlink(resolve('node_modules'), join(workDir, variant, 'node_modules'), 'dir');
  const producer = (await import(pathToFileURL(await build(SERVICES.producer, variant)).href)) as Producer;
  const consumer = (await import(pathToFileURL(await build(SERVICES.consumer, variant)).href)) as ConsumerService;
  return { producer, consumer };
}

beforeAll(async () => {
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  workDir = await mkdtemp(join(tmpdir(), 'otel-codemod-sqs-consumer-'));
  services.original = await load('original');
  services.transformed = await load('transformed');
  sqs = await startLocalSqs();
});

afterAll(async () => {
  await sqs?.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const running: Array<import('sqs-consumer').Consumer> = [];
// Stopped without aborting, so a delete still on its way is answered rather than cut off.
afterEach(async () => {
  await Promise.all(
    running.splice(0).map(async (consumer) => {
      const stopped = once(consumer, 'stopped');
      consumer.stop();
      await stopped;
    }),
  );
  exporter.reset();
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Sends one invoice inside a producer span the test starts (as an instrumented caller would) and returns that span. */
async function sendInProducerSpan(producer: Producer, client: import('@aws-sdk/client-sqs').SQSClient, queueUrl: string, id: string): Promise<ReadableSpan> {
  const spanId = await trace.getTracer('billing').startActiveSpan('send invoices', { kind: SpanKind.PRODUCER }, async (span) => {
    try {
      await producer.sendInvoice(client, queueUrl, { id });
      return span.spanContext().spanId;
    } finally {
      span.end();
    }
  });
  return exporter.getFinishedSpans().find((span) => span.spanContext().spanId === spanId)!;
}

async function createClient() {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('sqs-consumer handleMessage after inject-propagation and wrap-handlers', () => {
  it('continues the producer trace in a CONSUMER span that ends after the awaited work', async () => {
    const { producer, consumer } = services.transformed!;
    const client = await createClient();
    const queueUrl = `${sqs.endpoint}/000000000000/invoices`;
    const settled: Array<{ id: string; active: string | undefined }> = [];
    const settle = async (id: string) => {
      await new Promise((done) => setTimeout(done, 50));
      settled.push({ id, active: trace.getActiveSpan()?.spanContext().spanId });
    };
    running.push(consumer.startInvoiceConsumer(client, queueUrl, settle));
    const sent = await sendInProducerSpan(producer, client, queueUrl, 'inv-1');
    await waitFor(() => exporter.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER), 'the consumer span');
    await waitFor(() => sqs.remaining(queueUrl) === 0, 'the message to be deleted');

    const span = exporter.getFinishedSpans().find((candidate) => candidate.kind === SpanKind.CONSUMER)!;
    expect(span.name).toBe('process aws.sqs');
    expect(span.spanContext().traceId).toBe(sent.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(sent.spanContext().spanId);
    expect(span.attributes).toMatchObject({ 'messaging.system.name': 'aws.sqs', 'messaging.operation.type': 'process' });
    expect(span.attributes['messaging.message.id']).toEqual(expect.any(String));
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    // The work ran inside the span, and the span ended once the awaited work was done.
    expect(settled).toEqual([{ id: 'inv-1', active: span.spanContext().spanId }]);
    // (By its duration, not against Date.now(): the SDK's clock drifts from the wall clock by a millisecond or so.)
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(45);
    // The carrier arrived because the codemod asked SQS for the message attributes.
    const receive = sqs.requests.find((request) => request.action === 'ReceiveMessage')!;
    expect(receive.input.MessageAttributeNames).toEqual(['All']);
    client.destroy();
  });

  it('records the error on the span and hands it on to sqs-consumer, which keeps the message', async () => {
    const { producer, consumer } = services.transformed!;
    const client = await createClient();
    const queueUrl = `${sqs.endpoint}/000000000000/refunds`;
    const handed: Error[] = [];
    const service = consumer.startInvoiceConsumer(client, queueUrl, async () => {
      await new Promise((done) => setTimeout(done, 10));
      throw new Error('ledger is closed');
    });
    service.on('processing_error', (error) => handed.push(error));
    running.push(service);
    const sent = await sendInProducerSpan(producer, client, queueUrl, 'inv-2');
    await waitFor(() => handed.length > 0, 'sqs-consumer to see the error');

    const span = exporter.getFinishedSpans().find((candidate) => candidate.kind === SpanKind.CONSUMER)!;
    expect(span.spanContext().traceId).toBe(sent.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(sent.spanContext().spanId);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'ledger is closed' });
    expect(span.events.map((event) => [event.name, event.attributes?.['exception.message']])).toEqual([['exception', 'ledger is closed']]);
    expect(handed[0]!.message).toContain('ledger is closed');
    expect(sqs.remaining(queueUrl)).toBe(1);
    client.destroy();
  });

  it('gives a handleMessageBatch one CONSUMER span linked to every producer span', async () => {
    const { producer, consumer } = services.transformed!;
    const client = await createClient();
    const queueUrl = `${sqs.endpoint}/000000000000/ledger`;
    const sent = [await sendInProducerSpan(producer, client, queueUrl, 'inv-4'), await sendInProducerSpan(producer, client, queueUrl, 'inv-5')];
    const booked: string[][] = [];
    running.push(consumer.startLedgerConsumer(client, queueUrl, async (ids) => void booked.push(ids)));
    await waitFor(() => booked.length > 0 && sqs.remaining(queueUrl) === 0, 'the batch to be booked and deleted');

    expect(booked).toEqual([['inv-4', 'inv-5']]);
    const span = exporter.getFinishedSpans().find((candidate) => candidate.kind === SpanKind.CONSUMER)!;
    expect(span.attributes['messaging.batch.message_count']).toBe(2);
    expect(span.links.map((link) => link.context.spanId)).toEqual(sent.map((producerSpan) => producerSpan.spanContext().spanId));
    expect(span.links.map((link) => link.context.traceId)).toEqual(sent.map((producerSpan) => producerSpan.spanContext().traceId));
    client.destroy();
  });

  /**
   * Sends `body(carrier)` with no message attributes, the carrier written inside a producer span the test starts: what
   * a queue receives from an EventBridge rule or an SNS subscription, whose producer injected into the event's detail or
   * the notification's attributes. Returns the producer span and the consumer's span for the message.
   */
  async function deliverThroughBody(queueUrl: string, body: (carrier: Record<string, string>) => unknown) {
    const { consumer } = services.transformed!;
    const client = await createClient();
    const settled: string[] = [];
    running.push(consumer.startInvoiceConsumer(client, queueUrl, async (id) => void settled.push(id)));
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const producerSpan = await trace.getTracer('billing').startActiveSpan('publish invoices', { kind: SpanKind.PRODUCER }, async (span) => {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body(carrier)) }));
      span.end();
      return span;
    });
    await waitFor(() => settled.length === 1 && sqs.remaining(queueUrl) === 0, 'the message to be handled and deleted');
    client.destroy();
    const consumerSpan = exporter.getFinishedSpans().find((candidate) => candidate.kind === SpanKind.CONSUMER)!;
    return { sent: producerSpan.spanContext(), received: consumerSpan };
  }

  it('continues the trace of an EventBridge event a rule delivered to the queue (carrier in detail._trace)', async () => {
    const { sent, received } = await deliverThroughBody(`${sqs.endpoint}/000000000000/paid-events`, (carrier) => ({
      version: '0',
      id: 'evt-1',
      'detail-type': 'InvoicePaid',
      source: 'billing',
      detail: { id: 'inv-6', _trace: carrier },
    }));
    expect(received.spanContext().traceId).toBe(sent.traceId);
    expect(received.parentSpanContext?.spanId).toBe(sent.spanId);
  });

  it('continues the trace of an SNS notification delivered without raw message delivery (carrier in MessageAttributes)', async () => {
    const { sent, received } = await deliverThroughBody(`${sqs.endpoint}/000000000000/paid-notifications`, (carrier) => ({
      Type: 'Notification',
      MessageId: 'n-1',
      Message: JSON.stringify({ id: 'inv-7' }),
      MessageAttributes: Object.fromEntries(Object.entries(carrier).map(([key, value]) => [key, { Type: 'String', Value: value }])),
    }));
    expect(received.spanContext().traceId).toBe(sent.traceId);
    expect(received.parentSpanContext?.spanId).toBe(sent.spanId);
  });

  it('starts a new trace for a JSON body that carries no trace context', async () => {
    const { sent, received } = await deliverThroughBody(`${sqs.endpoint}/000000000000/plain-invoices`, () => ({ id: 'inv-8' }));
    expect(received.spanContext().traceId).not.toBe(sent.traceId);
    expect(received.parentSpanContext).toBeUndefined();
  });

  it('as written, leaves the consumer out of the producer trace', async () => {
    const { producer, consumer } = services.original!;
    const client = await createClient();
    const queueUrl = `${sqs.endpoint}/000000000000/credit-notes`;
    const settled: string[] = [];
    running.push(consumer.startInvoiceConsumer(client, queueUrl, async (id) => void settled.push(id)));
    const sent = await sendInProducerSpan(producer, client, queueUrl, 'inv-3');
    await waitFor(() => settled.length === 1 && sqs.remaining(queueUrl) === 0, 'the message to be handled and deleted');
    expect(exporter.getFinishedSpans()).toEqual([sent]);
    client.destroy();
  });
});
