import { SQS_MESSAGE_BODY_ENVELOPES } from './aws.js';
import { EACH, type ConsumeOperation, type MessagingLibraryEntries } from './types.js';

/**
 * sqs-consumer (bbc/sqs-consumer): `Consumer.create({ queueUrl, handleMessage })` polls an SQS queue and calls
 * `handleMessage(message)` with each SDK v3 `Message`, whose `MessageAttributes` hold the carrier in the shape it
 * was sent with (`{ DataType, StringValue }`). It asks SQS only for the attributes named in `messageAttributeNames`
 * (none by default), so a handler sees the carrier only when that option lists it; a message that another service
 * delivered through the queue (an EventBridge event, an SNS notification) carries it in its `Body`.
 * `handleMessageBatch(messages)`, when given, gets the whole received batch instead.
 */

const AUTO_INSTRUMENTATION = {
  package: '@opentelemetry/instrumentation-aws-sdk',
  covers: false,
  note: 'traces the ReceiveMessage call that polls the queue; whether handleMessage then runs with the message’s context depends on how sqs-consumer walks the batch, so it is not counted on',
};

/** Registration, carrier and destination, the same for the per-message and the batch handler. */
const SHARED = {
  library: 'sqs-consumer',
  modules: ['sqs-consumer'],
  carriers: [{ path: ['MessageAttributes'], encoding: 'sqs-message-attributes', bodyEnvelopes: SQS_MESSAGE_BODY_ENVELOPES, description: 'message.MessageAttributes' }],
  system: 'aws.sqs',
  operationName: 'process',
  destination: { kind: 'argument', argument: 0, path: ['queueUrl'] },
  messageId: ['MessageId'],
  requestedCarrierKeys: { argument: 0, option: 'messageAttributeNames', all: 'All' },
  autoInstrumentation: AUTO_INSTRUMENTATION,
} as const satisfies Partial<ConsumeOperation>;

function registeredAs(callbackKey: string): ConsumeOperation['matchers'] {
  return [{ kind: 'callback', call: { type: 'method', methodNames: ['create'], receiver: /^Consumer$/, requireImport: true }, callbackArgument: 0, callbackKey }];
}

export const sqsConsumerMessaging: MessagingLibraryEntries = {
  publish: [],
  consume: [
    { ...SHARED, id: 'sqs-consumer:handleMessage', matchers: registeredAs('handleMessage'), message: { parameter: 0, path: [] }, displayName: 'sqs-consumer handleMessage' },
    { ...SHARED, id: 'sqs-consumer:handleMessageBatch', matchers: registeredAs('handleMessageBatch'), message: { parameter: 0, path: [EACH] }, displayName: 'sqs-consumer handleMessageBatch' },
  ],
};
