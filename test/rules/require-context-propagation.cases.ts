import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/require-context-propagation.js';

/**
 * Cases of otel/require-context-propagation, shared by its RuleTester test and by the catalog coverage test
 * (which checks that every publish operation of the catalog appears in both lists).
 */

const missing = (operation: string, location: string, line: number, column: number) => ({
  messageId: 'missingCarrier' as const,
  data: { operation, location },
  line,
  column,
});

export const valid: ValidTestCase<Options>[] = [
  // SQS: the carrier is injected and converted to message attributes with Object.entries(...).map(...).
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { context, propagation } from '@opentelemetry/api';
const sqs = new SQSClient({});
export async function send(body: string) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.QUEUE_URL,
    MessageBody: body,
    MessageAttributes: Object.fromEntries(Object.entries(carrier).map(([key, value]) => [key, { DataType: 'String', StringValue: value }])),
  }));
}`,
  },
  // SQS: the carrier is injected straight into the attributes object with a setter.
  {
    code: `import { SQSClient, SendMessageCommand, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import { context, propagation } from '@opentelemetry/api';
const client = new SQSClient({});
const setter = { set: (carrier: Record<string, MessageAttributeValue>, key: string, value: string) => { carrier[key] = { DataType: 'String', StringValue: value }; } };
export async function send(body: string) {
  const attributes: Record<string, MessageAttributeValue> = {};
  propagation.inject(context.active(), attributes, setter);
  await client.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: attributes }));
}`,
  },
  // SQS: the carrier arrives through a spread of a converted copy.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { context, propagation } from '@opentelemetry/api';
const base = { source: { DataType: 'String', StringValue: 'billing' } };
export function command(body: string) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  const traced = toAttributes(carrier);
  return new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: { ...base, ...traced } });
}
declare function toAttributes(carrier: object): Record<string, { DataType: string; StringValue: string }>;`,
  },
  // SQS: the attributes come in as a parameter; the caller may have injected them.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export function command(body: string, attributes: Record<string, never>) {
  return new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: attributes });
}`,
  },
  // SQS: the whole input is a parameter.
  {
    code: `import { SQSClient, SendMessageCommand, type SendMessageCommandInput } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const send = (input: SendMessageCommandInput) => sqs.send(new SendMessageCommand(input));`,
  },
  // SQS: the attributes are the result of a helper listed in injectFunctions.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export const command = (body: string) => new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: withTraceAttributes({}) });
declare function withTraceAttributes(attributes: object): Record<string, never>;`,
    options: [{ injectFunctions: ['withTraceAttributes'] }],
  },
  // SQS: a helper listed in injectFunctions fills the whole input before it is sent.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export async function send(body: string) {
  const input = { QueueUrl: 'q', MessageBody: body };
  addTraceContext(input);
  await sqs.send(new SendMessageCommand(input));
}
declare function addTraceContext(input: object): void;`,
    options: [{ injectFunctions: ['addTraceContext'] }],
  },
  // SQS: the AWS SDK instrumentation is loaded and the message has room for its two attributes.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export const command = (body: string) => new SendMessageCommand({
  QueueUrl: 'q',
  MessageBody: body,
  MessageAttributes: { tenant: { DataType: 'String', StringValue: 't1' }, kind: { DataType: 'String', StringValue: 'order' } },
});`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
  },
  // SQS: the AWS SDK instrumentation is loaded and the message has no attributes at all.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const send = (body: string) => sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: body }));`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
  },
  // SQS: the attributes are handed to a helper before the send; it may fill them, so nothing is claimed.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export function command(body: string) {
  const attributes = {};
  decorate(attributes);
  return new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: attributes });
}
declare function decorate(attributes: object): void;`,
  },
  // SQS: traceparent written by hand (formatted elsewhere) counts as propagating.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export const command = (body: string, tp: string) =>
  new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: { traceparent: { DataType: 'String', StringValue: tp } } });`,
  },
  // SQS v2: the traceparent attribute is assigned onto the attributes object before the call.
  {
    code: `import AWS from 'aws-sdk';
const sqs = new AWS.SQS();
export async function send(body: string, tp: string) {
  const attributes: AWS.SQS.MessageBodyAttributeMap = {};
  attributes.traceparent = { DataType: 'String', StringValue: tp };
  await sqs.sendMessage({ QueueUrl: 'q', MessageBody: body, MessageAttributes: attributes }).promise();
}`,
  },
  // SQS batch: every entry built by map gets the converted carrier.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { context, propagation } from '@opentelemetry/api';
export function command(bodies: string[]) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const attributes = Object.fromEntries(Object.entries(carrier).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
  return new SendMessageBatchCommand({
    QueueUrl: 'q',
    Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body, MessageAttributes: attributes })),
  });
}`,
  },
  // SQS batch: the AWS SDK instrumentation injects into every entry of SendMessageBatch.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
export const command = (bodies: string[]) =>
  new SendMessageBatchCommand({ QueueUrl: 'q', Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })) });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
  },
  // SQS batch: the entries come from elsewhere.
  {
    code: `import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
export const command = (entries: SendMessageBatchRequestEntry[]) => new SendMessageBatchCommand({ QueueUrl: 'q', Entries: entries });`,
  },
  // SNS: the carrier is converted into MessageAttributes.
  {
    code: `import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { context, propagation } from '@opentelemetry/api';
const sns = new SNSClient({});
export async function publish(message: string) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const MessageAttributes = Object.fromEntries(Object.entries(carrier).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
  await sns.send(new PublishCommand({ TopicArn: 'arn', Message: message, MessageAttributes }));
}`,
  },
  // SNS v2: the attributes are filled by inject with a setter.
  {
    code: `const AWS = require('aws-sdk');
const { context, propagation } = require('@opentelemetry/api');
const sns = new AWS.SNS();
const setter = { set(carrier, key, value) { carrier[key] = { DataType: 'String', StringValue: value }; } };
async function publish(message) {
  const attributes = {};
  propagation.inject(context.active(), attributes, setter);
  return sns.publish({ TopicArn: 'arn', Message: message, MessageAttributes: attributes }).promise();
}
module.exports = { publish };`,
  },
  // SNS: the AWS SDK instrumentation is loaded and 8 attributes leave room for its two.
  {
    code: `import { PublishCommand } from '@aws-sdk/client-sns';
const s = (value: string) => ({ DataType: 'String', StringValue: value });
export const command = (message: string) => new PublishCommand({
  TopicArn: 'arn',
  Message: message,
  MessageAttributes: { a: s('1'), b: s('2'), c: s('3'), d: s('4'), e: s('5'), f: s('6'), g: s('7'), h: s('8') },
});`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
  },
  // SNS batch: each entry built by map gets the carrier.
  {
    code: `import { PublishBatchCommand } from '@aws-sdk/client-sns';
