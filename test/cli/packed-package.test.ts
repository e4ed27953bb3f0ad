// The package as users get it: `npm pack`, installed into a fresh project from the npm cache, used through npx and
// an eslint.config.js that imports otel-codemod/eslint-plugin.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { packageInfo } from '../../src/package-info.js';
import { ensureBuilt, makeProject, removeProjects, repoRoot } from './support/harness.js';

let project = '';
// The otel-codemod rules in the recommended preset; the lint assertions below hold for whichever rules are registered.
const recommendedRuleIds = Object.keys(plugin.configs.recommended.rules ?? {}).sort();

function npx(args: string[]) {
  const result = spawnSync('npx', ['--no', '--', ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  const packDir = makeProject({});
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string }>;
  project = makeProject({
    'package.json': JSON.stringify({ name: 'packed-consumer', private: true, type: 'module' }),
    'eslint.config.js': [
      "import tsParser from '@typescript-eslint/parser';",
      "import otel from 'otel-codemod/eslint-plugin';",
      '',
      "export default [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, otel.configs.recommended];",
      '',
    ].join('\n'),
    'src/clean.ts': "import { trace } from '@opentelemetry/api';\n\nexport function ping(): string {\n  return trace.getTracer('svc').startActiveSpan('check inventory', (span) => {\n    span.end();\n    return 'pong';\n  });\n}\n",
  });
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(packDir, packed[0]!.filename)], { cwd: project, stdio: 'ignore' });
});
afterAll(removeProjects);

describe('the packed package, installed', () => {
  it('ships the command, the plugin, the jscodeshift modules and the pre-commit hooks, and nothing from test/', () => {
    const installed = join(project, 'node_modules/otel-codemod');
    for (const file of ['dist/src/cli/bin.js', 'dist/src/cli/worker.js', 'dist/rules/index.js', 'dist/jscodeshift/package.json', 'dist/src/jscodeshift/thread-runner.js', '.pre-commit-hooks.yaml', 'README.md']) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(readFileSync(join(installed, 'dist/src/cli/bin.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('npx otel-codemod list and --version work', () => {
    const list = npx(['otel-codemod', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Transforms (otel-codemod <transform> [paths…]):');
    for (const id of recommendedRuleIds) expect(list.stdout).toContain(id);
    const version = npx(['otel-codemod', '--version']);
    expect(version.stdout.trim()).toBe(packageInfo.version);
  });

  it('eslint.config.js importing otel-codemod/eslint-plugin registers the plugin as otel with the recommended rules', () => {
    const printed = npx(['eslint', '--print-config', 'src/clean.ts']);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as { plugins: string[]; rules: Record<string, unknown> };
    expect(config.plugins).toContain(`otel:otel-codemod@${packageInfo.version}`);
    expect(Object.keys(config.rules).filter((id) => id.startsWith('otel/')).sort()).toEqual(recommendedRuleIds);
  });

  it('lints a file through that config, and through otel-codemod lint, without findings in correct code', () => {
    const viaEslint = npx(['eslint', 'src/clean.ts']);
    expect(viaEslint).toMatchObject({ code: 0, stdout: '' });
    const viaCli = npx(['otel-codemod', 'lint', 'src']);
    expect(viaCli).toMatchObject({ code: 0, stdout: '' });
  });

  it('reports a parse error through otel-codemod lint with exit 2', () => {
    writeFileSync(join(project, 'src/broken.ts'), 'export const = ;\n');
    const run = npx(['otel-codemod', 'lint', 'src/broken.ts']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Parsing error');
  });
});
