import type { MessagingLibraryEntries } from './types.js';

/** amqplib channels (promise and callback APIs, and amqp-connection-manager's channel wrapper). */

const MODULES = ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'];
const INSTRUMENTATION = '@opentelemetry/instrumentation-amqplib';
const CHANNEL = /channel|^ch$|^chan$|wrapper/i;
/** `connection.createChannel()`, `createConfirmChannel()` (amqp-connection-manager's `createChannel` gives its wrapper). */
const CHANNEL_ORIGINS = { factories: ['createChannel', 'createConfirmChannel'], types: ['Channel', 'ConfirmChannel', 'ChannelWrapper'] };

export const amqplibMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: 'amqplib:channel.publish',
      library: 'amqplib',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['publish'], receiver: CHANNEL, origins: CHANNEL_ORIGINS, requireImport: true, minArguments: 3 }],
      carriers: [{ argument: 3, path: ['headers'], encoding: 'string-map', description: "the options' headers (4th argument)" }],
      system: 'rabbitmq',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'amqplib channel.publish',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'injects traceparent into the options’ headers' },
    },
    {
      id: 'amqplib:channel.sendToQueue',
      library: 'amqplib',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['sendToQueue'], receiver: CHANNEL, origins: CHANNEL_ORIGINS, requireImport: true, minArguments: 2 }],
      carriers: [{ argument: 2, path: ['headers'], encoding: 'string-map', description: "the options' headers (3rd argument)" }],
      system: 'rabbitmq',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'amqplib channel.sendToQueue',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'injects traceparent into the options’ headers' },
    },
  ],
  consume: [
    {
      id: 'amqplib:channel.consume',
      library: 'amqplib',
      modules: MODULES,
      matchers: [
        { kind: 'callback', call: { type: 'method', methodNames: ['consume'], receiver: CHANNEL, origins: CHANNEL_ORIGINS, requireImport: true }, callbackArgument: 1 },
      ],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['properties', 'headers'], encoding: 'string-map', description: 'msg.properties.headers' }],
      system: 'rabbitmq',
      operationName: 'process',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'amqplib channel.consume',
      autoInstrumentation: { package: INSTRUMENTATION, covers: true, note: 'runs the consume callback with the message’s extracted context active' },
    },
  ],
};
