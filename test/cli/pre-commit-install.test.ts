// The pre-commit hooks as the README documents them, installed by the real pre-commit from a clone of this repository
// tagged the way the release process tags it (scripts/release-tag.mjs), then run by `git commit`.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrograms } from '../support/debian-packages.js';
import { commitAll, ensureBuilt, git, makeProject, removeProjects, repoRoot, runChecked } from './support/harness.js';

const identity = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
// The README's pre-commit block: which repository, which rev and which hooks a user copies.
const readmeBlock = /```yaml\n(repos:\n {2}- repo: https:\/\/github\.com\/otel-codemod\/otel-codemod\n {4}rev: (\S+)\n[\s\S]*?)```/.exec(readFileSync(join(repoRoot, 'README.md'), 'utf8'));

let hookRepo = '';
let project = '';
let env: NodeJS.ProcessEnv = {};

function commit(message: string) {
  const result = spawnSync('git', ['commit', '-m', message], { cwd: project, env, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const unendedSpan = "import { trace } from '@opentelemetry/api';\n\nexport function load(): void {\n  const span = trace.getTracer('orders').startSpan('load orders');\n  span.setAttribute('orders.count', 1);\n}\n";
const endedSpan = "import { trace } from '@opentelemetry/api';\n\nexport function load(): void {\n  const span = trace.getTracer('orders').startSpan('load orders');\n  span.setAttribute('orders.count', 1);\n  span.end();\n}\n";

beforeAll(() => {
  ensurePrograms(['pre-commit']);
  ensureBuilt();
  // A clone of this repository with the release tag the README's rev names; dist/ as `npm run build` leaves it.
  hookRepo = makeProject({});
  runChecked('git', ['clone', '--quiet', '--no-local', repoRoot, hookRepo], { cwd: repoRoot });
  cpSync(join(repoRoot, 'dist'), join(hookRepo, 'dist'), { recursive: true });
  runChecked(process.execPath, ['scripts/release-tag.mjs'], { cwd: hookRepo, env: { ...process.env, ...identity } });
  env = { ...process.env, ...identity, PRE_COMMIT_HOME: makeProject({}), NO_COLOR: '1' };
  project = makeProject({ 'src/orders.ts': 'export const orders: string[] = [];\n' });
  // The README's block, pointed at the clone.
  writeFileSync(join(project, '.pre-commit-config.yaml'), readmeBlock![1]!.replace('https://github.com/otel-codemod/otel-codemod', hookRepo));
  commitAll(project);
  runChecked('pre-commit', ['install'], { cwd: project, env });
}, 900_000);
afterAll(removeProjects);

describe('pre-commit with the README\'s config', () => {
  it('names as rev the tag the release process creates for this version', () => {
    expect(readmeBlock, 'the README shows a .pre-commit-config.yaml block').not.toBeNull();
    expect(readmeBlock![2]).toBe(`v${version}`);
    expect(git(hookRepo, 'tag', '--list')).toBe(`v${version}\n`);
    // The tagged tree is the package as published: no build step and no development dependencies for pre-commit.
    const manifest = JSON.parse(git(hookRepo, 'show', `v${version}:package.json`)) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(git(hookRepo, 'ls-tree', '--name-only', `v${version}`, 'dist/src/cli/').split('\n')).toContain('dist/src/cli/bin.js');
  });

  it('pre-commit install-hooks installs both hooks', () => {
    const output = runChecked('pre-commit', ['install-hooks'], { cwd: project, env, timeoutMs: 600_000 });
    expect(output).toContain(`Installing environment for ${hookRepo}.`);
    const installed = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env, encoding: 'utf8' });
    expect(installed.stdout).toMatch(/^otel-codemod lint\.+Passed$/m);
    expect(installed.stdout).toMatch(/^otel-codemod inject-propagation\.+Passed$/m);
  });

  it('a commit with a lint finding fails and shows the finding', () => {
    writeFileSync(join(project, 'src/load.ts'), unendedSpan);
    git(project, 'add', 'src/load.ts');
    const run = commit('load orders');
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/^otel-codemod lint\.+Failed$/m);
    expect(run.output).toContain("4:16  error  Span 'load orders' is started but never ended");
    expect(run.output).toMatch(/^otel-codemod inject-propagation\.+Passed$/m);
    expect(git(project, 'log', '--format=%s')).toBe('fixture\n');
  });

  it('the corrected commit passes both hooks', () => {
    writeFileSync(join(project, 'src/load.ts'), endedSpan);
    git(project, 'add', '-A');
    const run = commit('load orders, span ended');
    expect(run.output).toMatch(/^otel-codemod lint\.+Passed$/m);
    expect(run.output).toMatch(/^otel-codemod inject-propagation\.+Passed$/m);
    expect(run.code).toBe(0);
    expect(git(project, 'log', '--format=%s')).toBe('load orders, span ended\nfixture\n');
  });
});