import { context, propagation } from '@opentelemetry/api';
export function command(messages: string[]) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return new PublishBatchCommand({
    TopicArn: 'arn',
    PublishBatchRequestEntries: messages.map((Message, i) => ({ Id: String(i), Message, MessageAttributes: toAttributes(carrier) })),
  });
}
declare function toAttributes(carrier: object): Record<string, never>;`,
  },
  // EventBridge: the carrier travels inside the Detail JSON.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { context, propagation } from '@opentelemetry/api';
const events = new EventBridgeClient({});
export async function emit(detail: object) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  await events.send(new PutEventsCommand({
    Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ ...detail, _trace: carrier }) }],
  }));
}`,
  },
  // EventBridge: an X-Ray trace header is set on the entry.
  {
    code: `import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
export const command = (traceHeader: string) =>
  new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: '{}', TraceHeader: traceHeader }] });`,
  },
  // EventBridge: the Detail text is built elsewhere.
  {
    code: `import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
export const command = (detail: string) => new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: detail }] });`,
  },
  // Kinesis: the carrier is part of the JSON in Data.
  {
    code: `import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { context, propagation } from '@opentelemetry/api';
export function command(order: { id: string }) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  return new PutRecordCommand({ StreamName: 'orders', PartitionKey: order.id, Data: Buffer.from(JSON.stringify({ order, _trace: carrier })) });
}`,
  },
  // Kinesis batch: every record's Data carries the carrier.
  {
    code: `import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { context, propagation } from '@opentelemetry/api';
const encoder = new TextEncoder();
export function command(orders: { id: string }[]) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  return new PutRecordsCommand({
    StreamName: 'orders',
    Records: orders.map((order) => ({ PartitionKey: order.id, Data: encoder.encode(JSON.stringify({ ...order, _trace: carrier })) })),
  });
}`,
  },
  // kafkajs: the carrier is the message headers.
  {
    code: `import { Kafka } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
const producer = new Kafka({ brokers: ['b:9092'] }).producer();
export async function publish(value: string) {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  await producer.send({ topic: 'orders', messages: [{ value, headers }] });
}`,
  },
  // kafkajs: the carrier is spread into headers next to other headers.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publish(producer: Producer, value: string, id: string) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  await producer.send({ topic: 'orders', messages: [{ key: id, value, headers: { ...carrier, 'x-request-id': id } }] });
}`,
  },
  // kafkajs: messages built with map, each with the carrier.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publishAll(producer: Producer, values: string[]) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  await producer.send({ topic: 'orders', messages: values.map((value) => ({ value, headers: carrier })) });
}`,
  },
  // kafkajs: the kafkajs instrumentation is loaded and injects into every message.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, value: string) => producer.send({ topic: 'orders', messages: [{ value }] });`,
    options: [{ autoInstrumented: ['kafkajs'] }],
  },
  // kafkajs: the record comes in as a parameter.
  {
    code: `import type { Producer, ProducerRecord } from 'kafkajs';
export const publish = (producer: Producer, record: ProducerRecord) => producer.send(record);`,
  },
  // kafkajs sendBatch: every message carries the carrier.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publish(producer: Producer, value: string) {
  const headers = {};
  propagation.inject(context.active(), headers);
  await producer.sendBatch({ topicMessages: [{ topic: 'orders', messages: [{ value, headers }] }] });
}`,
  },
  // kafkajs sendBatch: the kafkajs instrumentation is loaded.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, value: string) => producer.sendBatch({ topicMessages: [{ topic: 'orders', messages: [{ value }] }] });`,
    options: [{ autoInstrumented: ['kafkajs'] }],
  },
  // Not kafkajs: an email "producer" whose send takes another shape, in a file that does not import kafkajs.
  {
    code: `const producer = createMailer();
export const notify = (to: string) => producer.send({ to, subject: 'Welcome', body: 'Hi' });
declare function createMailer(): { send(message: object): Promise<void> };`,
  },
  // amqplib: the carrier is the publish options' headers.
  {
    code: `import amqp from 'amqplib';
import { context, propagation } from '@opentelemetry/api';
export async function publish(channel: amqp.Channel, body: Buffer) {
  const headers = {};
  propagation.inject(context.active(), headers);
  channel.publish('orders', 'order.created', body, { persistent: true, headers });
}`,
  },
  // amqplib: the options come in as a parameter.
  {
    code: `import type { Channel, Options } from 'amqplib';
export const publish = (channel: Channel, body: Buffer, options: Options.Publish) => channel.publish('orders', 'created', body, options);`,
  },
  // amqplib: the amqplib instrumentation is loaded and injects into the headers.
  {
    code: `import type { Channel } from 'amqplib';
export const publish = (channel: Channel, body: Buffer) => channel.publish('orders', 'created', body);`,
    options: [{ autoInstrumented: ['amqplib'] }],
  },
  // amqplib sendToQueue: the carrier is injected into the options' headers member.
  {
    code: `import type { Channel } from 'amqplib';
import { context, propagation } from '@opentelemetry/api';
export function send(ch: Channel, body: Buffer) {
  const options = { headers: {} };
  propagation.inject(context.active(), options.headers);
  ch.sendToQueue('orders', body, options);
}`,
  },
  // Not amqplib: sendToQueue on a channel object from a file that never imports amqplib.
  {
    code: `import { channel } from './bus';
export const send = (body: string) => channel.sendToQueue('orders', body);`,
  },
  // amqplib sendToQueue: a helper listed in injectFunctions returns the headers.
  {
    code: `const amqp = require('amqplib/callback_api');
function send(channel, body) {
  channel.sendToQueue('orders', body, { headers: traceHeaders() });
}
module.exports = { amqp, send };`,
    options: [{ injectFunctions: ['traceHeaders'] }],
  },
  // Pub/Sub: the carrier is the message attributes.
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
import { context, propagation } from '@opentelemetry/api';
const topic = new PubSub().topic('orders');
export async function publish(data: Buffer) {
  const attributes: Record<string, string> = {};
  propagation.inject(context.active(), attributes);
  await topic.publishMessage({ data, attributes });
}`,
  },
  // Pub/Sub: the client's own tracing is relied on (listed in autoInstrumented).
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
const pubsub = new PubSub({ enableOpenTelemetryTracing: true });
export const publish = (data: Buffer) => pubsub.topic('orders').publishMessage({ data });`,
    options: [{ autoInstrumented: ['@google-cloud/pubsub'] }],
  },
  // Pub/Sub topic.publish: the carrier is the attributes argument.
  {
    code: `import type { Topic } from '@google-cloud/pubsub';
import { context, propagation } from '@opentelemetry/api';
export function publish(topic: Topic, data: Buffer) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return topic.publish(data, carrier);
}`,
  },
  // Not Pub/Sub: a publish on a "topic" from an in-house event bus, in a file without the Pub/Sub client.
  {
    code: `import { topic } from './events';
export const announce = () => topic.publish('ready');`,
  },
  // NATS: headers filled by inject with a setter that calls set().
  {
    code: `import { connect, headers } from 'nats';
import { context, propagation } from '@opentelemetry/api';
const nc = await connect();
export function publish(data: Uint8Array) {
  const h = headers();
  propagation.inject(context.active(), h, { set: (carrier, key, value) => carrier.set(key, value) });
  nc.publish('orders.created', data, { headers: h });
}`,
  },
  // NATS: traceparent set by hand on the headers.
  {
    code: `import { headers, type NatsConnection } from 'nats';
export function publish(nc: NatsConnection, data: Uint8Array, traceparent: string) {
  const h = headers();
  h.set('traceparent', traceparent);
  nc.publish('orders.created', data, { headers: h });
}`,
  },
  // NATS: the publish options come in as a parameter.
  {
    code: `import type { NatsConnection, PublishOptions } from 'nats';
export const publish = (nc: NatsConnection, data: Uint8Array, options: PublishOptions) => nc.publish('orders', data, options);`,
  },
  // NATS JetStream: headers carry the context.
  {
    code: `import { headers, type JetStreamClient } from 'nats';
import { context, propagation } from '@opentelemetry/api';
export async function publish(js: JetStreamClient, data: Uint8Array) {
  const h = headers();
  propagation.inject(context.active(), h, { set: (c, k, v) => c.set(k, v) });
  await js.publish('orders.created', data, { headers: h, msgID: 'x' });
}`,
  },
  // BullMQ: the carrier travels in the job data.
  {
    code: `import { Queue } from 'bullmq';
import { context, propagation } from '@opentelemetry/api';
const queue = new Queue('emails');
export async function enqueue(to: string) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  await queue.add('welcome', { to, _trace: carrier });
}`,
  },
  // BullMQ: the queue is created with BullMQ's own telemetry, which propagates by itself.
  {
    code: `import { Queue } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
const queue = new Queue('emails', { telemetry: new BullMQOtel('emails') });
export const enqueue = (to: string) => queue.add('welcome', { to });`,
  },
  // BullMQ: listed in autoInstrumented because the queues are created with telemetry elsewhere.
  {
    code: `import type { Queue } from 'bullmq';
export const enqueue = (queue: Queue, to: string) => queue.add('welcome', { to });`,
    options: [{ autoInstrumented: ['bullmq'] }],
  },
  // BullMQ FlowProducer: the parent job's data carries the carrier.
  {
    code: `import { FlowProducer } from 'bullmq';
import { context, propagation } from '@opentelemetry/api';
const flowProducer = new FlowProducer({ connection: { host: 'localhost' } });
export async function shipOrder(order: { id: string }) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  await flowProducer.add({ name: 'ship', queueName: 'shipping', data: { orderId: order.id, _trace: carrier }, children: [] });
}`,
  },
  // BullMQ FlowProducer created with the telemetry option propagates by itself.
  {
    code: `import { FlowProducer } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
const flowProducer = new FlowProducer({ connection: { host: 'localhost' }, telemetry: new BullMQOtel('shop') });
export const ship = (orderId: string) => flowProducer.add({ name: 'ship', queueName: 'shipping', data: { orderId } });`,
  },
  // AWS X-Ray wraps the whole v2 SDK: its clients send the X-Ray trace header with every message.
  {
    code: `const AWSXRay = require('aws-xray-sdk');
const AWS = AWSXRay.captureAWS(require('aws-sdk'));
const sqs = new AWS.SQS();
exports.notify = async (order) => sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(order) }).promise();`,
  },
  // AWS X-Ray wraps a v3 client.
  {
    code: `import AWSXRay from 'aws-xray-sdk-core';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = AWSXRay.captureAWSv3Client(new SQSClient({}));
export const notify = async (order: unknown) => {
  const command = new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(order) });
  return sqs.send(command);
};`,
  },
  // BullMQ addBulk: each job's data carries the carrier.
  {
    code: `import { Queue } from 'bullmq';
import { context, propagation } from '@opentelemetry/api';
const queue = new Queue('emails');
export async function enqueueAll(addresses: string[]) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  await queue.addBulk(addresses.map((to) => ({ name: 'welcome', data: { to, _trace: carrier } })));
}`,
  },
  // BullMQ: the job data comes in as a parameter; it may already hold a carrier.
  {
    code: `import { Queue } from 'bullmq';
const queue = new Queue('emails');
export const enqueue = (data: { to: string }) => queue.add('welcome', data);`,
  },
  // Not BullMQ: p-queue's add in a file that does not import bullmq.
  {
    code: `import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 2 });
export const run = (task: () => Promise<void>) => queue.add(task, { priority: 1 });`,
  },
  // Service Bus: the carrier is the applicationProperties.
  {
    code: `import { ServiceBusClient } from '@azure/service-bus';
import { context, propagation } from '@opentelemetry/api';
const sender = new ServiceBusClient('conn').createSender('orders');
export async function send(body: unknown) {
  const applicationProperties: Record<string, string> = {};
  propagation.inject(context.active(), applicationProperties);
  await sender.sendMessages({ body, applicationProperties });
}`,
  },
  // Service Bus: an array of messages, each with the carrier.
  {
    code: `import type { ServiceBusSender } from '@azure/service-bus';
import { context, propagation } from '@opentelemetry/api';
export async function send(sender: ServiceBusSender, bodies: unknown[]) {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  await sender.sendMessages(bodies.map((body) => ({ body, applicationProperties: { ...carrier } })));
}`,
  },
  // Service Bus: Azure SDK tracing is on and writes Diagnostic-Id.
  {
    code: `import type { ServiceBusSender } from '@azure/service-bus';
export const send = (sender: ServiceBusSender, body: unknown) => sender.sendMessages({ body });`,
    options: [{ autoInstrumented: ['@azure/service-bus'] }],
  },
  // Service Bus batch: the message added to the batch carries the context.
  {
    code: `import type { ServiceBusMessageBatch } from '@azure/service-bus';
import { context, propagation } from '@opentelemetry/api';
export function add(batch: ServiceBusMessageBatch, body: unknown) {
  const applicationProperties = {};
  propagation.inject(context.active(), applicationProperties);
  return batch.tryAddMessage({ body, applicationProperties });
}`,
  },
  // node-redis: the carrier is embedded in the JSON message.
  {
    code: `import { createClient } from 'redis';
import { context, propagation } from '@opentelemetry/api';
const publisher = createClient();
export async function publish(order: object) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  await publisher.publish('orders', JSON.stringify({ ...order, _trace: carrier }));
}`,
  },
  // node-redis: the message text comes in as a parameter.
  {
    code: `import { createClient } from 'redis';
const client = createClient();
export const publish = (message: string) => client.publish('orders', message);`,
  },
  // ioredis: the carrier is embedded in the JSON message.
  {
    code: `import Redis from 'ioredis';
import { context, propagation } from '@opentelemetry/api';
const pub = new Redis();
export async function publish(order: { id: string }) {
  const _trace = {};
  propagation.inject(context.active(), _trace);
  await pub.publish('orders', JSON.stringify({ id: order.id, _trace }));
}`,
  },
  // kafkajs: headers returned by a helper listed in injectFunctions.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, value: string) => producer.send({ topic: 'orders', messages: [{ value, headers: traceHeaders() }] });
