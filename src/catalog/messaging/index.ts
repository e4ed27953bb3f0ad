import { amqplibMessaging } from './amqplib.js';
import { awsMessaging } from './aws.js';
import { bullmqMessaging } from './bullmq.js';
import { kafkajsMessaging } from './kafkajs.js';
import { natsMessaging } from './nats.js';
import { pubsubMessaging } from './pubsub.js';
import { redisMessaging } from './redis.js';
import { serviceBusMessaging } from './servicebus.js';
import { sqsConsumerMessaging } from './sqs-consumer.js';
import type { ConsumeOperation, MessagingLibraryEntries, MessagingLibraryId, PublishOperation } from './types.js';

export * from './types.js';
export * from './propagation.js';
export { EVENTBRIDGE_EVENT_IN_SQS_BODY, SNS_NOTIFICATION_IN_SQS_BODY, SQS_BODY_ENVELOPES, SQS_MESSAGE_BODY_ENVELOPES } from './aws.js';

/** Every library family; add a family here and both rules and codemods pick it up. */
export const MESSAGING_LIBRARY_FAMILIES: readonly MessagingLibraryEntries[] = [
  awsMessaging,
  kafkajsMessaging,
  amqplibMessaging,
  pubsubMessaging,
  natsMessaging,
  bullmqMessaging,
  serviceBusMessaging,
  redisMessaging,
  sqsConsumerMessaging,
];

/** Every publish operation of every library, in the order matchers are tried. */
export const PUBLISH_OPERATIONS: readonly PublishOperation[] = MESSAGING_LIBRARY_FAMILIES.flatMap((family) => family.publish);

/** Every consume operation of every library, in the order matchers are tried. */
export const CONSUME_OPERATIONS: readonly ConsumeOperation[] = MESSAGING_LIBRARY_FAMILIES.flatMap((family) => family.consume);

/** Every library id the catalog knows, for the `autoInstrumented` option's schema. */
export const MESSAGING_LIBRARY_IDS: readonly MessagingLibraryId[] = [
  ...new Set([...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS].map((operation) => operation.library)),
];

/** Every module specifier of a messaging library. */
export const MESSAGING_MODULES: ReadonlySet<string> = new Set(
  [...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS].flatMap((operation) => operation.modules),
);

export function getPublishOperation(id: string): PublishOperation | undefined {
  return PUBLISH_OPERATIONS.find((operation) => operation.id === id);
}

export function getConsumeOperation(id: string): ConsumeOperation | undefined {
  return CONSUME_OPERATIONS.find((operation) => operation.id === id);
}

export {
  amqplibMessaging,
  awsMessaging,
  bullmqMessaging,
  kafkajsMessaging,
  natsMessaging,
  pubsubMessaging,
  redisMessaging,
  serviceBusMessaging,
  sqsConsumerMessaging,
};
