/**
 * Receivers imported from another file of the project are judged by where they are made, as in their own file: the
 * linted files are placed beside the modules of fixtures/inject-propagation/imported-receivers, which the rules read.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { fileURLToPath } from 'node:url';
import extractionRule from '../../rules/require-context-extraction.js';
import propagationRule from '../../rules/require-context-propagation.js';
import { createRuleTester } from '../support/rule-tester.js';

const beside = (name: string) => fileURLToPath(new URL(`../../fixtures/inject-propagation/imported-receivers/${name}`, import.meta.url));
const filename = beside('jobs.ts');

createRuleTester().run('require-context-propagation (receivers from project modules)', propagationRule, {
  valid: [
    // The imported queue was made with BullMQ's own telemetry, which carries the context.
    {
      filename,
      code: `import type { JobsOptions } from 'bullmq';
import { invoiceQueue } from './queues.js';
const options: JobsOptions = { attempts: 3 };
export const issue = (orderId: string) => invoiceQueue.add('issue', { orderId }, options);`,
    },
    // A Redis client named like a queue is no BullMQ queue, even in a file that imports BullMQ.
    {
      filename,
      code: `import type { JobsOptions } from 'bullmq';
import { jobQueue } from './redis.js';
const options: JobsOptions = { attempts: 3 };
export const nightly = (day: string) => jobQueue.add('nightly', { day }, options);`,
    },
    // A module that cannot be read leaves the receiver to its name, which says nothing here.
    {
      filename,
      code: `import { reports } from './not-written-yet.js';
export const request = (month: string) => reports.add('monthly', { month });`,
    },
    // Modules that re-export each other end the search without an answer.
    {
      filename,
      code: `import { reports } from './cycle-a.js';
export const request = (month: string) => reports.add('monthly', { month });`,
    },
  ],
  invalid: [
    // A named import of a BullMQ queue: found by its constructor, though the file imports nothing from BullMQ.
    {
      filename,
      code: `import { reports } from './queues.js';
export const request = (month: string) => reports.add('monthly', { month });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
    // A kafkajs producer through a barrel's \`export *\`, imported by the folder's name.
    {
      filename,
      code: `import { billing } from './clients';
export const charged = (orderId: string) => billing.send({ topic: 'charges', messages: [{ value: orderId }] });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
    // An SQS client exported by default, re-exported under a name, read through a namespace import.
    {
      filename,
      code: `import * as clients from './clients/index.js';
export const enqueue = (body: string) => clients.mailbox.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: body });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
    // The same client by its default export.
    {
      filename,
      code: `import mailbox from './clients/sqs.js';
export const enqueue = (body: string) => mailbox.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: body });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
    // CommonJS: a key of \`module.exports = { … }\`, destructured from require() and read as a property.
    {
      filename: beside('alerts.js'),
      code: `const { alerts } = require('./clients/notifications');
const notifications = require('./clients/notifications');
exports.raise = (message) => alerts.publish({ TopicArn: process.env.TOPIC_ARN, Message: message });
exports.page = (message) => notifications.alerts.publish({ TopicArn: process.env.PAGER_ARN, Message: message });`,
      errors: [
        { messageId: 'missingCarrier', line: 3 },
        { messageId: 'missingCarrier', line: 4 },
      ],
    },
    // Where the module cannot be read, the name still decides, as it did before.
    {
      filename,
      code: `import type { JobsOptions } from 'bullmq';
import { reportQueue } from './not-written-yet.js';
const options: JobsOptions = { attempts: 3 };
export const request = (month: string) => reportQueue.add('monthly', { month }, options);`,
      errors: [{ messageId: 'missingCarrier', line: 4 }],
    },
  ],
});

createRuleTester().run('require-context-extraction (receivers from project modules)', extractionRule, {
  valid: [],
  invalid: [
    // A kafkajs consumer made in another file: its handler's span does not continue the producer's trace.
    {
      filename,
      code: `import { trace } from '@opentelemetry/api';
import { settlements } from './kafka.js';
const tracer = trace.getTracer('billing');
export const settle = () =>
  settlements.run({
    eachMessage: async ({ message }) => {
      const span = tracer.startSpan('settle payment');
      span.setAttribute('messaging.kafka.offset', message.offset);
      span.end();
    },
  });`,
      errors: [{ messageId: 'notExtracted', line: 7 }],
    },
  ],
});

// JavaScript linted with espree, ESLint's default parser, which has no scope analysis of its own: the other module is
// read with typescript-eslint's parser, so the verdicts are those of the TypeScript-parsed files above.
const espreeRuleTester = (sourceType: 'module' | 'commonjs') => new RuleTester({ languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType } });

espreeRuleTester('commonjs').run('require-context-propagation (receivers from project modules, espree)', propagationRule, {
  valid: [
    // The imported queue carries the context with BullMQ's own telemetry: followed, so not reported.
    {
      filename: beside('jobs.js'),
      code: `const { invoiceQueue } = require('./queues');
exports.issue = (orderId) => invoiceQueue.add('issue', { orderId }, { attempts: 3 });`,
    },
    // A Redis client named like a queue is no BullMQ queue.
    {
      filename: beside('jobs.js'),
      code: `const { jobQueue } = require('./redis');
exports.nightly = (day) => jobQueue.add('nightly', { day }, { attempts: 3 });`,
    },
  ],
  invalid: [
    {
      filename: beside('alerts.js'),
      code: `const { alerts } = require('./clients/notifications');
exports.raise = (message) => alerts.publish({ TopicArn: process.env.TOPIC_ARN, Message: message });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
    {
      filename: beside('jobs.js'),
      code: `const { reports } = require('./queues');
exports.request = (month) => reports.add('monthly', { month });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
  ],
});

espreeRuleTester('module').run('require-context-propagation (receivers from project modules, espree, ES modules)', propagationRule, {
  valid: [],
  invalid: [
    {
      filename: beside('charges.mjs'),
      code: `import { billing } from './clients/index.js';
export const charged = (orderId) => billing.send({ topic: 'charges', messages: [{ value: orderId }] });`,
      errors: [{ messageId: 'missingCarrier', line: 2 }],
    },
  ],
});
