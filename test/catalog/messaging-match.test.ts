import { describe, expect, it } from 'vitest';
import {
  explainCarrierArgument,
  explainReceiver,
  getLibraryPropagation,
  isPublishTracedByLibrary,
  matchCallbackConsume,
  matchLambdaHandler,
  matchPublish,
  type CallFacts,
} from '../../src/catalog/messaging/match.js';
import { getPublishOperation } from '../../src/catalog/messaging/index.js';
import { LOCAL_VALUE, UNKNOWN_VALUE, UNTYPED_PARAMETER, getValueOrigin, type ValueFact } from '../../src/catalog/messaging/value-origin.js';

/** The matchers decide on plain facts; these cases pin the rules both halves rely on. */

const none: ReadonlySet<string> = new Set();

function method(name: string, receiverName: string | undefined, value: ValueFact, args: CallFacts['arguments'], imported: ReadonlySet<string> = none): CallFacts {
  return { kind: 'method', name, receiver: { name: receiverName, value }, arguments: args, importedModules: imported };
}

const bullmqQueue = (name: string, keys?: Record<string, boolean>): ValueFact => ({
  kind: 'new',
  callee: { kind: 'import', module: 'bullmq', name },
  name,
  arguments: [{ string: 'q' }, ...(keys ? [{ keys }] : [])],
});

describe('matchPublish', () => {
  it('recognises a receiver by its origin whatever its name', () => {
    // `const reports = new Queue('reports'); reports.add('x', data)`
    const match = matchPublish(method('add', 'reports', bullmqQueue('Queue'), [{ string: 'x' }, { keys: {} }]));
    expect(match?.operation.id).toBe('bullmq:queue.add');
    expect(match?.matchedBy).toBe('origin');
  });

  it('tells a FlowProducer from a Queue by the constructor', () => {
    const match = matchPublish(method('add', 'queue', bullmqQueue('FlowProducer'), [{ keys: { name: true } }, {}]));
    expect(match?.operation.id).toBe('bullmq:flowProducer.add');
  });

  it('does not take an object of another library for a receiver, whatever its name', () => {
    // `const producer = new Redis(); producer.send(...)` in a file that imports kafkajs too
    const redis: ValueFact = { kind: 'new', callee: { kind: 'import', module: 'ioredis', name: undefined }, name: 'Redis', arguments: [] };
    expect(matchPublish(method('send', 'producer', redis, [{ keys: { topic: true, messages: true } }], new Set(['kafkajs', 'ioredis'])))).toBeUndefined();
  });

  it('does not take an instance of a local class or a global for a library object', () => {
    const local: ValueFact = { kind: 'new', callee: LOCAL_VALUE, name: 'Set', arguments: [] };
    expect(matchPublish(method('add', 'queue', local, [{ string: 'x' }, {}], new Set(['bullmq'])))).toBeUndefined();
  });

  it('falls back to the name for an instance of a constructor it cannot trace (a variable assigned later)', () => {
    const unknown: ValueFact = { kind: 'new', callee: UNKNOWN_VALUE, name: 'ioredis', arguments: [] };
    expect(matchPublish(method('publish', 'pub', unknown, [{ string: 'news' }, { string: 'hello' }], new Set(['ioredis'])))?.operation.id).toBe('ioredis:publish');
  });

  it('recognises a parameter by its type, and leaves one of another library alone', () => {
    const producer: ValueFact = { kind: 'typed', type: { kind: 'import', module: 'kafkajs', name: 'Producer' }, name: 'Producer' };
    expect(matchPublish(method('send', 'events', producer, [{ keys: { topic: true, messages: true } }]))?.matchedBy).toBe('origin');
    const redis: ValueFact = { kind: 'typed', type: { kind: 'import', module: 'ioredis', name: undefined }, name: 'Redis' };
    expect(matchPublish(method('publish', 'client', redis, [{ string: 'x' }, { string: 'y' }], new Set(['nats', 'ioredis'])))?.operation.id).toBe('ioredis:publish');
  });

  it('falls back to the name pattern and the import where the origin is not seen (a parameter)', () => {
    expect(matchPublish(method('add', 'queue', UNKNOWN_VALUE, [{ string: 'x' }, {}], new Set(['bullmq'])))?.matchedBy).toBe('import');
    expect(matchPublish(method('add', 'queue', UNKNOWN_VALUE, [{ string: 'x' }, {}]))).toBeUndefined();
  });

  it('matches by shape without an import where the catalog allows it', () => {
    const match = matchPublish(method('sendMessage', 'sqs', UNKNOWN_VALUE, [{ keys: { QueueUrl: true, MessageBody: true } }]));
    expect(match?.operation.id).toBe('aws-sdk:sqs.SendMessage');
    expect(match?.matchedBy).toBe('shape');
  });

  it('needs minArguments (1 unless the catalog says otherwise)', () => {
    expect(matchPublish(method('sendMessage', 'sqs', UNKNOWN_VALUE, [], new Set(['aws-sdk'])))).toBeUndefined();
  });

  it('matches a command by name, through a namespace import', () => {
    const callee: ValueFact = { kind: 'member', object: { kind: 'import', module: '@aws-sdk/client-sqs', name: undefined }, name: 'SendMessageCommand' };
    const match = matchPublish({ kind: 'new', name: 'SendMessageCommand', callee, arguments: [{ keys: {} }], importedModules: new Set(['@aws-sdk/client-sqs']) });
    expect(match?.operation.id).toBe('aws-sdk:sqs.SendMessage');
  });
});

