// What the README tells a new user to run, checked against what the package needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/support/harness.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const dependencies = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);

function getSection(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README', () => {
  it('says to install jscodeshift before running the adapters, since the package does not depend on it', () => {
    expect(dependencies).not.toContain('jscodeshift');
    const section = getSection('jscodeshift');
    const install = section.indexOf('npm install --save-dev jscodeshift');
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(section.indexOf('npx jscodeshift'));
  });

  it('installs the ESLint plugin together with its peer dependencies', () => {
    expect(getSection('Use the ESLint plugin')).toContain('npm install --save-dev otel-codemod eslint @typescript-eslint/parser\n');
  });
});
