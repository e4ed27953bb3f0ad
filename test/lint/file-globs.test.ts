import { describe, expect, it } from 'vitest';
import { matchesAnyGlob } from '../../src/lint/file-globs.js';

describe('matchesAnyGlob', () => {
  const patterns = ['**/*.test.{ts,js}', 'scripts/**', 'demo.ts'];

  it('matches a file against any pattern of the list, relative to the working directory', () => {
    expect(matchesAnyGlob('/repo/src/a.test.ts', '/repo', patterns)).toBe(true);
    expect(matchesAnyGlob('/repo/scripts/seed/run.ts', '/repo', patterns)).toBe(true);
    // A pattern without a slash matches the base name in any folder.
    expect(matchesAnyGlob('/repo/src/deep/demo.ts', '/repo', patterns)).toBe(true);
  });

  it('gives the same answer for the same file asked again with another list', () => {
    expect(matchesAnyGlob('/repo/src/a.ts', '/repo', patterns)).toBe(false);
    expect(matchesAnyGlob('/repo/src/a.ts', '/repo', ['src/*.ts'])).toBe(true);
    expect(matchesAnyGlob('/repo/src/a.ts', '/other', ['src/*.ts'])).toBe(false);
    expect(matchesAnyGlob('/repo/src/a.ts', '/repo', [])).toBe(false);
  });
});
