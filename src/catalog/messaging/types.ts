/**
 * The shape of the messaging catalog: where each messaging library publishes and consumes messages,
 * and where a W3C trace context carrier (`traceparent`, `tracestate`) lives in those messages.
 *
 * Plain data, read by the propagation rules (src/lint) and by the codemods that inject carriers into
 * publishes and wrap consumers in spans (src/transform). Nothing here imports an AST library.
 *
 * Paths are lists of property names walked from a starting value. Two special segments:
 * - `EACH` (`'[]'`): step into every element of an array (`messages[].headers`);
 * - `EACH_IF_ARRAY` (`'[]?'`): step into every element when the value is an array, else stay on the value
 *   (Service Bus `sendMessages` takes one message or an array of them).
 */

/** Step into every element of an array. */
export const EACH = '[]';
/** Step into every element when the value is an array; otherwise the value itself. */
export const EACH_IF_ARRAY = '[]?';

export type PathSegment = string;
export type CarrierPath = readonly PathSegment[];

/**
 * Library ids. These are the values users list in the rules' `autoInstrumented` option, and how
 * codemods group operations.
 */
export type MessagingLibraryId =
  | 'aws-sdk'
  | 'aws-lambda'
  | 'kafkajs'
  | 'amqplib'
  | '@google-cloud/pubsub'
  | 'nats'
  | 'bullmq'
  | '@azure/service-bus'
  | 'redis'
  | 'ioredis'
  | 'sqs-consumer';

/**
 * How a carrier value is written into (publish) or read from (consume) its location.
 *
 * - `string-map`: a plain object of string values; `propagation.inject(ctx, obj)` / `extract(ctx, obj)` with the
 *   default setter and getter work as they are (amqplib headers, Pub/Sub attributes, Service Bus applicationProperties,
 *   kafkajs headers on the producer side).
 * - `string-or-buffer-map`: like `string-map`, but values may arrive as `Buffer` (kafkajs headers on the consumer
 *   side); a getter must call `.toString()`.
 * - `sqs-message-attributes`: `{ [key]: { DataType: 'String', StringValue: value } }` (SQS and SNS message attributes
 *   on send, SDK v2 and v3); needs a setter/getter that wraps and unwraps `StringValue`.
 * - `lambda-sqs-message-attributes`: `{ [key]: { dataType: 'String', stringValue: value } }` (an SQS record in a
 *   Lambda event: lower-case names).
 * - `lambda-sns-message-attributes`: `{ [key]: { Type: 'String', Value: value } }` (an SNS record in a Lambda event).
 * - `json-in-string-field`: the location holds JSON text (`JSON.stringify(payload)`); the carrier is an object inside
 *   the JSON, under `envelopeKey` (EventBridge `Detail`, a Redis message).
 * - `json-in-bytes-field`: the same, as bytes (`Buffer.from(JSON.stringify(payload))`; Kinesis `Data`).
 * - `envelope`: the location holds a plain object (the payload); the carrier is an object under `envelopeKey`
 *   (BullMQ job data, an EventBridge event's `detail` once parsed by Lambda).
 * - `nats-headers`: a NATS `MsgHdrs` from `headers()`; written with `.set(key, value)`, read with `.get(key)`.
 * - `xray-trace-header`: one string in AWS X-Ray format (`Root=1-…;Parent=…;Sampled=1`), written by the X-Ray
 *   propagator (EventBridge `TraceHeader`).
 */
export type CarrierEncoding =
  | 'string-map'
  | 'string-or-buffer-map'
  | 'sqs-message-attributes'
  | 'lambda-sqs-message-attributes'
  | 'lambda-sns-message-attributes'
  | 'json-in-string-field'
  | 'json-in-bytes-field'
  | 'envelope'
  | 'nats-headers'
  | 'xray-trace-header';

