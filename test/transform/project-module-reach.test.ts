import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { createModuleImportTest, createProjectReceiverModuleReader, getProjectModuleSpecifiers } from '../../src/transform/source-prefilter.js';
import { createProjectReceiverTest } from '../../src/transform/project-module-reach.js';

const root = mkdtempSync(join(tmpdir(), 'otel-codemod-reach-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the files of one small project in its own folder and returns that folder. */
function project(name: string, files: Record<string, string>): string {
  const folder = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const options = { tracerName: 'svc' };
const mayApply = (folder: string, file: string, source: string) => injectPropagation.mayApply(source, { path: join(folder, file), options });

// A job scheduler that queues a monthly report on a queue another module makes.
const scheduler = "import { reports } from './queues';\n\nexport async function scheduleMonthly(month: string) {\n  await reports.add('render', { month });\n}\n";

describe('createProjectReceiverModuleReader and getProjectModuleSpecifiers', () => {
  const read = createProjectReceiverModuleReader(['add', 'send']);

  it('names the modules whose imported names are called with a catalog method, directly or on a property', () => {
    expect(read(scheduler)).toEqual(['./queues']);
    const source = "import clients from '../clients/index.js';\nconst { cache } = require('./cache');\nawait clients.mailbox.send(command);\n";
    expect(read(source)).toEqual(['../clients/index.js']);
  });

  it('leaves out modules whose names are not called so, type imports and package imports', () => {
    // `Set#add` on a local, a helper called plainly, a type, and a package.
    const source = "import { format } from './format';\nimport type { Job } from './types';\nimport { Queue } from 'bullmq';\nconst seen = new Set();\nseen.add(format(job as Job));\n";
    expect(read(source)).toEqual([]);
  });

  it('lists every project module a file imports, re-exports, requires or loads, each once', () => {
    const source = "export * from './kafka.js';\nexport { default as mailbox } from './sqs';\nimport './setup';\nconst legacy = require('../legacy');\nconst lazy = await import('./lazy');\nimport { x } from './kafka.js';\nimport express from 'express';\n";
    expect(getProjectModuleSpecifiers(source)).toEqual(['./kafka.js', './sqs', './setup', '../legacy', './lazy']);
  });
});

describe('createProjectReceiverTest', () => {
  it('lets a file through when the receiver’s module imports a catalog library', () => {
    const folder = project('bullmq', {
      'queues.ts': "import { Queue } from 'bullmq';\n\nexport const reports = new Queue('reports');\n",
    });
    expect(mayApply(folder, 'scheduler.ts', scheduler)).toBe(true);
  });

  it('rules a file out when the receiver’s module imports nothing of the catalog', () => {
    // An in-memory queue of the project's own, with an `add` method.
    const folder = project('local-queue', {
      'queues.ts': "import { BoundedList } from './bounded-list';\n\nexport const reports = new BoundedList<string>(100);\n",
      'bounded-list.ts': 'export class BoundedList<T> {\n  constructor(private readonly size: number) {}\n  add(name: string, item: T) {}\n}\n',
    });
    expect(mayApply(folder, 'scheduler.ts', scheduler)).toBe(false);
  });

  it('follows a re-export barrel and an index file to the module that imports the library', () => {
    const folder = project('barrel', {
      'jobs/index.ts': "export * from './queues.js';\n",
      'jobs/queues.ts': "const { Queue } = require('bullmq');\n\nexport const reports = new Queue('reports');\n",
    });
    expect(mayApply(folder, 'scheduler.ts', scheduler.replace('./queues', './jobs'))).toBe(true);
  });

  it('ends on an import cycle between two modules that import nothing of the catalog', () => {
    const folder = project('cycle', {
      'queues.ts': "export * from './registry.js';\nexport const reports = { add: (name: string, data: unknown) => undefined };\n",
      'registry.ts': "export * from './queues.js';\nexport const registry = new Map();\n",
    });
    expect(mayApply(folder, 'scheduler.ts', scheduler)).toBe(false);
  });

  it('rules a file out, without throwing, when the receiver’s module does not exist', () => {
    const folder = project('missing', { 'other.ts': 'export const unrelated = 1;\n' });
    expect(mayApply(folder, 'scheduler.ts', scheduler)).toBe(false);
  });

  it('follows as many modules as the project resolution enters, and no more', () => {
    // scheduler → queues → a → b → c: the library import is found in the fourth module entered, not in a fifth.
    const chain = (libraryImport: string) => ({
      'queues.ts': "export { reports } from './a';\n",
      'a.ts': "export { reports } from './b';\n",
      'b.ts': "export { reports } from './c';\n",
      'c.ts': `${libraryImport}\nexport const reports = new Queue('reports');\n`,
    });
    const near = project('four-hops', chain("import { Queue } from 'bullmq';"));
    const far = project('five-hops', { ...chain("import { Queue } from './d';"), 'd.ts': "export { Queue } from 'bullmq';\n" });
    expect(mayApply(near, 'scheduler.ts', scheduler)).toBe(true);
    expect(mayApply(far, 'scheduler.ts', scheduler)).toBe(false);
    // The codemod itself agrees: it carries the context in the first and finds no queue in the second.
    const run = (folder: string) => injectPropagation.apply({ path: join(folder, 'scheduler.ts'), source: scheduler, options }).source;
    expect(run(near)).not.toBe(scheduler);
    expect(run(far)).toBe(scheduler);
  });

  it('reads a module again once it changed on disk', () => {
    const test = createProjectReceiverTest(['add'], createModuleImportTest(['bullmq']));
    const folder = project('changed', { 'queues.ts': 'export const reports = new Set();\n' });
    const path = join(folder, 'scheduler.ts');
    expect(test(scheduler, path)).toBe(false);
    writeFileSync(join(folder, 'queues.ts'), "import { Queue } from 'bullmq';\nexport const reports = new Queue('reports');\n");
    utimesSync(join(folder, 'queues.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(test(scheduler, path)).toBe(true);
  });

  it('without the file’s path, lets through every call on an imported name, as the modules cannot be found', () => {
    expect(injectPropagation.mayApply(scheduler)).toBe(true);
  });
});
