// The built command, run as a separate process the way users and hooks run it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtBin, ensureBuilt, makeProject, removeProjects, runBuilt, testTransformsModule } from './support/harness.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
const SALUTE = 'export function salute(name: string) {\n  return `hi ${name}`;\n}\n';

function manyFiles(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`src/f${String(index).padStart(3, '0')}.ts`, GREET.replace('hi', `hi ${index}`)]));
}

describe('the built otel-codemod command', () => {
  it('has a shebang and runs as a command', () => {
    expect(readFileSync(builtBin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const run = runBuilt(['--version'], makeProject({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('loads the transforms of OTEL_CODEMOD_TRANSFORMS_MODULE besides the built-in ones', () => {
    const run = runBuilt(['list'], makeProject({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('slow-rename');
  });

  it('--jobs 2 runs on worker threads and writes the same bytes as --jobs 1', () => {
    const files = manyFiles(24);
    const parallel = makeProject(files);
    const serial = makeProject(files);
    const parallelRun = runBuilt(['rename-greet', '--jobs', '2', '--json'], parallel);
    const serialRun = runBuilt(['rename-greet', '--jobs', '1', '--json'], serial);
    expect(parallelRun.code).toBe(0);
    expect(serialRun.code).toBe(0);
    expect(JSON.parse(parallelRun.stdout)).toMatchObject({ workers: 2, found: 24, parsed: 24, changed: 24 });
    // One job still runs on a worker thread, so that the main thread hears a second Ctrl-C at once.
    expect(JSON.parse(serialRun.stdout)).toMatchObject({ workers: 1, changed: 24 });
    for (const path of Object.keys(files)) {
      expect(readFileSync(join(parallel, path), 'utf8')).toBe(files[path]!.replace('greet', 'salute'));
      expect(readFileSync(join(parallel, path))).toEqual(readFileSync(join(serial, path)));
    }
    // Diffs come out in file order whatever order the workers finish in.
    const diffs = runBuilt(['rename-greet', '--jobs', '2', '--diff'], makeProject(files)).stdout;
    const order = [...diffs.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((match) => match[1]);
    expect(order).toEqual(Object.keys(files));
  });

  it('a worker reports a file it cannot parse like the main thread does', () => {
    const dir = makeProject({ ...manyFiles(16), 'src/bad.ts': 'function greet( {\n' });
    const run = runBuilt(['rename-greet', '--jobs', '2', '--json'], dir);
    expect(run.code).toBe(2);
    const summary = JSON.parse(run.stdout) as { changed: number; files: Array<{ path: string; reason?: string }> };
    expect(summary.changed).toBe(16);
    expect(summary.files.find((file) => file.path === 'src/bad.ts')?.reason).toMatch(/^syntax error at 2:1:/);
  });

  it.each(['1', '2'])('Ctrl-C stops the run cleanly (--jobs %s): every file is untouched or fully rewritten, no temporary file is left', async (jobs) => {
    const files = manyFiles(40);
    const dir = makeProject(files);
    const child = spawn(process.execPath, [builtBin, 'slow-rename', '--jobs', jobs], {
      cwd: dir,
      env: { ...process.env, OTEL_CODEMOD_TRANSFORMS_MODULE: testTransformsModule, SLOW_RENAME_MS: '100' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Interrupt once the first file has been written.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (stderr.includes('changed src/')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    expect(await exitCode).toBe(130);
    expect(stderr).toContain('Interrupted.');
    const names = readdirSync(join(dir, 'src'));
    expect(names.filter((name) => !name.endsWith('.ts'))).toEqual([]);
    let rewritten = 0;
    for (const path of Object.keys(files)) {
      const text = readFileSync(join(dir, path), 'utf8');
      const original = files[path]!;
      expect([original, original.replace('greet', 'salute')]).toContain(text);
      if (text !== original) rewritten++;
    }
    expect(rewritten).toBeGreaterThan(0);
    expect(rewritten).toBeLessThan(40);
    expect(stderr).toContain(`changed: ${rewritten}\n`);
  });

  it('leaves files it does not change with their mtime when run as a command', () => {
    const dir = makeProject({ 'a.ts': 'export const x = 1;\n', 'b.ts': GREET });
    const before = statSync(join(dir, 'a.ts')).mtimeMs;
    expect(runBuilt(['rename-greet'], dir).code).toBe(0);
    expect(statSync(join(dir, 'a.ts')).mtimeMs).toBe(before);
    expect(readFileSync(join(dir, 'b.ts'), 'utf8')).toBe(SALUTE);
  });
});
