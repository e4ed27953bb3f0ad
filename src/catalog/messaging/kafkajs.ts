import { EACH, type MessagingLibraryEntries } from './types.js';

/** kafkajs producers (`producer.send`, `producer.sendBatch`) and consumers (`consumer.run`). */

const MODULES = ['kafkajs'];
const INSTRUMENTATION = '@opentelemetry/instrumentation-kafkajs';
const PRODUCER = /producer/i;
const CONSUMER = /consumer/i;

export const kafkajsMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: 'kafkajs:producer.send',
      library: 'kafkajs',
      modules: MODULES,
      matchers: [
        { kind: 'method', methodNames: ['send'], receiver: PRODUCER, origins: { factories: ['producer', 'transaction'], types: ['Producer', 'Transaction'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['topic', 'messages'] },
      ],
      carriers: [{ argument: 0, path: ['messages', EACH, 'headers'], encoding: 'string-map', description: 'messages[].headers' }],
      system: 'kafka',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['topic'] },
      displayName: 'kafkajs producer.send',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'injects traceparent into every message’s headers' },
    },
    {
      id: 'kafkajs:producer.sendBatch',
      library: 'kafkajs',
      modules: MODULES,
      matchers: [
        { kind: 'method', methodNames: ['sendBatch'], receiver: PRODUCER, origins: { factories: ['producer', 'transaction'], types: ['Producer', 'Transaction'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['topicMessages'] },
      ],
      carriers: [
        { argument: 0, path: ['topicMessages', EACH, 'messages', EACH, 'headers'], encoding: 'string-map', description: 'topicMessages[].messages[].headers' },
      ],
      system: 'kafka',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['topicMessages', EACH, 'topic'] },
      displayName: 'kafkajs producer.sendBatch',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'injects traceparent into every message’s headers' },
    },
  ],
  consume: [
    {
      id: 'kafkajs:consumer.run.eachMessage',
      library: 'kafkajs',
      modules: MODULES,
      matchers: [
        { kind: 'callback', call: { type: 'method', methodNames: ['run'], receiver: CONSUMER, origins: { factories: ['consumer'], types: ['Consumer'] }, requireImport: false }, callbackArgument: 0, callbackKey: 'eachMessage' },
      ],
      message: { parameter: 0, path: ['message'] },
      carriers: [{ path: ['headers'], encoding: 'string-or-buffer-map', description: 'message.headers' }],
      system: 'kafka',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: ['topic'] },
      displayName: 'kafkajs eachMessage',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'runs eachMessage with the message’s extracted context active' },
    },
    {
      id: 'kafkajs:consumer.run.eachBatch',
      library: 'kafkajs',
      modules: MODULES,
      matchers: [
        { kind: 'callback', call: { type: 'method', methodNames: ['run'], receiver: CONSUMER, origins: { factories: ['consumer'], types: ['Consumer'] }, requireImport: false }, callbackArgument: 0, callbackKey: 'eachBatch' },
      ],
      message: { parameter: 0, path: ['batch', 'messages', EACH] },
      carriers: [{ path: ['headers'], encoding: 'string-or-buffer-map', description: 'message.headers' }],
      system: 'kafka',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: ['batch', 'topic'] },
      displayName: 'kafkajs eachBatch',
      autoInstrumentation: {
        package: INSTRUMENTATION,
        covers: false,
        note: 'runs eachBatch under one batch span; no message’s own context is active while you process it',
      },
    },
  ],
};