declare function traceHeaders(): Record<string, string>;`,
    options: [{ injectFunctions: ['traceHeaders'] }],
  },
  // kafkajs: the messages array is spread from elsewhere, so its entries cannot be judged.
  {
    code: `import type { Message, Producer } from 'kafkajs';
export const publish = (producer: Producer, messages: Message[]) => producer.send({ topic: 'orders', messages: [...messages] });`,
  },
  // SQS: the carrier is injected with a W3C propagator instance instead of the global API.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, defaultTextMapSetter } from '@opentelemetry/api';
const propagator = new W3CTraceContextPropagator();
export function command(body: string) {
  const carrier: Record<string, string> = {};
  propagator.inject(context.active(), carrier, defaultTextMapSetter);
  return new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: toAttributes(carrier) });
}
declare function toAttributes(carrier: object): Record<string, never>;`,
  },
  // kafkajs: the message object is injected into (msg.headers) and placed in the batch.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publish(producer: Producer, value: string) {
  const message = { value, headers: {} as Record<string, string> };
  propagation.inject(context.active(), message.headers);
  await producer.send({ topic: 'orders', messages: [message] });
}`,
  },
  // BullMQ: the queue is made with the telemetry option, so BullMQ propagates by itself.
  {
    code: `import { Queue, type Telemetry } from 'bullmq';
