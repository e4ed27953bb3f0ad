import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/require-context-extraction.js';

/**
 * Cases of otel/require-context-extraction, shared by its RuleTester test and by the catalog coverage test
 * (which checks that every consume operation of the catalog appears in both lists).
 */

const notExtracted = (operation: string, location: string, line: number, column: number) => ({
  messageId: 'notExtracted' as const,
  data: { operation, location },
  line,
  column,
});

export const valid: ValidTestCase<Options>[] = [
  // CommonJS Lambda handler typed by JSDoc: each record's context is extracted.
  {
    code: `const { propagation, ROOT_CONTEXT, trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
/** @param {import('aws-lambda').SQSEvent} event */
exports.handler = async (event) => {
  for (const record of event.Records) {
    const parent = propagation.extract(ROOT_CONTEXT, record.messageAttributes, sqsGetter);
    tracer.startSpan('orders process', {}, parent).end();
  }
};`,
  },
  // An untyped CommonJS handler: nothing says which events it receives.
  {
    code: `const { trace } = require('@opentelemetry/api');
exports.handler = async (event) => {
  trace.getTracer('x').startSpan('work').end();
};`,
  },
  // Lambda SQS: each record's context is extracted and passed as the parent.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const getter = { keys: (c: Record<string, unknown>) => Object.keys(c), get: (c: Record<string, { stringValue?: string }>, k: string) => c[k]?.stringValue };
export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    const parent = propagation.extract(ROOT_CONTEXT, record.messageAttributes, getter);
    const span = tracer.startSpan('orders process', {}, parent);
    span.end();
  }
}`,
  },
  // Lambda SQS typed through SQSHandler: the span is started inside context.with(extracted).
  {
    code: `import type { SQSHandler } from 'aws-lambda';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler: SQSHandler = async (event) => {
  for (const record of event.Records) {
    const parent = propagation.extract(context.active(), record.messageAttributes, sqsGetter);
    await context.with(parent, async () => {
      const span = tracer.startSpan('orders process');
      span.end();
    });
  }
};
declare const sqsGetter: never;`,
  },
  // Lambda SQS: one span for the batch, linked to every record's context.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  const links = event.Records.map((r) => ({ context: trace.getSpanContext(propagation.extract(ROOT_CONTEXT, r.messageAttributes))! }));
  const span = tracer.startSpan('orders process', { links });
  span.end();
}`,
  },
  // Lambda SQS: a helper listed in extractFunctions returns the record's context.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    tracer.startActiveSpan('orders process', {}, contextFromRecord(record), (span) => span.end());
  }
}
declare function contextFromRecord(record: unknown): never;`,
    options: [{ extractFunctions: ['contextFromRecord'] }],
  },
  // Lambda SQS: the handler starts no span (the Lambda instrumentation's own span is enough).
  {
    code: `import type { SQSEvent } from 'aws-lambda';
export async function handler(event: SQSEvent) {
  return event.Records.length;
}`,
  },
  // Lambda SNS: the record's context is extracted with the SNS getter.
  {
    code: `import type { SNSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export const handler = async (event: SNSEvent) => {
  for (const record of event.Records) {
    const parent = propagation.extract(ROOT_CONTEXT, record.Sns.MessageAttributes, snsGetter);
    tracer.startActiveSpan('notify process', {}, parent, (span) => span.end());
  }
};
declare const snsGetter: never;`,
  },
  // Lambda SNS typed through SNSHandler: the span is linked to the record.
  {
    code: `import type { SNSHandler } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export const handler: SNSHandler = async (event) => {
  const parent = propagation.extract(ROOT_CONTEXT, event.Records[0]?.Sns.MessageAttributes ?? {});
  const span = tracer.startSpan('notify process', { links: [{ context: trace.getSpanContext(parent)! }] });
  span.end();
};`,
  },
  // Lambda Kinesis: each record's context is extracted from the envelope in its base64 JSON data.
  {
    code: `import type { KinesisStreamEvent } from 'aws-lambda';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('clicks');
export const handler = async (event: KinesisStreamEvent) => {
  for (const record of event.Records) {
    const payload = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    const span = tracer.startSpan('clicks process', {}, propagation.extract(context.active(), payload._trace ?? {}));
    span.end();
  }
};`,
  },
  // Lambda EventBridge: the carrier inside detail is extracted.
  {
    code: `import type { EventBridgeEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: EventBridgeEvent<'OrderPlaced', { _trace: Record<string, string> }>) {
  const parent = propagation.extract(ROOT_CONTEXT, event.detail._trace);
  const span = tracer.startSpan('OrderPlaced process', undefined, parent);
  span.end();
}`,
  },
  // Lambda EventBridge: the extracted context is made active, then the span is started.
  {
    code: `import type { EventBridgeHandler } from 'aws-lambda';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler: EventBridgeHandler<'OrderPlaced', { _trace: object }, void> = async (event) =>
  context.with(propagation.extract(context.active(), event.detail._trace), () => tracer.startActiveSpan('OrderPlaced process', (span) => span.end()));`,
  },
  // Not a Lambda handler: a plain function whose parameter is not typed as an event.
  {
    code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('jobs');
export async function handler(event: { id: string }) {
  tracer.startSpan('job').end();
}`,
  },
  // kafkajs eachMessage: extracted context as the parent of startActiveSpan.
  {
    code: `import { Kafka } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const consumer = new Kafka({ brokers: ['b'] }).consumer({ groupId: 'g' });
await consumer.run({
  eachMessage: async ({ topic, message }) => {
    const parent = propagation.extract(context.active(), message.headers ?? {}, kafkaGetter);
    await tracer.startActiveSpan(\`\${topic} process\`, {}, parent, async (span) => {
      span.end();
    });
  },
});
declare const kafkaGetter: never;`,
  },
  // kafkajs eachMessage: the kafkajs instrumentation makes the message's context active.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async () => {
    const span = tracer.startSpan('orders process');
    span.end();
  },
});`,
    options: [{ autoInstrumented: ['kafkajs'] }],
  },
  // kafkajs eachMessage: the handler is a named function declared in the file.
  {
    code: `import type { Consumer, EachMessagePayload } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
