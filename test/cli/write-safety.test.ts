// Nothing lost, nothing written that should not be: each case snapshots every file (content, mode, owner, symlink
// target) before the run and compares after, on real files, real git repositories and real symlinks.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lchownSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, ensureBuilt, git, makeProject, removeProjects, runBuilt, runInProcess } from './support/harness.js';
import { checksums, withoutPaths } from './support/file-checksums.js';
import { testPreset } from './support/test-plugin.js';
import { isRoot } from './support/unprivileged.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
const SALUTE = 'export function salute(name: string) {\n  return `hi ${name}`;\n}\n';
const LEAKY = "export function tag(span, user) {\n  span.setAttribute('user.email', user.email);\n}\n";
const FIXED = "export function tag(span, user) {\n  span.setAttribute('user.id', user.email);\n}\n";
// Git as a test must see it: no safe.directory or other setting from the machine's own config.
const PLAIN_GIT = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

function lint(argv: string[], cwd: string) {
  return runInProcess(['lint', ...argv], cwd, { lintPreset: testPreset });
}

describe('lint --fix reads files as the codemod runner does', () => {
  it('refuses a file that is not UTF-8: reported, nothing in it fixed, the other files fixed (exit 2)', async () => {
    const latin1 = Buffer.from(`// caf\xe9\n${LEAKY}`, 'latin1');
    const dir = makeProject({ 'latin.js': latin1, 'ok.js': LEAKY });
    const before = checksums(dir);
    const run = await lint(['--fix'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   latin.js: not valid UTF-8\n');
    expect(readFileSync(join(dir, 'latin.js'))).toEqual(latin1);
    expect(read(dir, 'ok.js')).toBe(FIXED);
    expect(withoutPaths(checksums(dir), ['ok.js'])).toEqual(withoutPaths(before, ['ok.js']));
  });

  it('with the user\'s --config too: ESLint reads the file, the fix is not written', async () => {
    const config = [
      'export default [{',
      "  plugins: { local: { rules: { 'no-foo': { meta: { type: 'problem', fixable: 'code', messages: { foo: 'no foo' }, schema: [] },",
      "    create: (context) => ({ Identifier(node) { if (node.name === 'foo') context.report({ node, messageId: 'foo', fix: (f) => f.replaceText(node, 'bar') }); } }) } } } },",
      "  rules: { 'local/no-foo': 'error' },",
      '}];',
      '',
    ].join('\n');
    const latin1 = Buffer.from('// caf\xe9\nconst foo = 1;\n', 'latin1');
    const dir = makeProject({ 'lint.config.mjs': config, 'latin.js': latin1, 'ok.js': 'const foo = 1;\n' });
    const before = checksums(dir);
    const run = await lint(['--config', 'lint.config.mjs', '--fix', 'latin.js', 'ok.js'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   latin.js: not fixed: not valid UTF-8\n');
    expect(read(dir, 'ok.js')).toBe('const bar = 1;\n');
    expect(withoutPaths(checksums(dir), ['ok.js'])).toEqual(withoutPaths(before, ['ok.js']));
  });

  it('fixes the target of a symlink once and keeps the link', async () => {
    const dir = makeProject({ 'src/a.js': LEAKY });
    symlinkSync('a.js', join(dir, 'src/alias.js'));
    const run = await lint(['--fix'], dir);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/a.js')).toBe(FIXED);
    expect(lstatSync(join(dir, 'src/alias.js')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'src/alias.js'))).toBe('a.js');
    // Named on the command line, the link is fixed through its target as well.
    writeFileSync(join(dir, 'src/a.js'), LEAKY);
    expect((await lint(['--fix', 'src/alias.js'], dir)).code).toBe(0);
    expect(read(dir, 'src/a.js')).toBe(FIXED);
    expect(readlinkSync(join(dir, 'src/alias.js'))).toBe('a.js');
  });

  it('does not ask git: a file with uncommitted changes is fixed', async () => {
    const dir = makeProject({ 'a.js': 'export const a = 1;\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'a.js'), LEAKY);
    expect((await lint(['--fix'], dir)).code).toBe(0);
    expect(read(dir, 'a.js')).toBe(FIXED);
  });

  it('refuses to fix a read-only file (0444) and goes on with the others', async () => {
    const dir = makeProject({ 'locked.js': LEAKY, 'ok.js': LEAKY });
    chmodSync(join(dir, 'locked.js'), 0o444);
    const before = checksums(dir);
    const run = await lint(['--fix'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   locked.js: not fixed: read-only file\n');
    expect(read(dir, 'ok.js')).toBe(FIXED);
    expect(withoutPaths(checksums(dir), ['ok.js'])).toEqual(withoutPaths(before, ['ok.js']));
  });
});

describe('the git guard fails closed', () => {
  // Only root can give a folder to another user; on a machine where the tests run unprivileged this case cannot be made.
  it.runIf(isRoot)('refuses every file of a repository git will not read (another user\'s: dubious ownership), exit 2, git\'s reason named', () => {
    const dir = makeProject({ 'a.ts': GREET, 'generated/g.ts': GREET, '.gitignore': 'generated/\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'a.ts'), `${GREET}// work in progress\n`);
    chownRecursive(dir, 65534, 65534);
    const before = checksums(dir);
    const run = runBuilt(['rename-greet'], dir, PLAIN_GIT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('detected dubious ownership in repository');
    expect(run.stderr).toMatch(/Refused to write 2 file\(s\) in a git repository whose state cannot be read \(fix what git reports, or pass --force\):\n {2}a\.ts: cannot read the git repository: detected dubious ownership/);
    expect(checksums(dir)).toEqual(before);
    // Modes that write nothing still run, and say that .gitignore could not be honoured.
    const check = runBuilt(['rename-greet', '--check'], dir, PLAIN_GIT);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('.gitignore is not honoured');
    expect(checksums(dir)).toEqual(before);
  });

  it.runIf(isRoot)('--force writes them, and a file written as root keeps its owner and group', () => {
    const dir = makeProject({ 'a.ts': GREET });
    commitAll(dir);
    chownRecursive(dir, 65534, 65534);
    const run = runBuilt(['rename-greet', '--force'], dir, PLAIN_GIT);
    expect(run.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(SALUTE);
    const stats = statSync(join(dir, 'a.ts'));
    expect([stats.uid, stats.gid]).toEqual([65534, 65534]);
  });

  it('keeps owner, group and mode of a file in a plain folder when root writes it', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    chmodSync(join(dir, 'a.ts'), 0o640);
    if (isRoot) chownSync(join(dir, 'a.ts'), 1234, 5678);
    const owner = statSync(join(dir, 'a.ts'));
    expect((await runInProcess(['rename-greet'], dir)).code).toBe(0);
    const after = statSync(join(dir, 'a.ts'));
    expect(read(dir, 'a.ts')).toBe(SALUTE);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([owner.uid, owner.gid, 0o640]);
  });

  it('refuses every file of a repository when git is not on PATH; a plain folder without git is written', () => {
    const repo = makeProject({ 'a.ts': GREET });
    commitAll(repo);
    const before = checksums(repo);
    const noGit = { ...PLAIN_GIT, PATH: makeProject({}) };
    const run = runBuilt(['rename-greet'], repo, noGit);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a.ts: cannot read the git repository: git is not installed or not on PATH');
    expect(checksums(repo)).toEqual(before);
    const plain = makeProject({ 'a.ts': GREET });
    expect(runBuilt(['rename-greet'], plain, noGit).code).toBe(0);
    expect(read(plain, 'a.ts')).toBe(SALUTE);
  });

  it('refuses every file when git status fails (a damaged index)', () => {
    const dir = makeProject({ 'a.ts': GREET });
    commitAll(dir);
    writeFileSync(join(dir, '.git/index'), 'not an index');
    const before = checksums(dir);
    const run = runBuilt(['rename-greet'], dir, PLAIN_GIT);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a\.ts: cannot read the git repository: .*index/);
    expect(checksums(dir)).toEqual(before);
  });

  it('treats a folder git says is not in a repository as a plain folder', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    expect(spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).stderr).toContain('not a git repository');
    expect((await runInProcess(['rename-greet'], dir)).code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(SALUTE);
  });

  it('treats assume-unchanged and skip-worktree files with local edits as uncommitted; unedited ones are written', async () => {
    const dir = makeProject({ 'assumed.ts': GREET, 'skipped.ts': GREET, 'untouched.ts': GREET });
    commitAll(dir);
    git(dir, 'update-index', '--assume-unchanged', 'assumed.ts', 'untouched.ts');
    git(dir, 'update-index', '--skip-worktree', 'skipped.ts');
    writeFileSync(join(dir, 'assumed.ts'), `${GREET}// local\n`);
    writeFileSync(join(dir, 'skipped.ts'), `${GREET}// local\n`);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   assumed.ts: uncommitted changes (hidden from git status by assume-unchanged) (commit or stash them, or pass --force)');
    expect(run.stderr).toContain('failed   skipped.ts: uncommitted changes (hidden from git status by skip-worktree)');
    expect(read(dir, 'untouched.ts')).toBe(SALUTE);
    expect(withoutPaths(checksums(dir), ['untouched.ts'])).toEqual(withoutPaths(before, ['untouched.ts']));
  });

  it('treats a gitignored file named on the command line as uncommitted', async () => {
    const dir = makeProject({ '.gitignore': 'generated/\n', 'a.ts': GREET, 'generated/g.ts': GREET });
    commitAll(dir);
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet', 'generated/g.ts'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   generated/g.ts: not committed (ignored by git) (commit or stash them, or pass --force)');
    expect(checksums(dir)).toEqual(before);
    expect((await runInProcess(['rename-greet', 'generated/g.ts', '--force'], dir)).code).toBe(0);
    expect(read(dir, 'generated/g.ts')).toBe(SALUTE);
  });

  it('refuses a staged file like a modified one', async () => {
    const dir = makeProject({ 'a.ts': 'export const a = 1;\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'a.ts'), GREET);
    git(dir, 'add', 'a.ts');
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refused to write 1 file(s) with uncommitted changes (commit or stash them, or pass --force):\n  a.ts\n');
    expect(checksums(dir)).toEqual(before);
  });

  it('refuses a read-only file (0444) unless --force, and keeps its mode when forced', async () => {
    const dir = makeProject({ 'locked.ts': GREET, 'open.ts': GREET });
    chmodSync(join(dir, 'locked.ts'), 0o444);
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refused to write 1 file(s) that are read-only (make them writable, or pass --force):\n  locked.ts\n');
    expect(read(dir, 'open.ts')).toBe(SALUTE);
    expect(withoutPaths(checksums(dir), ['open.ts'])).toEqual(withoutPaths(before, ['open.ts']));
    expect((await runInProcess(['rename-greet', '--force'], dir)).code).toBe(0);
    expect(read(dir, 'locked.ts')).toBe(SALUTE);
    expect(statSync(join(dir, 'locked.ts')).mode & 0o777).toBe(0o444);
  });
});

describe('paths are held to the working folder however they are given', () => {
  it('refuses a symlinked file and a symlinked folder named on the command line that lead outside', async () => {
    const outside = makeProject({ 'secret.ts': GREET, 'lib/x.ts': GREET });
    const dir = makeProject({ 'a.ts': GREET });
    symlinkSync(join(outside, 'secret.ts'), join(dir, 'link.ts'));
    symlinkSync(join(outside, 'lib'), join(dir, 'linked-lib'));
    const outsideBefore = checksums(outside);
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet', 'link.ts', 'linked-lib', '--force'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/failed {3}link\.ts: symlink points outside \. \(to .*secret\.ts\)/);
    expect(run.stderr).toMatch(/failed {3}linked-lib: symlink points outside \. \(to .*lib\)/);
    expect(checksums(outside)).toEqual(outsideBefore);
    expect(checksums(dir)).toEqual(before);
  });

  it('follows a symlink named on the command line that stays inside, writing its target and keeping the link', async () => {
    const dir = makeProject({ 'src/a.ts': GREET });
    symlinkSync('src/a.ts', join(dir, 'alias.ts'));
    expect((await runInProcess(['rename-greet', 'alias.ts'], dir)).code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(SALUTE);
    expect(readlinkSync(join(dir, 'alias.ts'))).toBe('src/a.ts');
  });

  it('refuses paths outside the working folder (lint and codemods), exit 2', async () => {
    const parent = makeProject({ 'other/a.js': LEAKY, 'work/b.js': 'export const b = 1;\n', 'work/eslint.config.mjs': 'export default [];\n' });
    const before = checksums(parent);
    const linted = await lint(['../other'], join(parent, 'work'));
    expect(linted.code).toBe(2);
    expect(linted.stderr).toContain('failed   ../other: outside the working folder');
    const withConfig = await lint(['--config', 'eslint.config.mjs', '../other'], join(parent, 'work'));
    expect(withConfig.code).toBe(2);
    expect(withConfig.stderr).toContain('failed   ../other: outside the working folder');
    const transformed = await runInProcess(['rename-greet', '../other'], join(parent, 'work'));
    expect(transformed.code).toBe(2);
    expect(checksums(parent)).toEqual(before);
  });

  it('--tsconfig whose include matches nothing is an error, not a run over the whole folder', async () => {
    const dir = makeProject({ 'tsconfig.json': '{"include":["src/**/*.ts"]}', 'scripts/a.ts': GREET });
    const before = checksums(dir);
    const run = await runInProcess(['rename-greet', '--tsconfig', 'tsconfig.json'], dir);
    expect(run).toMatchObject({ code: 2, stderr: '--tsconfig: tsconfig.json includes no files (check its "include", "files" and "exclude"); nothing to do\n' });
    expect(checksums(dir)).toEqual(before);
  });
});

describe('checks that must not pass on nothing, nor fail on nothing', () => {
  it('reports a legacy /* eslint-env */ comment as a warning naming it; a clean file still exits 0', async () => {
    const dir = makeProject({ 'a.js': '/* eslint-env node, mocha */\nexport const x = 1;\n' });
    const run = await lint([], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1:1  warning  /* eslint-env node, mocha */ is ignored: ESLint no longer reads eslint-env comments');
    expect(run.stdout).toContain('1 problem (0 errors, 1 warning)');
    writeFileSync(join(dir, 'b.js'), `/* eslint-env node */\n${LEAKY}`);
    const findings = await lint([], dir);
    expect(findings.code).toBe(1);
    expect(findings.stdout).toContain('otel/no-user-email');
  });

  it('skips a dangling symlink to a non-source file and a symlinked node_modules (exit 0; --check 1, not 2)', async () => {
    const elsewhere = makeProject({ 'node_modules/dep/index.js': 'greet();\n' });
    const dir = makeProject({ 'a.ts': GREET });
    symlinkSync('docs/missing.md', join(dir, 'README.md'));
    symlinkSync(join(elsewhere, 'node_modules'), join(dir, 'node_modules'));
    const before = checksums(dir);
    const check = await runInProcess(['rename-greet', '--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('failed   ');
    expect(check.stderr).toContain('folders left out (not counted above): 1 (node_modules: 1)');
    expect((await lint([], dir)).code).toBe(0);
    expect(checksums(dir)).toEqual(before);
    commitAll(dir);
    const inRepository = await runInProcess(['rename-greet', '--check'], dir);
    expect(inRepository.code).toBe(1);
    expect(inRepository.stderr).not.toContain('failed   ');
  });

  it('parses only files a transform may change: a syntax error elsewhere is not reported, and counted as not parsed', async () => {
    const dir = makeProject({ 'a.ts': GREET, 'broken.ts': 'export const = ;\n' });
    const run = await runInProcess(['rename-greet'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('  unchanged: 1 (1 not parsed: a quick text check found nothing in it for rename-greet)\n');
    // lint parses every file.
    expect((await lint([], dir)).code).toBe(2);
  });

  it('still reports a dangling symlink named like a source file', async () => {
    const dir = makeProject({ 'a.ts': GREET });
    symlinkSync('gone.ts', join(dir, 'b.ts'));
    const run = await runInProcess(['rename-greet', '--check'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   b.ts: not found (or a broken symlink)');
  });
});

/** Gives `dir` to another user, as a checkout made by another account or mounted into a container is. */
function chownRecursive(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) lchownSync(join(entry.parentPath, entry.name), uid, gid);
}
