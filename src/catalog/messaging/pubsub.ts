import type { MessagingLibraryEntries } from './types.js';

/** Google Cloud Pub/Sub topics and subscriptions. */

const MODULES = ['@google-cloud/pubsub'];
const OWN_TRACING = '@google-cloud/pubsub (enableOpenTelemetryTracing)';

export const pubsubMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: '@google-cloud/pubsub:topic.publishMessage',
      library: '@google-cloud/pubsub',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['publishMessage'], receiver: /topic/i, origins: { factories: ['topic'], constructors: ['Topic'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['data'] }],
      carriers: [{ argument: 0, path: ['attributes'], encoding: 'string-map', description: 'attributes' }],
      system: 'gcp.pubsub',
      operationName: 'send',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'Pub/Sub topic.publishMessage',
      autoInstrumentation: {
        package: OWN_TRACING,
        covers: true,
        carrierKeys: ['googclient_traceparent'],
        note: 'the client’s own tracing writes googclient_traceparent, not traceparent, so only consumers that read that attribute continue the trace',
      },
    },
    {
      id: '@google-cloud/pubsub:topic.publish',
      library: '@google-cloud/pubsub',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['publish', 'publishJSON'], receiver: /topic/i, origins: { factories: ['topic'], constructors: ['Topic'] }, requireImport: true }],
      carriers: [{ argument: 1, path: [], encoding: 'string-map', description: 'the attributes (2nd argument)' }],
      system: 'gcp.pubsub',
      operationName: 'send',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'Pub/Sub topic.publish',
      autoInstrumentation: {
        package: OWN_TRACING,
        covers: true,
        carrierKeys: ['googclient_traceparent'],
        note: 'the client’s own tracing writes googclient_traceparent, not traceparent, so only consumers that read that attribute continue the trace',
      },
    },
  ],
  consume: [
    {
      id: '@google-cloud/pubsub:subscription.on.message',
      library: '@google-cloud/pubsub',
      modules: MODULES,
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['on', 'addListener', 'once'], receiver: /subscription|^sub$/i, origins: { factories: ['subscription'], constructors: ['Subscription'] }, requireImport: true },
          callbackArgument: 1,
          events: ['message'],
        },
      ],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['attributes'], encoding: 'string-map', description: 'message.attributes' }],
      system: 'gcp.pubsub',
      operationName: 'process',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: "Pub/Sub subscription.on('message')",
      autoInstrumentation: {
        package: OWN_TRACING,
        covers: false,
        carrierKeys: ['googclient_traceparent'],
        note: 'the client’s own tracing reads googclient_traceparent for its own subscriber spans; spans you start in the listener do not get that parent',
      },
    },
  ],
};