async function handleMessage({ message }: EachMessagePayload) {
  const span = tracer.startSpan('orders process', {}, propagation.extract(context.active(), message.headers));
  span.end();
}
export const start = (consumer: Consumer) => consumer.run({ eachMessage: handleMessage });`,
  },
  // kafkajs eachMessage: the handler hands work to spans nested inside its own extracted span.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = propagation.extract(context.active(), message.headers);
    return tracer.startActiveSpan('orders process', {}, parent, async (span) => {
      const child = tracer.startSpan('orders save');
      child.end();
      span.end();
    });
  },
});`,
  },
  // kafkajs eachMessage: the parent is given by a parameter we cannot see into.
  {
    code: `import type { Consumer, Context } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer, parent: import('@opentelemetry/api').Context) => consumer.run({
  eachMessage: async () => {
    tracer.startSpan('orders process', {}, parent).end();
  },
});`,
  },
  // kafkajs eachBatch: every message gets a span whose parent is extracted from it.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) {
      const parent = propagation.extract(context.active(), message.headers);
      tracer.startSpan('orders process', {}, parent).end();
    }
  },
});`,
  },
  // kafkajs eachBatch: one batch span linked to every message.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachBatch: async ({ batch }) => {
    const links = batch.messages.map((m) => ({ context: trace.getSpanContext(propagation.extract(context.active(), m.headers))! }));
    tracer.startSpan('orders process', { links }).end();
  },
});`,
  },
  // kafkajs: a span started outside any handler is not this rule's business.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function start(consumer: Consumer) {
  const span = tracer.startSpan('consumer start');
  await consumer.run({ eachMessage: async () => {} });
  span.end();
}`,
  },
  // amqplib: the message's headers are extracted and the span runs in that context.
  {
    code: `import type { Channel, ConsumeMessage } from 'amqplib';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function start(channel: Channel) {
  await channel.consume('orders', (msg: ConsumeMessage | null) => {
    if (!msg) return;
    const parent = propagation.extract(context.active(), msg.properties.headers);
    context.with(parent, () => {
      const span = tracer.startSpan('orders process');
      span.end();
    });
  });
}`,
  },
  // amqplib: the amqplib instrumentation runs the callback in the message's context.
  {
    code: `import type { Channel } from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', () => {
  tracer.startSpan('orders process').end();
});`,
    options: [{ autoInstrumented: ['amqplib'] }],
  },
  // amqplib: the parent comes from a trace.setSpan on the extracted context.
  {
    code: `import type { Channel } from 'amqplib';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', (msg) => {
  const extracted = propagation.extract(context.active(), msg?.properties.headers ?? {});
  const parent = trace.setSpan(extracted, trace.wrapSpanContext(trace.getSpanContext(extracted)!));
  tracer.startSpan('orders process', {}, parent).end();
});`,
  },
  // Not amqplib: a consume() on a "channel" in a file that never imports amqplib.
  {
    code: `import { trace } from '@opentelemetry/api';
import { channel } from './realtime';
const tracer = trace.getTracer('ws');
channel.consume('updates', () => {
  tracer.startSpan('update').end();
});`,
  },
  // Pub/Sub: the attributes are extracted and passed as the parent.
  {
    code: `import { PubSub, type Message } from '@google-cloud/pubsub';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscription = new PubSub().subscription('orders-sub');
subscription.on('message', (message: Message) => {
  const parent = propagation.extract(context.active(), message.attributes);
  tracer.startActiveSpan('orders process', {}, parent, (span) => {
    message.ack();
    span.end();
  });
});`,
  },
  // Pub/Sub: an error listener is not a message handler.
  {
    code: `import type { Subscription } from '@google-cloud/pubsub';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const watch = (subscription: Subscription) => subscription.on('error', () => {
  tracer.startSpan('subscription error').end();
});`,
  },
  // Not Pub/Sub: a 'message' listener on a subscription object from a file without the Pub/Sub client.
  {
    code: `import { trace } from '@opentelemetry/api';
import { subscription } from './ws';
const tracer = trace.getTracer('ws');
subscription.on('message', () => {
  tracer.startSpan('ws message').end();
});`,
  },
  // NATS loop: each message's headers are extracted.
  {
    code: `import { connect } from 'nats';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const nc = await connect();
const sub = nc.subscribe('orders.*');
for await (const msg of sub) {
  const parent = propagation.extract(context.active(), msg.headers, natsGetter);
  const span = tracer.startSpan('orders process', {}, parent);
  span.end();
}
declare const natsGetter: never;`,
  },
  // NATS loop directly over the subscription: a helper listed in extractFunctions.
  {
    code: `import type { NatsConnection } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function run(nc: NatsConnection) {
  for await (const msg of nc.subscribe('orders')) {
    tracer.startActiveSpan('orders process', {}, contextFromNats(msg), (span) => span.end());
  }
}
declare function contextFromNats(msg: unknown): never;`,
    options: [{ extractFunctions: ['contextFromNats'] }],
  },
  // NATS loop over something that is not a subscription.
  {
    code: `import type { NatsConnection } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function run(nc: NatsConnection, items: AsyncIterable<unknown>) {
  for await (const item of items) tracer.startSpan('item').end();
}`,
  },
  // NATS callback: the message headers are extracted.
  {
    code: `import type { NatsConnection } from 'nats';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const listen = (nc: NatsConnection) => nc.subscribe('orders', {
  callback: (err, msg) => {
    const parent = propagation.extract(context.active(), msg.headers, natsGetter);
    tracer.startSpan('orders process', {}, parent).end();
  },
});
declare const natsGetter: never;`,
  },
  // BullMQ: the carrier in job.data is extracted.
  {
    code: `import { Worker } from 'bullmq';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async (job) => {
  const parent = propagation.extract(context.active(), job.data._trace);
  return tracer.startActiveSpan('emails process', {}, parent, async (span) => {
    span.end();
  });
});`,
  },
  // BullMQ: the worker is created with BullMQ's own telemetry.
  {
    code: `import { Worker } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async () => {
  tracer.startSpan('emails send').end();
}, { connection: {}, telemetry: new BullMQOtel('emails') });`,
  },
  // BullMQ: the processor is a named function declared in the file and extracts the carrier.
  {
    code: `import { Worker, type Job } from 'bullmq';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