describe('built-in tracing is decided per receiver', () => {
  const add = getPublishOperation('bullmq:queue.add')!;
  it('is on for a queue made with the telemetry option', () => {
    expect(isPublishTracedByLibrary(add, bullmqQueue('Queue', { telemetry: true }))).toBe(true);
  });
  it('is off for `telemetry: undefined` and for a queue without it', () => {
    expect(isPublishTracedByLibrary(add, bullmqQueue('Queue', { telemetry: false }))).toBe(false);
    expect(isPublishTracedByLibrary(add, bullmqQueue('Queue'))).toBe(false);
  });
});

describe('value origins', () => {
  it('follows factories and X-Ray wrappers', () => {
    const kafka: ValueFact = { kind: 'new', callee: { kind: 'import', module: 'kafkajs', name: 'Kafka' }, name: 'Kafka', arguments: [] };
    expect(getValueOrigin({ kind: 'call', callee: undefined, object: kafka, name: 'producer', argument: undefined })).toEqual({ module: 'kafkajs', factoryName: 'producer' });
    const client: ValueFact = { kind: 'new', callee: { kind: 'import', module: '@aws-sdk/client-sqs', name: 'SQSClient' }, name: 'SQSClient', arguments: [] };
    const wrapped = getValueOrigin({ kind: 'call', callee: undefined, object: { kind: 'import', module: 'aws-xray-sdk', name: undefined }, name: 'captureAWSv3Client', argument: client });
    expect(wrapped?.tracingWrapper).toBe('captureAWSv3Client');
    expect(wrapped?.constructorName).toBe('SQSClient');
  });
});

describe('consumers', () => {
  it('returns every callback operation a registration could be, in catalog order', () => {
    const consumer: ValueFact = { kind: 'call', callee: undefined, object: UNKNOWN_VALUE, name: 'consumer', argument: undefined };
    const ids = matchCallbackConsume(method('run', 'consumer', consumer, [{ keys: { eachMessage: true } }])).map((match) => match.operation.id);
    expect(ids).toEqual(['kafkajs:consumer.run.eachMessage', 'kafkajs:consumer.run.eachBatch']);
  });

  it('recognises Lambda handlers by type names', () => {
    expect(matchLambdaHandler({ parameterType: 'SQSEvent', handlerType: undefined })?.id).toBe('aws-lambda:sqs');
    expect(matchLambdaHandler({ parameterType: undefined, handlerType: 'SNSHandler' })?.id).toBe('aws-lambda:sns');
    expect(matchLambdaHandler({ parameterType: 'Request', handlerType: undefined })).toBeUndefined();
  });
});

describe('reasons a site is not matched or cannot be changed', () => {
  const bullmq = getPublishOperation('bullmq:queue.add')!;
  const redis = getPublishOperation('ioredis:publish')!;

  it('names a receiver whose origin cannot be seen, and nothing when it can', () => {
    expect(explainReceiver({ name: 'queue', value: UNTYPED_PARAMETER })).toEqual({ code: 'receiver-origin-unknown', message: 'receiver origin unknown (parameter without a type)' });
    expect(explainReceiver({ name: 'reports', value: { kind: 'import', module: './queues', name: 'reports' } })?.message).toBe('receiver origin unknown (imported from ./queues, which cannot be read)');
    expect(explainReceiver({ name: 'reports', value: bullmqQueue('Queue') })).toBeUndefined();
    expect(explainReceiver({ name: 'queue', value: LOCAL_VALUE })).toBeUndefined();
    expect(explainReceiver({ name: 'queue', value: { kind: 'new', callee: LOCAL_VALUE, name: 'LocalQueue', arguments: [] } })).toBeUndefined();
  });

  it('tells params built elsewhere from an opaque payload, by where the carrier goes', () => {
    expect(explainCarrierArgument(bullmq, { keys: { to: true }, spread: true })).toEqual({ code: 'params-elsewhere', message: 'params built elsewhere (spread)' });
    expect(explainCarrierArgument(redis, { from: 'parameter' })).toEqual({ code: 'payload-opaque', message: 'payload opaque (a parameter)' });
    expect(explainCarrierArgument(bullmq, { keys: { to: true } })).toBeUndefined();
  });

  it('says which library feature already propagates', () => {
    expect(getLibraryPropagation(bullmq, bullmqQueue('Queue', { telemetry: true }))).toEqual({ code: 'library-propagates', message: 'library already propagates (the telemetry option of this Queue)' });
    expect(getLibraryPropagation(bullmq, bullmqQueue('Queue', { telemetry: false }))).toBeUndefined();
  });
});
