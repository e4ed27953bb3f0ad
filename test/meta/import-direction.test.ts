/**
 * The layers of ARCHITECTURE.md, enforced: the catalog is data and reads no syntax tree, the lint half (rules/,
 * src/lint) and the transform half (codemods/, src/transform) each read their own tree and never each other's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixture-pairs.js';

const AST_LIBRARIES = [/^typescript$/, /^ts-morph$/, /^@typescript-eslint\//, /^eslint$/, /^espree$/, /^acorn/, /^jscodeshift/, /^@babel\//];

interface Import {
  file: string;
  /** A path below the repository for a relative specifier, the package name otherwise. */
  target: string;
}

function listSources(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)));
}

function getImports(folder: string): Import[] {
  return listSources(folder).flatMap((file) =>
    ts.preProcessFile(readFileSync(join(REPO_ROOT, file), 'utf8'), true, true).importedFiles.map(({ fileName }) => ({
      file,
      target: fileName.startsWith('.') ? relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), fileName)) : fileName,
    })),
  );
}

function describeImport({ file, target }: Import): string {
  return `${file} imports ${target}`;
}

const isUnder = (folder: string) => (target: string) => target === folder || target.startsWith(`${folder}/`);

describe('import direction', () => {
  it('finds the imports it checks', () => {
    expect(getImports('src/lint').some(({ target }) => target.startsWith('src/catalog/'))).toBe(true);
    expect(getImports('src/transform').some(({ target }) => target === 'ts-morph')).toBe(true);
  });

  it('src/catalog imports no syntax-tree library and no other layer', () => {
    const wrong = getImports('src/catalog').filter(({ target }) => AST_LIBRARIES.some((library) => library.test(target)) || (target.startsWith('src/') && !isUnder('src/catalog')(target)));
    expect(wrong.map(describeImport)).toEqual([]);
  });

  it.each(['rules', 'src/lint'])('%s never imports the transform half or ts-morph', (folder) => {
    const wrong = getImports(folder).filter(({ target }) => target === 'ts-morph' || isUnder('src/transform')(target) || isUnder('codemods')(target) || isUnder('src/cli')(target));
    expect(wrong.map(describeImport)).toEqual([]);
  });

  it.each(['src/transform', 'codemods'])('%s never imports typescript-eslint or the lint half', (folder) => {
    const wrong = getImports(folder).filter(({ target }) => target.startsWith('@typescript-eslint/') || isUnder('src/lint')(target) || isUnder('rules')(target));
    expect(wrong.map(describeImport)).toEqual([]);
  });
});
