import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { createJscodeshiftTransform } from '../../src/jscodeshift/adapter.js';
import { transforms } from '../../codemods/index.js';
import type { TransformNote } from '../../src/transform/types.js';

const DIR = 'fixtures/inject-propagation';
const INPUT = /^(?<name>.+)\.input(?<extension>\.[cm]?[jt]sx?)$/;

interface FixtureCase {
  name: string;
  /** The path the transform is told the file has (the fixture's name without `.input`). */
  path: string;
  input: string;
  /** The expected text: the output file, or the input when the case must stay unchanged. */
  expected: string;
  changes: boolean;
  options: Record<string, unknown>;
  notes: TransformNote[];
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Every `<case>.input.<ext>` with its `.output`, `.options.json` and `.notes.json` companions, discovered. */
const cases: FixtureCase[] = readdirSync(DIR)
  .sort()
  .flatMap((file) => {
    const match = INPUT.exec(file);
    if (!match?.groups) return [];
    const { name, extension } = match.groups as { name: string; extension: string };
    const input = readFileSync(join(DIR, file), 'utf8');
    const output = readIfExists(join(DIR, `${name}.output${extension}`));
    return [
      {
        name,
        path: join(DIR, `${name}${extension}`),
        input,
        expected: output ?? input,
        changes: output !== undefined,
        options: JSON.parse(readIfExists(join(DIR, `${name}.options.json`)) ?? '{}') as Record<string, unknown>,
        notes: JSON.parse(readIfExists(join(DIR, `${name}.notes.json`)) ?? '[]') as TransformNote[],
      },
    ];
  });

const jscodeshift = createJscodeshiftTransform(injectPropagation);

function run(fixture: FixtureCase, source: string) {
  return injectPropagation.apply({ path: fixture.path, source, options: { tracerName: 'fixtures', ...fixture.options } });
}

describe('inject-propagation fixtures', () => {
  it('has at least 30 cases, registered under its name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(transforms['inject-propagation']).toBe(injectPropagation);
  });

  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    expect(injectPropagation.mayApply(fixture.input) || !fixture.changes).toBe(true);
    const first = run(fixture, fixture.input);
    expect(first.source).toBe(fixture.expected);
    expect(first.notes).toEqual(fixture.notes);
    // A second run over the output changes nothing.
    const second = run(fixture, first.source);
    expect(second.source).toBe(first.source);
    // The jscodeshift adapter gives the same bytes (undefined: the file was skipped unread).
    const reports: string[] = [];
    const options = { dry: true, tracerName: 'fixtures', ...fixture.options };
    const viaJscodeshift = jscodeshift({ path: fixture.path, source: fixture.input }, { report: (message) => reports.push(message) }, options);
    expect(viaJscodeshift ?? fixture.input).toBe(fixture.expected);
    expect(reports).toHaveLength(fixture.notes.length);
  });
});

describe('the shared helper module', () => {
  it('is written to the path the helper option names, with every helper exported', () => {
    const fixture = cases.find((candidate) => candidate.name === 'shared-helper-module')!;
    const output = run(fixture, fixture.input);
    expect(output.extraFiles).toEqual([{ path: fixture.options.helper, source: readFileSync(join(DIR, 'telemetry/propagation.ts'), 'utf8') }]);
  });

  it('is the same module whichever file asks for it, so files in another style do not rewrite it', () => {
    const fixture = cases.find((candidate) => candidate.name === 'shared-helper-module')!;
    const doubleQuoted = fixture.input.replace(/'/g, '"').replace(/;$/gm, '');
    const output = run(fixture, doubleQuoted);
    expect(output.source).toContain('import { injectTraceContextAttributes } from "./telemetry/propagation.js"');
    expect(output.extraFiles?.[0]?.source).toBe(readFileSync(join(DIR, 'telemetry/propagation.ts'), 'utf8'));
  });
});

describe('inject-propagation output', () => {
  it('type-checks against the client libraries, as the inputs do', () => {
    const configPath = join(DIR, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error(`cannot read ${configPath}`);
    const outputs = config.fileNames.filter((file) => /\.(input|output)\.ts$/.test(file));
    expect(outputs.filter((file) => file.includes('.output.')).length).toBeGreaterThanOrEqual(25);
    const program = ts.createProgram(config.fileNames, config.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });

  it('parses as JavaScript where the input was JavaScript', () => {
    for (const fixture of cases.filter((candidate) => /\.[cm]?js$/.test(candidate.path) && candidate.changes)) {
      const { diagnostics } = ts.transpileModule(fixture.expected, { reportDiagnostics: true, fileName: fixture.path });
      expect(diagnostics).toEqual([]);
    }
  });
});
