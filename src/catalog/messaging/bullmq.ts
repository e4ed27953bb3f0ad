import { DEFAULT_ENVELOPE_CARRIER_KEY } from './propagation.js';
import { EACH, type BuiltInTracing, type MessagingLibraryEntries } from './types.js';

/** BullMQ queues and workers. BullMQ propagates by itself when constructed with its `telemetry` option. */

const MODULES = ['bullmq'];
const QUEUE = /queue/i;

const queueTelemetry: BuiltInTracing = {
  constructorNames: ['Queue'],
  argument: 1,
  optionKey: 'telemetry',
  note: 'a Queue created with the telemetry option (bullmq-otel) stores the context with every job',
};

export const bullmqMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: 'bullmq:queue.add',
      library: 'bullmq',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['add'], receiver: QUEUE, requireImport: true, minArguments: 2, origins: { constructors: ['Queue'] } }],
      carriers: [{ argument: 1, path: [], encoding: 'envelope', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'the job data (2nd argument)' }],
      system: 'bullmq',
      operationName: 'publish',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'BullMQ queue.add',
      builtInTracing: queueTelemetry,
    },
    {
      id: 'bullmq:queue.addBulk',
      library: 'bullmq',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['addBulk'], receiver: QUEUE, requireImport: true, minArguments: 1, origins: { constructors: ['Queue'] } }],
      carriers: [
        { argument: 0, path: [EACH, 'data'], encoding: 'envelope', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'each job’s data' },
      ],
      system: 'bullmq',
      operationName: 'publish',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'BullMQ queue.addBulk',
      builtInTracing: queueTelemetry,
    },
    {
      // A flow: a parent job and its children, added to their queues in one call.
      id: 'bullmq:flowProducer.add',
      library: 'bullmq',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['add'], receiver: /flow/i, requireImport: true, minArguments: 1, origins: { constructors: ['FlowProducer'] } }],
      carriers: [{ argument: 0, path: ['data'], encoding: 'envelope', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'the parent job’s data' }],
      system: 'bullmq',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: ['queueName'] },
      displayName: 'BullMQ FlowProducer.add',
      builtInTracing: {
        constructorNames: ['FlowProducer'],
        argument: 0,
        optionKey: 'telemetry',
        note: 'a FlowProducer created with the telemetry option (bullmq-otel) stores the context with every job of the flow',
      },
    },
  ],
  consume: [
    {
      id: 'bullmq:worker.processor',
      library: 'bullmq',
      modules: MODULES,
      matchers: [{ kind: 'callback', call: { type: 'constructor', constructorNames: ['Worker'] }, callbackArgument: 1 }],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['data'], encoding: 'envelope', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'job.data' }],
      system: 'bullmq',
      operationName: 'process',
      destination: { kind: 'constructor', argument: 0 },
      displayName: 'BullMQ Worker processor',
      builtInTracing: {
        constructorNames: ['Worker'],
        argument: 2,
        optionKey: 'telemetry',
        note: 'a Worker created with the telemetry option (bullmq-otel) runs the processor with the job’s context active',
      },
    },
  ],
};
