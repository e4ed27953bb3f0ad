import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/cli/glob.js';

// [pattern, path, matches]
const cases: Array<[string, string, boolean]> = [
  // A pattern without a slash matches a name at any depth.
  ['*.test.ts', 'src/a.test.ts', true],
  ['*.test.ts', 'a.test.ts', true],
  ['*.test.ts', 'src/a.ts', false],
  // A name matches a folder and everything under it.
  ['generated', 'src/generated/x.ts', true],
  ['generated/', 'src/generated/x.ts', true],
  // A pattern with a slash is anchored at the working folder.
  ['src/*.ts', 'src/a.ts', true],
  ['src/*.ts', 'src/deep/a.ts', false],
  ['src/*.ts', 'lib/src/a.ts', false],
  ['./src/legacy', 'src/legacy/a.ts', true],
  // ** spans folders, {a,b} alternates, ? and [..] are one character.
  ['src/**/*.spec.ts', 'src/a.spec.ts', true],
  ['src/**/*.spec.ts', 'src/x/y/a.spec.ts', true],
  ['**/fixtures/**', 'test/fixtures/a.ts', true],
  ['*.{js,cjs}', 'lib/a.cjs', true],
  ['*.{js,cjs}', 'lib/a.ts', false],
  ['v?.ts', 'v1.ts', true],
  ['v[0-2].ts', 'v3.ts', false],
  // Dots are literal.
  ['a.ts', 'abts', false],
];

describe('compileGlob', () => {
  it.each(cases)('%s against %s → %s', (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });
});
