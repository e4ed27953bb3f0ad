// The summary suggests --helper when a run wrote the same propagation helper into several files, and a file that needs
// a helper in several places gets it once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import { makeProject, removeProjects, runInProcess } from './support/harness.js';

afterEach(removeProjects);

const PACKAGE = JSON.stringify({ name: 'billing', dependencies: { '@opentelemetry/api': '^1.9.0' } });

const PRODUCER = (name: string) => `import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function ${name}(body: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }));
}
`;

// An SQS-fed Lambda that publishes twice: wrap-handlers gives it a batch span and per-record spans, inject-propagation
// carries the context on both sends.
const RELAY = `import type { SQSEvent } from 'aws-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.BILLING_QUEUE_URL, MessageBody: record.body }));
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: record.body }));
  }
};
`;

const SUGGESTION = /The same propagation helpers went into several files: (.*)\. Pass --helper <path>/;

function countDeclarations(text: string, name: string): number {
  return text.match(new RegExp(`^function ${name}\\b`, 'gm'))?.length ?? 0;
}

describe('--helper suggestion in the summary', () => {
  it('suggests --helper when the same helper was written into more than one file', async () => {
    const dir = makeProject({ 'package.json': PACKAGE, 'src/invoices.ts': PRODUCER('sendInvoice'), 'src/refunds.ts': PRODUCER('sendRefund') });
    const run = await runInProcess(['inject-propagation', 'src', '--dry'], dir, { registry: transforms });
    expect(run.code).toBe(0);
    expect(SUGGESTION.exec(run.stderr)?.[1]).toBe('injectTraceContextAttributes (2 files)');
    const json = await runInProcess(['inject-propagation', 'src', '--dry', '--json'], dir, { registry: transforms });
    expect(JSON.parse(json.stdout)).toMatchObject({ changed: 2, repeatedHelpers: { injectTraceContextAttributes: 2 } });
  });

  it('does not suggest it for a helper written into one file only', async () => {
    const dir = makeProject({ 'package.json': PACKAGE, 'src/invoices.ts': PRODUCER('sendInvoice') });
    const run = await runInProcess(['inject-propagation', 'src', '--dry'], dir, { registry: transforms });
    expect(run.stderr).toContain('would change src/invoices.ts');
    expect(run.stderr).not.toMatch(SUGGESTION);
  });

  it('does not suggest it when --helper is given', async () => {
    const dir = makeProject({ 'package.json': PACKAGE, 'src/invoices.ts': PRODUCER('sendInvoice'), 'src/refunds.ts': PRODUCER('sendRefund') });
    const run = await runInProcess(['inject-propagation', 'src', '--dry', '--helper', 'src/telemetry/propagation.ts'], dir, { registry: transforms });
    expect(run.stderr).toContain('would change src/refunds.ts');
    expect(run.stderr).not.toMatch(SUGGESTION);
  });

  it('writes each helper once into a file that publishes twice and consumes, through both transforms', async () => {
    const dir = makeProject({ 'package.json': PACKAGE, 'src/relay.ts': RELAY });
    const run = await runInProcess(['wrap-handlers,inject-propagation', 'src', '--force'], dir, { registry: transforms });
    expect(run.code).toBe(0);
    const written = readFileSync(join(dir, 'src/relay.ts'), 'utf8');
    expect(countDeclarations(written, 'injectTraceContextAttributes')).toBe(1);
    expect(written.match(/injectTraceContextAttributes\(\{\}\)/g)).toHaveLength(2);
    expect(countDeclarations(written, 'readTraceContextFromSqsRecord')).toBe(1);
    expect(written.match(/readTraceContextFromSqsRecord\(record\)/g)).toHaveLength(2);
    expect(written).not.toContain('?.stringValue })');
    expect(run.stderr).not.toMatch(SUGGESTION);
  });
});
