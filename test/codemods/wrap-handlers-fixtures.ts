import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/wrap-handlers');

export interface FixtureCase {
  /** Path below the fixture folder, without `.input.<ext>`. */
  name: string;
  inputPath: string;
  /** The output file, or undefined when the input must stay unchanged. */
  outputPath: string | undefined;
  /** The path the transform is told: the case's own name in its folder, as a real project would have it. */
  sourcePath: string;
}

const INPUT = /\.input\.(ts|tsx|js|cjs|mjs)$/;

/** Every `<case>.input.<ext>` under the fixture folder (subfolders hold their own package.json). */
export function discoverCases(directory = FIXTURE_DIR): FixtureCase[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry): FixtureCase[] => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return discoverCases(path);
    const match = INPUT.exec(entry.name);
    if (!match) return [];
    const outputPath = path.replace(INPUT, `.output.${match[1]}`);
    return [
      {
        name: relative(FIXTURE_DIR, path).replace(INPUT, ''),
        inputPath: path,
        outputPath: existsSync(outputPath) ? outputPath : undefined,
        sourcePath: path.replace(INPUT, `.${match[1]}`),
      },
    ];
  });
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