declare const telemetry: Telemetry;
const emails = new Queue('emails', { telemetry });
export const enqueue = (userId: string) => emails.add('welcome', { userId });`,
  },
  // SQS: the client is wrapped by AWS X-Ray, which sends the trace header.
  {
    code: `import AWSXRay from 'aws-xray-sdk-core';
import * as sqs from '@aws-sdk/client-sqs';
const client = AWSXRay.captureAWSv3Client(new sqs.SQSClient({}));
export const send = (body: string) => client.send(new sqs.SendMessageCommand({ QueueUrl: 'q', MessageBody: body }));`,
  },
  // A receiver made by a class of the file is not a library's object, whatever its name.
  {
    code: `import { Worker } from 'bullmq';
class LocalQueue { add(name: string, data: object) { return [name, data]; } }
const queue = new LocalQueue();
export const enqueue = (userId: string) => queue.add('welcome', { userId });
export const worker = new Worker('x', async () => undefined);`,
  },
  // EventBridge: a carrier is assigned into the opaque payload before it is serialised.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { context, propagation } from '@opentelemetry/api';
const client = new EventBridgeClient({});
export async function publish(detail: Record<string, unknown>) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  detail._trace = carrier;
  await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Checkout', Detail: JSON.stringify(detail) }] }));
}`,
  },
  // EventBridge: the opaque payload is handed to a function first, which may fill it.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { enrich } from './enrich';
const client = new EventBridgeClient({});
export async function publish(detail: object) {
  enrich(detail);
  await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Checkout', Detail: JSON.stringify(detail) }] }));
}`,
  },
  // EventBridge: the payload is the result of a call, which may have put the carrier in.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { toEvent } from './events';
const client = new EventBridgeClient({});
export const publish = (order: object) =>
  client.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Checkout', Detail: JSON.stringify(toEvent(order)) }] }));`,
  },
];

export const invalid: InvalidTestCase<MessageId, Options>[] = [
  // SQS: a message sent with no MessageAttributes at all.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const send = (body: string) => sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: body }));`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 3, 48)],
  },
  // SQS: attributes present but none of them is a carrier.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
export const command = (body: string) =>
  new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: { tenant: { DataType: 'String', StringValue: 't1' } } });`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 3, 3)],
  },
  // SQS: the command is built in a variable and sent later.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const client = new SQSClient({});
export async function send(body: string) {
  const command = new SendMessageCommand({ QueueUrl: 'q', MessageBody: body });
  await client.send(command);
}`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 4, 19)],
  },
  // SQS: the input is a local constant without attributes.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const client = new SQSClient({});
export async function send(body: string) {
  const input = { QueueUrl: 'q', MessageBody: body, DelaySeconds: 5 };
  await client.send(new SendMessageCommand(input));
}`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 5, 21)],
  },
  // SQS v2: sendMessage without a carrier.
  {
    code: `import AWS from 'aws-sdk';
const sqs = new AWS.SQS();
export const send = (body: string) => sqs.sendMessage({ QueueUrl: 'q', MessageBody: body }).promise();`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 3, 39)],
  },
  // SQS through the aggregated v3 client, in a file that only receives the client.
  {
    code: `import type { SQS } from './clients';
export const send = (sqs: SQS, body: string) => sqs.sendMessage({ QueueUrl: 'q', MessageBody: body });`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 2, 49)],
  },
  // SQS with the AWS SDK instrumentation: 9 attributes leave no room, so it silently skips injection.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
const s = (value: string) => ({ DataType: 'String', StringValue: value });
export const command = (body: string) => new SendMessageCommand({
  QueueUrl: 'q',
  MessageBody: body,
  MessageAttributes: { a: s('1'), b: s('2'), c: s('3'), d: s('4'), e: s('5'), f: s('6'), g: s('7'), h: s('8'), i: s('9') },
});`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'instrumentationSkips',
        line: 3,
        column: 42,
        data: { operation: 'SQS SendMessage', entries: 9, instrumentation: '@opentelemetry/instrumentation-aws-sdk', limit: 9, location: 'MessageAttributes' },
      },
    ],
  },
  // SQS with the AWS SDK instrumentation: 10 attributes counted through a spread of a local constant.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
const s = (value: string) => ({ DataType: 'String', StringValue: value });
const common = { a: s('1'), b: s('2'), c: s('3'), d: s('4'), e: s('5') };
export const command = (body: string) =>
  new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: { ...common, f: s('6'), g: s('7'), h: s('8'), i: s('9'), j: s('10') } });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'instrumentationSkips',
        line: 5,
        column: 3,
        data: { operation: 'SQS SendMessage', entries: 10, instrumentation: '@opentelemetry/instrumentation-aws-sdk', limit: 9, location: 'MessageAttributes' },
      },
    ],
  },
  // SQS: a carrier is injected, but into an object that never reaches the message.
  {
    code: `import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { context, propagation } from '@opentelemetry/api';
export function command(body: string) {
  const carrier = {};
  propagation.inject(context.active(), carrier);
  const attributes = { tenant: { DataType: 'String', StringValue: 't1' } };
  return new SendMessageCommand({ QueueUrl: 'q', MessageBody: body, MessageAttributes: attributes });
}`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 7, 10)],
  },
  // SQS batch: entries without attributes.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
