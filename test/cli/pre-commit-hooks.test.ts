// .pre-commit-hooks.yaml: the hooks the pre-commit framework installs, checked against what the command accepts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, ensureBuilt, git, makeProject, removeProjects, repoRoot, runBuilt } from './support/harness.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: RegExp;
  exclude: RegExp;
}

/** The hooks file is a flat list of flat mappings: read it without a YAML library. */
function readHooks(): Hook[] {
  const text = readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
  return text
    .split(/^- /m)
    .slice(1)
    .map((block) => {
      const fields = Object.fromEntries(
        `  ${block}`
          .split('\n')
          .map((line) => /^ {2}(\w+): (.*)$/.exec(line))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => [match[1]!, match[2]!]),
      );
      return { id: fields.id!, entry: fields.entry!, language: fields.language!, files: new RegExp(fields.files!), exclude: new RegExp(fields.exclude!) };
    });
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = readHooks();

  it('declares otel-lint and otel-propagation as node hooks running the otel-codemod command', () => {
    expect(hooks.map((hook) => [hook.id, hook.language, hook.entry])).toEqual([
      ['otel-lint', 'node', 'otel-codemod lint'],
      ['otel-propagation', 'node', 'otel-codemod inject-propagation --force --quiet'],
    ]);
  });

  it('selects TypeScript and JavaScript sources, not declaration files', () => {
    for (const hook of hooks) {
      const selected = ['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs', 'i.d.ts', 'j.json', 'k.md'].filter((file) => hook.files.test(file) && !hook.exclude.test(file));
      expect(selected).toEqual(['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs']);
    }
  });

  it('otel-lint runs on staged file names as pre-commit passes them', () => {
    const dir = makeProject({ 'src/a.ts': 'export const a: number = 1;\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'src/b.ts'), 'export const b = (;\n');
    git(dir, 'add', 'src/b.ts');
    const [command, ...args] = hooks[0]!.entry.split(' ');
    expect(command).toBe('otel-codemod');
    expect(runBuilt([...args, 'src/a.ts'], dir).code).toBe(0);
    expect(runBuilt([...args, 'src/a.ts', 'src/b.ts'], dir).code).toBe(2);
  });

  it('otel-propagation\'s options are accepted by the command, and --force lets it write staged files', () => {
    const dir = makeProject({ 'src/a.ts': 'export const x = 1;\n' });
    commitAll(dir);
    writeFileSync(join(dir, 'src/a.ts'), 'export function greet() {}\n');
    git(dir, 'add', 'src/a.ts');
    const options = hooks[1]!.entry.split(' ').slice(2);
    // The same options with a test transform in place of inject-propagation.
    const run = runBuilt(['rename-greet', ...options, 'src/a.ts'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe('export function salute() {}\n');
  });
});
