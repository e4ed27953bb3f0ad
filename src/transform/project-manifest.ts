import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
