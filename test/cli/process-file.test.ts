import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processFile, type FileTask } from '../../src/cli/process-file.js';
import { makeProject, removeProjects } from './support/harness.js';
import { testRegistry } from './support/test-transforms.js';
import { transforms } from '../../codemods/index.js';

afterEach(removeProjects);

function task(realPath: string): FileTask {
  return { displayPath: 'x.ts', realPath, transformNames: ['rename-greet'], options: { tracerName: 't' } };
}

describe('processFile', () => {
  it('reports a file that cannot be read (gone since discovery, or a folder) instead of throwing', () => {
    const dir = makeProject({});
    mkdirSync(join(dir, 'folder.ts'));
    expect(processFile(task(join(dir, 'gone.ts')), testRegistry)).toMatchObject({ status: 'failed', parsed: false, reason: expect.stringMatching(/^cannot read: ENOENT/) });
    expect(processFile(task(join(dir, 'folder.ts')), testRegistry)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^cannot read: EISDIR/) });
  });

  it('skips a file whose content is minified even without a .min name', () => {
    const dir = makeProject({});
    writeFileSync(join(dir, 'bundle.js'), `greet();${'x'.repeat(5000)}`);
    expect(processFile(task(join(dir, 'bundle.js')), testRegistry)).toMatchObject({ status: 'skipped', reason: 'minified', parsed: false });
  });

  it('returns the text before and after, BOM included, when the file changed', () => {
    const dir = makeProject({ 'a.ts': '\uFEFFgreet();\n' });
    const result = processFile(task(join(dir, 'a.ts')), testRegistry);
    expect(result).toMatchObject({ status: 'changed', parsed: true, before: '\uFEFFgreet();\n', after: '\uFEFFsalute();\n' });
  });

  it('gives a note that two transforms both make about a file once (the missing @opentelemetry/api dependency)', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'orders', dependencies: { express: '5.0.0', '@aws-sdk/client-sqs': '3.0.0' } }),
      'app.ts': `import express from 'express';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
const app = express();
app.post('/orders', async (req, res) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.ORDERS_URL, MessageBody: JSON.stringify(req.body) }));
  res.status(202).end();
});
`,
    });
    const result = processFile({ displayPath: 'app.ts', realPath: join(dir, 'app.ts'), transformNames: ['wrap-handlers', 'inject-propagation'], options: { tracerName: 'orders' } }, transforms);
    expect(result.status).toBe('changed');
    const dependencyNotes = result.notes.filter((note) => note.message.includes('npm install @opentelemetry/api'));
    expect(dependencyNotes).toHaveLength(1);
    expect(dependencyNotes[0]).toMatchObject({ line: 1, kind: 'review', transform: 'wrap-handlers' });
  });

  it('parses a file once for all transforms that leave it as it was, and once per transform that changes it', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'orders', dependencies: { express: '5.0.0', '@opentelemetry/api': '1.9.0' } }),
      // Names express and a handler but registers no route: both transforms read it, neither changes it.
      'util.ts': "import type { Request } from 'express';\nexport const handler = (request: Request) => request.path;\n",
      // A route that publishes: wrap-handlers changes it, and inject-propagation plans on its output.
      'app.ts': "import express from 'express';\nimport { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});\nconst app = express();\napp.post('/orders', async (req, res) => {\n  await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'x' }));\n  res.end();\n});\n",
    });
    const run = (file: string) => processFile({ displayPath: file, realPath: join(dir, file), transformNames: ['wrap-handlers', 'inject-propagation'], options: { tracerName: 'orders' } }, transforms);
    expect(run('util.ts')).toMatchObject({ status: 'unchanged', parsed: true, parses: 1 });
    expect(run('app.ts')).toMatchObject({ status: 'changed', parsed: true, parses: 2 });
  });
});
