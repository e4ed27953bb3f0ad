// What package.json promises users and npm: where the project lives, which ESLint it works with, and an install
// without engine warnings on the oldest Node it supports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/support/harness.js';

interface PackageJson {
  engines: { node: string };
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
// semver comes with npm's own tooling and typescript-eslint; it is not worth a dependency of its own here.
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } };

describe('package.json', () => {
  it('names the repository, its home page and its issue tracker, the ones the README links to', () => {
    const repository = 'https://github.com/otel-codemod/otel-codemod';
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(pkg.homepage).toBe(`${repository}#readme`);
    expect(pkg.bugs).toEqual({ url: `${repository}/issues` });
    expect(readme).toContain(`repo: ${repository}\n`);
  });

  it('takes eslint and the TypeScript parser as peer dependencies, ESLint 9 or 10, and develops with them', () => {
    expect(pkg.peerDependencies).toEqual({ eslint: '^9 || ^10', '@typescript-eslint/parser': '^8.56.0', prettier: '^3' });
    expect(pkg.dependencies).not.toHaveProperty('eslint');
    expect(pkg.dependencies).not.toHaveProperty('@typescript-eslint/parser');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['eslint', 'eslint9', '@typescript-eslint/parser']));
  });

  it('takes prettier as an optional peer (the project’s own formats changed files), pinned for its tests', () => {
    expect(pkg.peerDependenciesMeta).toEqual({ prettier: { optional: true } });
    expect(pkg.dependencies).not.toHaveProperty('prettier');
    expect(pkg.devDependencies.prettier).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('installs without EBADENGINE: every locked package runs on the oldest Node that engines.node allows', () => {
    const oldest = semver.minVersion(pkg.engines.node).version;
    const unsupported = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path} wants node ${entry.engines!.node}`);
    expect(unsupported).toEqual([]);
  });
});
