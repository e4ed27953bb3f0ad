// Files that take too long or too deep a stack are refused fast with a named reason; Ctrl-C is heard at once;
// odd but legal names and line endings survive a run.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDefaultJobs, MEMORY_PER_WORKER } from '../../src/cli/default-jobs.js';
import { builtBin, commitAll, ensureBuilt, git, makeProject, removeProjects, runInProcess, testTransformsModule } from './support/harness.js';
import { checksums } from './support/file-checksums.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
const SALUTE = 'export function salute(name: string) {\n  return `hi ${name}`;\n}\n';

/** `const greet = a0 + a1 + …` over `terms` terms, one per line (so the file does not look minified). */
function chain(terms: number): string {
  return `export const greet = ${Array.from({ length: terms }, (_, index) => `a${index % 10}`).join(' +\n  ')};\n`;
}

describe('deep and long code is refused fast, with the reason', () => {
  it.each([4_000, 10_000])('a %i-term a + b + … chain', async (terms) => {
    const dir = makeProject({ 'chain.ts': chain(terms), 'a.ts': GREET });
    const before = checksums(dir)['chain.ts'];
    const started = performance.now();
    const run = await runInProcess(['rename-greet'], dir);
    // Before: 65 s for 4,000 terms (quadratic), then a stack overflow; now one linear parse.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   chain.ts: nested too deeply: more than 500 levels of syntax (a long chain such as a + b + … counts one level per term)');
    expect(checksums(dir)['chain.ts']).toBe(before);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(SALUTE);
  });

  it('code nested 2,000 levels deep, on the main thread', async () => {
    const nested = `export function greet() {\n${'if (x) {\n'.repeat(2000)}y();\n${'}\n'.repeat(2000)}}\n`;
    const dir = makeProject({ 'nested.ts': nested });
    const started = performance.now();
    const run = await runInProcess(['rename-greet'], dir);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   nested.ts: nested too deeply to parse');
    expect(readFileSync(join(dir, 'nested.ts'), 'utf8')).toBe(nested);
  });

  it('a chain just under the limit is still transformed', async () => {
    const dir = makeProject({ 'chain.ts': chain(400) });
    expect((await runInProcess(['rename-greet'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'chain.ts'), 'utf8')).toBe(chain(400).replace('greet', 'salute'));
  });
});

describe('the default number of workers', () => {
  it('is one per CPU, capped by the memory available at 300 MB a worker, and at least one', () => {
    expect(MEMORY_PER_WORKER).toBe(300 * 1024 * 1024);
    expect(getDefaultJobs(32, 4 * 1024 ** 3)).toBe(13);
    expect(getDefaultJobs(2, 64 * 1024 ** 3)).toBe(2);
    expect(getDefaultJobs(8, 100 * 1024 ** 2)).toBe(1);
    expect(getDefaultJobs()).toBeGreaterThanOrEqual(1);
  });
});

describe('names and line endings', () => {
  it('writes a file whose name is 240 characters long (the temporary name stays short)', async () => {
    const name = `${'n'.repeat(237)}.ts`;
    const dir = makeProject({ [name]: GREET });
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, name), 'utf8')).toBe(SALUTE);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('keeps CR-only line endings, also on the lines a transform wrote with LF', async () => {
    const dir = makeProject({ 'a.ts': GREET.replace(/\n/g, '\r') });
    expect((await runInProcess(['rename-greet,append-marker'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(`${SALUTE}// marked\n`.replace(/\n/g, '\r'));
  });

  it('quotes a file name holding a newline in the --diff header, as git does; git apply takes the diff', async () => {
    const name = 'odd\nname.ts';
    const dir = makeProject({ [name]: GREET });
    commitAll(dir);
    const run = await runInProcess(['rename-greet', '--diff'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('--- "a/odd\\nname.ts"\n+++ "b/odd\\nname.ts"\n@@ -1,3 +1,3 @@\n')).toBe(true);
    writeFileSync(join(dir, 'change.diff'), run.stdout);
    git(dir, 'apply', 'change.diff');
    expect(readFileSync(join(dir, name), 'utf8')).toBe(SALUTE);
  });
});

describe('Ctrl-C on a terminal', () => {
  it('a second Ctrl-C stops at once while a slow file is in hand (--jobs 1), and the cursor is shown again', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const before = checksums(dir);
    // `script` gives the command a real terminal; ^C typed into it reaches the command as SIGINT, as from a keyboard.
    const command = `'${process.execPath}' '${builtBin}' slow-rename --jobs 1 a.ts`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, OTEL_CODEMOD_TRANSFORMS_MODULE: testTransformsModule, SLOW_RENAME_MS: '120000' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait until the run is under way (the worker has the file), then press Ctrl-C twice.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    child.stdin.write('\x03');
    await waitFor(() => output.includes('Stopping after the file in hand'), 10_000);
    const secondPressed = performance.now();
    child.stdin.write('\x03');
    expect(await closed).toBe(130);
    // Before: the second Ctrl-C waited for the file in hand (here two minutes).
    expect(performance.now() - secondPressed).toBeLessThan(5_000);
    expect(output).toContain('\x1b[?25h');
    expect(checksums(dir)).toEqual(before);
  });

  it('`script` is there (util-linux), or the test above proves nothing', () => {
    expect(spawnSync('script', ['--version'], { encoding: 'utf8' }).status).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
