import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Destination } from './facts.js';

const SERVERLESS_FILES = ['serverless.yml', 'serverless.yaml'];
const SQS_ARN = /arn:aws:sqs:[^:\s'"]*:[^:\s'"]*:([\w.-]+)/g;

/**
 * A Lambda's queue is named in its deployment, not in its code. When the service's serverless.yml names exactly one
 * SQS queue ARN, that is the queue its SQS handlers read; with several, which handler reads which is not guessed.
 */
export function getServerlessSqsQueue(serviceRoot: string): Destination | undefined {
  for (const name of SERVERLESS_FILES) {
    const path = join(serviceRoot, name);
    if (!serviceRoot || !existsSync(path)) continue;
    const queues = new Set([...readFileSync(path, 'utf8').matchAll(SQS_ARN)].map((match) => match[1]!));
    if (queues.size === 1) return { kind: 'literal', value: [...queues][0]! };
  }
  return undefined;
}
