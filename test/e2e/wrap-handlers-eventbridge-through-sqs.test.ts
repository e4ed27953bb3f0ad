import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventBridgeClient as EventBridgeClientType, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient, type MessageAttributeValue, type PublishInput } from '@aws-sdk/client-sns';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { SQSRecord } from 'aws-lambda';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import type { CodemodTransform } from '../../src/transform/types.js';

// A payments service publishes to an event bus, and a rule forwards the events to the billing queue: the SQS record's
// body is the whole EventBridge event and the record has no message attributes. Both sides are transformed, run under
// the real SDK, and the consumer's spans are read back. EventBridge itself does not run here: the entries the real
// client would send are taken from its middleware stack and turned into the event the rule delivers to SQS.
const PRODUCER = `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

export async function publishPaymentCaptured(events: EventBridgeClient, payment: { paymentId: string; amountCents: number }): Promise<void> {
  await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: 'payments', Source: 'shop.payments', DetailType: 'PaymentCaptured', Detail: JSON.stringify(payment) }],
    }),
  );
}
`;

// The same service notifies refunds on an SNS topic; the billing queue subscribes to it without raw message delivery.
const SNS_PRODUCER = `import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

export async function notifyRefund(topic: SNSClient, refund: { refundId: string }): Promise<void> {
  await topic.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:refunds', Message: JSON.stringify(refund) }));
}
`;

// A worker that takes EventBridge events and plain text alike from its queue.
const CONSUMER = `import type { SQSEvent } from 'aws-lambda';

export const received: unknown[] = [];

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    received.push(readMessage(record.body));
  }
};

function readMessage(body: string): unknown {
  try {
    const message = JSON.parse(body);
    return message.detail ?? message;
  } catch {
    return body;
  }
}
`;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const tracer = provider.getTracer('eventbridge-through-sqs-test');
let directory: string;
let notifyRefund: (topic: SNSClient, refund: { refundId: string }) => Promise<void>;
let publishPaymentCaptured: (events: EventBridgeClientType, payment: { paymentId: string; amountCents: number }) => Promise<void>;
let consumer: { handler: (event: { Records: SQSRecord[] }) => Promise<void>; received: unknown[] };
const sent: PutEventsRequestEntry[] = [];
const events = new EventBridgeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
// The request stops at the client's first step, with the input the command was given; an answer like the service's.
events.middlewareStack.add(
  () => async (args) => {
    sent.push(...((args.input as { Entries: PutEventsRequestEntry[] }).Entries ?? []));
    return { output: { $metadata: {}, FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }, response: {} };
  },
  { step: 'initialize', name: 'keepEntries' },
);

async function load<T>(transform: CodemodTransform, name: string, source: string): Promise<T> {
  const output = transform.apply({ path: join(directory, `${name}.ts`), source, options: { tracerName: 'runtime-test' } });
  expect(output.source).not.toBe(source);
  const { outputText } = ts.transpileModule(output.source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

/** The event an EventBridge rule delivers to an SQS target for one PutEvents entry. */
function toDeliveredEvent(entry: PutEventsRequestEntry): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: '123456789012',
    time: '2026-12-02T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: JSON.parse(entry.Detail!),
  };
}

function sqsRecord(body: string, messageAttributes: SQSRecord['messageAttributes'] = {}): SQSRecord {
  return {
    messageId: `m-${Math.random().toString(16).slice(2)}`,
    receiptHandle: 'handle',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1764669600000', SenderId: 'AROAEXAMPLE', ApproximateFirstReceiveTimestamp: '1764669600001' },
    messageAttributes,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:billing',
    awsRegion: 'eu-west-1',
  };
}

/** Publishes through the transformed producer inside a span; returns the delivered event's JSON and that span. */
async function publishInSpan(paymentId: string): Promise<{ body: string; publisher: ReadableSpan }> {
  sent.length = 0;
  await tracer.startActiveSpan('capture payment', async (span) => {
    await publishPaymentCaptured(events, { paymentId, amountCents: 1250 });
    span.end();
  });
  expect(sent).toHaveLength(1);
  const publisher = exporter.getFinishedSpans().find((span) => span.name === 'capture payment')!;
  return { body: JSON.stringify(toDeliveredEvent(sent[0]!)), publisher };
}

function recordSpans(): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.name === 'process billing');
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'eventbridge-through-sqs-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  ({ publishPaymentCaptured } = await load<{ publishPaymentCaptured: typeof publishPaymentCaptured }>(injectPropagation, 'payments', PRODUCER));
  ({ notifyRefund } = await load<{ notifyRefund: typeof notifyRefund }>(injectPropagation, 'refunds', SNS_PRODUCER));
  consumer = await load<typeof consumer>(wrapHandlers, 'billing', CONSUMER);
});

beforeEach(() => {
  exporter.reset();
  consumer.received.length = 0;
});

