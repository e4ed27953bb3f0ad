/**
 * One fixture-pair harness for every transform: `fixtures/<transform>/<case>.input.<ext>` beside its
 * `<case>.output.<ext>` (none: the file must stay as it is), `<case>.options.json` and `<case>.notes.json`, found by
 * walking the folder (no hand-kept lists), and the checks every pair gets: the bytes, a second run, the jscodeshift
 * adapter, the text pre-filter.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJscodeshiftTransform } from '../../src/jscodeshift/adapter.js';
import type { CodemodTransform, TransformNote, TransformOptions } from '../../src/transform/types.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface FixturePair {
  /** Path below the transform's fixture folder, without `.input.<ext>`. */
  name: string;
  inputPath: string;
  /** The output file, or undefined when the input must stay unchanged. */
  outputPath: string | undefined;
  /** The path the transform is told, relative to the repository: the case's own name in its folder, as a project would have it. */
  sourcePath: string;
  input: string;
  /** The output file's text, or the input when the case must stay unchanged. */
  expected: string;
  changes: boolean;
  /** `<case>.options.json`, or `{}`. */
  options: Record<string, unknown>;
  /** `<case>.notes.json`, or undefined when the case has none. */
  notes: TransformNote[] | undefined;
}

const INPUT = /\.input(\.[cm]?[jt]sx?)$/;

export function getFixtureDir(transform: string): string {
  return join(REPO_ROOT, 'fixtures', transform);
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Every case under `fixtures/<transform>`, subfolders included (they hold their own package.json), sorted by name. */
export function discoverFixturePairs(transform: string): FixturePair[] {
  const root = getFixtureDir(transform);
  const walk = (directory: string): FixturePair[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry): FixturePair[] => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return walk(path);
      const extension = INPUT.exec(entry.name)?.[1];
      if (!extension) return [];
      const base = path.replace(INPUT, '');
      const input = readFileSync(path, 'utf8');
      const outputPath = `${base}.output${extension}`;
      const output = readIfExists(outputPath);
      const notes = readIfExists(`${base}.notes.json`);
      return [
        {
          name: relative(root, base),
          inputPath: path,
          outputPath: output === undefined ? undefined : outputPath,
          sourcePath: relative(REPO_ROOT, `${base}${extension}`),
          input,
          expected: output ?? input,
          changes: output !== undefined,
          options: JSON.parse(readIfExists(`${base}.options.json`) ?? '{}') as Record<string, unknown>,
          notes: notes === undefined ? undefined : (JSON.parse(notes) as TransformNote[]),
        },
      ];
    });
  return walk(root).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface FixtureChecks {
  /** Options every case gets, under its own `.options.json`. */
  options: TransformOptions;
  /** The notes a case without a `.notes.json` must give; undefined: such a case's notes are not checked. */
  defaultNotes?: TransformNote[];
}

/** Registers the checks every fixture pair of `transform` gets. */
export function describeFixturePairs(transform: CodemodTransform, pairs: readonly FixturePair[], checks: FixtureChecks): void {
  const viaJscodeshift = createJscodeshiftTransform(transform);
  const run = (pair: FixturePair, source: string) => transform.apply({ path: pair.sourcePath, source, options: { ...checks.options, ...pair.options } });

  describe.each(pairs.map((pair) => [pair.name, pair] as const))('%s', (_name, pair) => {
    const notes = pair.notes ?? checks.defaultNotes;

    it(pair.changes ? 'produces the output file byte for byte' : 'leaves the file byte for byte as it was', () => {
      const result = run(pair, pair.input);
      expect(result.source).toBe(pair.expected);
      if (notes) expect(result.notes).toEqual(notes);
    });

    it('changes nothing on a second run', () => {
      expect(run(pair, pair.expected).source).toBe(pair.expected);
    });

    it('gives the same bytes through the jscodeshift adapter', () => {
      const reports: string[] = [];
      const result = viaJscodeshift({ path: pair.sourcePath, source: pair.input }, { report: (message) => reports.push(message) }, { dry: true, ...checks.options, ...pair.options });
      // jscodeshift's contract: the new text, the same text, or undefined for a file the pre-filter rules out.
      if (pair.changes) expect(result).toBe(pair.expected);
      else expect([undefined, pair.input]).toContain(result);
      if (notes) expect(reports).toHaveLength(notes.length);
    });

    it('passes the text pre-filter whenever it changes the file', () => {
      // Told the path as the runner tells it, so a test that reads the project's other modules reads them here.
      const file = { path: pair.sourcePath, options: { ...checks.options, ...pair.options } };
      expect(!pair.changes || transform.mayApply(pair.input, file)).toBe(true);
    });
  });
}
