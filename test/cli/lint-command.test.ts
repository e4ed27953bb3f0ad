import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitAll, makeProject, removeProjects, runInProcess } from './support/harness.js';
import { testPreset } from './support/test-plugin.js';

afterEach(removeProjects);

const LEAKY_TS = [
  "import { trace, type Span } from '@opentelemetry/api';",
  'interface User { email: string }',
  'export function tag(span: Span, user: User): void {',
  "  span.setAttribute('user.email', user.email);",
  '}',
  '',
].join('\n');
const LEAKY_JS = "export function tag(span, user) {\n  span.setAttribute('user.email', user.email);\n}\n";
const CLEAN_TS = 'export const limit: number = 10;\n';

function lint(argv: string[], cwd: string) {
  return runInProcess(['lint', ...argv], cwd, { lintPreset: testPreset });
}

describe('otel-codemod lint (no ESLint config of the user)', () => {
  it('lints TypeScript with the typescript-eslint parser and JavaScript with espree, exit 1 on findings', async () => {
    const dir = makeProject({ 'src/a.ts': LEAKY_TS, 'src/b.js': LEAKY_JS, 'src/c.cjs': "exports.x = (s) => s.setAttribute('user.email', 1);\n", 'src/ok.ts': CLEAN_TS });
    const run = await lint([], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(join(dir, 'src/a.ts'));
    expect(run.stdout).toContain("4:21  error  Attribute key 'user.email' carries personal data  otel/no-user-email");
    expect(run.stdout).toContain("2:21  error  Attribute key 'user.email' carries personal data  otel/no-user-email");
    expect(run.stdout).toContain(join(dir, 'src/c.cjs'));
    expect(run.stdout).toContain('3 problems (3 errors, 0 warnings)');
    expect(run.stdout).not.toContain('ok.ts');
  });

  it('exits 0 with no output when there is nothing to report', async () => {
    const run = await lint(['src'], makeProject({ 'src/ok.ts': CLEAN_TS, 'src/ok.tsx': 'export const A = () => <div>{1 as number}</div>;\n' }));
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('does not report comments that configure other plugins\' rules', async () => {
    const source = "// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const x: any = 1;\n/* eslint-disable-next-line react/no-danger */\nexport const y = 2;\n";
    const run = await lint([], makeProject({ 'a.ts': source }));
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('honours a disable comment for its own rules', async () => {
    const source = "// eslint-disable-next-line otel/no-user-email\nspan.setAttribute('user.email', e);\n";
    expect((await lint([], makeProject({ 'a.js': source }))).code).toBe(0);
  });

  it('reports a file it cannot parse and exits 2', async () => {
    const run = await lint([], makeProject({ 'bad.ts': 'export function ( {\n', 'a.js': LEAKY_JS }));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Parsing error');
    expect(run.stdout).toContain('otel/no-user-email');
  });

  it('skips what the codemod skips: .gitignore, node_modules, build output, declaration files', async () => {
    const dir = makeProject({
      '.gitignore': 'generated/\n',
      'generated/g.js': LEAKY_JS,
      'node_modules/dep/index.js': LEAKY_JS,
      'dist/index.js': LEAKY_JS,
      'types.d.ts': "declare const x: 'user.email';\n",
      'src/a.ts': CLEAN_TS,
    });
    commitAll(dir);
    expect(await lint([], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--ignore leaves out matching files', async () => {
    const run = await lint(['--ignore', 'legacy/**'], makeProject({ 'legacy/a.js': LEAKY_JS, 'src/a.ts': CLEAN_TS }));
    expect(run.code).toBe(0);
  });

  it('reports a path that does not exist and exits 2', async () => {
    const run = await lint(['nope'], makeProject({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failed   nope: not found');
  });

  it('--fix applies the fixes and exits 0 when nothing is left', async () => {
    const dir = makeProject({ 'a.ts': LEAKY_TS });
    const run = await lint(['--fix'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(LEAKY_TS.replace("'user.email'", "'user.id'"));
  });

  it('--format json prints ESLint\'s JSON results', async () => {
    const run = await lint(['--format', 'json'], makeProject({ 'a.js': LEAKY_JS }));
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(results[0]!.messages).toMatchObject([{ ruleId: 'otel/no-user-email', line: 2, column: 21 }]);
  });

  it('--format sarif prints a SARIF 2.1.0 log with rules, relative locations and regions', async () => {
    const dir = makeProject({ 'src/a b.ts': LEAKY_TS, 'src/ok.ts': CLEAN_TS });
    const run = await lint(['--format', 'sarif'], dir);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver).toMatchObject({ name: 'otel-codemod', rules: [{ id: 'otel/no-user-email', shortDescription: { text: 'Disallow user.email as a span attribute key' }, helpUri: 'https://example.com/rules/no-user-email.md' }] });
    expect(sarifRun.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${dir}/`);
    expect(sarifRun.artifacts).toEqual([{ location: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%' } }]);
    expect(sarifRun.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    expect(sarifRun.results).toEqual([
      {
        ruleId: 'otel/no-user-email',
        ruleIndex: 0,
        level: 'error',
        message: { text: "Attribute key 'user.email' carries personal data." },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 4, startColumn: 21, endLine: 4, endColumn: 33 } } }],
      },
    ]);
  });

  it('--format sarif reports a file it cannot parse as a failed run with a notification, not as a finding', async () => {
    const run = await lint(['--format', 'sarif'], makeProject({ 'bad.ts': 'export const = 1;\n' }));
    expect(run.code).toBe(2);
    const [sarifRun] = JSON.parse(run.stdout).runs;
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.invocations[0].executionSuccessful).toBe(false);
    expect(sarifRun.invocations[0].toolExecutionNotifications).toMatchObject([
      { level: 'error', message: { text: expect.stringContaining('Parsing error') }, locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.ts' }, region: { startLine: 1, startColumn: 13 } } }] },
    ]);
  });

  it('--format with an unknown name is a usage error', async () => {
    const run = await lint(['--format', 'xml'], makeProject({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'xml' is invalid. Allowed choices are stylish, json, sarif.");
  });

  it('--config uses the user\'s own ESLint config instead', async () => {
    const config = [
      'export default [{',
      "  plugins: { local: { rules: { 'no-foo': { meta: { type: 'problem', messages: { foo: 'no foo' }, schema: [] },",
      "    create: (context) => ({ Identifier(node) { if (node.name === 'foo') context.report({ node, messageId: 'foo' }); } }) } } } },",
      "  rules: { 'local/no-foo': 'error' },",
      '}];',
      '',
    ].join('\n');
    const dir = makeProject({ 'lint.config.mjs': config, 'a.js': `const foo = 1;\n${LEAKY_JS}` });
    const run = await lint(['--config', 'lint.config.mjs', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(results.filter((result) => result.filePath.endsWith('a.js')).flatMap((result) => result.messages.map((message) => message.ruleId))).toEqual(['local/no-foo']);
  });

  it('runs with the plugin\'s recommended preset by default', async () => {
    const dir = makeProject({ 'a.ts': CLEAN_TS });
    writeFileSync(join(dir, 'b.js'), 'export default 1;\n');
    expect(await runInProcess(['lint'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