afterAll(async () => {
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe('an EventBridge event delivered through SQS to a transformed Lambda', () => {
  it("continues the publisher's trace: the record's CONSUMER span is its child and the invocation links to it", async () => {
    const { body, publisher } = await publishInSpan('p-1');
    await consumer.handler({ Records: [sqsRecord(body)] });
    const [record] = recordSpans();
    expect([record!.kind, record!.spanContext().traceId, record!.parentSpanContext?.spanId]).toEqual([SpanKind.CONSUMER, publisher.spanContext().traceId, publisher.spanContext().spanId]);
    const [invocation] = exporter.getFinishedSpans().filter((span) => span.name === 'billing.handler');
    expect(invocation!.links.map((link) => link.context.spanId)).toEqual([publisher.spanContext().spanId]);
    expect(consumer.received).toEqual([expect.objectContaining({ paymentId: 'p-1', amountCents: 1250 })]);
  });

  it('reads the message attributes first when the record has both', async () => {
    const { body } = await publishInSpan('p-2');
    const sender = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    await consumer.handler({ Records: [sqsRecord(body, { traceparent: { stringValue: `00-${sender.traceId}-${sender.spanId}-01`, dataType: 'String' } })] });
    const [record] = recordSpans();
    expect([record!.spanContext().traceId, record!.parentSpanContext?.spanId]).toEqual([sender.traceId, sender.spanId]);
  });

  it('handles bodies that carry no trace as before: text, broken JSON, JSON without a carrier, an event without one', async () => {
    const bodies = ['pay invoice 42 today', '{not json', JSON.stringify({ paymentId: 'p-3' }), JSON.stringify({ 'detail-type': 'PaymentCaptured', detail: { paymentId: 'p-4' } })];
    await consumer.handler({ Records: bodies.map((body) => sqsRecord(body)) });
    expect(consumer.received).toEqual(['pay invoice 42 today', '{not json', { paymentId: 'p-3' }, { paymentId: 'p-4' }]);
    // No remote parent: each record's span is a child of the invocation's span, which links to nothing.
    const [invocation] = exporter.getFinishedSpans().filter((span) => span.name === 'billing.handler');
    expect([invocation!.parentSpanContext, invocation!.links]).toEqual([undefined, []]);
    const spans = recordSpans();
    expect(spans.map((span) => [span.kind, span.parentSpanContext?.spanId])).toEqual(bodies.map(() => [SpanKind.CONSUMER, invocation!.spanContext().spanId]));
  });
});

describe('an SNS notification delivered through SQS (raw message delivery off) to a transformed Lambda', () => {
  const published: PublishInput[] = [];
  const topic = new SNSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  topic.middlewareStack.add(
    () => async (args) => {
      published.push(args.input as PublishInput);
      return { output: { $metadata: {}, MessageId: 'n-1' }, response: {} };
    },
    { step: 'initialize', name: 'keepInput' },
  );

  /** The body SNS gives an SQS subscriber without raw message delivery: the notification, attributes as `{ Type, Value }`. */
  function toNotification(input: PublishInput): string {
    const attributes = Object.entries(input.MessageAttributes ?? {}) as Array<[string, MessageAttributeValue]>;
    return JSON.stringify({
      Type: 'Notification',
      MessageId: 'a1b2c3d4-0000-4000-8000-000000000001',
      TopicArn: input.TopicArn,
      Message: input.Message,
      Timestamp: '2026-12-02T10:00:00.000Z',
      SignatureVersion: '1',
      MessageAttributes: Object.fromEntries(attributes.map(([key, value]) => [key, { Type: value.DataType, Value: value.StringValue }])),
    });
  }

  it("continues the publisher's trace from the notification's MessageAttributes", async () => {
    published.length = 0;
    await tracer.startActiveSpan('refund payment', async (span) => {
      await notifyRefund(topic, { refundId: 'r-1' });
      span.end();
    });
    const publisher = exporter.getFinishedSpans().find((span) => span.name === 'refund payment');
    expect(published).toHaveLength(1);
    await consumer.handler({ Records: [sqsRecord(toNotification(published[0]!))] });
    const [record] = recordSpans();
    expect([record!.kind, record!.spanContext().traceId, record!.parentSpanContext?.spanId]).toEqual([SpanKind.CONSUMER, publisher!.spanContext().traceId, publisher!.spanContext().spanId]);
  });

  it('gives no remote parent for a notification published without a carrier', async () => {
    const notification = JSON.stringify({ Type: 'Notification', Message: '{}', MessageAttributes: { source: { Type: 'String', Value: 'refunds' } } });
    await consumer.handler({ Records: [sqsRecord(notification)] });
    const [invocation] = exporter.getFinishedSpans().filter((span) => span.name === 'billing.handler');
    expect(recordSpans().map((span) => span.parentSpanContext?.spanId)).toEqual([invocation!.spanContext().spanId]);
  });
});
