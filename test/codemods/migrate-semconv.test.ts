import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getTransform } from '../../codemods/index.js';
import { migrateSemconv } from '../../codemods/migrate-semconv.js';

const fixtureDir = fileURLToPath(new URL('../../fixtures/migrate-semconv', import.meta.url));
const cases = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.input.ts'))
  .map((file) => file.slice(0, -'.input.ts'.length))
  .sort();

function run(path: string, source: string): string {
  return migrateSemconv.apply({ path, source, options: { tracerName: 'test' } }).source;
}

describe('migrate-semconv fixtures', () => {
  it('has the fixture pairs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(getTransform('migrate-semconv')).toBe(migrateSemconv);
  });

  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(join(fixtureDir, `${name}.input.ts`), 'utf8');
      const outputPath = join(fixtureDir, `${name}.output.ts`);
      // A case without an output file must stay as it is.
      const expected = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : input;
      const actual = migrateSemconv.mayApply(input) ? run(`${name}.ts`, input) : input;
      expect(actual).toBe(expected);
      // A second run changes nothing.
      expect(run(`${name}.ts`, actual)).toBe(actual);
    });
  }

  it('notes the sites it leaves for a person', () => {
    const input = readFileSync(join(fixtureDir, 'no-replacement-unchanged.input.ts'), 'utf8');
    const result = migrateSemconv.apply({ path: 'a.ts', source: input, options: { tracerName: 'test' } });
    expect(result.notes.map((note) => [note.line, note.kind])).toEqual([
      [6, 'skipped'],
      [7, 'skipped'],
    ]);
  });

  it('skips files without semantic conventions cheaply', () => {
    expect(migrateSemconv.mayApply("span.setAttribute('app.user', id);")).toBe(false);
    expect(migrateSemconv.mayApply("span.setAttribute('http.method', m);")).toBe(true);
  });

  it('outputs type-check against the installed packages', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(fixtureDir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    expect(config).toBeDefined();
    const files = cases.map((name) => join(fixtureDir, existsSync(join(fixtureDir, `${name}.output.ts`)) ? `${name}.output.ts` : `${name}.input.ts`));
    const program = ts.createProgram(files, config!.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