/** Where a carrier lives, relative to one argument of a publish call (or of a command's constructor). */
export interface PublishCarrierLocation {
  /** Index of the call argument the path starts from; for `command` matchers, of the command constructor. */
  argument: number;
  /** Property path from that argument to the carrier container; `[]` means the argument itself. */
  path: CarrierPath;
  encoding: CarrierEncoding;
  /**
   * For `json-in-string-field`, `json-in-bytes-field` and `envelope`: the key codemods write the carrier object
   * under (`{ ...payload, _trace: carrier }`). The rule accepts a carrier under any key.
   */
  envelopeKey?: string;
  /** The service's limit on the number of entries in the container (SQS and SNS: 10 message attributes). */
  maxEntries?: number;
  /** How messages name the location, e.g. `MessageAttributes`, `messages[].headers`, `the 4th argument's headers`. */
  description: string;
}

/**
 * A message another service delivered as the JSON body of this one, with its producer's carrier inside: an EventBridge
 * event that a rule sent to an SQS queue is the record's body, `{ "detail-type": …, "detail": { …, "_trace": {…} } }`.
 * Codemods read it only when the message's own container holds no carrier, and only from a body that parses as a JSON
 * object with every one of `fields`.
 */
export interface JsonBodyEnvelope {
  /** Property path from the message to the JSON text (`body` of an SQS record). */
  body: CarrierPath;
  /** Fields the parsed body has when it is this envelope (EventBridge: `detail-type`, `detail`). */
  fields: readonly string[];
  /** Property path from the parsed body to the carrier object (`detail._trace`). */
  carrier: CarrierPath;
  /** Each entry of the carrier object is an object holding its value in this field (SNS: `{ Type, Value }`); else a plain string map. */
  valueField?: string;
  /** What the body is then, for docs and comments (`an EventBridge event`). */
  description: string;
}

/** Where a carrier lives, relative to one received message. */
export interface ConsumeCarrierLocation {
  /** Property path from the message to the carrier container; `[]` means the message itself. */
  path: CarrierPath;
  encoding: CarrierEncoding;
  /** See {@link PublishCarrierLocation.envelopeKey}: where codemods read the carrier object from. */
  envelopeKey?: string;
  /** Where the carrier is when the container holds none: the message's body is another service's message, one of these. */
  bodyEnvelopes?: readonly JsonBodyEnvelope[];
  /** How messages name the location, e.g. `message.headers`, `record.messageAttributes`. */
  description: string;
}

/**
 * How a receiver is recognised by where its value comes from: made by one of these constructors
 * (`new Queue(…)`, `new AWS.SQS()`) or returned by one of these factories (`kafka.producer()`,
 * `connection.createChannel()`) of the operation's modules. A receiver whose origin is seen must match it; the
 * `receiver` name pattern is only the fallback where the origin cannot be seen (an untyped parameter, or one whose type
 * is of the library but not listed here).
 */
export interface ReceiverOrigins {
  constructors?: readonly string[];
  factories?: readonly string[];
  /** Type names a parameter may be annotated with (`producer: Producer`); the constructors count as types too. */
  types?: readonly string[];
}

/**
 * How a publish call is recognised.
 *
 * - `command`: an AWS SDK v3 command, `new SendMessageCommand(input)`, usually passed to `client.send(...)`
 *   (one of `sendMethods`). The carrier argument indexes are those of the constructor. The command name alone
 *   identifies the operation.
 * - `method`: `receiver.method(...)`, where the method is one of `methodNames` and the receiver's name (identifier,
 *   member property, or `this.x`) matches `receiver`. Because method names are common, a call matches only when the
 *   file imports one of the operation's `modules`, or, when `requireImport` is false, when the argument at
 *   `shapeArgument` is an object literal holding every key of `requiredKeys`.
 */
export type PublishMatcher =
  | {
      kind: 'command';
      commandNames: readonly string[];
      sendMethods: readonly string[];
    }
  | {
      kind: 'method';
      methodNames: readonly string[];
      receiver: RegExp;
      requireImport: boolean;
      /** Index of the argument whose object-literal keys are checked against `requiredKeys`. */
      shapeArgument?: number;
      requiredKeys?: readonly string[];
      /** Calls with fewer arguments are not this operation (amqplib `publish` needs exchange, key, content); default 1. */
      minArguments?: number;
      origins?: ReceiverOrigins;
      /**
       * The call is not this publish when the shape argument is the result of one of these calls (Service Bus
       * `sendMessages(batch)` with a batch from `createMessageBatch()`: its messages were published by `tryAddMessage`).
       */
      notWhenArgumentFrom?: readonly string[];
    };

