// The jscodeshift adapters: the real jscodeshift runner gives the same bytes as otel-codemod.
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import { createJscodeshiftTransform } from '../../src/jscodeshift/adapter.js';
import { renderJscodeshiftModule } from '../../src/jscodeshift/module-source.js';
import { TransformError } from '../../src/transform/types.js';
import { ensureBuilt, makeProject, removeProjects, repoRoot, runBuilt, testTransformsModule } from './support/harness.js';
import { renameGreet } from './support/test-transforms.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

const GREET = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';

// Files in every form the runner must keep: LF, CRLF, BOM, no final newline, nothing to change, TSX, JS.
const FILES: Record<string, string | Uint8Array> = {
  'src/lf.ts': GREET,
  'src/crlf.ts': GREET.replace(/\n/g, '\r\n'),
  'src/bom.ts': `\uFEFF${GREET}`,
  'src/no-final-newline.ts': GREET.trimEnd(),
  'src/unchanged.ts': 'export const greeting = "hello";\n',
  'src/no-match.ts': 'export const x = 1;\n',
  'src/view.tsx': 'export const View = () => <p>{greet("x")}</p>;\n',
  'src/plain.js': 'greet();\n',
  'package.json': '{"name":"shop"}\n',
};

/** A jscodeshift module for a test transform, generated exactly as the build generates the real ones. */
function writeTestModule(dir: string, transformName: string): string {
  const modulePath = join(dir, `${transformName}.cjs`);
  const runner = relative(dir, join(repoRoot, 'dist/src/jscodeshift/thread-runner.js'));
  writeFileSync(modulePath, renderJscodeshiftModule(transformName, runner, relative(dir, testTransformsModule)));
  return modulePath;
}

function runJscodeshift(args: string[], cwd: string) {
  const bin = join(repoRoot, 'node_modules/jscodeshift/bin/jscodeshift.js');
  // jscodeshift colours its report when the environment looks like CI; the assertions read plain text.
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { code: result.status, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr) };
}

function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(join(dir, 'src')).sort();
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, 'src', file)).toString('hex')]));
}

describe('jscodeshift adapter', () => {
  it.each([['with jscodeshift\'s Babel hook', []], ['with --no-babel', ['--no-babel']]])(
    'the real jscodeshift runner writes the same bytes as otel-codemod (%s)',
    (_name, extraArgs) => {
      const viaCodemod = makeProject(FILES);
      const viaJscodeshift = makeProject({});
      cpSync(viaCodemod, viaJscodeshift, { recursive: true });
      const modules = makeProject({});
      const transformModule = writeTestModule(modules, 'rename-greet');

      expect(runBuilt(['rename-greet', 'src'], viaCodemod).code).toBe(0);
      const run = runJscodeshift(['-t', transformModule, '--parser=tsx', '--extensions=ts,tsx,js', ...extraArgs, 'src'], viaJscodeshift);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('0 errors');
      expect(run.stdout).toMatch(/0 errors\n1 unmodified\n1 skipped\n6 ok/);
      expect(run.stdout).toContain('src/lf.ts:1 review (rename-greet): renamed greet');
      expect(snapshot(viaJscodeshift)).toEqual(snapshot(viaCodemod));
      expect(readFileSync(join(viaJscodeshift, 'src/crlf.ts'), 'utf8')).toBe(GREET.replace('greet', 'salute').replace(/\n/g, '\r\n'));
    },
  );

  it('reports a file it cannot parse as a jscodeshift error and goes on', () => {
    const dir = makeProject({ 'src/bad.ts': 'function greet( {\n', 'src/ok.ts': GREET });
    const run = runJscodeshift(['-t', writeTestModule(makeProject({}), 'rename-greet'), '--parser=tsx', '--extensions=ts', 'src'], dir);
    expect(run.stdout).toMatch(/ERR src\/bad\.ts Transformation error \(.*bad\.ts: syntax error at 2:1: '}' expected\.\)/);
    expect(run.stdout).toContain('1 errors');
    expect(readFileSync(join(dir, 'src/ok.ts'), 'utf8')).toBe(GREET.replace('greet', 'salute'));
  });

  it('passes jscodeshift options through to the transform, tracerName defaulting to the nearest package.json name', () => {
    const dir = makeProject({ 'src/a.ts': 'export {};\n', 'src/b.ts': 'export {};\n', 'package.json': '{"name":"shop"}' });
    const module = writeTestModule(makeProject({}), 'show-options');
    runJscodeshift(['-t', module, '--extensions=ts', '--producerSpans', '--helper=src/otel.ts', 'src/a.ts'], dir);
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe(`// options: ${JSON.stringify({ producerSpans: true, helper: join(dir, 'src/otel.ts'), tracerName: 'shop' })}\nexport {};\n`);
    runJscodeshift(['-t', module, '--extensions=ts', '--tracerName=orders', 'src/b.ts'], dir);
    expect(readFileSync(join(dir, 'src/b.ts'), 'utf8')).toBe(`// options: ${JSON.stringify({ tracerName: 'orders' })}\nexport {};\n`);
  });

  it('follows jscodeshift\'s contract in process: undefined to skip, the same text when unchanged, a throw for bad input', () => {
    const transform = createJscodeshiftTransform(renameGreet);
    const api = { report: () => undefined };
    expect(transform({ path: 'x.ts', source: 'const x = 1;\n' }, api, {})).toBeUndefined();
    expect(transform({ path: 'x.ts', source: 'const greeting = 1;\n' }, api, {})).toBe('const greeting = 1;\n');
    expect(transform({ path: 'x.ts', source: '\uFEFFgreet();' }, api, {})).toBe('\uFEFFsalute();');
    expect(() => transform({ path: 'x.ts', source: 'greet(' }, api, {})).toThrow(TransformError);
  });

  it('the build writes one CommonJS module per registered transform', () => {
    const dir = join(repoRoot, 'dist/jscodeshift');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    expect(readdirSync(dir).filter((file) => file !== 'package.json').sort()).toEqual(Object.keys(transforms).map((name) => `${name}.js`).sort());
    for (const name of Object.keys(transforms)) {
      expect(readFileSync(join(dir, `${name}.js`), 'utf8')).toBe(renderJscodeshiftModule(name, '../src/jscodeshift/thread-runner.js', '../codemods/index.js'));
    }
  });
});
