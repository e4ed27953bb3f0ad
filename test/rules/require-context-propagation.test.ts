import rule from '../../rules/require-context-propagation.js';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { createRuleTester, typedFixtureRoot } from '../support/rule-tester.js';
import { invalid, valid } from './require-context-propagation.cases.js';

// The cases live in a module of their own so the catalog coverage test can read them too.
createRuleTester().run('require-context-propagation', rule, { valid, invalid });

// With type information, a payload that comes in as a parameter is judged by its type: an object of primitive
// properties has no room for a carrier. Without types the same code is not reported (see the untyped cases).
// fixtures/typed-project includes its file.ts, so the project service must not list it in allowDefaultProject too.
const typedRuleTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typedFixtureRoot } } });
typedRuleTester.run('require-context-propagation (type information)', rule, {
  valid: [
    // The job data's type has an index signature: it may hold a carrier.
    {
      code: `import type { Queue } from 'bullmq';
export const enqueue = (queue: Queue, data: Record<string, unknown>) => queue.add('welcome', data);`,
    },
    // The message's type declares the envelope key: the caller fills it.
    {
      code: `import type { Redis } from 'ioredis';
interface PriceChange { sku: string; _trace: Record<string, string> }
export const announce = (redis: Redis, change: PriceChange) => redis.publish('prices', JSON.stringify(change));`,
    },
    // The payload is typed any.
    {
      code: `import type { Queue } from 'bullmq';
export const enqueue = (queue: Queue, data: any) => queue.add('welcome', data);`,
    },
    // The payload's type declares a traceparent property.
    {
      code: `import type { Queue } from 'bullmq';
interface Job { to: string; traceparent?: string }
export const enqueue = (queue: Queue, job: Job) => queue.add('welcome', job);`,
    },
  ],
  invalid: [
    // The job data is an Email with only a string property: no carrier can be in it.
    {
      code: `import type { Queue } from 'bullmq';
interface Email { to: string }
export async function enqueueEmail(queue: Queue, email: Email): Promise<void> {
  await queue.add('send-email', email);
}`,
      errors: [{ messageId: 'missingCarrier', data: { operation: 'BullMQ queue.add', location: 'the job data (2nd argument)' }, line: 4, column: 9 }],
    },
    // The Redis message is the JSON of a PriceChange with primitive properties only.
    {
      code: `import type { Redis } from 'ioredis';
interface PriceChange { sku: string; price: number; note?: string | null }
export async function announce(redis: Redis, channel: string, change: PriceChange): Promise<void> {
  await redis.publish(channel, JSON.stringify(change));
}`,
      errors: [{ messageId: 'missingCarrier', data: { operation: 'ioredis publish', location: 'the message (2nd argument, as JSON)' }, line: 4, column: 9 }],
    },
    // A JSON message serialised from a parameter whose type has an object-valued property: the property could hold a
    // carrier, but nothing in the code puts one there, so the carrier is missing.
    {
      code: `import type { Redis } from 'ioredis';
interface PriceChange { sku: string; meta: Record<string, string> }
export const announce = (redis: Redis, change: PriceChange) => redis.publish('prices', JSON.stringify(change));`,
      errors: [{ messageId: 'missingCarrier', data: { operation: 'ioredis publish', location: 'the message (2nd argument, as JSON)' }, line: 3, column: 64 }],
    },
  ],
});

// Test files are left alone by default: an instrumentation's own tests publish through the instrumentation they
// test (it injects the carrier), and a test's message never carries a production trace.
const kafkaSendWithoutCarrier = `import { Kafka } from 'kafkajs';
const producer = new Kafka({ brokers: ['localhost:9092'] }).producer();
it('records a send span', async () => {
  await producer.send({ topic: 'test-topic', messages: [{ value: 'payload' }] });
});`;
createRuleTester().run('require-context-propagation (test files)', rule, {
  valid: [
    { code: kafkaSendWithoutCarrier, filename: 'packages/instrumentation-kafkajs/test/kafkajs.test.ts' },
    { code: kafkaSendWithoutCarrier, filename: 'src/__tests__/orders.ts' },
    // A project's own list replaces the default one.
    { code: kafkaSendWithoutCarrier, filename: 'e2e/orders.e2e.ts', options: [{ testFiles: ['e2e/**'] }] },
  ],
  invalid: [
    // `testFiles: []` checks tests too.
    {
      code: kafkaSendWithoutCarrier,
      filename: 'packages/instrumentation-kafkajs/test/kafkajs.test.ts',
      options: [{ testFiles: [] }],
      errors: [{ messageId: 'missingCarrier', line: 4 }],
    },
    // A custom list that does not match the file: it is checked.
    {
      code: kafkaSendWithoutCarrier,
      filename: 'src/orders/send.spec.ts',
      options: [{ testFiles: ['e2e/**'] }],
      errors: [{ messageId: 'missingCarrier', line: 4 }],
    },
  ],
});