async function processEmail(job: Job) {
  const span = tracer.startSpan('emails process', {}, propagation.extract(context.active(), job.data._trace));
  span.end();
}
export const worker = new Worker('emails', processEmail);`,
  },
  // BullMQ: listed in autoInstrumented because the workers are created with telemetry.
  {
    code: `import { Worker } from 'bullmq';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async () => {
  tracer.startSpan('emails process').end();
});`,
    options: [{ autoInstrumented: ['bullmq'] }],
  },
  // Not BullMQ: a web Worker in a file that does not import bullmq.
  {
    code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('ui');
export const worker = new Worker('worker.js', { type: 'module' });
worker.onmessage = () => tracer.startSpan('message').end();`,
  },
  // Service Bus: applicationProperties extracted in processMessage.
  {
    code: `import { ServiceBusClient } from '@azure/service-bus';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const receiver = new ServiceBusClient('conn').createReceiver('orders');
receiver.subscribe({
  processMessage: async (message) => {
    const parent = propagation.extract(context.active(), message.applicationProperties ?? {});
    tracer.startSpan('orders process', {}, parent).end();
  },
  processError: async () => {},
});`,
  },
  // Service Bus: processMessage as a method, running the span inside context.with.
  {
    code: `import type { ServiceBusReceiver } from '@azure/service-bus';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const handlers = {
  async processMessage(message: { applicationProperties?: Record<string, unknown> }) {
    const parent = propagation.extract(context.active(), message.applicationProperties);
    await context.with(parent, async () => tracer.startSpan('orders process').end());
  },
};
export const start = (receiver: ServiceBusReceiver) => receiver.subscribe({ processMessage: handlers.processMessage, processError: async () => {} });`,
  },
  // Service Bus: only processError starts a span, which is not a message handler.
  {
    code: `import type { ServiceBusReceiver } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (receiver: ServiceBusReceiver) => receiver.subscribe({
  processMessage: async () => {},
  processError: async () => { tracer.startSpan('receive error').end(); },
});`,
  },
  // node-redis: the carrier is parsed from the JSON message.
  {
    code: `import { createClient } from 'redis';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscriber = createClient();
await subscriber.subscribe('orders', (message) => {
  const { _trace, ...order } = JSON.parse(message);
  const parent = propagation.extract(context.active(), _trace);
  tracer.startSpan('orders process', { attributes: { id: order.id } }, parent).end();
});`,
  },
  // node-redis: a subscribe without a listener callback.
  {
    code: `import { createClient } from 'redis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscriber = createClient();
await subscriber.subscribe('orders', listener);
function listener() {
  return 1;
}
tracer.startSpan('startup').end();`,
  },
  // ioredis: the carrier is parsed from the JSON message.
  {
    code: `import Redis from 'ioredis';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const sub = new Redis();
sub.on('message', (channel, message) => {
  const parent = propagation.extract(context.active(), JSON.parse(message)._trace);
  tracer.startActiveSpan(\`\${channel} process\`, {}, parent, (span) => span.end());
});`,
  },
  // ioredis: a 'ready' listener is not a message handler.
  {
    code: `import Redis from 'ioredis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const sub = new Redis();
sub.on('ready', () => tracer.startSpan('redis ready').end());`,
  },
  // kafkajs: the extracted context is stored in a let and reassigned before use.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    let parent = context.active();
    if (message.headers) parent = propagation.extract(parent, message.headers);
    tracer.startSpan('orders process', {}, parent).end();
  },
});`,
  },
  // kafkajs: the parent is chosen conditionally between an extracted and the active context.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = message.headers ? propagation.extract(context.active(), message.headers) : context.active();
    tracer.startSpan('orders process', {}, parent).end();
  },
});`,
  },
  // amqplib: a span inside startActiveSpan's callback is judged with its outer span, which is extracted.
  {
    code: `import type { Channel } from 'amqplib';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', (msg) => {
  tracer.startActiveSpan('orders process', {}, propagation.extract(context.active(), msg!.properties.headers), (span) => {
    tracer.startActiveSpan('orders validate', (inner) => inner.end());
    span.end();
  });
});`,
  },
  // amqplib: a span inside context.with of another span's context is nested under that span.
  {
    code: `import type { Channel } from 'amqplib';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', (msg) => {
  const span = tracer.startSpan('orders process', {}, propagation.extract(context.active(), msg!.properties.headers));
  context.with(trace.setSpan(context.active(), span), () => {
    tracer.startSpan('orders save').end();
  });
  span.end();
});`,
  },
  // Lambda SQS: options come from a variable we cannot see into.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { trace, type SpanOptions } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent, options: SpanOptions) {
  tracer.startSpan('orders process', options).end();
}`,
  },
  // Lambda SQS: the extracted context goes through ctx.setValue before use.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { createContextKey, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const KEY = createContextKey('tenant');
export async function handler(event: SQSEvent) {
  const parent = propagation.extract(ROOT_CONTEXT, event.Records[0]!.messageAttributes).setValue(KEY, 't1');
  tracer.startSpan('orders process', {}, parent).end();
}`,
  },
  // Pub/Sub: the span is linked through a links variable.
  {
    code: `import type { Message, Subscription } from '@google-cloud/pubsub';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const listen = (subscription: Subscription) => subscription.on('message', (message: Message) => {
  const options = { links: [{ context: trace.getSpanContext(propagation.extract(context.active(), message.attributes))! }] };
  tracer.startSpan('orders process', options).end();
});`,
  },
  // ioredis messageBuffer listener: the carrier is extracted with a propagator instance.
  {
    code: `import Redis from 'ioredis';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, defaultTextMapGetter, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const propagator = new W3CTraceContextPropagator();
const subscriber = new Redis();
subscriber.on('messageBuffer', (channel, message) => {
  const parent = propagator.extract(context.active(), JSON.parse(message.toString())._trace, defaultTextMapGetter);
  tracer.startSpan('orders process', {}, parent).end();
});`,
  },
  // TODO: should report the span started in record(), which the NATS callback calls (helpers are not followed).
  {
    code: `import type { NatsConnection } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
function record() {
  tracer.startSpan('orders audit').end();
}
export const listen = (nc: NatsConnection) => nc.subscribe('orders', { callback: () => record() });`,
  },
  // kafkajs eachMessage: the span is started inside context.with of the extracted context, nested in a map.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = propagation.extract(context.active(), message.headers);
    await context.with(parent, () => Promise.all(['a', 'b'].map(async (step) => tracer.startSpan(step).end())));
  },
});`,
  },
  // Lambda SNS: the Lambda instrumentation is listed, but the span already has the extracted parent.
  {
    code: `import type { SNSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export async function handler(event: SNSEvent) {
  const record = event.Records[0]!;
  tracer.startSpan('notify process', {}, propagation.extract(ROOT_CONTEXT, record.Sns.MessageAttributes, snsGetter)).end();
}
declare const snsGetter: never;`,
    options: [{ autoInstrumented: ['aws-lambda'] }],
  },
  // Service Bus receiver from a local: the message context is extracted through a helper.
  {
    code: `import { ServiceBusClient } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const receiver = new ServiceBusClient('conn').createReceiver('orders');
receiver.subscribe({
  processMessage: async (message) => tracer.startActiveSpan('orders process', {}, fromServiceBus(message), (span) => span.end()),
  processError: async () => {},
});
declare function fromServiceBus(message: unknown): never;`,
    options: [{ extractFunctions: ['fromServiceBus'] }],
  },
  // kafkajs eachMessage: the parent is the extracted context awaited from an async helper.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = await extractAsync(message.headers);
    tracer.startSpan('orders process', {}, parent).end();
  },
});
declare function extractAsync(headers: unknown): Promise<never>;`,
    options: [{ extractFunctions: ['extractAsync'] }],
  },
  // NATS loop: startSpan on an object that is not a tracer (a metrics helper) starts no span.
  {
    code: `import type { NatsConnection } from 'nats';
export async function run(nc: NatsConnection, metrics: { startSpan(name: string): void }) {
  for await (const msg of nc.subscribe('orders')) metrics.startSpan('orders');
}`,
  },
  // BullMQ: the extracted context is made active for the whole processor through context.with.
  {
    code: `import { Worker } from 'bullmq';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', (job) =>
  context.with(propagation.extract(context.active(), job.data._trace), async () => {
    const span = tracer.startSpan('emails process');
    span.end();
  }));`,
  },
  // node-redis pSubscribe: the carrier is extracted.
  {
    code: `import { createClient } from 'redis';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const client = createClient();
await client.pSubscribe('orders.*', (message, channel) => {
  tracer.startSpan(\`\${channel} process\`, {}, propagation.extract(context.active(), JSON.parse(message)._trace)).end();
});`,
  },
  // amqplib callback API: extracted and passed.
  {
    code: `const amqp = require('amqplib/callback_api');
const { context, propagation, trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
amqp.connect('amqp://localhost', (err, connection) => {
  connection.createChannel((error, channel) => {
    channel.consume('orders', (msg) => {
      tracer.startSpan('orders process', {}, propagation.extract(context.active(), msg.properties.headers)).end();
    });
  });
});`,
  },
  // TODO: should report a span started in a Lambda handler written in plain JavaScript (no event type to recognise it by).
  {
    code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
exports.handler = async (event) => {
  for (const record of event.Records) tracer.startSpan('orders process').end();
};`,
  },
  // kafkajs eachMessage: a handler that starts no span of its own.
  {
    code: `import type { Consumer } from 'kafkajs';
export const start = (consumer: Consumer, save: (value: unknown) => Promise<void>) => consumer.run({
  eachMessage: async ({ message }) => save(message.value),
});`,
  },
  // Lambda SQS: links held in a local constant options object.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  const record = event.Records[0]!;
  const options = { links: [{ context: trace.getSpanContext(propagation.extract(ROOT_CONTEXT, record.messageAttributes))! }] };
  tracer.startSpan('orders process', options).end();
}`,
  },
  // TODO: should report a span started in a helper function that a handler calls (only the handler's own body is read).
  {
    code: `import type { Channel } from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const handle = () => tracer.startSpan('orders process').end();
export const start = (channel: Channel) => channel.consume('orders', () => handle());`,
  },
  // sqs-consumer: the span's parent is extracted from the message's attributes.
  {
    code: `import { Consumer } from 'sqs-consumer';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const getter = { keys: (carrier: Record<string, { StringValue?: string }>) => Object.keys(carrier), get: (carrier: Record<string, { StringValue?: string }>, key: string) => carrier[key]?.StringValue };
export const app = Consumer.create({
  queueUrl: process.env.QUEUE_URL,
  handleMessage: async (message) => {
    const parent = propagation.extract(context.active(), message.MessageAttributes ?? {}, getter);
    tracer.startSpan('orders process', {}, parent).end();
  },
});`,
  },
  // sqs-consumer handleMessageBatch: one span over the batch, linked to every message that carries a context.
  {
    code: `import { Consumer } from 'sqs-consumer';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('stock');
const getter = { keys: (carrier: Record<string, { StringValue?: string }>) => Object.keys(carrier), get: (carrier: Record<string, { StringValue?: string }>, key: string) => carrier[key]?.StringValue };
export const app = Consumer.create({
  queueUrl: process.env.QUEUE_URL,
  handleMessageBatch: async (messages) => {
    const links = messages.flatMap((message) => {
      const linked = trace.getSpanContext(propagation.extract(context.active(), message.MessageAttributes ?? {}, getter));
      return linked ? [{ context: linked }] : [];
    });
    tracer.startSpan('stock process', { links }).end();
    return messages;
  },
});`,
  },
  // kafkajs: the handler is imported from another module, whose span this file cannot see; wrap-handlers notes the
  // registration instead (`handlers.onOrder is imported from './handlers'`).
  // TODO: should report the span in ./handlers when the project's modules are followed for handlers, as for publishes.
  {
    code: `import type { Consumer } from 'kafkajs';
import * as handlers from './handlers';
export const start = (consumer: Consumer) => consumer.run({ eachMessage: handlers.onOrder });`,
  },
  // kafkajs: a `function` inside the method has a `this` of its own, so `this.handle` there is not the class's method.
  {
    code: `import type { Consumer, EachMessagePayload } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export class OrdersConsumer {
  constructor(private readonly consumer: Consumer) {}
  start() {
    const self = this;
    return this.consumer.run({ eachMessage: function (payload) { return self.handle(payload); } }).then(function (this: { handle: unknown }) { return this.handle; });
  }
  private async handle({ message }: EachMessagePayload) {
    tracer.startSpan('orders process').end();
  }
}`,
  },
];

