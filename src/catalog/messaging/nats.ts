import type { MessagingLibraryEntries } from './types.js';

/** NATS core and JetStream (nats.js v2 `nats` and the v3 `@nats-io/*` packages). */

const MODULES = ['nats', '@nats-io/transport-node', '@nats-io/nats-core', '@nats-io/jetstream'];
const CONNECTION = /^nc$|nats|conn|connection|client/i;
const JETSTREAM = /^js$|jetstream/i;
/** `connect()` (nats.js, `@nats-io/transport-node`) and `wsconnect()` make a connection; `nc.jetstream()` / `jetstream(nc)` a JetStream client. */
const CONNECTION_ORIGINS = { factories: ['connect', 'wsconnect'], types: ['NatsConnection'] };
const JETSTREAM_ORIGINS = { factories: ['jetstream'], types: ['JetStreamClient'] };

export const natsMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: 'nats:publish',
      library: 'nats',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['publish'], receiver: CONNECTION, requireImport: true, minArguments: 1, origins: CONNECTION_ORIGINS }],
      carriers: [{ argument: 2, path: ['headers'], encoding: 'nats-headers', description: "the options' headers (3rd argument)" }],
      system: 'nats',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'NATS publish',
    },
    {
      id: 'nats:jetstream.publish',
      library: 'nats',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['publish'], receiver: JETSTREAM, requireImport: true, minArguments: 1, origins: JETSTREAM_ORIGINS }],
      carriers: [{ argument: 2, path: ['headers'], encoding: 'nats-headers', description: "the options' headers (3rd argument)" }],
      system: 'nats',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'NATS JetStream publish',
    },
  ],
  consume: [
    {
      id: 'nats:subscribe.iterator',
      library: 'nats',
      modules: MODULES,
      matchers: [{ kind: 'async-iterator', methodNames: ['subscribe'], receiver: CONNECTION, requireImport: true, origins: CONNECTION_ORIGINS }],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['headers'], encoding: 'nats-headers', description: 'msg.headers' }],
      system: 'nats',
      operationName: 'process',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'NATS subscription loop',
    },
    {
      id: 'nats:subscribe.callback',
      library: 'nats',
      modules: MODULES,
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['subscribe'], receiver: CONNECTION, requireImport: true, origins: CONNECTION_ORIGINS },
          callbackArgument: 1,
          callbackKey: 'callback',
        },
      ],
      message: { parameter: 1, path: [] },
      carriers: [{ path: ['headers'], encoding: 'nats-headers', description: 'msg.headers' }],
      system: 'nats',
      operationName: 'process',
      destination: { kind: 'argument', argument: 0, path: [] },
      displayName: 'NATS subscription callback',
    },
  ],
};
