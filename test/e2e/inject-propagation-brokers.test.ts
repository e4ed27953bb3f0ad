/**
 * inject-propagation proven on real brokers: the services in fixtures/e2e-messaging lose the trace at the queue;
 * after the codemod (and wrap-handlers, when registered) the consumer's span is a child of the producer's span.
 * Each scenario runs twice, on the code as written and on the transformed code, under the real SDK.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import { brokerUrls, requireBroker } from '../support/brokers.js';

const SERVICES_DIR = resolve('fixtures/e2e-messaging');
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const tracer = trace.getTracer('e2e-producer');
let workDir: string;

/** The transforms the services go through, in order: wrap-handlers first when another branch has registered it. */
function getPipeline() {
  return ['wrap-handlers', 'inject-propagation'].flatMap((name) => (transforms[name] ? [transforms[name]] : []));
}

type Variant = 'original' | 'transformed' | 'linked' | 'producer-spans';

/** The transform options each variant runs the codemod with (the CLI's --link and --producer-spans). */
const VARIANT_OPTIONS: Record<Exclude<Variant, 'original'>, Record<string, unknown>> = {
  transformed: {},
  linked: { link: true },
  'producer-spans': { producerSpans: true },
};

/** Transpiles every service (transformed or not) into `<workDir>/<variant>/`, next to a link to node_modules. */
async function buildServices(variant: Variant): Promise<string> {
  const dir = join(workDir, variant);
  await mkdir(dir, { recursive: true });
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  for (const file of (await readdir(SERVICES_DIR)).filter((name) => name.endsWith('.ts'))) {
    let source = await readFile(join(SERVICES_DIR, file), 'utf8');
    if (variant !== 'original') {
      for (const transform of getPipeline()) {
        const options = { tracerName: 'e2e-services', ...VARIANT_OPTIONS[variant] };
        if (transform.mayApply(source)) source = transform.apply({ path: file, source, options }).source;
      }
    }
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    await writeFile(join(dir, file.replace(/\.ts$/, '.mjs')), outputText);
  }
  return dir;
}

const builds: Record<Variant, string> = { original: '', transformed: '', linked: '', 'producer-spans': '' };

async function loadService<T>(variant: Variant, name: string): Promise<T> {
  return (await import(pathToFileURL(join(builds[variant], `${name}.mjs`)).href)) as T;
}

/** Runs `publish` inside a producer span the test starts, the way an instrumented caller would. */
async function inProducerSpan(destination: string, publish: () => Promise<unknown>): Promise<ReadableSpan> {
  let spanId = '';
  await tracer.startActiveSpan(`send ${destination}`, { kind: SpanKind.PRODUCER }, async (span) => {
    spanId = span.spanContext().spanId;
    try {
      await publish();
    } finally {
      span.end();
    }
  });
  return findSpan((span) => span.spanContext().spanId === spanId);
}

function findSpan(predicate: (span: ReadableSpan) => boolean): ReadableSpan {
  const span = exporter.getFinishedSpans().find(predicate);
  if (!span) throw new Error('span not exported');
  return span;
}

