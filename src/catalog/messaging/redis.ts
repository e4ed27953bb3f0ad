import { DEFAULT_ENVELOPE_CARRIER_KEY } from './propagation.js';
import type { AutoInstrumentation, MessagingLibraryEntries, PublishOperation } from './types.js';

/**
 * Redis pub/sub through node-redis (`redis`) and ioredis. A Redis message is a bare string, so the carrier
 * has to travel inside it, as JSON.
 */

const PUBLISHER = /redis|pub|client/i;

const redisInstrumentation = (pkg: string): AutoInstrumentation => ({
  package: pkg,
  covers: false,
  note: 'traces the PUBLISH command but leaves the message untouched',
});

function publishEntry(library: 'redis' | 'ioredis', instrumentation: string): PublishOperation {
  return {
    id: `${library}:publish`,
    library,
    modules: [library],
    matchers: [{ kind: 'method', methodNames: ['publish', 'sPublish', 'spublish'], receiver: PUBLISHER, requireImport: true, minArguments: 2 }],
    carriers: [
      { argument: 1, path: [], encoding: 'json-in-string-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'the message (2nd argument, as JSON)' },
    ],
    system: 'redis',
    operationName: 'publish',
    destination: { kind: 'argument', argument: 0, path: [] },
    displayName: `${library} publish`,
    autoInstrumentation: redisInstrumentation(instrumentation),
  };
}

export const redisMessaging: MessagingLibraryEntries = {
  publish: [publishEntry('redis', '@opentelemetry/instrumentation-redis'), publishEntry('ioredis', '@opentelemetry/instrumentation-ioredis')],
  consume: [
    {
      id: 'redis:subscribe',
      library: 'redis',
      modules: ['redis'],
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['subscribe', 'pSubscribe', 'sSubscribe'], receiver: /redis|sub|client/i, requireImport: true },
          callbackArgument: 1,
        },
      ],
      message: { parameter: 0, path: [] },
      carriers: [{ path: [], encoding: 'json-in-string-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'the message (as JSON)' }],
      system: 'redis',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 1, path: [] },
      displayName: 'node-redis subscribe listener',
      autoInstrumentation: redisInstrumentation('@opentelemetry/instrumentation-redis'),
    },
    {
      id: 'ioredis:on.message',
      library: 'ioredis',
      modules: ['ioredis'],
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['on', 'addListener', 'once'], receiver: /redis|sub|client/i, requireImport: true },
          callbackArgument: 1,
          events: ['message', 'messageBuffer'],
        },
      ],
      message: { parameter: 1, path: [] },
      carriers: [{ path: [], encoding: 'json-in-string-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'the message (as JSON)' }],
      system: 'redis',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: [] },
      displayName: "ioredis on('message') listener",
      autoInstrumentation: redisInstrumentation('@opentelemetry/instrumentation-ioredis'),
    },
  ],
};
