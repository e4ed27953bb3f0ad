import { describe, expect, it } from 'vitest';
import {
  CONSUME_OPERATIONS,
  EACH,
  EACH_IF_ARRAY,
  MESSAGING_LIBRARY_IDS,
  PUBLISH_OPERATIONS,
  type ConsumeOperation,
  type PublishOperation,
} from '../../src/catalog/index.js';

const allOperations: (PublishOperation | ConsumeOperation)[] = [...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS];
const ENVELOPE_ENCODINGS = new Set(['json-in-string-field', 'json-in-bytes-field', 'envelope']);

describe('messaging catalog', () => {
  it('has unique operation ids prefixed with their library', () => {
    const ids = allOperations.map((operation) => operation.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of allOperations) expect(operation.id.startsWith(`${operation.library}:`)).toBe(true);
  });

  it.each(allOperations.map((operation) => [operation.id, operation] as const))('%s is complete', (_id, operation) => {
    expect(operation.modules.length).toBeGreaterThan(0);
    expect(operation.matchers.length).toBeGreaterThan(0);
    expect(operation.carriers.length).toBeGreaterThan(0);
    expect(operation.system).not.toBe('');
    for (const carrier of operation.carriers) {
      expect(carrier.description).not.toBe('');
      for (const segment of carrier.path) expect(segment).not.toBe('');
      // Codemods need a key to write under whenever the carrier travels inside the payload.
      expect(carrier.envelopeKey !== undefined).toBe(ENVELOPE_ENCODINGS.has(carrier.encoding));
    }
  });

  it('records what the AWS SDK instrumentation really injects', () => {
    const covered = PUBLISH_OPERATIONS.filter((operation) => operation.library === 'aws-sdk' && operation.autoInstrumentation?.covers).map((operation) => operation.id);
    expect(covered.sort()).toEqual(['aws-sdk:sns.Publish', 'aws-sdk:sqs.SendMessage', 'aws-sdk:sqs.SendMessageBatch']);
    for (const id of covered) {
      expect(PUBLISH_OPERATIONS.find((operation) => operation.id === id)?.autoInstrumentation?.skipsWhenEntriesAtLeast).toBe(9);
    }
  });

  it('lists every library once', () => {
    expect(new Set(MESSAGING_LIBRARY_IDS).size).toBe(MESSAGING_LIBRARY_IDS.length);
    expect([...MESSAGING_LIBRARY_IDS].sort()).toEqual(
      ['@azure/service-bus', '@google-cloud/pubsub', 'amqplib', 'aws-lambda', 'aws-sdk', 'bullmq', 'ioredis', 'kafkajs', 'nats', 'redis', 'sqs-consumer'].sort(),
    );
  });

  it('uses the path markers it documents', () => {
    expect(EACH).toBe('[]');
    expect(EACH_IF_ARRAY).toBe('[]?');
  });
});
