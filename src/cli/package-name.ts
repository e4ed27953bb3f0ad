import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Name of the nearest package.json at or above `dir`, cached per folder. */
export function createPackageNameFinder(fallback: string): (dir: string) => string {
  const cache = new Map<string, string>();
  const find = (dir: string): string => {
    const cached = cache.get(dir);
    if (cached !== undefined) return cached;
    let name: string | undefined;
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (typeof json.name === 'string' && json.name.length > 0) name = json.name;
    } catch {
      name = undefined;
    }
    const parent = dirname(dir);
    const result = name ?? (parent === dir ? fallback || basename(dir) : find(parent));
    cache.set(dir, result);
    return result;
  };
  return find;
}
