import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processFile, type FileTask } from '../../src/cli/process-file.js';
import { makeProject, removeProjects } from './support/harness.js';
import { testRegistry } from './support/test-transforms.js';

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
});
