import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getTransform } from '../../codemods/index.js';
import { migrateSemconv } from '../../codemods/migrate-semconv.js';
import { describeFixturePairs, discoverFixturePairs, getFixtureDir } from '../support/fixture-pairs.js';

const fixtureDir = getFixtureDir('migrate-semconv');
const pairs = discoverFixturePairs('migrate-semconv');

describe('migrate-semconv fixtures', () => {
  it('has the fixture pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(15);
    expect(getTransform('migrate-semconv')).toBe(migrateSemconv);
  });

  describeFixturePairs(migrateSemconv, pairs, { options: { tracerName: 'test' } });

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
    const files = pairs.map((pair) => pair.outputPath ?? pair.inputPath);
    const program = ts.createProgram(files, config!.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
