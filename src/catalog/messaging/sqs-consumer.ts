import type { MessagingLibraryEntries } from './types.js';

/**
 * sqs-consumer (bbc/sqs-consumer): `Consumer.create({ queueUrl, handleMessage })` polls an SQS queue and calls
 * `handleMessage(message)` with each SDK v3 `Message`, whose `MessageAttributes` hold the carrier in the shape it
 * was sent with (`{ DataType, StringValue }`). It asks SQS only for the attributes named in `messageAttributeNames`
 * (none by default), so a handler sees the carrier only when that option lists it.
 */

export const sqsConsumerMessaging: MessagingLibraryEntries = {
  publish: [],
  consume: [
    {
      id: 'sqs-consumer:handleMessage',
      library: 'sqs-consumer',
      modules: ['sqs-consumer'],
      matchers: [
        {
          kind: 'callback',
          call: { type: 'method', methodNames: ['create'], receiver: /^Consumer$/, requireImport: true },
          callbackArgument: 0,
          callbackKey: 'handleMessage',
        },
      ],
      message: { parameter: 0, path: [] },
      carriers: [{ path: ['MessageAttributes'], encoding: 'sqs-message-attributes', description: 'message.MessageAttributes' }],
      system: 'aws_sqs',
      operationName: 'process',
      destination: { kind: 'argument', argument: 0, path: ['queueUrl'] },
      displayName: 'sqs-consumer handleMessage',
      messageId: ['MessageId'],
      requestedCarrierKeys: { argument: 0, option: 'messageAttributeNames', all: 'All' },
      autoInstrumentation: {
        package: '@opentelemetry/instrumentation-aws-sdk',
        covers: false,
        note: 'traces the ReceiveMessage call that polls the queue; whether handleMessage then runs with the message’s context depends on how sqs-consumer walks the batch, so it is not counted on',
      },
    },
  ],
};
