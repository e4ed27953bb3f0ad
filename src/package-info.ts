import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

/** Finds this package's own package.json: the same code runs from the sources (tests) and from dist/. */
function findPackageInfo(): PackageInfo {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'otel-codemod') return { name: json.name, version: json.version ?? '0.0.0', root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'otel-codemod', version: '0.0.0', root: dir };
    dir = parent;
  }
}

export const packageInfo: PackageInfo = findPackageInfo();