/** Waits until a condition holds (brokers deliver asynchronously); throws after `timeoutMs`. */
async function waitFor(condition: () => boolean, what = 'the message to be consumed', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function waitForSpanMatching(predicate: (span: ReadableSpan) => boolean, what = 'the consumer span'): Promise<ReadableSpan> {
  await waitFor(() => exporter.getFinishedSpans().some(predicate), what);
  return exporter.getFinishedSpans().find(predicate)!;
}

/** Waits until the consumer has ended a span with this name. */
function waitForSpan(name: string): Promise<ReadableSpan> {
  return waitForSpanMatching((span) => span.name === name, `a span named '${name}'`);
}

interface Trip {
  producer: ReadableSpan;
  consumer: ReadableSpan;
}

/** The consumer span and the spans above it, up to the first one whose parent was not exported here. */
function getAncestry(span: ReadableSpan): ReadableSpan[] {
  const spans = exporter.getFinishedSpans();
  const chain = [span];
  for (;;) {
    const parentId = chain.at(-1)!.parentSpanContext?.spanId;
    const parent = spans.find((candidate) => candidate.spanContext().spanId === parentId);
    if (!parent || chain.includes(parent)) return chain;
    chain.push(parent);
  }
}

/**
 * The consumer continues the producer's trace: same trace id, and the consumer side's outermost span (the consumer
 * span itself, or a span wrap-handlers put around the handler) is a child of the producer span.
 */
function expectContinued({ producer, consumer }: Trip): void {
  expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
  const consumerSide = getAncestry(consumer).filter((span) => span !== producer && span.kind !== SpanKind.PRODUCER);
  expect(consumerSide.at(-1)!.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
}

/** With `link`: the consumer span starts its own trace and links to the producer span. */
function expectLinked({ producer, consumer }: Trip): void {
  expect(consumer.spanContext().traceId).not.toBe(producer.spanContext().traceId);
  expect(consumer.links.map((link) => link.context.spanId)).toEqual([producer.spanContext().spanId]);
}

function expectBroken({ producer, consumer }: Trip): void {
  expect(consumer.spanContext().traceId).not.toBe(producer.spanContext().traceId);
}

beforeAll(async () => {
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  workDir = await mkdtemp(join(tmpdir(), 'otel-codemod-e2e-'));
  for (const variant of Object.keys(builds) as Variant[]) builds[variant] = await buildServices(variant);
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const variants = [
  ['original', 'starts a new trace in the consumer', expectBroken],
  ['transformed', 'continues the producer trace in the consumer', expectContinued],
] as const;

/** The RabbitMQ and SQS scenarios also run with --link and with --producer-spans (where the codemod starts the producer span). */
const optionVariants = [
  ...variants,
  ['linked', 'links the consumer span to the producer span', expectLinked],
  ['producer-spans', 'continues the trace from the producer span the codemod starts', expectContinued],
] as const;

/** The producer span: started by the test around the publish, or by the code itself with --producer-spans. */
async function publishIn(variant: Variant, destination: string, publish: () => Promise<unknown>): Promise<ReadableSpan> {
  if (variant !== 'producer-spans') return inProducerSpan(destination, publish);
  await publish();
  const span = findSpan((candidate) => candidate.kind === SpanKind.PRODUCER);
  expect(span.name).toBe(`send ${destination}`);
  expect(span.attributes).toMatchObject({ 'messaging.destination.name': destination, 'messaging.operation.type': 'send' });
  return span;
}

describe('RabbitMQ with amqplib', () => {
  it.each(optionVariants)('%s code %s', async (variant, _what, check) => {
    await requireBroker('amqp');
    exporter.reset();
    const amqp = await import('amqplib');
    const { publishOrder } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-producer.js')>(variant, 'amqplib-producer');
    const { consumeOrders } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-consumer.js')>(variant, 'amqplib-consumer');
    const connection = await amqp.connect(brokerUrls.amqp);
    try {
      const channel = await connection.createChannel();
      const queue = `orders-${randomUUID()}`;
      await channel.assertQueue(queue, { autoDelete: true });
      const received: Array<{ id: string }> = [];
      await consumeOrders(channel, queue, (order) => received.push(order));
      const producer = await publishIn(variant, queue, async () => publishOrder(channel, queue, { id: 'o-1' }));
      const consumer = await waitForSpan('process orders');
      expect(received).toEqual([{ id: 'o-1' }]);
      check({ producer, consumer });
      await channel.close();
    } finally {
      await connection.close();
    }
  });
});

describe('Redis with BullMQ', () => {
  it.each(variants)('%s code %s', async (variant, _what, check) => {
    await requireBroker('redis');
    exporter.reset();
    const { Queue } = await import('bullmq');
    const { enqueueEmail } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-producer.js')>(variant, 'bullmq-producer');
    const { startEmailWorker } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-consumer.js')>(variant, 'bullmq-consumer');
    const url = new URL(brokerUrls.redis);
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const name = `emails-${randomUUID()}`;
    const queue = new Queue(name, { connection });
    const received: Array<{ to: string }> = [];
    const worker = startEmailWorker(name, connection, (email) => received.push(email));
    try {
      const producer = await inProducerSpan(name, () => enqueueEmail(queue, { to: 'ada@example.com' }));
      const consumer = await waitForSpan('process emails');
      expect(received.map((email) => email.to)).toEqual(['ada@example.com']);
      check({ producer, consumer });
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

describe('Redis pub/sub with ioredis', () => {
  it.each(variants)('%s code %s', async (variant, _what, check) => {
    await requireBroker('redis');
    exporter.reset();
    const { Redis } = await import('ioredis');
    const { announcePriceChange } = await loadService<typeof import('../../fixtures/e2e-messaging/ioredis-producer.js')>(variant, 'ioredis-producer');
    const { listenForPriceChanges } = await loadService<typeof import('../../fixtures/e2e-messaging/ioredis-consumer.js')>(variant, 'ioredis-consumer');
    const publisher = new Redis(brokerUrls.redis);
    const subscriber = new Redis(brokerUrls.redis);
    try {
      const channel = `prices-${randomUUID()}`;
      const received: Array<{ sku: string }> = [];
      listenForPriceChanges(subscriber, (change) => received.push(change));
      await subscriber.subscribe(channel);
      const producer = await inProducerSpan(channel, () => announcePriceChange(publisher, channel, { sku: 'sku-1', price: 10 }));
      const consumer = await waitForSpan('process price-changes');
      expect(received.map((change) => change.sku)).toEqual(['sku-1']);
      check({ producer, consumer });
    } finally {
      publisher.disconnect();
      subscriber.disconnect();
    }
  });
});

describe('NATS with nats.js', () => {
  it.each(variants)('%s code %s', async (variant, _what, check) => {
    await requireBroker('nats');
    exporter.reset();
    const { connect } = await import('nats');
    const { publishShipment } = await loadService<typeof import('../../fixtures/e2e-messaging/nats-producer.js')>(variant, 'nats-producer');
    const { subscribeToShipments } = await loadService<typeof import('../../fixtures/e2e-messaging/nats-consumer.js')>(variant, 'nats-consumer');
    const nc = await connect({ servers: brokerUrls.nats });
    try {
      const subject = `shipments.${randomUUID()}`;
      const received: Array<{ id: string }> = [];
      subscribeToShipments(nc, subject, (shipment) => received.push(shipment));
      await nc.flush();
      const producer = await inProducerSpan(subject, async () => {
        publishShipment(nc, subject, { id: 's-1' });
        await nc.flush();
      });
      const consumer = await waitForSpan('process shipments');
      expect(received).toEqual([{ id: 's-1' }]);
      check({ producer, consumer });
    } finally {
      await nc.close();
    }
  });
});

/** A loopback stand-in for the AWS endpoint: records each request body and answers like the service would. */
async function startAwsEndpoint(answer: (request: IncomingMessage, body: string) => { contentType: string; body: string }) {
  const requests: Array<{ target: string | undefined; contentType: string | undefined; body: string }> = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ target: request.headers['x-amz-target'] as string | undefined, contentType: request.headers['content-type'], body });
    const reply = answer(request, body);
    response.writeHead(200, { 'content-type': reply.contentType });
    response.end(reply.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { endpoint: `http://127.0.0.1:${address.port}`, requests, close: () => new Promise<void>((done) => server.close(() => done())) };
}

const awsClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

describe('SQS through the AWS SDK v3 client, consumed by a Lambda handler', () => {
  it.each(optionVariants)('%s code %s', async (variant, _what, check) => {
    exporter.reset();
    const { SQSClient } = await import('@aws-sdk/client-sqs');
    const { sendInvoice } = await loadService<typeof import('../../fixtures/e2e-messaging/sqs-producer.js')>(variant, 'sqs-producer');
    const lambda = await loadService<typeof import('../../fixtures/e2e-messaging/sqs-lambda-consumer.js')>(variant, 'sqs-lambda-consumer');
    // Recent SDKs speak the JSON protocol to SQS: the request body is the SendMessage input as JSON.
    const aws = await startAwsEndpoint((_request, body) => {
      const input = JSON.parse(body) as { MessageBody: string };
      const md5 = createHash('md5').update(input.MessageBody).digest('hex');
      return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5 }) };
    });
    const client = new SQSClient(awsClientConfig(aws.endpoint));
    try {
      const queueUrl = `${aws.endpoint}/000000000000/invoices`;
      const producer = await publishIn(variant, queueUrl, () => sendInvoice(client, queueUrl, { id: 'inv-1' }));
      expect(aws.requests.map((request) => request.target)).toEqual(['AmazonSQS.SendMessage']);
      const sent = JSON.parse(aws.requests[0]!.body) as {
        MessageBody: string;
        MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
      };
      // The attribute the service set itself is kept either way.
      expect(sent.MessageAttributes?.source).toEqual({ DataType: 'String', StringValue: 'billing' });
      if (variant !== 'original') expect(sent.MessageAttributes?.traceparent?.StringValue).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      // What Lambda hands the function for that message: lower-case attribute fields.
      const messageAttributes = Object.fromEntries(
        Object.entries(sent.MessageAttributes ?? {}).map(([key, value]) => [key, { dataType: value.DataType, stringValue: value.StringValue }]),
      );
      const record = { messageId: randomUUID(), body: sent.MessageBody, messageAttributes, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:invoices' };
      await (lambda.handler as unknown as (event: unknown) => Promise<void>)({ Records: [record] });
      const consumer = await waitForSpan('process invoices');
      expect(lambda.processedInvoices).toEqual(['inv-1']);
      check({ producer, consumer });
    } finally {
      client.destroy();
      await aws.close();
    }
  });
});

/** Decodes the query-protocol form body of SNS Publish into its message attributes. */
function getQueryMessageAttributes(body: string): Record<string, { Type: string; Value: string }> {
  const form = new URLSearchParams(body);
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++) {
    const prefix = `MessageAttributes.entry.${index}`;
    attributes[form.get(`${prefix}.Name`)!] = { Type: form.get(`${prefix}.Value.DataType`)!, Value: form.get(`${prefix}.Value.StringValue`)! };
  }
  return attributes;
}

describe('SNS through the AWS SDK v3 client, consumed by a Lambda handler', () => {
  it.each(variants)('%s code %s', async (variant, _what, check) => {
    exporter.reset();
    const { SNSClient } = await import('@aws-sdk/client-sns');
    const { announceSignup } = await loadService<typeof import('../../fixtures/e2e-messaging/sns-producer.js')>(variant, 'sns-producer');
    const lambda = await loadService<typeof import('../../fixtures/e2e-messaging/sns-lambda-consumer.js')>(variant, 'sns-lambda-consumer');
    // SNS still speaks the query protocol: a form-encoded request, an XML answer.
    const aws = await startAwsEndpoint(() => ({
      contentType: 'text/xml',
      body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    }));
    const client = new SNSClient(awsClientConfig(aws.endpoint));
    try {
      const topicArn = 'arn:aws:sns:us-east-1:000000000000:signups';
      const producer = await inProducerSpan('signups', () => announceSignup(client, topicArn, 'u-1'));
      expect(aws.requests).toHaveLength(1);
      const form = new URLSearchParams(aws.requests[0]!.body);
      expect(form.get('Action')).toBe('Publish');
      const attributes = getQueryMessageAttributes(aws.requests[0]!.body);
      if (variant === 'transformed') expect(attributes.traceparent?.Value).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      else expect(attributes).toEqual({});
      const record = {
        EventSource: 'aws:sns',
        Sns: { TopicArn: topicArn, Message: form.get('Message')!, MessageAttributes: attributes, MessageId: randomUUID(), Type: 'Notification' },
      };
      await lambda.handler({ Records: [record] } as unknown as Parameters<typeof lambda.handler>[0]);
      const consumer = await waitForSpan('process signups');
      expect(lambda.welcomedUsers).toEqual(['u-1']);
      check({ producer, consumer });
    } finally {
      client.destroy();
      await aws.close();
    }
  });
});

/**
 * Uninstrumented consumers: wrap-handlers gives them a CONSUMER span that continues the message's context, and
 * inject-propagation gives the producer the carrier to continue. Before, the consumer records nothing in the trace.
 */
describe('uninstrumented consumers, through wrap-handlers and inject-propagation', () => {
  const bareVariants = [
    ['original', 'leaves the consumer out of the trace'],
    ['transformed', 'gives the consumer a span in the producer trace'],
  ] as const;

  /** The consumer span wrap-handlers starts; for the original code, that no span but the producer's is in its trace. */
  async function checkConsumer(variant: Variant, producer: ReadableSpan, delivered: () => boolean): Promise<void> {
    if (variant === 'original') {
      await waitFor(delivered);
      const others = exporter.getFinishedSpans().filter((span) => span !== producer);
      expect(others.filter((span) => span.spanContext().traceId === producer.spanContext().traceId)).toEqual([]);
      return;
    }
    expect(transforms['wrap-handlers'], 'wrap-handlers must be registered for this scenario').toBeDefined();
    const consumer = await waitForSpanMatching((span) => span.kind === SpanKind.CONSUMER);
    expectContinued({ producer, consumer });
  }

  it.each(bareVariants)('RabbitMQ: %s code %s', async (variant) => {
    await requireBroker('amqp');
    exporter.reset();
    const amqp = await import('amqplib');
    const { publishOrder } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-producer.js')>(variant, 'amqplib-producer');
    const { consumeOrders } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-bare-consumer.js')>(variant, 'amqplib-bare-consumer');
    const connection = await amqp.connect(brokerUrls.amqp);
    try {
      const channel = await connection.createChannel();
      const queue = `orders-${randomUUID()}`;
      await channel.assertQueue(queue, { autoDelete: true });
      const received: Array<{ id: string }> = [];
      await consumeOrders(channel, queue, (order) => received.push(order));
      const producer = await inProducerSpan(queue, async () => publishOrder(channel, queue, { id: 'o-2' }));
      await checkConsumer(variant, producer, () => received.length === 1);
      expect(received).toEqual([{ id: 'o-2' }]);
      await channel.close();
    } finally {
      await connection.close();
    }
  });

  it.each(bareVariants)('BullMQ: %s code %s', async (variant) => {
    await requireBroker('redis');
    exporter.reset();
    const { Queue } = await import('bullmq');
    const { enqueueEmail } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-producer.js')>(variant, 'bullmq-producer');
    const { startEmailWorker } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-bare-consumer.js')>(variant, 'bullmq-bare-consumer');
    const url = new URL(brokerUrls.redis);
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const name = `emails-${randomUUID()}`;
    const queue = new Queue(name, { connection });
    const received: Array<{ to: string }> = [];
    const worker = startEmailWorker(name, connection, (email) => received.push(email));
    try {
      const producer = await inProducerSpan(name, () => enqueueEmail(queue, { to: 'grace@example.com' }));
      await checkConsumer(variant, producer, () => received.length === 1);
      expect(received.map((email) => email.to)).toEqual(['grace@example.com']);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  // A handler passed by name: wrapped where it is defined (used only by this registration), or at the registration
  // (exported, so other callers run it too). Either way the span continues the trace and ends after the awaited work.
  it.each(bareVariants)('RabbitMQ, a handler passed by name: %s code %s', async (variant) => {
    await requireBroker('amqp');
    exporter.reset();
    const amqp = await import('amqplib');
    const { publishOrder } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-producer.js')>(variant, 'amqplib-producer');
    const { consumeOrders } = await loadService<typeof import('../../fixtures/e2e-messaging/amqplib-named-consumer.js')>(variant, 'amqplib-named-consumer');
    const connection = await amqp.connect(brokerUrls.amqp);
    try {
      const channel = await connection.createChannel();
      const queue = `orders-${randomUUID()}`;
      await channel.assertQueue(queue, { autoDelete: true });
      const received: Array<{ id: string }> = [];
      await consumeOrders(channel, queue, async (order) => {
        await new Promise((done) => setTimeout(done, 50));
        received.push(order);
      });
      const producer = await inProducerSpan(queue, async () => publishOrder(channel, queue, { id: 'o-3' }));
      await checkConsumer(variant, producer, () => received.length === 1);
      expect(received.map((order) => order.id)).toEqual(['o-3']);
      if (variant === 'transformed') {
        const consumer = findSpan((span) => span.kind === SpanKind.CONSUMER);
        expect(consumer.name).toBe(`process ${queue}`);
        // The handler's 50 ms of work is inside the span. (Its end time is not compared with Date.now(): the SDK's
        // clock is performance.now() from the time origin and drifts from the wall clock by a millisecond or so.)
        expect(hrTimeToMilliseconds(consumer.duration)).toBeGreaterThanOrEqual(45);
      }
      await channel.close();
    } finally {
      await connection.close();
    }
  });

  it.each(bareVariants)('BullMQ, an exported processor passed by name: %s code %s', async (variant) => {
    await requireBroker('redis');
    exporter.reset();
    const { Queue } = await import('bullmq');
    const { enqueueEmail } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-producer.js')>(variant, 'bullmq-producer');
    const { startEmailWorker, sent } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-shared-consumer.js')>(variant, 'bullmq-shared-consumer');
    const url = new URL(brokerUrls.redis);
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const name = `emails-${randomUUID()}`;
    const queue = new Queue(name, { connection });
    const worker = startEmailWorker(name, connection);
    try {
      const producer = await inProducerSpan(name, () => enqueueEmail(queue, { to: 'alan@example.com' }));
      await checkConsumer(variant, producer, () => sent.length === 1);
      expect(sent.map((email) => email.to)).toEqual(['alan@example.com']);
      if (variant === 'transformed') {
        const consumer = findSpan((span) => span.kind === SpanKind.CONSUMER);
        expect(consumer.name).toBe(`process ${name}`);
        // The processor waits 50 ms before it records the email: the span covers that wait.
        expect(hrTimeToMilliseconds(consumer.duration)).toBeGreaterThanOrEqual(45);
      }
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  // The processor is a sync arrow that returns an async method's promise: the span's callback awaits it, so the span
  // covers the method's work and records its rejection (a sync callback would end the span at once, with no error).
  it.each(bareVariants)('BullMQ, a processor arrow that calls an async method: %s code %s', async (variant) => {
    await requireBroker('redis');
    exporter.reset();
    const { Queue } = await import('bullmq');
    const { TicketRouter, enqueueTicket } = await loadService<typeof import('../../fixtures/e2e-messaging/bullmq-delegating-consumer.js')>(variant, 'bullmq-delegating-consumer');
    const url = new URL(brokerUrls.redis);
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const name = `tickets-${randomUUID()}`;
    const queue = new Queue(name, { connection });
    const router = new TicketRouter();
    const failed: string[] = [];
    const worker = router.start(name, connection);
    worker.on('failed', (job) => failed.push(job?.data.id ?? ''));
    try {
      const producer = await inProducerSpan(name, () => enqueueTicket(queue, { id: 't-1', desk: 'billing' }));
      await checkConsumer(variant, producer, () => router.routed.length === 1);
      await enqueueTicket(queue, { id: 't-2' });
      await waitFor(() => failed.length === 1, 'the ticket without a desk to fail');
      expect([router.routed, failed]).toEqual([['t-1'], ['t-2']]);
      if (variant === 'transformed') {
        await waitFor(() => exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CONSUMER).length === 2, 'both consumer spans');
        const [routed, rejected] = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CONSUMER);
        expect(hrTimeToMilliseconds(routed!.duration)).toBeGreaterThanOrEqual(45);
        expect(routed!.status.code).toBe(SpanStatusCode.UNSET);
        expect(hrTimeToMilliseconds(rejected!.duration)).toBeGreaterThanOrEqual(45);
        expect([rejected!.status, rejected!.events.map((event) => event.name)]).toEqual([{ code: SpanStatusCode.ERROR, message: 'ticket t-2 has no desk' }, ['exception']]);
      }
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it.each(bareVariants)('NATS: %s code %s', async (variant) => {
    await requireBroker('nats');
    exporter.reset();
    const { connect } = await import('nats');
    const { publishShipment } = await loadService<typeof import('../../fixtures/e2e-messaging/nats-producer.js')>(variant, 'nats-producer');
    const { subscribeToShipments } = await loadService<typeof import('../../fixtures/e2e-messaging/nats-bare-consumer.js')>(variant, 'nats-bare-consumer');
    const nc = await connect({ servers: brokerUrls.nats });
    try {
      const subject = `shipments.${randomUUID()}`;
      const received: Array<{ id: string }> = [];
      subscribeToShipments(nc, subject, (shipment) => received.push(shipment));
      await nc.flush();
      const producer = await inProducerSpan(subject, async () => {
        publishShipment(nc, subject, { id: 's-2' });
        await nc.flush();
      });
      await checkConsumer(variant, producer, () => received.length === 1);
      expect(received).toEqual([{ id: 's-2' }]);
    } finally {
      await nc.close();
    }
  });

  it.each(bareVariants)('SQS to a Lambda handler: %s code %s', async (variant) => {
    exporter.reset();
    const { SQSClient } = await import('@aws-sdk/client-sqs');
    const { sendInvoice } = await loadService<typeof import('../../fixtures/e2e-messaging/sqs-producer.js')>(variant, 'sqs-producer');
    const lambda = await loadService<typeof import('../../fixtures/e2e-messaging/sqs-lambda-bare-consumer.js')>(variant, 'sqs-lambda-bare-consumer');
    const aws = await startAwsEndpoint((_request, body) => {
      const input = JSON.parse(body) as { MessageBody: string };
      const md5 = createHash('md5').update(input.MessageBody).digest('hex');
      return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5 }) };
    });
    const client = new SQSClient(awsClientConfig(aws.endpoint));
    try {
      const queueUrl = `${aws.endpoint}/000000000000/invoices`;
      const producer = await inProducerSpan('invoices', () => sendInvoice(client, queueUrl, { id: 'inv-2' }));
      const sent = JSON.parse(aws.requests[0]!.body) as { MessageBody: string; MessageAttributes?: Record<string, { DataType: string; StringValue?: string }> };
      const messageAttributes = Object.fromEntries(
        Object.entries(sent.MessageAttributes ?? {}).map(([key, value]) => [key, { dataType: value.DataType, stringValue: value.StringValue }]),
      );
      const record = { messageId: randomUUID(), body: sent.MessageBody, messageAttributes, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:invoices' };
      await (lambda.handler as unknown as (event: unknown) => Promise<void>)({ Records: [record] });
      expect(lambda.processedInvoices).toEqual(['inv-2']);
      if (variant === 'original') {
        expect(exporter.getFinishedSpans()).toEqual([producer]);
        return;
      }
      // The invocation span covers the batch: it links to every message's producer span.
      const invocation = findSpan((span) => span.kind === SpanKind.SERVER);
      expect(invocation.links.map((link) => link.context.spanId)).toEqual([producer.spanContext().spanId]);
      // A span per record, when the handler gets one, continues the producer's trace.
      const perRecord = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CONSUMER);
      for (const consumer of perRecord) expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    } finally {
      client.destroy();
      await aws.close();
    }
  });
});
