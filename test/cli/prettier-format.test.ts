// Changed files are formatted with the project's own Prettier when the project has a Prettier config; files left as
// they were, projects without a config and `--no-prettier` runs are not.
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { afterEach, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { makeProject, removeProjects, repoRoot, runInProcess } from './support/harness.js';

afterEach(removeProjects);

const ROUTES = `import express from 'express';

export const app = express();

app.get('/orders/:id', async (req, res) => {
  const order = { id: req.params.id, status: 'open' };
  res.json(order);
});
`;

// Nothing for wrap-handlers here: it must stay as it is, single quotes and all, even with a Prettier config around.
const UNTOUCHED = "export const greeting = 'hello';\n";

const PRETTIER_CONFIG = JSON.stringify({ singleQuote: false, tabWidth: 4 });

/** A project whose node_modules holds Prettier (the one this repository develops with), as a user's would. */
function makeProjectWithPrettier(files: Record<string, string>): string {
  const dir = makeProject({ 'package.json': JSON.stringify({ name: 'orders', dependencies: { '@opentelemetry/api': '^1.9.0' } }), 'node_modules/.keep': '', ...files });
  symlinkSync(join(repoRoot, 'node_modules/prettier'), join(dir, 'node_modules/prettier'), 'dir');
  return dir;
}

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** What wrap-handlers writes by itself, without any formatting after it. */
function unformatted(dir: string, path: string, source: string): string {
  return wrapHandlers.apply({ path: join(dir, path), source, options: { tracerName: 'orders' } }).source;
}

describe('formatting changed files with the project’s Prettier', () => {
  it('formats a changed file with the project’s .prettierrc, and leaves an untouched file as it was', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, 'src/routes.ts': ROUTES, 'src/greeting.ts': UNTOUCHED });
    const run = await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(run.code).toBe(0);
    const written = read(dir, 'src/routes.ts');
    expect(written).toContain('tracer.startActiveSpan(');
    expect(written).toContain('import express from "express";');
    expect(written).toMatch(/\n {4}return tracer\.startActiveSpan\(/);
    expect(written).not.toBe(unformatted(dir, 'src/routes.ts', ROUTES));
    // Already in the project's format: Prettier with the same config changes nothing more.
    expect(await prettier.format(written, { singleQuote: false, tabWidth: 4, filepath: join(dir, 'src/routes.ts') })).toBe(written);
    expect(read(dir, 'src/greeting.ts')).toBe(UNTOUCHED);
  });

  it('changes nothing on a second run (idempotent with formatting)', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, 'src/routes.ts': ROUTES });
    await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    const first = read(dir, 'src/routes.ts');
    const second = await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders', '--json'], dir, { registry: transforms });
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: 0, failed: 0 });
    expect(read(dir, 'src/routes.ts')).toBe(first);
  });

  it('shows the formatted text in --diff, writing nothing', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, 'src/routes.ts': ROUTES });
    const run = await runInProcess(['wrap-handlers', 'src', '--diff', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(run.stdout).toContain('+import express from "express";');
    expect(read(dir, 'src/routes.ts')).toBe(ROUTES);
  });

  it('does not format a project without a Prettier config, even with Prettier installed', async () => {
    const dir = makeProjectWithPrettier({ 'src/routes.ts': ROUTES });
    await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(read(dir, 'src/routes.ts')).toBe(unformatted(dir, 'src/routes.ts', ROUTES));
  });

  it('does not format a project whose config names Prettier that the project cannot load', async () => {
    const dir = makeProject({ 'package.json': JSON.stringify({ name: 'orders' }), '.prettierrc': PRETTIER_CONFIG, 'src/routes.ts': ROUTES });
    await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(read(dir, 'src/routes.ts')).toBe(unformatted(dir, 'src/routes.ts', ROUTES));
  });

  it('does not format with --no-prettier', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, 'src/routes.ts': ROUTES });
    await runInProcess(['wrap-handlers', 'src', '--force', '--no-prettier', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(read(dir, 'src/routes.ts')).toBe(unformatted(dir, 'src/routes.ts', ROUTES));
  });

  it('leaves a file listed in .prettierignore as the transform wrote it', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, '.prettierignore': 'src/legacy/\n', 'src/legacy/routes.ts': ROUTES, 'src/routes.ts': ROUTES });
    await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(read(dir, 'src/legacy/routes.ts')).toBe(unformatted(dir, 'src/legacy/routes.ts', ROUTES));
    expect(read(dir, 'src/routes.ts')).toContain('import express from "express";');
  });

  it('formats the --helper module the changed files import, and a second run leaves both as they are', async () => {
    const publisher = "import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';\n\nconst sqs = new SQSClient({});\n\nexport async function enqueue(body: string): Promise<void> {\n  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }));\n}\n";
    const dir = makeProjectWithPrettier({ '.prettierrc': PRETTIER_CONFIG, 'src/publisher.ts': publisher });
    const args = ['inject-propagation', 'src', '--force', '--tracer-name', 'orders', '--helper', 'src/telemetry/propagation.ts'];
    expect((await runInProcess(args, dir, { registry: transforms })).code).toBe(0);
    const helper = read(dir, 'src/telemetry/propagation.ts');
    expect(helper).toContain('export function injectTraceContextAttributes');
    expect(await prettier.format(helper, { singleQuote: false, tabWidth: 4, filepath: join(dir, 'src/telemetry/propagation.ts') })).toBe(helper);
    expect(read(dir, 'src/publisher.ts')).toContain('import { injectTraceContextAttributes } from "./telemetry/propagation";');
    const second = await runInProcess([...args, '--json'], dir, { registry: transforms });
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: 0, failed: 0 });
    expect(read(dir, 'src/telemetry/propagation.ts')).toBe(helper);
  });

  it('keeps the unformatted output and says why when Prettier fails', async () => {
    const dir = makeProjectWithPrettier({ '.prettierrc': JSON.stringify({ parser: 'no-such-parser' }), 'src/routes.ts': ROUTES });
    const run = await runInProcess(['wrap-handlers', 'src', '--force', '--tracer-name', 'orders'], dir, { registry: transforms });
    expect(run.code).toBe(0);
    expect(read(dir, 'src/routes.ts')).toBe(unformatted(dir, 'src/routes.ts', ROUTES));
    expect(run.stderr).toMatch(/src\/routes\.ts:1 review \(prettier\): not formatted with Prettier, left as written: .*no-such-parser/);
  });
});