export const command = () =>
  new SendMessageBatchCommand({ QueueUrl: 'q', Entries: [{ Id: '1', MessageBody: 'a' }, { Id: '2', MessageBody: 'b' }] });`,
    errors: [missing('SQS SendMessageBatch', 'Entries[].MessageAttributes', 3, 3)],
  },
  // SQS batch: entries built by map without attributes.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
export const command = (bodies: string[]) =>
  new SendMessageBatchCommand({ QueueUrl: 'q', Entries: bodies.map((body, i) => { return { Id: String(i), MessageBody: body }; }) });`,
    errors: [missing('SQS SendMessageBatch', 'Entries[].MessageAttributes', 3, 3)],
  },
  // SQS batch: one entry carries the context, the other does not.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
export const command = (tp: string) => new SendMessageBatchCommand({
  QueueUrl: 'q',
  Entries: [
    { Id: '1', MessageBody: 'a', MessageAttributes: { traceparent: { DataType: 'String', StringValue: tp } } },
    { Id: '2', MessageBody: 'b' },
  ],
});`,
    errors: [missing('SQS SendMessageBatch', 'Entries[].MessageAttributes', 2, 40)],
  },
  // SQS v2 batch without carriers.
  {
    code: `const AWS = require('aws-sdk');
const sqs = new AWS.SQS();
exports.send = (bodies) => sqs.sendMessageBatch({ QueueUrl: 'q', Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }).promise();`,
    errors: [missing('SQS SendMessageBatch', 'Entries[].MessageAttributes', 3, 28)],
  },
  // SQS batch with the AWS SDK instrumentation: an entry with 9 attributes is skipped by it.
  {
    code: `import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
