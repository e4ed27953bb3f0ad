import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodemodTransform } from '../../src/transform/types.js';
import { ageFile, commitAll, makeProject, removeProjects, runInProcess } from './support/harness.js';
import { renameGreet, testRegistry } from './support/test-transforms.js';

afterEach(removeProjects);

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
const SALUTE = 'export function salute(name: string) {\n  return `hi ${name}`;\n}\n';
const OTHER = 'export const answer = 42;\n';

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

function json(stdout: string) {
  return JSON.parse(stdout) as {
    found: number;
    parsed: number;
    changed: number;
    unchanged: number;
    failed: number;
    interrupted: boolean;
    skipped: Record<string, number>;
    skippedFolders: Record<string, number>;
    files: Array<{ path: string; status: string; reason?: string; notes: Array<{ line: number; message: string }>; diff?: string }>;
  };
}

describe('otel-codemod <transform>: applying and reporting', () => {
  it('rewrites the files a transform changes, leaves the others byte for byte and with their mtime', async () => {
    const dir = makeProject({ 'src/greet.ts': GREET, 'src/other.ts': OTHER, 'src/untouched.ts': 'export const greeting = 1;\n' });
    const otherMtime = ageFile(join(dir, 'src/other.ts'));
    const untouchedMtime = ageFile(join(dir, 'src/untouched.ts'));
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/greet.ts')).toBe(SALUTE);
    expect(read(dir, 'src/other.ts')).toBe(OTHER);
    expect(statSync(join(dir, 'src/other.ts')).mtimeMs).toBe(otherMtime);
    // "greeting" passes the text pre-filter, is parsed, and has nothing to rename.
    expect(read(dir, 'src/untouched.ts')).toBe('export const greeting = 1;\n');
    expect(statSync(join(dir, 'src/untouched.ts')).mtimeMs).toBe(untouchedMtime);
    expect(run.stderr).toContain('changed src/greet.ts');
    expect(run.stderr).toContain('src/greet.ts:1 review (rename-greet): renamed greet');
    // The counts add up to the files found; "unchanged" says how many were never parsed.
    expect(run.stderr).toMatch(
      /rename-greet: 3 files found\n {2}changed: 1\n {2}unchanged: 2 \(1 not parsed: a quick text check found nothing in it for rename-greet\)\n {2}skipped: 0\n {2}failed: 0\n {2}time: \d+\.\d\ds\n$/,
    );
    expect(run.stdout).toBe('');
  });

  it('runs several comma-separated transforms in order on each file', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-greet,append-marker', '.'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(`${SALUTE}// marked\n`);
  });

  it('does not parse a file the text pre-filter rules out', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['never-applies', '--json'], dir);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ found: 1, parsed: 0, changed: 0, unchanged: 1, failed: 0 });
  });

  it('lists the valid transforms and exits 2 for an unknown one', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-gret', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Unknown transform: rename-gret\nValid transforms: add-helper, append-marker, never-applies, rename-greet, show-options\n');
    expect(read(dir, 'a.ts')).toBe(GREET);
  });

  it('prints the usage and exits 2 without a transform', async () => {
    const run = await runInProcess([], makeProject({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: otel-codemod <transform>');
  });

  it('writes the extra files a transform asks for next to the file it changed', async () => {
    const dir = makeProject({ 'src/a.ts': 'needsHelper();\n', 'package.json': '{"name":"checkout-service"}' });
    const run = await runInProcess(['add-helper'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe("import { helper } from './helper.js';\nneedsHelper();\n");
    expect(read(dir, 'src/helper.ts')).toBe("export const helper = 'checkout-service';\n");
  });

  it('creates the folders of an extra file that does not exist yet (--helper into a new folder)', async () => {
    const dir = makeProject({ 'src/a.ts': 'needsHelper();\n', 'package.json': '{"name":"checkout-service"}' });
    const run = await runInProcess(['add-helper', '--helper', 'src/telemetry/propagation.ts'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/telemetry/propagation.ts')).toBe("export const helper = 'checkout-service';\n");
  });
});

describe('otel-codemod <transform>: modes that write nothing', () => {
  it('--dry reports what would change and keeps every byte and mtime', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': OTHER });
    const mtimes = ['a.ts', 'b.ts'].map((file) => ageFile(join(dir, file)));
    const run = await runInProcess(['rename-greet', '--dry'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(GREET);
    expect(read(dir, 'b.ts')).toBe(OTHER);
    expect(['a.ts', 'b.ts'].map((file) => statSync(join(dir, file)).mtimeMs)).toEqual(mtimes);
    expect(run.stderr).toContain('would change a.ts');
    expect(run.stderr).toContain('  would change: 1\n');
  });

  it('--check exits 1 when a file would change, 0 when none would, and writes nothing', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const needed = await runInProcess(['rename-greet', '--check'], dir);
    expect(needed.code).toBe(1);
    expect(needed.stderr).toContain('rename-greet: 1 file found\n');
    expect(needed.stderr).toContain('1 file needs changes: run without --check to apply them.');
    expect(read(dir, 'a.ts')).toBe(GREET);
    const clean = makeProject({ 'a.ts': SALUTE });
    expect((await runInProcess(['rename-greet', '--check'], clean)).code).toBe(0);
  });

  it('--check with a file it cannot parse exits 2: errors outrank changes', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'bad.ts': 'function greet( {\n' });
    expect((await runInProcess(['rename-greet', '--check'], dir)).code).toBe(2);
  });

  it('--diff prints a unified diff to stdout and writes nothing', async () => {
    const dir = makeProject({ 'src/a.ts': GREET });
    const run = await runInProcess(['rename-greet', '--diff'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      ['--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1,3 +1,3 @@', '-export function greet(name: string) {', '+export function salute(name: string) {', '   return `hi ${name}`;', ' }', ''].join('\n'),
    );
    expect(read(dir, 'src/a.ts')).toBe(GREET);
  });

  it('--diff colours the diff when stdout is a terminal', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-greet', '--diff'], dir, { tty: true });
    expect(run.stdout).toContain('\x1b[31m-export function greet');
    expect(run.stdout).toContain('\x1b[32m+export function salute');
  });

  it('--diff shows an extra file as a new file', async () => {
    const dir = makeProject({ 'a.ts': 'needsHelper();\n' });
    const run = await runInProcess(['add-helper', '--diff', '--tracer-name', 'svc'], dir);
    expect(run.stdout).toContain("--- /dev/null\n+++ b/helper.ts\n@@ -0,0 +1 @@\n+export const helper = 'svc';\n");
    expect(existsSync(join(dir, 'helper.ts'))).toBe(false);
  });

  it('--diff shows a helper module several files ask for once', async () => {
    const dir = makeProject({ 'a.ts': 'needsHelper();\n', 'b.ts': 'needsHelper(2);\n' });
    const run = await runInProcess(['add-helper', '--diff', '--tracer-name', 'svc'], dir);
    expect(run.stdout.match(/\+\+\+ b\/helper\.ts/g)).toHaveLength(1);
    expect(run.stdout.match(/\+\+\+ b\/[ab]\.ts/g)).toHaveLength(2);
  });

  it('--print prints the resulting source of each changed file and writes nothing', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': OTHER });
    const run = await runInProcess(['rename-greet', '--print'], dir);
    expect(run.stdout).toBe(SALUTE);
    expect(read(dir, 'a.ts')).toBe(GREET);
  });

  it('--json prints a machine-readable summary on stdout and nothing on stderr', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': OTHER, 'bad.ts': 'const greet = ;\n' });
    const run = await runInProcess(['rename-greet', '--json', '--diff'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const summary = json(run.stdout);
    expect(summary).toMatchObject({ found: 3, parsed: 2, changed: 1, unchanged: 1, failed: 1, interrupted: false });
    expect(summary.files.map((file) => [file.path, file.status])).toEqual([
      ['a.ts', 'changed'],
      ['bad.ts', 'failed'],
    ]);
    expect(summary.files[0]!.diff).toContain('+export function salute');
    expect(summary.files[0]!.notes).toEqual([{ line: 1, kind: 'review', message: 'renamed greet', transform: 'rename-greet' }]);
    expect(summary.files[1]!.reason).toBe('syntax error at 1:15: Expression expected.');
  });

  it('--quiet prints nothing when all goes well, and only the failures otherwise', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const quiet = await runInProcess(['rename-greet', '--quiet'], dir);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    writeFileSync(join(dir, 'bad.ts'), 'let greet = (;\n');
    const failing = await runInProcess(['rename-greet', '--quiet'], dir);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toBe('failed bad.ts: syntax error at 1:14: Expression expected.\n');
  });
});

describe('otel-codemod <transform>: file form is kept', () => {
  it('keeps CRLF line endings, also on lines a transform wrote with LF', async () => {
    const dir = makeProject({ 'a.ts': GREET.replace(/\n/g, '\r\n') });
    expect((await runInProcess(['rename-greet,append-marker'], dir)).code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(`${SALUTE}// marked\n`.replace(/\n/g, '\r\n'));
  });

  it('keeps a BOM (stripped before the transform runs) and a missing final newline', async () => {
    const seen: string[] = [];
    const spy: CodemodTransform = { ...renameGreet, apply: (input) => (seen.push(input.source), renameGreet.apply(input)) };
    const dir = makeProject({ 'a.ts': `\uFEFF${GREET.trimEnd()}` });
    expect((await runInProcess(['rename-greet'], dir, { registry: { 'rename-greet': spy } })).code).toBe(0);
    expect(seen).toEqual([GREET.trimEnd()]);
    expect(readFileSync(join(dir, 'a.ts'))).toEqual(Buffer.from(`\uFEFF${SALUTE.trimEnd()}`));
  });

  it('removes a final newline a transform added to a file that had none', async () => {
    const dir = makeProject({ 'a.ts': 'const greet = 1;' });
    expect((await runInProcess(['append-marker'], dir)).code).toBe(0);
    expect(read(dir, 'a.ts')).toBe('const greet = 1;\n// marked');
  });

  it('keeps the file mode and leaves no temporary file behind', async () => {
    const dir = makeProject({ 'bin/tool.js': '#!/usr/bin/env node\ngreet();\n' });
    chmodSync(join(dir, 'bin/tool.js'), 0o754);
    expect((await runInProcess(['rename-greet'], dir)).code).toBe(0);
    expect(read(dir, 'bin/tool.js')).toBe('#!/usr/bin/env node\nsalute();\n');
    expect(statSync(join(dir, 'bin/tool.js')).mode & 0o777).toBe(0o754);
    expect(readdirSync(join(dir, 'bin'))).toEqual(['tool.js']);
  });
});

describe('otel-codemod <transform>: bad input is reported and the run goes on', () => {
  it('reports a syntax error with its path and reason, changes the other files, exits 2', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'broken.ts': 'export function greet( {\n' });
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   broken.ts: syntax error at 2:1:');
    expect(read(dir, 'a.ts')).toBe(SALUTE);
    expect(read(dir, 'broken.ts')).toBe('export function greet( {\n');
  });

  it('reports a file that is not UTF-8 and leaves it alone', async () => {
    const latin1 = Buffer.from('// caf\xe9\ngreet();\n', 'latin1');
    const dir = makeProject({ 'latin.js': latin1, 'a.ts': GREET });
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   latin.js: not valid UTF-8');
    expect(readFileSync(join(dir, 'latin.js'))).toEqual(latin1);
    expect(read(dir, 'a.ts')).toBe(SALUTE);
  });

  it('reports a path that does not exist', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-greet', 'a.ts', 'missing.ts'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   missing.ts: not found');
    expect(read(dir, 'a.ts')).toBe(SALUTE);
  });

  it('reports a transform that crashes on a file as that file failing', async () => {
    const crashing: CodemodTransform = { ...renameGreet, apply: () => { throw new TypeError('boom'); } };
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-greet'], dir, { registry: { 'rename-greet': crashing } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   a.ts: rename-greet failed: boom');
  });

  it('refuses a symlink that points outside the folder, and follows one that stays inside', async () => {
    const outside = makeProject({ 'secret.ts': GREET });
    const dir = makeProject({ 'src/a.ts': GREET });
    symlinkSync(join(outside, 'secret.ts'), join(dir, 'src/escape.ts'));
    symlinkSync('a.ts', join(dir, 'src/alias.ts'));
    const run = await runInProcess(['rename-greet', '--json'], dir);
    expect(run.code).toBe(2);
    const summary = json(run.stdout);
    expect(summary.files.find((file) => file.path === 'src/escape.ts')?.reason).toMatch(/^symlink points outside \. \(to .*secret\.ts\)$/);
    expect(read(outside, 'secret.ts')).toBe(GREET);
    // The inside link and its target are one file: changed once, through the link's target, link kept.
    expect(summary.changed).toBe(1);
    expect(read(dir, 'src/a.ts')).toBe(SALUTE);
    expect(statSync(join(dir, 'src/alias.ts')).isFile()).toBe(true);
    expect(readdirSync(join(dir, 'src')).sort()).toEqual(['a.ts', 'alias.ts', 'escape.ts']);
  });

  it('refuses a symlink leading out of the root inside a git repository too (git lists the link itself)', async () => {
    const outside = makeProject({ 'secret.ts': GREET });
    const dir = makeProject({ 'a.ts': GREET });
    symlinkSync(join(outside, 'secret.ts'), join(dir, 'escape.ts'));
    commitAll(dir);
    const run = await runInProcess(['rename-greet', '--json'], dir);
    expect(run.code).toBe(2);
    expect(json(run.stdout).files.map((file) => [file.path, file.status])).toEqual([
      ['escape.ts', 'failed'],
      ['a.ts', 'changed'],
    ]);
    expect(read(outside, 'secret.ts')).toBe(GREET);
  });

  it('reports a symlink loop and a folder symlink leading out of the root', async () => {
    const outside = makeProject({ 'lib/x.ts': GREET });
    const dir = makeProject({ 'a.ts': GREET });
    symlinkSync('loop-b.ts', join(dir, 'loop-a.ts'));
    symlinkSync('loop-a.ts', join(dir, 'loop-b.ts'));
    symlinkSync(join(outside, 'lib'), join(dir, 'vendor'));
    symlinkSync('..', join(dir, 'up'));
    const run = await runInProcess(['rename-greet', '--json'], dir);
    const reasons = Object.fromEntries(json(run.stdout).files.map((file) => [file.path, file.reason]));
    expect(reasons['loop-a.ts']).toBe('symlink loop');
    expect(reasons['loop-b.ts']).toBe('symlink loop');
    expect(reasons['vendor']).toMatch(/^symlink points outside/);
    expect(reasons['up']).toMatch(/^symlink points outside/);
    expect(read(outside, 'lib/x.ts')).toBe(GREET);
    expect(read(dir, 'a.ts')).toBe(SALUTE);
    expect(run.code).toBe(2);
  });
});