/**
 * Where the destination (queue, topic, subject, …) of an operation is found, for span names and
 * `messaging.destination.name`.
 * - `argument`: a path from an argument of the matched call (publish: the publish call or command constructor;
 *   consume: the call that registers the handler, e.g. the queue of `channel.consume(queue, cb)`).
 * - `parameter`: a path from a parameter of the consume handler (kafkajs `eachMessage({ topic })`); `arnResourceType`
 *   when the path holds an ARN whose resource is `<type>/<name>` (Kinesis `stream/orders`): the name is after the type.
 * - `receiver-factory`: the argument of the call that created the receiver (`pubsub.topic('orders').publishMessage`).
 * - `constructor`: an argument of the constructor (`new Worker('emails', processor)`).
 * - `none`: not known at the call (a Redis subscription callback gets it as a parameter with no fixed name).
 */
export type DestinationLocation =
  | { kind: 'argument'; argument: number; path: CarrierPath }
  | { kind: 'parameter'; parameter: number; path: CarrierPath; arnResourceType?: string }
  | { kind: 'receiver-factory'; argument: number }
  | { kind: 'constructor'; argument: number }
  | { kind: 'none' };

/**
 * What an official OpenTelemetry instrumentation (or the library's own tracing) does for one operation.
 * A library listed in the rules' `autoInstrumented` option silences the rules only where `covers` is true.
 */
export interface AutoInstrumentation {
  /** The package that does it, e.g. `@opentelemetry/instrumentation-aws-sdk`. */
  package: string;
  /** Publish: injects the carrier. Consume: runs the handler with the extracted context active. */
  covers: boolean;
  /**
   * Publish only: the instrumentation silently skips injection when the message already has at least this many
   * entries in its carrier container (the AWS SDK instrumentation needs room for `traceparent` and `tracestate`
   * among SQS/SNS's 10 message attributes, so it skips at 9).
   */
  skipsWhenEntriesAtLeast?: number;
  /** The carrier keys it writes when they are not the W3C ones (Pub/Sub: `googclient_traceparent`). */
  carrierKeys?: readonly string[];
  /** One sentence for docs and messages. */
  note: string;
}

/**
 * The library's own tracing switched on by a constructor option, which then propagates by itself
 * (BullMQ `new Queue(name, { telemetry })`).
 */
export interface BuiltInTracing {
  constructorNames: readonly string[];
  /** Index of the constructor's options argument. */
  argument: number;
  /** The option key whose presence (with a value other than `undefined`/`false`) turns tracing on. */
  optionKey: string;
  note: string;
}

export interface PublishOperation {
  /** Stable id, `<library>:<operation>`, e.g. `aws-sdk:sqs.SendMessage`. */
  id: string;
  library: MessagingLibraryId;
  /** Module specifiers the library is imported from. */
  modules: readonly string[];
  /** Ways the call is written; any of them is this operation. */
  matchers: readonly PublishMatcher[];
  /** Where the carrier may live; the first is where codemods write it. */
  carriers: readonly PublishCarrierLocation[];
  /** `messaging.system.name` value (semantic conventions where the system has one). */
  system: string;
  /** `messaging.operation.name`, e.g. `send`, `publish`. */
  operationName: string;
  destination: DestinationLocation;
  /** Human name for messages: `SQS SendMessage`, `kafkajs producer.send`. */
  displayName: string;
  autoInstrumentation?: AutoInstrumentation;
  builtInTracing?: BuiltInTracing;
}

