/**
 * A receiver imported through a barrel is read again when the module behind the barrel changes, on both halves: a
 * long-lived process (an editor's ESLint server, a watch run) sees the edit without a restart, even though the barrel
 * itself and the importing file are unchanged.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import otel from '../../rules/index.js';

const JOBS = `import { reports } from './queues';
export const request = (month: string) => reports.add('monthly', { month });
`;
const BARREL = `export * from './bullmq-queues';\n`;
const UNTRACED = `import { Queue } from 'bullmq';
export const reports = new Queue('reports', { connection: { host: 'localhost' } });
`;
// The same name, now a Redis client: no queue, so nothing to carry.
const NOT_A_QUEUE = `import { createClient } from 'redis';
export const reports = createClient();
`;

let directory: string;
let second = 1;

/** Writes a file with a modification time of its own, so that two writes in one millisecond still differ. */
function write(name: string, text: string): void {
  const path = join(directory, name);
  writeFileSync(path, text);
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, second++));
  utimesSync(path, time, time);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'project-module-edits-'));
  write('jobs.ts', JOBS);
  write('queues.ts', BARREL);
  write('bullmq-queues.ts', UNTRACED);
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('an edit behind a barrel', () => {
  it('is seen by require-context-propagation in the same process', () => {
    const linter = new Linter({ configType: 'flat', cwd: directory });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
        plugins: { otel: otel as never },
        rules: { 'otel/require-context-propagation': 'error' },
      },
    ];
    const lint = () => linter.verify(JOBS, config, { filename: join(directory, 'jobs.ts') }).map((message) => message.messageId);
    expect(lint()).toEqual(['missingCarrier']);
    write('bullmq-queues.ts', NOT_A_QUEUE);
    expect(lint()).toEqual([]);
    write('bullmq-queues.ts', UNTRACED);
    expect(lint()).toEqual(['missingCarrier']);
  });

  it('is seen by inject-propagation in the same process', () => {
    const run = () => injectPropagation.apply({ path: join(directory, 'jobs.ts'), source: JOBS, options: { tracerName: 'jobs' } }).source;
    expect(run()).not.toBe(JOBS);
    write('bullmq-queues.ts', NOT_A_QUEUE);
    expect(run()).toBe(JOBS);
    write('bullmq-queues.ts', UNTRACED);
    expect(run()).not.toBe(JOBS);
  });
});