describe('otel-codemod <transform>: file discovery', () => {
  it('skips node_modules, build output, declaration files, minified and oversized files, counting them by reason', async () => {
    const minified = `var a=${'1+'.repeat(3000)}1;greet();`;
    const dir = makeProject({
      'src/a.ts': GREET,
      'src/types.d.ts': 'declare function greet(): void;\n',
      'src/vendor.min.js': 'greet();',
      'src/bundle.js': minified,
      'src/big.ts': `${GREET}${'// padding\n'.repeat(800)}`,
      'src/notes.md': 'greet',
      'node_modules/dep/index.js': 'greet();\n',
      'dist/index.js': 'greet();\n',
    });
    const run = await runInProcess(['rename-greet', '--json', '--max-file-size', '7k'], dir);
    expect(run.code).toBe(0);
    const summary = json(run.stdout);
    // Files are counted by reason; folders left out whole are counted apart, so that the file counts add up.
    expect(summary.skipped).toEqual({ 'declaration file': 1, minified: 2, 'over size limit': 1 });
    expect(summary.skippedFolders).toEqual({ 'build output': 1, node_modules: 1 });
    expect(summary.found).toBe(summary.changed + summary.unchanged + summary.failed + 4);
    expect(summary.changed).toBe(1);
    expect(read(dir, 'src/bundle.js')).toBe(minified);
    expect(read(dir, 'node_modules/dep/index.js')).toBe('greet();\n');
  });

  it('--ignore skips files and folders matching the globs', async () => {
    const dir = makeProject({ 'src/a.ts': GREET, 'src/a.test.ts': GREET, 'src/generated/g.ts': GREET, 'scripts/s.ts': GREET });
    const run = await runInProcess(['rename-greet', 'src', 'scripts', '--ignore', '*.test.ts', 'src/generated'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(SALUTE);
    expect(read(dir, 'scripts/s.ts')).toBe(SALUTE);
    expect(read(dir, 'src/a.test.ts')).toBe(GREET);
    expect(read(dir, 'src/generated/g.ts')).toBe(GREET);
    expect(run.stderr).toContain('skipped: 1 (ignored: 1)');
    expect(run.stderr).toContain('folders left out (not counted above): 1 (ignored: 1)');
  });

  it('honours .gitignore inside a git repository, untracked files included', async () => {
    const dir = makeProject({ '.gitignore': 'generated/\n', 'src/a.ts': GREET, 'generated/g.ts': GREET });
    commitAll(dir);
    writeFileSync(join(dir, 'src/new.ts'), GREET);
    const run = await runInProcess(['rename-greet', '--force'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(SALUTE);
    expect(read(dir, 'src/new.ts')).toBe(SALUTE);
    expect(read(dir, 'generated/g.ts')).toBe(GREET);
  });

  it('--max-file-size refuses a size it cannot read, --jobs a count below 1 (usage errors, exit 2)', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const size = await runInProcess(['rename-greet', '--max-file-size', 'huge'], dir);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain("option '--max-file-size <size>' argument 'huge' is invalid");
    expect((await runInProcess(['rename-greet', '--jobs', '0'], dir)).code).toBe(2);
    expect((await runInProcess(['rename-greet', '--no-such-option'], dir)).code).toBe(2);
    expect(read(dir, 'a.ts')).toBe(GREET);
  });

  it('--jobs runs on the main thread from the sources and gives the same result', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': GREET });
    expect((await runInProcess(['rename-greet', '--jobs', '2'], dir)).code).toBe(0);
    expect([read(dir, 'a.ts'), read(dir, 'b.ts')]).toEqual([SALUTE, SALUTE]);
  });
});

describe('otel-codemod <transform>: git safety', () => {
  it('refuses to write files with uncommitted changes, listing them; writes clean ones; exits 2', async () => {
    const dir = makeProject({ 'clean.ts': GREET, 'edited.ts': OTHER });
    commitAll(dir);
    writeFileSync(join(dir, 'edited.ts'), `${OTHER}greet();\n`);
    writeFileSync(join(dir, 'untracked.ts'), 'greet();\n');
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refused to write 2 file(s) with uncommitted changes (commit or stash them, or pass --force):\n  edited.ts\n  untracked.ts\n');
    expect(read(dir, 'edited.ts')).toBe(`${OTHER}greet();\n`);
    expect(read(dir, 'untracked.ts')).toBe('greet();\n');
    expect(read(dir, 'clean.ts')).toBe(SALUTE);
  });

  it('writes a file and the extra files it needs together or not at all', async () => {
    const dir = makeProject({ 'a.ts': 'needsHelper();\n', 'helper.ts': 'export const helper = 1;\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'helper.ts'), 'export const helper = 2;\n');
    const run = await runInProcess(['add-helper', '--tracer-name', 'svc'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   a.ts: uncommitted changes in helper.ts (commit or stash them, or pass --force)');
    expect(read(dir, 'a.ts')).toBe('needsHelper();\n');
    expect(read(dir, 'helper.ts')).toBe('export const helper = 2;\n');
  });

  it('writes them with --force', async () => {
    const dir = makeProject({ 'edited.ts': OTHER });
    commitAll(dir);
    writeFileSync(join(dir, 'edited.ts'), 'greet();\n');
    const run = await runInProcess(['rename-greet', '--force'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'edited.ts')).toBe('salute();\n');
  });

  it('does not ask git for --dry, --check, --diff or --print, which write nothing', async () => {
    const dir = makeProject({ 'edited.ts': OTHER });
    commitAll(dir);
    writeFileSync(join(dir, 'edited.ts'), 'greet();\n');
    expect((await runInProcess(['rename-greet', '--dry'], dir)).code).toBe(0);
    expect((await runInProcess(['rename-greet', '--diff'], dir)).code).toBe(0);
    expect((await runInProcess(['rename-greet', '--print'], dir)).code).toBe(0);
    expect((await runInProcess(['rename-greet', '--check'], dir)).code).toBe(1);
    expect(read(dir, 'edited.ts')).toBe('greet();\n');
  });
});

describe('otel-codemod <transform>: options reaching the transforms', () => {
  it('gives the nearest package.json name as the tracer name, per file', async () => {
    const dir = makeProject({ 'package.json': '{"name":"shop"}', 'a.ts': '', 'packages/billing/package.json': '{"name":"@shop/billing"}', 'packages/billing/b.ts': '' });
    expect((await runInProcess(['show-options'], dir)).code).toBe(0);
    expect(read(dir, 'a.ts')).toBe('// options: {"tracerName":"shop"}\n');
    expect(read(dir, 'packages/billing/b.ts')).toBe('// options: {"tracerName":"@shop/billing"}\n');
  });

  it('passes --tracer-name, --producer-spans, --link, --helper and --tsconfig through', async () => {
    const dir = makeProject({ 'a.ts': '', 'tsconfig.json': '{}' });
    const run = await runInProcess(['show-options', 'a.ts', '--tracer-name', 'orders', '--producer-spans', '--link', '--helper', 'src/otel.ts', '--tsconfig', 'tsconfig.json'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(`// options: ${JSON.stringify({ producerSpans: true, link: true, helper: join(dir, 'src/otel.ts'), tsconfig: join(dir, 'tsconfig.json'), tracerName: 'orders' })}\n`);
  });

  it('passes --lambda-export-names to wrap-handlers as the lambdaExportNames option, comma-separated and repeatable', async () => {
    const dir = makeProject({ 'a.ts': '' });
    const run = await runInProcess(['show-options', '--lambda-export-names', 'main,processOrders', '--lambda-export-names', 'onEvent', 'a.ts', '--tracer-name', 'orders'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(`// options: ${JSON.stringify({ lambdaExportNames: ['main', 'processOrders', 'onEvent'], tracerName: 'orders' })}\n`);
  });

  it('refuses a --lambda-export-names value that is not an export name, with exit code 2', async () => {
    const dir = makeProject({ 'a.ts': '' });
    const run = await runInProcess(['show-options', '--lambda-export-names', 'src/handler.ts', 'a.ts'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected JavaScript export names');
    expect(read(dir, 'a.ts')).toBe('');
  });

  it('--tsconfig without paths runs on the files of that project', async () => {
    const dir = makeProject({ 'tsconfig.json': '{"include":["src"]}', 'src/a.ts': GREET, 'other/b.ts': GREET });
    expect((await runInProcess(['rename-greet', '--tsconfig', 'tsconfig.json'], dir)).code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(SALUTE);
    expect(read(dir, 'other/b.ts')).toBe(GREET);
  });

  it('--tsconfig naming a missing file is a usage error', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    const run = await runInProcess(['rename-greet', '--tsconfig', 'nope.json'], dir);
    expect(run).toMatchObject({ code: 2, stderr: '--tsconfig: nope.json does not exist\n' });
  });
});

describe('otel-codemod <transform>: stopping', () => {
  it('stops after the file in hand when aborted, reporting the run as interrupted (exit 130)', async () => {
    const controller = new AbortController();
    const abortingRename: CodemodTransform = { ...renameGreet, apply: (input) => (controller.abort(), renameGreet.apply(input)) };
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': GREET, 'c.ts': GREET });
    const run = await runInProcess(['rename-greet'], dir, { registry: { 'rename-greet': abortingRename }, signal: controller.signal });
    expect(run.code).toBe(130);
    expect([read(dir, 'a.ts'), read(dir, 'b.ts'), read(dir, 'c.ts')]).toEqual([SALUTE, GREET, GREET]);
    expect(run.stderr).toContain('Interrupted. rename-greet: 3 files found\n  changed: 1\n');
    expect(run.stderr).toContain('  not reached: 2\n');
  });
});

describe('otel-codemod --help, --version, list', () => {
  it('--version prints the version, --help the options; both exit 0', async () => {
    const dir = makeProject({});
    const version = await runInProcess(['--version'], dir);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await runInProcess(['--help'], dir);
    expect(help.code).toBe(0);
    for (const option of ['--dry', '--print', '--diff', '--check', '--force', '--jobs', '--tsconfig', '--ignore', '--tracer-name', '--json', '--quiet', '--max-file-size', '--producer-spans', '--link', '--helper', '--lambda-export-names', '--no-prettier']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toMatch(/lint \[options\] \[paths\.\.\.\]/);
  });

  it('list shows every transform and rule with its description', async () => {
    const run = await runInProcess(['list'], makeProject({}), { registry: { 'rename-greet': testRegistry['rename-greet']! } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Transforms \(otel-codemod <transform> \[paths…\]\):\n {2}rename-greet {2}Renames greet to salute\.\n\nRules/);
  });
});

describe('otel-codemod <transform>: progress on a terminal', () => {
  it('draws a progress bar on stderr for a long run on a TTY, then prints the messages and the summary', async () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`f${index}.ts`, GREET]));
    const dir = makeProject(files);
    const run = await runInProcess(['rename-greet'], dir, { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('otel-codemod [');
    expect(run.stderr).toContain('25/25 files');
    expect(run.stderr).toMatch(/changed f0\.ts\n[\s\S]*changed: 25\n/);
  });

  it('draws no bar when stderr is not a terminal, or for a short run', async () => {
    const many = await runInProcess(['rename-greet'], makeProject(Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`f${index}.ts`, GREET]))));
    expect(many.stderr).not.toContain('otel-codemod [');
    const short = await runInProcess(['rename-greet'], makeProject({ 'a.ts': GREET }), { tty: true });
    expect(short.stderr).not.toContain('otel-codemod [');
  });
});