/**
 * How a consumer's message handler is recognised.
 *
 * - `callback`: a function passed to a call. `call` says which call: a method on a receiver (same import / receiver
 *   rules as {@link PublishMatcher} `method`) or a constructor. The handler is argument `callbackArgument`; when
 *   `callbackKey` is set that argument is an options object and the handler is its `callbackKey` property
 *   (`consumer.run({ eachMessage })`). When `events` is set, the first argument must be one of these string
 *   literals (`subscription.on('message', handler)`).
 * - `async-iterator`: the message is the variable of a `for await (const m of x)` loop where `x` is (or is a
 *   variable initialised with) the result of the method call (`for await (const m of nc.subscribe('orders'))`);
 *   the loop body is the handler.
 * - `lambda-handler`: an AWS Lambda handler: a function whose first parameter is annotated with one of
 *   `eventTypeNames` (`SQSEvent`), or a variable annotated with one of `handlerTypeNames` (`SQSHandler`) and
 *   initialised with a function.
 */
export type ConsumeMatcher =
  | {
      kind: 'callback';
      call:
        | { type: 'method'; methodNames: readonly string[]; receiver: RegExp; requireImport: boolean; origins?: ReceiverOrigins }
        | { type: 'constructor'; constructorNames: readonly string[] };
      callbackArgument: number;
      callbackKey?: string;
      events?: readonly string[];
    }
  | {
      kind: 'async-iterator';
      methodNames: readonly string[];
      receiver: RegExp;
      requireImport: boolean;
      origins?: ReceiverOrigins;
    }
  | {
      kind: 'lambda-handler';
      eventTypeNames: readonly string[];
      handlerTypeNames: readonly string[];
      /**
       * For a handler without types: fields whose use gives the trigger away, read on a record of `event.Records`
       * (`record.body`, `record.Sns`) or on the event itself (`event.detail`, `event['detail-type']`).
       */
      inferredFrom?: { recordFields?: readonly string[]; eventFields?: readonly string[] };
      /** How an event of this trigger shows it at run time, for a handler that serves several (see LambdaEventShape). */
      eventShape?: LambdaEventShape;
    };

/**
 * How a Lambda event shows at run time what invoked the function: the event source Lambda writes on its records
 * (`Records[0].eventSource` `aws:sqs`; SNS spells the field `EventSource`), or a field only that event has
 * (`detail-type` for EventBridge), under a name of our own for the trigger.
 */
export type LambdaEventShape = { recordEventSource: string } | { trigger: string; eventFields: readonly string[] };

/** Where the received message is, relative to the handler. */
export interface MessageAccess {
  /** Index of the handler parameter holding it (ignored for `async-iterator`: the loop variable is the message). */
  parameter: number;
  /** Path from that parameter to the message; `EACH` steps into a batch (`['batch', 'messages', '[]']`). */
  path: CarrierPath;
}

export interface ConsumeOperation {
  /** Stable id, `<library>:<operation>`, e.g. `kafkajs:consumer.run.eachMessage`. */
  id: string;
  library: MessagingLibraryId;
  modules: readonly string[];
  matchers: readonly ConsumeMatcher[];
  message: MessageAccess;
  /** Where the carrier may live in a message; the first is where codemods read it. */
  carriers: readonly ConsumeCarrierLocation[];
  system: string;
  /** `messaging.operation.name`, e.g. `process`. */
  operationName: string;
  destination: DestinationLocation;
  /** Attribute keys of the system's own conventions that the destination name is written under too (`aws.kinesis.stream_name`). */
  destinationAttributes?: readonly string[];
  displayName: string;
  autoInstrumentation?: AutoInstrumentation;
  builtInTracing?: BuiltInTracing;
  /** Path from the message to the id the broker gave it, written as `messaging.message.id`. */
  messageId?: CarrierPath;
  /**
   * The library hands the handler only the carrier keys its registering call asks the broker for (sqs-consumer's
   * `messageAttributeNames`): the option, in the options object at `argument`, and the value that asks for every key.
   */
  requestedCarrierKeys?: { argument: number; option: string; all: string };
}

/** One library family's entries. */
export interface MessagingLibraryEntries {
  publish: readonly PublishOperation[];
  consume: readonly ConsumeOperation[];
}
