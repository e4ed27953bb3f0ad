import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { getDestinationKey } from '../../src/report/pairing.js';
import { makeProject, removeProjects } from '../cli/support/harness.js';

afterEach(removeProjects);

const PRODUCERS = `import amqp from 'amqplib';
import { Queue } from 'bullmq';
import { PubSub } from '@google-cloud/pubsub';

const AUDIT_QUEUE = 'audit';
const channel = await (await amqp.connect('amqp://localhost')).createChannel();
const emailQueue = new Queue('emails');
const pubsub = new PubSub();

export function send(region: string, queue: string): void {
  channel.sendToQueue('billing', Buffer.from('a'));
  channel.sendToQueue(AUDIT_QUEUE, Buffer.from('b'));
  channel.sendToQueue(process.env['REFUNDS_QUEUE'] ?? 'refunds-local', Buffer.from('c'));
  channel.sendToQueue(\`invoices.\${region}\`, Buffer.from('d'));
  channel.sendToQueue(queue, Buffer.from('e'));
  void emailQueue.add('welcome', { to: 'x' });
  void pubsub.topic('signups').publishMessage({ data: Buffer.from('f') });
}

export class Outbox {
  private readonly queue: Queue;
  constructor(options: { queueName?: string }) {
    this.queue = new Queue(options.queueName ?? 'outbox');
  }
  publish(): void {
    void this.queue.add('entry', { at: 1 });
  }
}
`;

const CONSUMERS = `import amqp from 'amqplib';
import { Worker } from 'bullmq';
import { PubSub } from '@google-cloud/pubsub';

const channel = await (await amqp.connect('amqp://localhost')).createChannel();
await channel.consume('billing', (msg) => console.log(msg));
await channel.consume('audit', (msg) => console.log(msg));
await channel.consume(process.env.REFUNDS_QUEUE_NAME!, (msg) => console.log(msg));
await channel.consume('invoices.eu', (msg) => console.log(msg));
new Worker('emails', async (job) => console.log(job.data));
new Worker('outbox', async (job) => console.log(job.data));
new PubSub().subscription('signups').on('message', (message) => message.ack());
`;

describe('report: destinations as the code shows them', () => {
  it('reads literals, consts, process.env names, template prefixes, queue constructors, receiver factories and class fields (a default after ?? when the option is not shown), and pairs them across services', async () => {
    const dir = makeProject({
      'producer/package.json': '{ "name": "producer" }',
      'producer/src/send.ts': PRODUCERS,
      'consumer/package.json': '{ "name": "consumer" }',
      'consumer/src/receive.ts': CONSUMERS,
    });
    const { report, problems } = await buildReport({ cwd: dir, paths: [] });
    expect(problems).toEqual([]);
    const producers = report.flows.map((flow) => [flow.producer.destination, flow.destination, flow.consumer.destination?.value]);
    expect(producers).toEqual([
      [{ kind: 'literal', value: 'audit' }, 'audit', 'audit'],
      [{ kind: 'literal', value: 'billing' }, 'billing', 'billing'],
      [{ kind: 'literal', value: 'emails' }, 'emails', 'emails'],
      [{ kind: 'prefix', value: 'invoices.' }, 'invoices-*', 'invoices.eu'],
      [{ kind: 'literal', value: 'outbox' }, 'outbox', 'outbox'],
      [{ kind: 'env', value: 'REFUNDS_QUEUE' }, 'refunds', 'REFUNDS_QUEUE_NAME'],
      [{ kind: 'literal', value: 'signups' }, 'signups', 'signups'],
    ]);
    expect(report.flows.every((flow) => flow.producer.service === 'producer' && flow.consumer.service === 'consumer')).toBe(true);
    // A parameter names no destination the code shows: listed, never guessed.
    expect(report.unpaired.map(({ site, why }) => [site.operation, site.line, why])).toEqual([['amqplib:channel.sendToQueue', 15, 'destination not shown in the code']]);
  });
});

describe('getDestinationKey', () => {
  it('pairs a queue URL, an ARN, an env name and a plain name of the same queue', () => {
    expect(getDestinationKey({ kind: 'literal', value: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders' })).toBe('orders');
    expect(getDestinationKey({ kind: 'literal', value: 'arn:aws:sqs:eu-west-1:123456789012:orders' })).toBe('orders');
    expect(getDestinationKey({ kind: 'env', value: 'ORDERS_QUEUE_URL' })).toBe('orders');
    expect(getDestinationKey({ kind: 'literal', value: 'Orders' })).toBe('orders');
  });

  it('keeps separators apart from the kind suffix and marks prefixes', () => {
    expect(getDestinationKey({ kind: 'env', value: 'ORDER_EVENTS_TOPIC' })).toBe('order-events');
    expect(getDestinationKey({ kind: 'literal', value: 'order.events' })).toBe('order-events');
    expect(getDestinationKey({ kind: 'prefix', value: 'orders.' })).toBe('orders-*');
    expect(getDestinationKey(null)).toBeNull();
  });
});
