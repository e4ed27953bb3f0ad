import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every entry under `dir` (outside `.git`, which git itself rewrites) as path → what it is: a file's SHA-256, mode,
 * owner and group; a symlink's target. Two snapshots are equal when nothing was written, replaced or re-owned.
 */
export function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const key = relative(dir, path);
      if (entry.isSymbolicLink()) out[key] = `symlink -> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) {
        if (entry.name !== '.git') visit(path);
      } else {
        const stats = lstatSync(path);
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
        out[key] = `${hash} ${(stats.mode & 0o7777).toString(8)} ${stats.uid}:${stats.gid}`;
      }
    }
  };
  visit(dir);
  return out;
}

/** `checksums(dir)` with the given files expected to differ (their entries dropped from both sides). */
export function withoutPaths(snapshot: Record<string, string>, paths: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot).filter(([path]) => !paths.includes(path)));
}
