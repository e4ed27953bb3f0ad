// The package as users get it: `npm pack`, installed into fresh projects next to ESLint 10 and ESLint 9 (its peer
// dependencies), used through npx and an eslint.config.js that imports otel-codemod/eslint-plugin. The install works
// with a cold npm cache (it downloads what the cache lacks) and shows npm's output when it fails.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { packageInfo } from '../../src/package-info.js';
import { ensureBuilt, makeProject, removeProjects, repoRoot, runChecked } from './support/harness.js';

// The otel-codemod rules in the recommended preset; the lint assertions below hold for whichever rules are registered.
const recommendedRuleIds = Object.keys(plugin.configs.recommended.rules ?? {}).sort();
const devDependencies = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
// The versions this repository develops with, so that a warm cache has them: ESLint 10, and ESLint 9 under an alias.
const ESLINT_VERSIONS = { 10: devDependencies.eslint!, 9: devDependencies.eslint9!.replace(/^npm:eslint@/, '') };
const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1' };

const projects: Record<string, string> = {};
let tarball = '';

function installProject(eslintMajor: 9 | 10): string {
  const project = makeProject({
    'package.json': JSON.stringify({ name: `packed-consumer-eslint${eslintMajor}`, private: true, type: 'module' }),
    'eslint.config.js': [
      "import tsParser from '@typescript-eslint/parser';",
      "import otel from 'otel-codemod/eslint-plugin';",
      '',
      "export default [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, otel.configs.recommended];",
      '',
    ].join('\n'),
    'src/clean.ts': "import { trace } from '@opentelemetry/api';\n\nexport function ping(): string {\n  return trace.getTracer('svc').startActiveSpan('check inventory', (span) => {\n    span.end();\n    return 'pong';\n  });\n}\n",
  });
  // --prefer-offline: what the cache holds is used without asking the registry; what it lacks is downloaded.
  runChecked('npm', ['install', '--prefer-offline', '--ignore-scripts', tarball, `eslint@${ESLINT_VERSIONS[eslintMajor]}`], { cwd: project, env: npmEnv, timeoutMs: 600_000 });
  return project;
}

function npx(project: string, args: string[]) {
  const result = spawnSync('npx', ['--no', '--', ...args], { cwd: project, encoding: 'utf8', env: { ...npmEnv, npm_config_offline: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  const packDir = makeProject({});
  const packed = JSON.parse(runChecked('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repoRoot, env: npmEnv })) as Array<{ filename: string }>;
  tarball = join(packDir, packed[0]!.filename);
  projects[10] = installProject(10);
  projects[9] = installProject(9);
}, 900_000);
afterAll(removeProjects);

describe.each([10, 9] as const)('the packed package, installed next to ESLint %i', (eslintMajor) => {
  const project = () => projects[eslintMajor]!;

  it('ships the command, the plugin, the jscodeshift modules, the pre-commit hooks and the demo, and nothing from test/', () => {
    const installed = join(project(), 'node_modules/otel-codemod');
    for (const file of ['dist/src/cli/bin.js', 'dist/src/cli/worker.js', 'dist/rules/index.js', 'dist/jscodeshift/package.json', 'dist/src/jscodeshift/thread-runner.js', '.pre-commit-hooks.yaml', 'README.md', 'fixtures/demo/src/server.ts']) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(readFileSync(join(installed, 'dist/src/cli/bin.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('resolves to exactly one copy of eslint, the project\'s own', () => {
    const paths = runChecked('npm', ['ls', 'eslint', '--all', '--parseable'], { cwd: project(), env: npmEnv }).trim().split('\n');
    expect(paths).toEqual([join(project(), 'node_modules/eslint')]);
    const version = (JSON.parse(readFileSync(join(project(), 'node_modules/eslint/package.json'), 'utf8')) as { version: string }).version;
    expect(version).toBe(ESLINT_VERSIONS[eslintMajor]);
  });

  it('npx otel-codemod list, --version and --help work', () => {
    const list = npx(project(), ['otel-codemod', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Transforms (otel-codemod <transform> [paths…]):');
    for (const id of recommendedRuleIds) expect(list.stdout).toContain(id);
    const version = npx(project(), ['otel-codemod', '--version']);
    expect(version.stdout.trim()).toBe(packageInfo.version);
    const help = npx(project(), ['otel-codemod', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}demo +lint the bundled demo service/m);
  });

  it('eslint.config.js importing otel-codemod/eslint-plugin registers the plugin as otel with the recommended rules', () => {
    const printed = npx(project(), ['eslint', '--print-config', 'src/clean.ts']);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as { plugins: string[]; rules: Record<string, unknown> };
    expect(config.plugins).toContain(`otel:otel-codemod@${packageInfo.version}`);
    expect(Object.keys(config.rules).filter((id) => id.startsWith('otel/')).sort()).toEqual(recommendedRuleIds);
  });

  it('lints a file through that config, and through otel-codemod lint, without findings in correct code', () => {
    const viaEslint = npx(project(), ['eslint', 'src/clean.ts']);
    expect(viaEslint).toMatchObject({ code: 0, stdout: '' });
    const viaCli = npx(project(), ['otel-codemod', 'lint', 'src']);
    expect(viaCli).toMatchObject({ code: 0, stdout: '' });
  });

  it('reports a parse error through otel-codemod lint with exit 2', () => {
    writeFileSync(join(project(), 'src/broken.ts'), 'export const = ;\n');
    const run = npx(project(), ['otel-codemod', 'lint', 'src/broken.ts']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Parsing error');
  });

  it('otel-codemod demo runs on the demo service shipped in the package, writing nothing, and says what to do next', () => {
    const demoDir = join(project(), 'node_modules/otel-codemod/fixtures/demo');
    const before = readFileSync(join(demoDir, 'src/routes/orders.ts'), 'utf8');
    const run = npx(project(), ['otel-codemod', 'demo']);
    expect(run.stderr).toContain('  failed: 0\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`# otel-codemod lint (recommended rules) on ${demoDir}`);
    expect(run.stdout).toContain('otel/span-must-end');
    expect(run.stdout).toContain('--- a/src/routes/orders.ts\n+++ b/src/routes/orders.ts\n');
    expect(run.stdout).toContain('# Next: the same on your own service');
    expect(readFileSync(join(demoDir, 'src/routes/orders.ts'), 'utf8')).toBe(before);
  });
});

describe('the packed package without its peer dependencies', () => {
  it('otel-codemod lint names the missing peer and how to install it', () => {
    const project = projects[10]!;
    for (const [peer, range] of [['eslint', '^9 || ^10'], ['@typescript-eslint/parser', '^8.56.0']] as const) {
      const installedAt = join(project, 'node_modules', peer);
      renameSync(installedAt, `${installedAt}.away`);
      try {
        const run = npx(project, ['otel-codemod', 'lint', 'src/clean.ts']);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`otel-codemod lint needs ${peer} (${range}), a peer dependency of otel-codemod that is not installed: npm install --save-dev ${peer}\n`);
        if (peer === 'eslint') {
          // The rules themselves load eslint (through @typescript-eslint/utils).
          const list = npx(project, ['otel-codemod', 'list']);
          expect(list).toMatchObject({ code: 2, stderr: `otel-codemod: otel-codemod list needs eslint (${range}), a peer dependency of otel-codemod that is not installed: npm install --save-dev eslint\n` });
        }
      } finally {
        renameSync(`${installedAt}.away`, installedAt);
      }
    }
  });
});
