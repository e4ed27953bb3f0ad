import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { getRelativeImportSpecifier } from '../../src/transform/import-specifier.js';

const project = new Project({ useInMemoryFileSystem: true });
const commonJsPackage = mkdtempSync(join(tmpdir(), 'otel-codemod-cjs-'));
writeFileSync(join(commonJsPackage, 'package.json'), '{ "name": "legacy" }');

afterAll(() => rmSync(commonJsPackage, { recursive: true, force: true }));

function specifier(filePath: string, text: string, target: string): string {
  return getRelativeImportSpecifier(project.createSourceFile(`/spec-${Math.random()}.ts`, text), filePath, target);
}

describe('getRelativeImportSpecifier', () => {
  it('writes the path the way the file writes its own relative imports', () => {
    expect(specifier('src/a/b.ts', "import { x } from './x.js';", 'src/telemetry/propagation.ts')).toBe('../telemetry/propagation.js');
    expect(specifier('src/b.ts', "import { x } from './x';", 'src/telemetry/propagation.ts')).toBe('./telemetry/propagation');
    expect(specifier('src/b.ts', "import { x } from './x.ts';", 'src/telemetry/propagation.ts')).toBe('./telemetry/propagation.ts');
  });

  it('without relative imports, adds the runtime extension for ES modules only', () => {
    // This repository's package.json says "type": "module".
    expect(specifier('src/b.ts', "import { x } from 'x';", 'src/telemetry/propagation.ts')).toBe('./telemetry/propagation.js');
    expect(specifier(join(commonJsPackage, 'src/b.ts'), '', join(commonJsPackage, 'src/telemetry/propagation.ts'))).toBe('./telemetry/propagation');
    expect(specifier(join(commonJsPackage, 'src/b.mts'), '', join(commonJsPackage, 'src/telemetry/propagation.mts'))).toBe('./telemetry/propagation.mjs');
  });
});
