import { DEFAULT_ENVELOPE_CARRIER_KEY, AWS_MESSAGE_ATTRIBUTES_LIMIT } from './propagation.js';
import { EACH, type AutoInstrumentation, type JsonBodyEnvelope, type MessagingLibraryEntries } from './types.js';

/**
 * AWS SDK publishes (v3 commands, v3 aggregated clients and v2 clients share the input shapes) and
 * Lambda handlers over SQS, SNS and EventBridge events.
 */

const SQS_MODULES = ['@aws-sdk/client-sqs', 'aws-sdk', 'aws-sdk/clients/sqs'];
const SNS_MODULES = ['@aws-sdk/client-sns', 'aws-sdk', 'aws-sdk/clients/sns'];
const EVENTBRIDGE_MODULES = ['@aws-sdk/client-eventbridge', 'aws-sdk', 'aws-sdk/clients/eventbridge'];
const KINESIS_MODULES = ['@aws-sdk/client-kinesis', 'aws-sdk', 'aws-sdk/clients/kinesis'];
const LAMBDA_MODULES = ['aws-lambda', '@types/aws-lambda'];

const AWS_SDK_INSTRUMENTATION = '@opentelemetry/instrumentation-aws-sdk';
const SEND = ['send'];

const injectsMessageAttributes: AutoInstrumentation = {
  package: AWS_SDK_INSTRUMENTATION,
  covers: true,
  skipsWhenEntriesAtLeast: AWS_MESSAGE_ATTRIBUTES_LIMIT - 1,
  note: 'injects traceparent and tracestate into MessageAttributes, but silently skips a message that already has 9 or more of its 10 allowed attributes',
};

const notInjected = (what: string): AutoInstrumentation => ({
  package: AWS_SDK_INSTRUMENTATION,
  covers: false,
  note: `does not inject a carrier into ${what}`,
});

const lambdaInstrumentation: AutoInstrumentation = {
  package: '@opentelemetry/instrumentation-aws-lambda',
  covers: false,
  note: "takes the invocation's parent from HTTP headers or the X-Ray environment, never from the records of a batch",
};

/**
 * AWS X-Ray's SDK wrappers: a client they wrap sends the X-Ray trace header (`AWSTraceHeader`) with every SQS
 * message and every call, so the trace does not break at the queue. `captureAWS(require('aws-sdk'))` wraps a whole
 * v2 SDK (its `new AWS.SQS()` clients); `captureAWSClient(client)` and `captureAWSv3Client(client)` wrap one client.
 */
export const AWS_TRACING_WRAPPERS = {
  sdkWrappers: ['captureAWS'],
  clientWrappers: ['captureAWSClient', 'captureAWSv3Client'],
} as const;

/**
 * An EventBridge event that a rule delivered to an SQS queue: the record's body is the whole event as JSON, and the
 * carrier PutEvents wrote into `Detail` is under the envelope key of its `detail`. The record itself has no carrier in
 * its message attributes.
 */
export const EVENTBRIDGE_EVENT_IN_SQS_BODY: JsonBodyEnvelope = {
  body: ['body'],
  fields: ['detail-type', 'detail'],
  carrier: ['detail', DEFAULT_ENVELOPE_CARRIER_KEY],
  description: 'an EventBridge event',
};

/**
 * An SNS notification that a subscription delivered to an SQS queue without raw message delivery (SNS's default): the
 * record's body is the notification as JSON, and the message attributes Publish was given are its `MessageAttributes`,
 * each `{ Type, Value }`.
 */
export const SNS_NOTIFICATION_IN_SQS_BODY: JsonBodyEnvelope = {
  body: ['body'],
  fields: ['Type', 'MessageAttributes'],
  carrier: ['MessageAttributes'],
  valueField: 'Value',
  description: 'an SNS notification',
};

/** What another service's message in an SQS record's body may be, tried in order. */
export const SQS_BODY_ENVELOPES: readonly JsonBodyEnvelope[] = [EVENTBRIDGE_EVENT_IN_SQS_BODY, SNS_NOTIFICATION_IN_SQS_BODY];

/** The same envelopes in a message received with the SDK (`ReceiveMessage`, sqs-consumer), whose body is `Body`. */
export const SQS_MESSAGE_BODY_ENVELOPES: readonly JsonBodyEnvelope[] = SQS_BODY_ENVELOPES.map((envelope) => ({ ...envelope, body: ['Body'] }));