export const invalid: InvalidTestCase<MessageId, Options>[] = [
  // CommonJS Lambda handler typed by JSDoc: a span per record without the record's context.
  {
    code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
/** @param {import('aws-lambda').SQSEvent} event */
exports.handler = async (event) => {
  for (const record of event.Records) {
    const span = tracer.startSpan('orders process');
    span.end();
  }
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 6, 18)],
  },
  // module.exports.handler typed as SQSHandler by JSDoc.
  {
    code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
/** @type {import('aws-lambda').SQSHandler} */
module.exports.handler = async (event) => {
  await tracer.startActiveSpan('orders process', async (span) => {
    span.end();
  });
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 9)],
  },
  // Lambda SQS: a span per record, parented to the invocation instead of the record's producer.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    const span = tracer.startSpan('orders process');
    span.end();
  }
}`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 6, 18)],
  },
  // Lambda SQS typed through SQSHandler: startActiveSpan without the extracted context.
  {
    code: `import type { SQSHandler } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler: SQSHandler = async (event) => {
  await tracer.startActiveSpan('orders process', async (span) => {
    span.end();
  });
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 9)],
  },
  // Lambda SQS: the context is extracted but never used.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    const parent = propagation.extract(ROOT_CONTEXT, record.messageAttributes, getter);
    const span = tracer.startSpan('orders process');
    span.end();
  }
}
declare const getter: never;`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 7, 18)],
  },
  // Lambda SQS: the Lambda instrumentation is listed, but it never reads the records.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  tracer.startSpan('orders batch').end();
}`,
    options: [{ autoInstrumented: ['aws-lambda'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: 'Lambda SQS handler',
          instrumentation: '@opentelemetry/instrumentation-aws-lambda',
          note: "takes the invocation's parent from HTTP headers or the X-Ray environment, never from the records of a batch",
          location: 'record.messageAttributes',
        },
        line: 5,
        column: 3,
      },
    ],
  },
  // Lambda SQS: ROOT_CONTEXT as an explicit parent starts a new trace.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  tracer.startSpan('orders process', {}, ROOT_CONTEXT).end();
}`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 3)],
  },
  // Lambda SQS: a qualified event type (lambda.SQSEvent).
  {
    code: `import type * as lambda from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler = async (event: lambda.SQSEvent) => {
  event.Records.forEach(() => tracer.startSpan('orders process').end());
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 31)],
  },
  // Lambda SNS: a span without the record's context.
  {
    code: `import type { SNSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export const handler = async (event: SNSEvent) => {
  for (const record of event.Records) {
    tracer.startActiveSpan('notify process', (span) => span.end());
  }
};`,
    errors: [notExtracted('Lambda SNS handler', 'record.Sns.MessageAttributes', 6, 5)],
  },
  // Lambda SNS typed through SNSHandler: context.active() is the invocation, not the producer.
  {
    code: `import type { SNSHandler } from 'aws-lambda';
import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export const handler: SNSHandler = async () => {
  tracer.startSpan('notify process', {}, context.active()).end();
};`,
    errors: [notExtracted('Lambda SNS handler', 'record.Sns.MessageAttributes', 5, 3)],
  },
  // Lambda SNS: the Lambda instrumentation is listed, but it never reads the records.
  {
    code: `import type { SNSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('notifications');
export async function handler(event: SNSEvent) {
  tracer.startSpan('notify process').end();
}`,
    options: [{ autoInstrumented: ['aws-lambda'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: 'Lambda SNS handler',
          instrumentation: '@opentelemetry/instrumentation-aws-lambda',
          note: "takes the invocation's parent from HTTP headers or the X-Ray environment, never from the records of a batch",
          location: 'record.Sns.MessageAttributes',
        },
        line: 5,
        column: 3,
      },
    ],
  },
  // Lambda Kinesis: a span per record, parented to the invocation instead of the record's producer.
  {
    code: `import type { KinesisStreamHandler } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('clicks');
export const handler: KinesisStreamHandler = async (event) => {
  for (const record of event.Records) {
    const span = tracer.startSpan('clicks process');
    span.end();
  }
};`,
    errors: [notExtracted('Lambda Kinesis handler', 'record.kinesis.data (base64 of JSON)', 6, 18)],
  },
  // Lambda EventBridge: a span without the detail's carrier.
  {
    code: `import type { EventBridgeEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: EventBridgeEvent<'OrderPlaced', { id: string }>) {
  const span = tracer.startSpan('OrderPlaced process', { attributes: { id: event.detail.id } });
  span.end();
}`,
    errors: [notExtracted('Lambda EventBridge handler', 'event.detail', 5, 16)],
  },
  // Lambda EventBridge typed through EventBridgeHandler: an empty links list does not link anything.
  {
    code: `import type { EventBridgeHandler } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler: EventBridgeHandler<'OrderPlaced', object, void> = async () => {
  tracer.startSpan('OrderPlaced process', { links: [] }).end();
};`,
    errors: [notExtracted('Lambda EventBridge handler', 'event.detail', 5, 3)],
  },
  // kafkajs eachMessage: a span without the message's context.
  {
    code: `import { Kafka } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const consumer = new Kafka({ brokers: ['b'] }).consumer({ groupId: 'g' });
await consumer.run({
  eachMessage: async ({ topic }) => {
    const span = tracer.startSpan(\`\${topic} process\`);
    span.end();
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 7, 18)],
  },
  // kafkajs eachMessage: the handler is a named function; startActiveSpan without the context.
  {
    code: `import type { Consumer, EachMessagePayload } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
async function handleMessage({ message }: EachMessagePayload) {
  await tracer.startActiveSpan('orders process', async (span) => {
    span.end();
  });
}
export const start = (consumer: Consumer) => consumer.run({ eachMessage: handleMessage });`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 5, 9)],
  },
  // kafkajs eachMessage as shorthand for a local const function.
  {
    code: `import type { Consumer, EachMessageHandler } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const eachMessage: EachMessageHandler = async () => {
  tracer.startSpan('orders process').end();
};
export const start = (consumer: Consumer) => consumer.run({ eachMessage });`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 5, 3)],
  },
  // kafkajs eachMessage: the extracted context is computed but the span uses context.active().
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = propagation.extract(context.active(), message.headers);
    tracer.startSpan('orders process', { attributes: { size: message.value?.length } }, context.active()).end();
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 7, 5)],
  },
  // kafkajs eachMessage: context.with(context.active()) does not bring the message's context.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async () => {
    await context.with(context.active(), async () => {
      tracer.startSpan('orders process').end();
    });
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 7, 7)],
  },
  // kafkajs eachMessage: spans started per item inside the handler.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const items: string[] = JSON.parse(String(message.value));
    await Promise.all(items.map(async (item) => tracer.startSpan(item).end()));
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 7, 49)],
  },
  // kafkajs eachMessage on a consumer kept on the instance.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace, type Tracer } from '@opentelemetry/api';
export class OrdersConsumer {
  private readonly tracer: Tracer = trace.getTracer('orders');
  constructor(private readonly consumer: Consumer) {}
  start() {
    return this.consumer.run({
      eachMessage: async () => {
        this.tracer.startSpan('orders process').end();
      },
    });
  }
}`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 9, 9)],
  },
  // kafkajs eachBatch: spans per message without their contexts.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) {
      tracer.startSpan('orders process').end();
    }
  },
});`,
    errors: [notExtracted('kafkajs eachBatch', 'message.headers', 7, 7)],
  },
  // kafkajs eachBatch: the kafkajs instrumentation does not make each message's context active.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) tracer.startSpan('orders process').end();
  },
});`,
    options: [{ autoInstrumented: ['kafkajs'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: 'kafkajs eachBatch',
          instrumentation: '@opentelemetry/instrumentation-kafkajs',
          note: 'runs eachBatch under one batch span; no message’s own context is active while you process it',
          location: 'message.headers',
        },
        line: 6,
        column: 43,
      },
    ],
  },
  // kafkajs with require: eachMessage without extraction.
  {
    code: `const { Kafka } = require('kafkajs');
const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
const consumer = new Kafka({ brokers: ['b'] }).consumer({ groupId: 'g' });
consumer.run({ eachMessage: async () => { tracer.startSpan('orders process').end(); } });`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 5, 43)],
  },
  // amqplib: a span without the message's headers.
  {
    code: `import type { Channel } from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function start(channel: Channel) {
  await channel.consume('orders', (msg) => {
    const span = tracer.startSpan('orders process');
    span.end();
    if (msg) channel.ack(msg);
  });
}`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 6, 18)],
  },
  // amqplib: a function expression callback with startActiveSpan.
  {
    code: `import amqp from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const connection = await amqp.connect('amqp://localhost');
const ch = await connection.createChannel();
await ch.consume('orders', function (msg) {
  tracer.startActiveSpan('orders process', (span) => span.end());
});`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 7, 3)],
  },
  // amqplib: the handler is a named function declared in the file.
  {
    code: `import type { Channel, ConsumeMessage } from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
function onMessage(msg: ConsumeMessage | null) {
  tracer.startSpan('orders process').end();
}
export const start = (channel: Channel) => channel.consume('orders', onMessage, { noAck: true });`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 5, 3)],
  },
  // amqplib callback API: consume without extraction.
  {
    code: `const amqp = require('amqplib/callback_api');
const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
amqp.connect('amqp://localhost', (err, connection) => {
  connection.createChannel((error, channel) => {
    channel.consume('orders', () => {
      tracer.startSpan('orders process').end();
    });
  });
});`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 7, 7)],
  },
  // amqplib: ROOT_CONTEXT from the api namespace.
  {
    code: `import type { Channel } from 'amqplib';
import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', () => {
  tracer.startSpan('orders process', {}, api.ROOT_CONTEXT).end();
});`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 5, 3)],
  },
  // Pub/Sub: a span without the message attributes' context.
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscription = new PubSub().subscription('orders-sub');
subscription.on('message', (message) => {
  const span = tracer.startSpan('orders process');
  message.ack();
  span.end();
});`,
    errors: [notExtracted("Pub/Sub subscription.on('message')", 'message.attributes', 6, 16)],
  },
  // Pub/Sub: the client's own tracing is listed, but spans started in the listener do not get its parent.
  {
    code: `import type { Subscription } from '@google-cloud/pubsub';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const listen = (ordersSubscription: Subscription) => ordersSubscription.on('message', () => {
  tracer.startSpan('orders process').end();
});`,
    options: [{ autoInstrumented: ['@google-cloud/pubsub'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: "Pub/Sub subscription.on('message')",
          instrumentation: '@google-cloud/pubsub (enableOpenTelemetryTracing)',
          note: 'the client’s own tracing reads googclient_traceparent for its own subscriber spans; spans you start in the listener do not get that parent',
          location: 'message.attributes',
        },
        line: 5,
        column: 3,
      },
    ],
  },
  // Pub/Sub: a once('message') listener.
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const sub = new PubSub().subscription('orders-sub');
sub.once('message', () => tracer.startActiveSpan('first message', (span) => span.end()));`,
    errors: [notExtracted("Pub/Sub subscription.on('message')", 'message.attributes', 5, 27)],
  },
  // NATS loop over a subscription variable: a span without the message's headers.
  {
    code: `import { connect } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const nc = await connect();
const sub = nc.subscribe('orders.*');
for await (const msg of sub) {
  const span = tracer.startSpan(\`\${msg.subject} process\`);
  span.end();
}`,
    errors: [notExtracted('NATS subscription loop', 'msg.headers', 7, 16)],
  },
  // NATS loop directly over nc.subscribe().
  {
    code: `import type { NatsConnection } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function run(nc: NatsConnection) {
  for await (const msg of nc.subscribe('orders')) {
    tracer.startActiveSpan('orders process', (span) => span.end());
  }
}`,
    errors: [notExtracted('NATS subscription loop', 'msg.headers', 6, 5)],
  },
  // NATS v3 packages: a loop with a span and no extraction.
  {
    code: `import { connect } from '@nats-io/transport-node';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const connection = await connect();
for await (const m of connection.subscribe('orders')) tracer.startSpan('orders process').end();`,
    errors: [notExtracted('NATS subscription loop', 'msg.headers', 5, 55)],
  },
  // NATS callback: a span without the headers.
  {
    code: `import type { NatsConnection } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const listen = (nc: NatsConnection) => nc.subscribe('orders', {
  callback: (err, msg) => {
    tracer.startSpan('orders process').end();
  },
});`,
    errors: [notExtracted('NATS subscription callback', 'msg.headers', 6, 5)],
  },
  // NATS callback written as a method.
  {
    code: `import { connect } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const nc = await connect();
nc.subscribe('orders', { queue: 'workers', callback(err, msg) { tracer.startSpan('orders process').end(); } });`,
    errors: [notExtracted('NATS subscription callback', 'msg.headers', 5, 65)],
  },
  // BullMQ: a processor span without the job's carrier.
  {
    code: `import { Worker } from 'bullmq';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async (job) => {
  const span = tracer.startSpan(\`emails \${job.name}\`);
  span.end();
});`,
    errors: [notExtracted('BullMQ Worker processor', 'job.data', 5, 16)],
  },
  // BullMQ: a worker whose telemetry option is explicitly off.
  {
    code: `import { Worker } from 'bullmq';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async () => {
  await tracer.startActiveSpan('emails process', async (span) => span.end());
}, { telemetry: undefined, concurrency: 5 });`,
    errors: [notExtracted('BullMQ Worker processor', 'job.data', 5, 9)],
  },
  // BullMQ: the processor is a named function.
  {
    code: `import { Worker, type Job } from 'bullmq';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
async function processEmail(job: Job) {
  tracer.startSpan('emails process').end();
}
export const worker = new Worker('emails', processEmail);`,
    errors: [notExtracted('BullMQ Worker processor', 'job.data', 5, 3)],
  },
  // BullMQ: the extracted context is not the one passed.
  {
    code: `import { Worker } from 'bullmq';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async (job) => {
  propagation.extract(context.active(), job.data._trace);
  tracer.startSpan('emails process', {}, context.active()).end();
});`,
    errors: [notExtracted('BullMQ Worker processor', 'job.data', 6, 3)],
  },
  // Service Bus: processMessage without extraction.
  {
    code: `import { ServiceBusClient } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const receiver = new ServiceBusClient('conn').createReceiver('orders');
receiver.subscribe({
  processMessage: async (message) => {
    tracer.startSpan('orders process').end();
  },
  processError: async () => {},
});`,
    errors: [notExtracted('Service Bus receiver.subscribe', 'message.applicationProperties', 7, 5)],
  },
  // Service Bus: Azure SDK tracing is listed, but it does not parent your spans.
  {
    code: `import type { ServiceBusReceiver } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (receiver: ServiceBusReceiver) => receiver.subscribe({
  async processMessage() {
    tracer.startSpan('orders process').end();
  },
  async processError() {},
});`,
    options: [{ autoInstrumented: ['@azure/service-bus'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: 'Service Bus receiver.subscribe',
          instrumentation: '@azure/opentelemetry-instrumentation-azure-sdk',
          note: 'records a process span linked to the message; spans you start in processMessage are not its children',
          location: 'message.applicationProperties',
        },
        line: 6,
        column: 5,
      },
    ],
  },
  // Service Bus: the handler is a named function.
  {
    code: `import type { ServiceBusReceiver, ServiceBusReceivedMessage } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
async function processMessage(message: ServiceBusReceivedMessage) {
  await tracer.startActiveSpan('orders process', async (span) => span.end());
}
export const start = (ordersReceiver: ServiceBusReceiver) => ordersReceiver.subscribe({ processMessage, processError: async () => {} });`,
    errors: [notExtracted('Service Bus receiver.subscribe', 'message.applicationProperties', 5, 9)],
  },
  // node-redis: subscribe listener with a span and no extraction.
  {
    code: `import { createClient } from 'redis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscriber = createClient();
await subscriber.subscribe('orders', (message) => {
  const order = JSON.parse(message);
  tracer.startSpan('orders process', { attributes: { id: order.id } }).end();
});`,
    errors: [notExtracted('node-redis subscribe listener', 'the message (as JSON)', 7, 3)],
  },
  // node-redis: the redis instrumentation is listed, but it does not touch messages.
  {
    code: `import { createClient } from 'redis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const client = createClient();
await client.subscribe('orders', () => tracer.startSpan('orders process').end());`,
    options: [{ autoInstrumented: ['redis'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: 'node-redis subscribe listener',
          instrumentation: '@opentelemetry/instrumentation-redis',
          note: 'traces the PUBLISH command but leaves the message untouched',
          location: 'the message (as JSON)',
        },
        line: 5,
        column: 40,
      },
    ],
  },
  // node-redis: sSubscribe listener.
  {
    code: `import { createClient } from 'redis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const redisClient = createClient();
await redisClient.sSubscribe('orders', (message) => {
  tracer.startActiveSpan('orders process', (span) => span.end());
});`,
    errors: [notExtracted('node-redis subscribe listener', 'the message (as JSON)', 6, 3)],
  },
  // ioredis: a message listener with a span and no extraction.
  {
    code: `import Redis from 'ioredis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const sub = new Redis();
sub.on('message', (channel, message) => {
  const span = tracer.startSpan(\`\${channel} process\`);
  span.end();
});`,
    errors: [notExtracted("ioredis on('message') listener", 'the message (as JSON)', 6, 16)],
  },
  // ioredis: the ioredis instrumentation is listed, but it does not touch messages.
  {
    code: `import Redis from 'ioredis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const subscriber = new Redis();
subscriber.on('message', () => tracer.startSpan('orders process').end());`,
    options: [{ autoInstrumented: ['ioredis'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        data: {
          operation: "ioredis on('message') listener",
          instrumentation: '@opentelemetry/instrumentation-ioredis',
          note: 'traces the PUBLISH command but leaves the message untouched',
          location: 'the message (as JSON)',
        },
        line: 5,
        column: 32,
      },
    ],
  },
  // ioredis: messageBuffer listener.
  {
    code: `import Redis from 'ioredis';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const redis = new Redis();
redis.on('messageBuffer', (channel, message) => {
  tracer.startSpan('orders process').end();
});`,
    errors: [notExtracted("ioredis on('message') listener", 'the message (as JSON)', 6, 3)],
  },
  // Two spans in one handler: the extracted one passes, the other does not.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = propagation.extract(context.active(), message.headers);
    tracer.startSpan('orders process', {}, parent).end();
    tracer.startSpan('orders audit').end();
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 8, 5)],
  },
  // A handler inside a handler: the inner one (amqplib) is the one the span belongs to.
  {
    code: `import type { Channel } from 'amqplib';
import type { Consumer } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('bridge');
export const start = (consumer: Consumer, channel: Channel) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = propagation.extract(context.active(), message.headers);
    await context.with(parent, async () => {
      await channel.consume('replies', () => {
        tracer.startSpan('reply process').end();
      });
    });
  },
});`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 10, 9)],
  },
  // Lambda SQS: only one of two sequential spans has the extracted parent.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    tracer.startSpan('orders process', {}, propagation.extract(ROOT_CONTEXT, record.messageAttributes)).end();
  }
  tracer.startSpan('orders flush').end();
}`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 8, 3)],
  },
  // Lambda SQS with a function expression handler typed by its event parameter.
  {
    code: `import type { SQSEvent } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler = async function (event: SQSEvent) {
  await Promise.all(event.Records.map(async () => tracer.startSpan('orders process').end()));
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 51)],
  },
  // kafkajs eachMessage: an extractFunctions helper is configured but the span does not use it.
  {
    code: `import type { Consumer } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async ({ message }) => {
    const parent = contextFromHeaders(message.headers);
    tracer.startSpan('orders process').end();
  },
});
declare function contextFromHeaders(headers: unknown): never;`,
    options: [{ extractFunctions: ['contextFromHeaders'] }],
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 7, 5)],
  },
  // amqplib: span options from a local constant without links, and context.active() as the parent.
  {
    code: `import type { Channel } from 'amqplib';
import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (channel: Channel) => channel.consume('orders', () => {
  const options = { kind: 5 };
  tracer.startSpan('orders process', options, context.active()).end();
});`,
    errors: [notExtracted('amqplib channel.consume', 'msg.properties.headers', 6, 3)],
  },
  // Pub/Sub: addListener form.
  {
    code: `import type { Subscription } from '@google-cloud/pubsub';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const listen = (subscription: Subscription) => subscription.addListener('message', () => {
  tracer.startSpan('orders process').end();
});`,
    errors: [notExtracted("Pub/Sub subscription.on('message')", 'message.attributes', 5, 3)],
  },
  // BullMQ: spans for each step of a job, none with the job's context.
  {
    code: `import { Worker } from 'bullmq';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('emails');
export const worker = new Worker('emails', async (job) => {
  for (const step of ['render', 'send']) {
    tracer.startSpan(step, { attributes: { job: job.id } }).end();
  }
});`,
    errors: [notExtracted('BullMQ Worker processor', 'job.data', 6, 5)],
  },
  // NATS JetStream-style loop over a variable holding a subscription with options.
  {
    code: `import { connect } from 'nats';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const nc = await connect();
const subscription = nc.subscribe('orders', { queue: 'workers', max: 10 });
for await (const msg of subscription) {
  tracer.startSpan('orders process').end();
  msg.respond();
}`,
    errors: [notExtracted('NATS subscription loop', 'msg.headers', 7, 3)],
  },
  // Service Bus: a span with links: [] is not linked.
  {
    code: `import type { ServiceBusReceiver } from '@azure/service-bus';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (receiver: ServiceBusReceiver) => receiver.subscribe({
  processMessage: async () => { tracer.startSpan('orders process', { links: [] }).end(); },
  processError: async () => {},
});`,
    errors: [notExtracted('Service Bus receiver.subscribe', 'message.applicationProperties', 5, 33)],
  },
  // Lambda EventBridge: context.with(ROOT_CONTEXT) is not the extracted context.
  {
    code: `import type { EventBridgeEvent } from 'aws-lambda';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function handler(event: EventBridgeEvent<'OrderPlaced', object>) {
  tracer.startSpan('OrderPlaced process', {}, ROOT_CONTEXT).end();
  return context.active();
}`,
    errors: [notExtracted('Lambda EventBridge handler', 'event.detail', 5, 3)],
  },
  // kafkajs eachMessage in a class method handler referenced through a function declaration chain.
  {
    code: `import { Kafka } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const kafkaConsumer = new Kafka({ brokers: ['b'] }).consumer({ groupId: 'g' });
await kafkaConsumer.run({ eachMessage: async function eachMessage({ message }) { tracer.startSpan(String(message.key)).end(); } });`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 5, 82)],
  },
  // Lambda SQS typed through SQSHandler with a function expression.
  {
    code: `import type { SQSHandler } from 'aws-lambda';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const handler: SQSHandler = async function (event) {
  for (const record of event.Records) tracer.startSpan(record.messageId).end();
};`,
    errors: [notExtracted('Lambda SQS handler', 'record.messageAttributes', 5, 39)],
  },
  // kafkajs eachMessage: empty links and the active context as the parent.
  {
    code: `import type { Consumer } from 'kafkajs';
import { context, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const start = (consumer: Consumer) => consumer.run({
  eachMessage: async () => {
    tracer.startSpan('orders process', { links: [] }, context.active()).end();
  },
});`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 6, 5)],
  },
  // kafkajs: a named same-file handler, registered on a consumer known by origin (`kafka.consumer()`).
  {
    code: `import { Kafka, type EachMessagePayload } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
const orders = new Kafka({ brokers: [] }).consumer({ groupId: 'orders' });
async function handle({ message }: EachMessagePayload) {
  tracer.startSpan('orders process').end();
  return message;
}
export const start = () => orders.run({ eachMessage: handle });`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 6, 3)],
  },
  // sqs-consumer: a span in handleMessage that ignores the message's attributes.
  {
    code: `import { Consumer } from 'sqs-consumer';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export const app = Consumer.create({
  queueUrl: process.env.QUEUE_URL,
  handleMessage: async (message) => {
    tracer.startSpan('orders process').end();
    return message;
  },
});`,
    errors: [notExtracted('sqs-consumer handleMessage', 'message.MessageAttributes', 7, 5)],
  },
  // sqs-consumer handleMessageBatch: a span per message that ignores its attributes.
  {
    code: `import { Consumer } from 'sqs-consumer';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('stock');
export const app = Consumer.create({
  queueUrl: process.env.QUEUE_URL,
  handleMessageBatch: async (messages) => {
    for (const message of messages) {
      tracer.startSpan('stock process').end();
    }
    return messages;
  },
});`,
    errors: [notExtracted('sqs-consumer handleMessageBatch', 'message.MessageAttributes', 8, 7)],
  },
  // kafkajs: the class registers its own private method, bound to the instance; the span in the method is the handler's.
  {
    code: `import type { Consumer, EachMessagePayload } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('refunds');
export class RefundConsumer {
  constructor(private readonly consumer: Consumer) {}
  start() {
    return this.consumer.run({ eachMessage: this.#handleRefund.bind(this) });
  }
  async #handleRefund({ message }: EachMessagePayload) {
    const span = tracer.startSpan('refunds process');
    span.end();
  }
}`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 10, 18)],
  },
  // kafkajs: a public method passed unbound (`this.handle`) is the handler too, whoever else calls it.
  {
    code: `import type { Consumer, EachMessagePayload } from 'kafkajs';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('invoices');
export class InvoiceConsumer {
  constructor(private readonly consumer: Consumer) {}
  async start() {
    await this.consumer.run({ eachMessage: this.handle });
  }
  async handle({ message }: EachMessagePayload) {
    tracer.startSpan('invoices process').end();
  }
}`,
    errors: [notExtracted('kafkajs eachMessage', 'message.headers', 10, 5)],
  },
];
