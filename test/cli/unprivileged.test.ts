// Permission cases, run as a user for whom permissions hold (root reads and writes everything: see support/unprivileged.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, ensureBuilt, makeProject, removeProjects } from './support/harness.js';
import { checksums } from './support/file-checksums.js';
import { giveBack, giveToNobody, runBuiltUnprivileged, takeAway } from './support/unprivileged.js';

beforeAll(ensureBuilt);
const givenBack: string[] = [];
afterEach(() => {
  for (const path of givenBack.splice(0)) giveBack(path);
  removeProjects();
});

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
const SALUTE = 'export function salute(name: string) {\n  return `hi ${name}`;\n}\n';
// A finding the recommended preset fixes (otel/no-deprecated-semconv).
const DEPRECATED = "export function tag(span, method) {\n  span.setAttribute('http.method', method);\n}\n";
const FIXED = "export function tag(span, method) {\n  span.setAttribute('http.request.method', method);\n}\n";

function unreadableFolder(dir: string, folder: string): void {
  takeAway(join(dir, folder), 0o700);
  givenBack.push(join(dir, folder));
}

describe('files and folders the user cannot read or write', () => {
  it('reports a folder it cannot read that holds tracked files (--check and lint exit 2, not 0)', () => {
    const dir = makeProject({ 'a.ts': GREET, 'secret/b.ts': GREET, 'secret/c.js': DEPRECATED });
    commitAll(dir);
    giveToNobody(dir);
    unreadableFolder(dir, 'secret');
    const before = checksums(dir);
    const check = runBuiltUnprivileged(['rename-greet', '--check'], dir);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('failed   secret: cannot read this folder (permission denied): the files git tracks in it are left out\n');
    const linted = runBuiltUnprivileged(['lint'], dir);
    expect(linted.code).toBe(2);
    expect(linted.stderr).toContain('failed   secret: cannot read this folder (permission denied)');
    expect(checksums(dir)).toEqual(before);
  });

  it('reports a folder it cannot read outside git too', () => {
    const dir = makeProject({ 'a.ts': GREET, 'secret/b.ts': GREET });
    giveToNobody(dir);
    unreadableFolder(dir, 'secret');
    const run = runBuiltUnprivileged(['rename-greet', '--check'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   secret: permission denied\n');
  });

  it('lint reports a file it cannot read and lints the others', () => {
    const dir = makeProject({ 'a.js': DEPRECATED, 'b.js': DEPRECATED });
    giveToNobody(dir);
    takeAway(join(dir, 'b.js'), 0o600);
    const run = runBuiltUnprivileged(['lint'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   b.js: cannot read: permission denied\n');
    expect(run.stdout).toContain(join(dir, 'a.js'));
    expect(run.stdout).toContain('otel/no-deprecated-semconv');
  });

  it('a codemod run reports a file it cannot read and goes on', () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': GREET });
    giveToNobody(dir);
    takeAway(join(dir, 'b.ts'), 0o600);
    const run = runBuiltUnprivileged(['rename-greet', '--check'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   b.ts: cannot read: permission denied\n');
    expect(run.stderr).toContain('would change a.ts\n');
  });

  it('with --config, ESLint reads the files itself: a file it cannot read stops the lint (exit 2)', () => {
    const dir = makeProject({ 'eslint.config.mjs': "export default [{ rules: { 'no-undef': 'off' } }];\n", 'a.js': DEPRECATED, 'b.js': DEPRECATED });
    giveToNobody(dir);
    takeAway(join(dir, 'b.js'), 0o600);
    const run = runBuiltUnprivileged(['lint', '--config', 'eslint.config.mjs'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lint: .*(EACCES|permission denied)/);
  });

  it('lint --fix reports a file it cannot write and fixes the others', () => {
    const dir = makeProject({ 'a.js': DEPRECATED, 'b.js': DEPRECATED });
    giveToNobody(dir);
    takeAway(join(dir, 'b.js'), 0o644);
    const before = checksums(dir)['b.js'];
    const run = runBuiltUnprivileged(['lint', '--fix'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/failed {3}b\.js: not fixed: (not writable \(permission denied\)|read-only file)\n/);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(FIXED);
    expect(checksums(dir)['b.js']).toBe(before);
  });

  it('a codemod run refuses a file it cannot write and writes the others', () => {
    const dir = makeProject({ 'a.ts': GREET, 'b.ts': GREET });
    giveToNobody(dir);
    takeAway(join(dir, 'b.ts'), 0o644);
    const before = checksums(dir)['b.ts'];
    const run = runBuiltUnprivileged(['rename-greet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Refused to write 1 file\(s\) that are read-only \(make them writable, or pass --force\):\n {2}b\.ts\n/);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(SALUTE);
    expect(checksums(dir)['b.ts']).toBe(before);
  });
});