export const awsMessaging: MessagingLibraryEntries = {
  publish: [
    {
      id: 'aws-sdk:sqs.SendMessage',
      library: 'aws-sdk',
      modules: SQS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['SendMessageCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['sendMessage'], receiver: /sqs/i, origins: { constructors: ['SQS', 'SQSClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['QueueUrl', 'MessageBody'] },
      ],
      carriers: [
        { argument: 0, path: ['MessageAttributes'], encoding: 'sqs-message-attributes', maxEntries: AWS_MESSAGE_ATTRIBUTES_LIMIT, description: 'MessageAttributes' },
      ],
      system: 'aws.sqs',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['QueueUrl'] },
      displayName: 'SQS SendMessage',
      autoInstrumentation: injectsMessageAttributes,
    },
    {
      id: 'aws-sdk:sqs.SendMessageBatch',
      library: 'aws-sdk',
      modules: SQS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['SendMessageBatchCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['sendMessageBatch'], receiver: /sqs/i, origins: { constructors: ['SQS', 'SQSClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['QueueUrl', 'Entries'] },
      ],
      carriers: [
        { argument: 0, path: ['Entries', EACH, 'MessageAttributes'], encoding: 'sqs-message-attributes', maxEntries: AWS_MESSAGE_ATTRIBUTES_LIMIT, description: 'Entries[].MessageAttributes' },
      ],
      system: 'aws.sqs',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['QueueUrl'] },
      displayName: 'SQS SendMessageBatch',
      autoInstrumentation: injectsMessageAttributes,
    },
    {
      id: 'aws-sdk:sns.Publish',
      library: 'aws-sdk',
      modules: SNS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['PublishCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['publish'], receiver: /sns/i, origins: { constructors: ['SNS', 'SNSClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['Message'] },
      ],
      carriers: [
        { argument: 0, path: ['MessageAttributes'], encoding: 'sqs-message-attributes', maxEntries: AWS_MESSAGE_ATTRIBUTES_LIMIT, description: 'MessageAttributes' },
      ],
      system: 'aws.sns',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: ['TopicArn'] },
      displayName: 'SNS Publish',
      autoInstrumentation: injectsMessageAttributes,
    },
    {
      id: 'aws-sdk:sns.PublishBatch',
      library: 'aws-sdk',
      modules: SNS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['PublishBatchCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['publishBatch'], receiver: /sns/i, origins: { constructors: ['SNS', 'SNSClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['TopicArn', 'PublishBatchRequestEntries'] },
      ],
      carriers: [
        {
          argument: 0,
          path: ['PublishBatchRequestEntries', EACH, 'MessageAttributes'],
          encoding: 'sqs-message-attributes',
          maxEntries: AWS_MESSAGE_ATTRIBUTES_LIMIT,
          description: 'PublishBatchRequestEntries[].MessageAttributes',
        },
      ],
      system: 'aws.sns',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: ['TopicArn'] },
      displayName: 'SNS PublishBatch',
      autoInstrumentation: notInjected('SNS PublishBatch entries'),
    },
    {
      id: 'aws-sdk:eventbridge.PutEvents',
      library: 'aws-sdk',
      modules: EVENTBRIDGE_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['PutEventsCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['putEvents'], receiver: /event|bridge|\beb/i, origins: { constructors: ['EventBridge', 'EventBridgeClient', 'CloudWatchEvents'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['Entries'] },
      ],
      carriers: [
        {
          argument: 0,
          path: ['Entries', EACH, 'Detail'],
          encoding: 'json-in-string-field',
          envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY,
          description: 'Entries[].Detail (as JSON)',
        },
        { argument: 0, path: ['Entries', EACH, 'TraceHeader'], encoding: 'xray-trace-header', description: 'Entries[].TraceHeader' },
      ],
      system: 'aws.eventbridge',
      operationName: 'publish',
      destination: { kind: 'argument', argument: 0, path: ['Entries', EACH, 'EventBusName'] },
      displayName: 'EventBridge PutEvents',
      autoInstrumentation: notInjected('EventBridge events'),
    },
    {
      id: 'aws-sdk:kinesis.PutRecord',
      library: 'aws-sdk',
      modules: KINESIS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['PutRecordCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['putRecord'], receiver: /kinesis/i, origins: { constructors: ['Kinesis', 'KinesisClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['Data', 'PartitionKey'] },
      ],
      carriers: [
        { argument: 0, path: ['Data'], encoding: 'json-in-bytes-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'Data (as JSON)' },
      ],
      system: 'aws.kinesis',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['StreamName'] },
      displayName: 'Kinesis PutRecord',
      autoInstrumentation: notInjected('Kinesis records'),
    },
    {
      id: 'aws-sdk:kinesis.PutRecords',
      library: 'aws-sdk',
      modules: KINESIS_MODULES,
      matchers: [
        { kind: 'command', commandNames: ['PutRecordsCommand'], sendMethods: SEND },
        { kind: 'method', methodNames: ['putRecords'], receiver: /kinesis/i, origins: { constructors: ['Kinesis', 'KinesisClient'] }, requireImport: false, shapeArgument: 0, requiredKeys: ['Records'] },
      ],
      carriers: [
        { argument: 0, path: ['Records', EACH, 'Data'], encoding: 'json-in-bytes-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'Records[].Data (as JSON)' },
      ],
      system: 'aws.kinesis',
      operationName: 'send',
      destination: { kind: 'argument', argument: 0, path: ['StreamName'] },
      displayName: 'Kinesis PutRecords',
      autoInstrumentation: notInjected('Kinesis records'),
    },
  ],
  consume: [
    {
      id: 'aws-lambda:sqs',
      library: 'aws-lambda',
      modules: LAMBDA_MODULES,
      matchers: [{ kind: 'lambda-handler', eventTypeNames: ['SQSEvent'], handlerTypeNames: ['SQSHandler'], inferredFrom: { recordFields: ['body', 'receiptHandle', 'messageAttributes'] }, eventShape: { recordEventSource: 'aws:sqs' } }],
      message: { parameter: 0, path: ['Records', EACH] },
      carriers: [{ path: ['messageAttributes'], encoding: 'lambda-sqs-message-attributes', bodyEnvelopes: SQS_BODY_ENVELOPES, description: 'record.messageAttributes' }],
      system: 'aws.sqs',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: ['Records', EACH, 'eventSourceARN'] },
      displayName: 'Lambda SQS handler',
      autoInstrumentation: lambdaInstrumentation,
    },
    {
      id: 'aws-lambda:sns',
      library: 'aws-lambda',
      modules: LAMBDA_MODULES,
      matchers: [{ kind: 'lambda-handler', eventTypeNames: ['SNSEvent'], handlerTypeNames: ['SNSHandler'], inferredFrom: { recordFields: ['Sns'] }, eventShape: { recordEventSource: 'aws:sns' } }],
      message: { parameter: 0, path: ['Records', EACH] },
      carriers: [{ path: ['Sns', 'MessageAttributes'], encoding: 'lambda-sns-message-attributes', description: 'record.Sns.MessageAttributes' }],
      system: 'aws.sns',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: ['Records', EACH, 'Sns', 'TopicArn'] },
      displayName: 'Lambda SNS handler',
      autoInstrumentation: lambdaInstrumentation,
    },
    {
      id: 'aws-lambda:eventbridge',
      library: 'aws-lambda',
      modules: LAMBDA_MODULES,
      matchers: [{ kind: 'lambda-handler', eventTypeNames: ['EventBridgeEvent'], handlerTypeNames: ['EventBridgeHandler'], inferredFrom: { eventFields: ['detail', 'detail-type'] }, eventShape: { trigger: 'eventbridge', eventFields: ['detail-type'] } }],
      message: { parameter: 0, path: [] },
      carriers: [
        { path: ['detail'], encoding: 'envelope', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'event.detail' },
      ],
      system: 'aws.eventbridge',
      operationName: 'process',
      destination: { kind: 'parameter', parameter: 0, path: ['detail-type'] },
      displayName: 'Lambda EventBridge handler',
      autoInstrumentation: lambdaInstrumentation,
    },
    {
      // Lambda hands each Kinesis record's Data base64-encoded: the carrier is the `_trace` object that PutRecord(s)
      // wrote into the JSON payload.
      id: 'aws-lambda:kinesis',
      library: 'aws-lambda',
      modules: LAMBDA_MODULES,
      matchers: [{ kind: 'lambda-handler', eventTypeNames: ['KinesisStreamEvent'], handlerTypeNames: ['KinesisStreamHandler'], inferredFrom: { recordFields: ['kinesis'] }, eventShape: { recordEventSource: 'aws:kinesis' } }],
      message: { parameter: 0, path: ['Records', EACH] },
      carriers: [{ path: ['kinesis', 'data'], encoding: 'json-in-bytes-field', envelopeKey: DEFAULT_ENVELOPE_CARRIER_KEY, description: 'record.kinesis.data (base64 of JSON)' }],
      system: 'aws.kinesis',
      operationName: 'process',
      // `arn:aws:kinesis:…:stream/clicks`: the conventions name the stream (`clicks`) in both attributes.
      destination: { kind: 'parameter', parameter: 0, path: ['Records', EACH, 'eventSourceARN'], arnResourceType: 'stream' },
      destinationAttributes: ['aws.kinesis.stream_name'],
      displayName: 'Lambda Kinesis handler',
      autoInstrumentation: lambdaInstrumentation,
    },
  ],
};
