import rule from '../../rules/require-context-extraction.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './require-context-extraction.cases.js';

// The cases live in a module of their own so the catalog coverage test can read them too.
createRuleTester().run('require-context-extraction', rule, { valid, invalid });

// Test files are left alone by default: an instrumentation's own tests consume through the instrumentation they test
// (it makes the message's context active), and a test's message never carries a production trace.
const amqpConsumerWithOwnSpan = `import amqp from 'amqplib';
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('test');
it('consumes', async () => {
  const channel = await (await amqp.connect('amqp://localhost')).createChannel();
  await channel.consume('orders', (msg) => {
    const span = tracer.startSpan('orders process');
    span.end();
  });
});`;
createRuleTester().run('require-context-extraction (test files)', rule, {
  valid: [
    { code: amqpConsumerWithOwnSpan, filename: 'packages/instrumentation-amqplib/test/amqplib-promise.test.ts' },
    { code: amqpConsumerWithOwnSpan, filename: 'e2e/orders.e2e.ts', options: [{ testFiles: ['e2e/**'] }] },
  ],
  invalid: [
    // `testFiles: []` checks tests too.
    {
      code: amqpConsumerWithOwnSpan,
      filename: 'packages/instrumentation-amqplib/test/amqplib-promise.test.ts',
      options: [{ testFiles: [] }],
      errors: [{ messageId: 'notExtracted', line: 7 }],
    },
  ],
});