const s = (value: string) => ({ DataType: 'String', StringValue: value });
const full = { a: s('1'), b: s('2'), c: s('3'), d: s('4'), e: s('5'), f: s('6'), g: s('7'), h: s('8'), i: s('9') };
export const command = () => new SendMessageBatchCommand({ QueueUrl: 'q', Entries: [{ Id: '1', MessageBody: 'a', MessageAttributes: full }] });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'instrumentationSkips',
        line: 4,
        column: 30,
        data: { operation: 'SQS SendMessageBatch', entries: 9, instrumentation: '@opentelemetry/instrumentation-aws-sdk', limit: 9, location: 'Entries[].MessageAttributes' },
      },
    ],
  },
  // SNS: a publish without MessageAttributes.
  {
    code: `import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export const publish = (message: string) => sns.send(new PublishCommand({ TopicArn: 'arn', Message: message }));`,
    errors: [missing('SNS Publish', 'MessageAttributes', 3, 54)],
  },
  // SNS v2: publish without a carrier.
  {
    code: `import SNS from 'aws-sdk/clients/sns';
const sns = new SNS();
export const publish = (message: string) => sns.publish({ TopicArn: 'arn', Message: message }).promise();`,
    errors: [missing('SNS Publish', 'MessageAttributes', 3, 45)],
  },
  // SNS with the AWS SDK instrumentation: 9 attributes, so injection is skipped.
  {
    code: `import { PublishCommand } from '@aws-sdk/client-sns';
const s = (value: string) => ({ DataType: 'String', StringValue: value });
export const command = (message: string) => new PublishCommand({
  TopicArn: 'arn',
  Message: message,
  MessageAttributes: { a: s('1'), b: s('2'), c: s('3'), d: s('4'), e: s('5'), f: s('6'), g: s('7'), h: s('8'), i: s('9') },
});`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'instrumentationSkips',
        line: 3,
        column: 45,
        data: { operation: 'SNS Publish', entries: 9, instrumentation: '@opentelemetry/instrumentation-aws-sdk', limit: 9, location: 'MessageAttributes' },
      },
    ],
  },
  // SNS batch: entries without attributes.
  {
    code: `import { PublishBatchCommand } from '@aws-sdk/client-sns';
export const command = () => new PublishBatchCommand({ TopicArn: 'arn', PublishBatchRequestEntries: [{ Id: '1', Message: 'a' }] });`,
    errors: [missing('SNS PublishBatch', 'PublishBatchRequestEntries[].MessageAttributes', 2, 30)],
  },
  // SNS batch: the AWS SDK instrumentation does not inject into PublishBatch.
  {
    code: `import { PublishBatchCommand } from '@aws-sdk/client-sns';
export const command = () => new PublishBatchCommand({ TopicArn: 'arn', PublishBatchRequestEntries: [{ Id: '1', Message: 'a' }] });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        line: 2,
        column: 30,
        data: {
          operation: 'SNS PublishBatch',
          instrumentation: '@opentelemetry/instrumentation-aws-sdk',
          note: 'does not inject a carrier into SNS PublishBatch entries',
          location: 'PublishBatchRequestEntries[].MessageAttributes',
        },
      },
    ],
  },
  // SNS v2 batch without carriers.
  {
    code: `import AWS from 'aws-sdk';
const sns = new AWS.SNS();
export const publish = () => sns.publishBatch({ TopicArn: 'arn', PublishBatchRequestEntries: [{ Id: '1', Message: 'a' }] }).promise();`,
    errors: [missing('SNS PublishBatch', 'PublishBatchRequestEntries[].MessageAttributes', 3, 30)],
  },
  // EventBridge: Detail JSON without a carrier and no TraceHeader.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const events = new EventBridgeClient({});
export const emit = (orderId: string) =>
  events.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId }) }] }));`,
    errors: [missing('EventBridge PutEvents', 'Entries[].Detail (as JSON)', 4, 15)],
  },
  // EventBridge: the AWS SDK instrumentation does not inject into PutEvents.
  {
    code: `import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
export const command = (orderId: string) => new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId }) }] });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        line: 2,
        column: 45,
        data: {
          operation: 'EventBridge PutEvents',
          instrumentation: '@opentelemetry/instrumentation-aws-sdk',
          note: 'does not inject a carrier into EventBridge events',
          location: 'Entries[].Detail (as JSON)',
        },
      },
    ],
  },
  // EventBridge through a v2 client: a literal Detail string.
  {
    code: `import AWS from 'aws-sdk';
const eventBridge = new AWS.EventBridge();
export const emit = () => eventBridge.putEvents({ Entries: [{ Source: 'orders', DetailType: 'Ping', Detail: '{"ok":true}' }] }).promise();`,
    errors: [missing('EventBridge PutEvents', 'Entries[].Detail (as JSON)', 3, 27)],
  },
  // Kinesis: Data is JSON of a literal without a carrier.
  {
    code: `import { PutRecordCommand } from '@aws-sdk/client-kinesis';
export const command = (id: string) => new PutRecordCommand({ StreamName: 'orders', PartitionKey: id, Data: Buffer.from(JSON.stringify({ id })) });`,
    errors: [missing('Kinesis PutRecord', 'Data (as JSON)', 2, 40)],
  },
  // Kinesis: the AWS SDK instrumentation does not inject into Kinesis records.
  {
    code: `import { PutRecordCommand } from '@aws-sdk/client-kinesis';
export const command = (id: string) => new PutRecordCommand({ StreamName: 'orders', PartitionKey: id, Data: Buffer.from(JSON.stringify({ id })) });`,
    options: [{ autoInstrumented: ['aws-sdk'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        line: 2,
        column: 40,
        data: {
          operation: 'Kinesis PutRecord',
          instrumentation: '@opentelemetry/instrumentation-aws-sdk',
          note: 'does not inject a carrier into Kinesis records',
          location: 'Data (as JSON)',
        },
      },
    ],
  },
  // Kinesis batch: records encoded with TextEncoder, no carrier.
  {
    code: `import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
export const command = (ids: string[]) =>
  new PutRecordsCommand({ StreamName: 'orders', Records: ids.map((id) => ({ PartitionKey: id, Data: new TextEncoder().encode(JSON.stringify({ id })) })) });`,
    errors: [missing('Kinesis PutRecords', 'Records[].Data (as JSON)', 3, 3)],
  },
  // Kinesis v2 client: putRecord with a literal payload.
  {
    code: `import AWS from 'aws-sdk';
const kinesis = new AWS.Kinesis();
export const put = () => kinesis.putRecord({ StreamName: 'orders', PartitionKey: 'p', Data: 'hello' }).promise();`,
    errors: [missing('Kinesis PutRecord', 'Data (as JSON)', 3, 26)],
  },
  // kafkajs: messages without headers.
  {
    code: `import { Kafka } from 'kafkajs';
const producer = new Kafka({ brokers: ['b:9092'] }).producer();
export const publish = (value: string) => producer.send({ topic: 'orders', messages: [{ value }] });`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 3, 43)],
  },
  // kafkajs: headers without a carrier.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, value: string, id: string) =>
  producer.send({ topic: 'orders', messages: [{ key: id, value, headers: { 'x-request-id': id } }] });`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 3, 3)],
  },
  // kafkajs: messages built with map, none with headers.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, orders: { id: string }[]) =>
  producer.send({ topic: 'orders', messages: orders.map((order) => ({ key: order.id, value: JSON.stringify(order) })) });`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 3, 3)],
  },
  // kafkajs: the first message carries the context, the second does not.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publish(producer: Producer) {
  const headers = {};
  propagation.inject(context.active(), headers);
  await producer.send({ topic: 'orders', messages: [{ value: 'a', headers }, { value: 'b' }] });
}`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 6, 9)],
  },
  // kafkajs: a producer kept on the instance, in a file without a kafkajs import (the record shape identifies it).
  {
    code: `export class Publisher {
  constructor(private readonly producer: { send(record: object): Promise<unknown> }) {}
  publish(value: string) {
    return this.producer.send({ topic: 'orders', messages: [{ value }] });
  }
}`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 4, 12)],
  },
  // kafkajs sendBatch: messages without headers.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer, value: string) => producer.sendBatch({ topicMessages: [{ topic: 'orders', messages: [{ value }] }] });`,
    errors: [missing('kafkajs producer.sendBatch', 'topicMessages[].messages[].headers', 2, 63)],
  },
  // kafkajs sendBatch: an injectFunctions helper is configured but never called here.
  {
    code: `import type { Producer } from 'kafkajs';
export const publish = (producer: Producer) => producer.sendBatch({ topicMessages: [{ topic: 'a', messages: [{ value: 'x', headers: { source: 'api' } }] }] });`,
    options: [{ injectFunctions: ['traceHeaders'] }],
    errors: [missing('kafkajs producer.sendBatch', 'topicMessages[].messages[].headers', 2, 48)],
  },
  // kafkajs with require: no headers.
  {
    code: `const { Kafka } = require('kafkajs');
const producer = new Kafka({ brokers: ['b'] }).producer();
module.exports.publish = (value) => producer.send({ topic: 'orders', messages: [{ value }] });`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 3, 37)],
  },
  // amqplib: publish without options.
  {
    code: `import type { Channel } from 'amqplib';
export const publish = (channel: Channel, body: Buffer) => channel.publish('orders', 'order.created', body);`,
    errors: [missing('amqplib channel.publish', "the options' headers (4th argument)", 2, 60)],
  },
  // amqplib: publish options without headers.
  {
    code: `import type { Channel } from 'amqplib';
export const publish = (channel: Channel, body: Buffer) => channel.publish('orders', 'order.created', body, { persistent: true });`,
    errors: [missing('amqplib channel.publish', "the options' headers (4th argument)", 2, 60)],
  },
  // amqplib: headers without a carrier.
  {
    code: `import type { ConfirmChannel } from 'amqplib';
export const publish = (confirmChannel: ConfirmChannel, body: Buffer) =>
  confirmChannel.publish('orders', 'order.created', body, { headers: { 'x-retry': 0 } });`,
    errors: [missing('amqplib channel.publish', "the options' headers (4th argument)", 3, 3)],
  },
  // amqplib sendToQueue: no options.
  {
    code: `import amqp from 'amqplib';
const connection = await amqp.connect('amqp://localhost');
const channel = await connection.createChannel();
export const send = (body: Buffer) => channel.sendToQueue('orders', body);`,
    errors: [missing('amqplib channel.sendToQueue', "the options' headers (3rd argument)", 4, 39)],
  },
  // amqplib sendToQueue: options without headers.
  {
    code: `import type { Channel } from 'amqplib';
export const send = (ch: Channel, body: Buffer) => ch.sendToQueue('orders', body, { persistent: true, contentType: 'application/json' });`,
    errors: [missing('amqplib channel.sendToQueue', "the options' headers (3rd argument)", 2, 52)],
  },
  // amqplib callback API: sendToQueue without a carrier.
  {
    code: `const amqp = require('amqplib/callback_api');
amqp.connect('amqp://localhost', (err, connection) => {
  connection.createChannel((error, channel) => {
    channel.sendToQueue('orders', Buffer.from('hello'));
  });
});`,
    errors: [missing('amqplib channel.sendToQueue', "the options' headers (3rd argument)", 4, 5)],
  },
  // Pub/Sub: publishMessage without attributes.
  {
    code: `import type { Topic } from '@google-cloud/pubsub';
export const publish = (topic: Topic, data: Buffer) => topic.publishMessage({ data });`,
    errors: [missing('Pub/Sub topic.publishMessage', 'attributes', 2, 56)],
  },
  // Pub/Sub: attributes without a carrier, on a topic from pubsub.topic().
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
const pubsub = new PubSub();
export const publish = (data: Buffer) => pubsub.topic('orders').publishMessage({ data, attributes: { origin: 'api' } });`,
    errors: [missing('Pub/Sub topic.publishMessage', 'attributes', 3, 42)],
  },
  // Pub/Sub: attributes from a local constant without a carrier.
  {
    code: `import type { Topic } from '@google-cloud/pubsub';
