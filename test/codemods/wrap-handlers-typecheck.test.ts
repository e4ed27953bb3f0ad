import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { discoverFixturePairs, getFixtureDir } from '../support/fixture-pairs.js';

const FIXTURE_DIR = getFixtureDir('wrap-handlers');

// The compiler from the `typescript` package, with the real type packages in node_modules, over the fixture files.
function getDiagnostics(files: string[]): string[] {
  const configPath = join(FIXTURE_DIR, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, FIXTURE_DIR, undefined, configPath);
  const program = ts.createProgram({ rootNames: files, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName.slice(FIXTURE_DIR.length + 1)}:${line + 1}:${character + 1} ${message}`;
  });
}

const cases = discoverFixturePairs('wrap-handlers');

describe('wrap-handlers fixtures type-check', () => {
  it('every input compiles, so every output is held to compiling', () => {
    expect(getDiagnostics(cases.map((fixture) => fixture.inputPath))).toEqual([]);
  });

  it('every output compiles', () => {
    const outputs = cases.flatMap((fixture) => (fixture.outputPath ? [fixture.outputPath] : []));
    expect(outputs.length).toBeGreaterThanOrEqual(30);
    expect(getDiagnostics(outputs)).toEqual([]);
  });
});
