// The README's typed-linting config: an eslint.config.ts with defineConfig from eslint/config, typescript-eslint and
// otel.configs.*, type-checked by the real TypeScript compiler and used by the real ESLint on a small project.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './support/harness.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const typedConfig = /```ts\n(import \{ defineConfig \} from 'eslint\/config';\n[\s\S]*?)```/.exec(readme)?.[1];

// A tracer that only its type reveals: without type information span-must-end cannot know `t` is one.
const ordersSource = [
  "import { trace, type Tracer } from '@opentelemetry/api';",
  '',
  'function telemetry(): Tracer {',
  "  return trace.getTracer('orders');",
  '}',
  '',
  'export function load(): number {',
  '  const t = telemetry();',
  "  const span = t.startSpan('load orders');",
  "  span.setAttribute('orders.count', 1);",
  '  return 1;',
  '}',
  '',
].join('\n');

let project = '';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  // Inside the repository (ignored by git), so that `otel-codemod/eslint-plugin`, eslint and typescript-eslint resolve
  // as they do in a user's project: the package refers to itself by name, through its exports.
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  project = mkdtempSync(join(repoRoot, '.tmp', 'typed-config-'));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'eslint.config.ts'), typedConfig ?? '');
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    include: ['*.ts', 'src'],
  }));
  writeFileSync(join(project, 'src/orders.ts'), ordersSource);
  // A JavaScript config file outside tsconfig.json: the project service must not fail on it.
  writeFileSync(join(project, 'vite.config.mjs'), 'export default { root: "src" };\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the README\'s typed ESLint config (eslint.config.ts)', () => {
  it('is in the README, with defineConfig and a project service that allows the JavaScript config files', () => {
    expect(typedConfig).toBeDefined();
    expect(typedConfig).toContain("projectService: { allowDefaultProject: ['*.js', '*.mjs'] }");
    expect(typedConfig).toContain('otel.configs.recommended');
  });

  it('type-checks with tsc: otel.configs.recommended and strict are accepted by defineConfig', () => {
    writeFileSync(join(project, 'strict.config.ts'), (typedConfig ?? '').replace('otel.configs.recommended', 'otel.configs.strict'));
    const tsc = run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    rmSync(join(project, 'strict.config.ts'));
    expect(tsc).toMatchObject({ code: 0, stdout: '' });
  });

  it('lints with type information: a tracer known only by its type is followed, and JS config files lint too', () => {
    const eslint = run(process.execPath, [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '.']);
    expect(eslint.stderr).toBe('');
    const results = JSON.parse(eslint.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; message: string }> }>;
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(project.length + 1), result.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))]));
    expect(byFile).toEqual({
      'eslint.config.ts': [],
      'src/orders.ts': [{ ruleId: 'otel/span-must-end', line: 9, column: 16 }],
      'vite.config.mjs': [],
    });
    // The same config without type information does not see that `t` is a tracer.
    const untyped = run(process.execPath, [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '--parser-options=projectService:false', 'src/orders.ts']);
    expect(untyped).toMatchObject({ code: 0, stdout: '' });
  });
});