const attributes = { origin: 'api' };
export const publish = (ordersTopic: Topic, data: Buffer) => ordersTopic.publishMessage({ data, attributes });`,
    errors: [missing('Pub/Sub topic.publishMessage', 'attributes', 3, 62)],
  },
  // Pub/Sub topic.publish: no attributes argument.
  {
    code: `import { PubSub } from '@google-cloud/pubsub';
const topic = new PubSub().topic('orders');
export const publish = (data: Buffer) => topic.publish(data);`,
    errors: [missing('Pub/Sub topic.publish', 'the attributes (2nd argument)', 3, 42)],
  },
  // Pub/Sub topic.publish: attributes without a carrier.
  {
    code: `import type { Topic } from '@google-cloud/pubsub';
export const publish = (topic: Topic, data: Buffer) => topic.publish(data, { origin: 'api' });`,
    errors: [missing('Pub/Sub topic.publish', 'the attributes (2nd argument)', 2, 56)],
  },
  // NATS: publish without options.
  {
    code: `import { connect, StringCodec } from 'nats';
const nc = await connect();
const sc = StringCodec();
export const publish = (text: string) => nc.publish('orders.created', sc.encode(text));`,
    errors: [missing('NATS publish', "the options' headers (3rd argument)", 4, 42)],
  },
  // NATS: headers set, but only with an application key.
  {
    code: `import { headers, type NatsConnection } from 'nats';
export function publish(nc: NatsConnection, data: Uint8Array, id: string) {
  const h = headers();
  h.set('x-id', id);
  nc.publish('orders.created', data, { headers: h });
}`,
    errors: [missing('NATS publish', "the options' headers (3rd argument)", 5, 3)],
  },
  // NATS v3 packages: publish without headers.
  {
    code: `import { connect } from '@nats-io/transport-node';
const connection = await connect({ servers: 'nats://localhost:4222' });
export const publish = (data: Uint8Array) => connection.publish('orders', data, { reply: 'inbox' });`,
    errors: [missing('NATS publish', "the options' headers (3rd argument)", 3, 46)],
  },
  // NATS JetStream: publish without options.
  {
    code: `import type { JetStreamClient } from 'nats';
export const publish = (js: JetStreamClient, data: Uint8Array) => js.publish('orders.created', data);`,
    errors: [missing('NATS JetStream publish', "the options' headers (3rd argument)", 2, 67)],
  },
  // NATS JetStream: options without headers.
  {
    code: `import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
export async function publish(nc: NatsConnection, data: Uint8Array, id: string) {
  const jetStream = jetstream(nc);
  await jetStream.publish('orders.created', data, { msgID: id });
}`,
    errors: [missing('NATS JetStream publish', "the options' headers (3rd argument)", 5, 9)],
  },
  // BullMQ: job data without a carrier.
  {
    code: `import { Queue } from 'bullmq';
const queue = new Queue('emails');
export const enqueue = (to: string) => queue.add('welcome', { to });`,
    errors: [missing('BullMQ queue.add', 'the job data (2nd argument)', 3, 40)],
  },
  // BullMQ: a queue created without the telemetry option.
  {
    code: `import { Queue } from 'bullmq';
const emailQueue = new Queue('emails', { connection: { host: 'localhost' }, telemetry: undefined });
export const enqueue = (to: string) => emailQueue.add('welcome', { to, template: 'w1' }, { attempts: 3 });`,
    errors: [missing('BullMQ queue.add', 'the job data (2nd argument)', 3, 40)],
  },
  // BullMQ FlowProducer: a flow without a carrier.
  {
    code: `import { FlowProducer } from 'bullmq';
const flowProducer = new FlowProducer({ connection: { host: 'localhost' } });
export const ship = (orderId: string) => flowProducer.add({ name: 'ship', queueName: 'shipping', data: { orderId }, children: [{ name: 'pack', queueName: 'packing', data: { orderId } }] });`,
    errors: [missing('BullMQ FlowProducer.add', 'the parent job’s data', 3, 42)],
  },
  // BullMQ in CommonJS: required, not imported.
  {
    code: `const { Queue } = require('bullmq');
