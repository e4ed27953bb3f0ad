import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TransformNote } from './types.js';

/** The dependency names (all kinds) of the package.json nearest to a file on disk; empty when there is none. */
export function getNearestDependencies(filePath: string): ReadonlySet<string> {
  let directory = dirname(resolve(filePath));
  for (;;) {
    const cached = cache.get(directory);
    if (cached) return cached;
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const dependencies = readDependencies(manifest);
      cache.set(directory, dependencies);
      return dependencies;
    }
    const parent = dirname(directory);
    if (parent === directory) return new Set();
    directory = parent;
  }
}

const cache = new Map<string, ReadonlySet<string>>();

function readDependencies(manifest: string): ReadonlySet<string> {
  try {
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((key) => {
      const value = json[key];
      return value && typeof value === 'object' ? Object.keys(value) : [];
    });
    return new Set(names);
  } catch {
    // An unreadable or invalid package.json says nothing about the project's instrumentation.
    return new Set();
  }
}

/** The nearest package.json above a file on disk, if there is one. */
export function findNearestManifest(filePath: string): string | undefined {
  for (let directory = dirname(resolve(filePath)); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * A note for code that now imports `name` from a project whose nearest package.json does not list it: the one command
 * that adds it. Nothing when there is no package.json to judge by.
 */
export function getMissingDependencyNote(filePath: string, name: string): TransformNote | undefined {
  const manifest = findNearestManifest(filePath);
  if (!manifest || getNearestDependencies(filePath).has(name)) return undefined;
  return { line: 1, kind: 'review', message: `${name} is not a dependency in ${manifest}: add it with \`npm install ${name}\` in that folder` };
}
