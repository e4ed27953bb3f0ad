import { EACH_IF_ARRAY, type MessagingLibraryEntries } from './types.js';

/** Azure Service Bus senders, message batches and receivers. */

const MODULES = ['@azure/service-bus'];
const AZURE_INSTRUMENTATION = '@azure/opentelemetry-instrumentation-azure-sdk';

export const serviceBusMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: '@azure/service-bus:sender.sendMessages',
      library: '@azure/service-bus',
      modules: MODULES,
      matchers: [
        {
          kind: 'method',
          methodNames: ['sendMessages', 'scheduleMessages'],
          receiver: /sender/i,
          origins: { factories: ['createSender'], types: ['ServiceBusSender'] },
          requireImport: false,
          shapeArgument: 0,
          requiredKeys: ['body'],
          notWhenArgumentFrom: ['createMessageBatch'],
        },
      ],
      carriers: [{ argument: 0, path: [EACH_IF_ARRAY, 'applicationProperties'], encoding: 'string-map', description: 'applicationProperties' }],
      system: 'azure.servicebus',
      operationName: 'send',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'Service Bus sender.sendMessages',
      autoInstrumentation: {
        package: AZURE_INSTRUMENTATION,
        covers: true,
        carrierKeys: ['Diagnostic-Id'],
        note: 'with Azure SDK tracing on, the sender writes the context into applicationProperties["Diagnostic-Id"]',
      },
    },
    {
      id: '@azure/service-bus:batch.tryAddMessage',
      library: '@azure/service-bus',
      modules: MODULES,
      matchers: [{ kind: 'method', methodNames: ['tryAddMessage'], receiver: /batch/i, origins: { factories: ['createMessageBatch'], types: ['ServiceBusMessageBatch'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['body'] }],
      carriers: [{ argument: 0, path: ['applicationProperties'], encoding: 'string-map', description: 'applicationProperties' }],
      system: 'azure.servicebus',
      operationName: 'send',
      destination: { kind: 'none' },
      displayName: 'Service Bus batch.tryAddMessage',
      autoInstrumentation: {
        package: AZURE_INSTRUMENTATION,
        covers: true,
        carrierKeys: ['Diagnostic-Id'],
        note: 'with Azure SDK tracing on, tryAddMessage writes the context into applicationProperties["Diagnostic-Id"]',
      },
    },
  ],
  consume: [
    {
      id: '@azure/service-bus:receiver.subscribe',
      library: '@azure/service-bus',
      modules: MODULES,
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['subscribe'], receiver: /receiver/i, origins: { factories: ['createReceiver'], types: ['ServiceBusReceiver'] }, requireImport: false },
          callbackArgument: 0,
          callbackKey: 'processMessage',
        },
      ],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['applicationProperties'], encoding: 'string-map', description: 'message.applicationProperties' }],
      system: 'azure.servicebus',
      operationName: 'process',
      destination: { kind: 'receiver-factory', argument: 0 },
      displayName: 'Service Bus receiver.subscribe',
      autoInstrumentation: {
        package: AZURE_INSTRUMENTATION,
        covers: false,
        note: 'records a process span linked to the message; spans you start in processMessage are not its children',
      },
    },
  ],
};