const emailQueue = new Queue('emails');
module.exports.enqueueAll = (addresses) => emailQueue.addBulk(addresses.map((to) => ({ name: 'welcome', data: { to } })));`,
    errors: [missing('BullMQ queue.addBulk', 'each job’s data', 3, 44)],
  },
  // AWS SDK v3 in CommonJS.
  {
    code: `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.notify = async (order) => sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(order) }));`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 3, 44)],
  },
  // A v3 client wrapped by something that is not a tracing helper is still reported.
  {
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = withRetries(new SQSClient({}));
export const notify = (order: unknown) => sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: JSON.stringify(order) }));`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 3, 52)],
  },
  // BullMQ addBulk: jobs without a carrier.
  {
    code: `import { Queue } from 'bullmq';
const queue = new Queue('emails');
export const enqueue = () => queue.addBulk([{ name: 'welcome', data: { to: 'a@example.com' } }]);`,
    errors: [missing('BullMQ queue.addBulk', 'each job’s data', 3, 30)],
  },
  // BullMQ addBulk: jobs built by map without a carrier.
  {
    code: `import type { Queue } from 'bullmq';
export const enqueue = (queue: Queue, addresses: string[]) => queue.addBulk(addresses.map((to) => ({ name: 'welcome', data: { to } })));`,
    errors: [missing('BullMQ queue.addBulk', 'each job’s data', 2, 63)],
  },
  // Service Bus: a message without applicationProperties.
  {
    code: `import type { ServiceBusSender } from '@azure/service-bus';
export const send = (sender: ServiceBusSender, body: unknown) => sender.sendMessages({ body });`,
    errors: [missing('Service Bus sender.sendMessages', 'applicationProperties', 2, 66)],
  },
  // Service Bus: an array of messages without carriers.
  {
    code: `import type { ServiceBusSender } from '@azure/service-bus';
export const send = (sender: ServiceBusSender) => sender.sendMessages([{ body: 'a' }, { body: 'b' }]);`,
    errors: [missing('Service Bus sender.sendMessages', 'applicationProperties', 2, 51)],
  },
  // Service Bus: applicationProperties without a carrier, in a file without the import (shape identifies it).
  {
    code: `export const send = (orderSender: { sendMessages(m: object): Promise<void> }, body: unknown) =>
  orderSender.sendMessages({ body, applicationProperties: { tenant: 't1' } });`,
    errors: [missing('Service Bus sender.sendMessages', 'applicationProperties', 2, 3)],
  },
  // Service Bus batch: tryAddMessage without a carrier.
  {
    code: `import type { ServiceBusMessageBatch } from '@azure/service-bus';
export const add = (batch: ServiceBusMessageBatch, body: unknown) => batch.tryAddMessage({ body, contentType: 'application/json' });`,
    errors: [missing('Service Bus batch.tryAddMessage', 'applicationProperties', 2, 70)],
  },
  // node-redis: the JSON message has no carrier.
  {
    code: `import { createClient } from 'redis';
const publisher = createClient();
export const publish = (id: string) => publisher.publish('orders', JSON.stringify({ id }));`,
    errors: [missing('redis publish', 'the message (2nd argument, as JSON)', 3, 40)],
  },
  // node-redis: a plain string message.
  {
    code: `import { createClient } from 'redis';
const client = createClient();
export const ping = () => client.publish('health', 'ok');`,
    errors: [missing('redis publish', 'the message (2nd argument, as JSON)', 3, 27)],
  },
  // node-redis: the redis instrumentation is loaded, but it does not touch messages.
  {
    code: `import { createClient } from 'redis';
const client = createClient();
export const publish = (id: string) => client.publish('orders', JSON.stringify({ id }));`,
    options: [{ autoInstrumented: ['redis'] }],
    errors: [
      {
        messageId: 'notCoveredByInstrumentation',
        line: 3,
        column: 40,
        data: {
          operation: 'redis publish',
          instrumentation: '@opentelemetry/instrumentation-redis',
          note: 'traces the PUBLISH command but leaves the message untouched',
          location: 'the message (2nd argument, as JSON)',
        },
      },
    ],
  },
  // ioredis: the JSON message has no carrier.
  {
    code: `import Redis from 'ioredis';
const pub = new Redis();
export const publish = (id: string, total: number) => pub.publish('orders', JSON.stringify({ id, total }));`,
    errors: [missing('ioredis publish', 'the message (2nd argument, as JSON)', 3, 55)],
  },
  // ioredis: a template-literal message.
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export const publish = (id: string) => redis.publish('orders', \`created:\${id}\`);`,
    errors: [missing('ioredis publish', 'the message (2nd argument, as JSON)', 3, 40)],
  },
  // Two publishes in one function: only the one without a carrier is reported.
  {
    code: `import type { Producer } from 'kafkajs';
import { context, propagation } from '@opentelemetry/api';
export async function publish(producer: Producer, value: string) {
  const headers = {};
  propagation.inject(context.active(), headers);
  await producer.send({ topic: 'orders', messages: [{ value, headers }] });
  await producer.send({ topic: 'audit', messages: [{ value }] });
}`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 7, 9)],
  },
  // SQS: a v3 command through a namespace import (`sqs.SendMessageCommand`).
  {
    code: `import * as sqs from '@aws-sdk/client-sqs';
const client = new sqs.SQSClient({});
export async function send(orderId: string) {
  await client.send(new sqs.SendMessageCommand({ QueueUrl: 'q', MessageBody: orderId }));
}`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 4, 21)],
  },
  // BullMQ: built-in tracing is per queue. `telemetry: undefined` does not turn it on, and a queue without it is
  // reported even though another queue of the file has it; `reports` is a queue by origin, not by name.
  {
    code: `import { Queue, type Telemetry } from 'bullmq';
declare const telemetry: Telemetry;
const emails = new Queue('emails', { telemetry });
const invoices = new Queue('invoices', { telemetry: undefined });
const reports = new Queue('reports');
export async function enqueue(userId: string) {
  await emails.add('welcome', { userId });
  await invoices.add('monthly', { userId });
  await reports.add('weekly', { userId });
}`,
    errors: [missing('BullMQ queue.add', 'the job data (2nd argument)', 8, 9), missing('BullMQ queue.add', 'the job data (2nd argument)', 9, 9)],
  },
  // SQS (SDK v2): the params are a variable of the same scope; its object literal is followed.
  {
    code: `const AWS = require('aws-sdk');
const queue = new AWS.SQS();
exports.send = async function send(orderId) {
  const params = { QueueUrl: process.env.QUEUE_URL, MessageBody: orderId };
  await queue.sendMessage(params).promise();
};`,
    errors: [missing('SQS SendMessage', 'MessageAttributes', 5, 9)],
  },
  // kafkajs: a producer by origin (`kafka.producer()`), whatever its variable is called.
  {
    code: `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
const orders = kafka.producer();
export const publish = (value: string) => orders.send({ topic: 'orders', messages: [{ value }] });`,
    errors: [missing('kafkajs producer.send', 'messages[].headers', 4, 43)],
  },
  // amqplib: a channel held in a class field, made by connection.createChannel().
  {
    code: `import amqp from 'amqplib';
export class Publisher {
  private outbox!: amqp.Channel;
  async start() {
    const connection = await amqp.connect('amqp://localhost');
    this.outbox = await connection.createChannel();
  }
  send(body: Buffer) {
    this.outbox.sendToQueue('orders', body);
  }
}`,
    errors: [missing('amqplib channel.sendToQueue', "the options' headers (3rd argument)", 9, 5)],
  },
  // ioredis: a client by origin in a file that imports nats too: an ioredis publish, not a NATS one.
  {
    code: `import Redis from 'ioredis';
import { connect } from 'nats';
export const nats = connect();
const client = new Redis();
export const publish = (id: string) => client.publish('orders', JSON.stringify({ id }));`,
    errors: [missing('ioredis publish', 'the message (2nd argument, as JSON)', 5, 40)],
  },
  // EventBridge: an opaque payload (a parameter) serialised into Detail: nothing puts a carrier into the JSON.
  {
    code: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const client = new EventBridgeClient({});
export async function publish(detail: object) {
  await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Checkout', Detail: JSON.stringify(detail) }] }));
}`,
    errors: [missing('EventBridge PutEvents', 'Entries[].Detail (as JSON)', 4, 21)],
  },
  // Kinesis: a member of a parameter serialised into Data.
  {
    code: `import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
const kinesis = new KinesisClient({});
export const track = (event: { click: object }) =>
  kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'p', Data: Buffer.from(JSON.stringify(event.click)) }));`,
    errors: [missing('Kinesis PutRecord', 'Data (as JSON)', 4, 16)],
  },
  // BullMQ: a parameter typed as a Queue is a queue whatever its name.
  {
    code: `import type { Queue } from 'bullmq';
export const enqueue = (reports: Queue, id: string) => reports.add('weekly', { id });`,
    errors: [missing('BullMQ queue.add', 'the job data (2nd argument)', 2, 56)],
  },
  // ioredis: a client made by a constructor held in a variable assigned later; the receiver's name decides.
  {
    code: `import type * as ioredisTypes from 'ioredis';
let ioredis: typeof ioredisTypes.default;
export async function load() {
  ioredis = require('ioredis');
  const pub = new ioredis();
  await pub.publish('news', 'Hello world!');
}`,
    errors: [missing('ioredis publish', 'the message (2nd argument, as JSON)', 6, 9)],
  },
];
