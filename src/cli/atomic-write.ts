import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces a file's content all at once: the new bytes go to a temporary file in the same folder (same file system),
 * which is then renamed over the original. Readers see the old file or the new one, never half of it.
 * The original's permission bits are kept; a new file gets the usual ones.
 */
export function writeFileAtomic(path: string, content: string): void {
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.otel-codemod.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx', mode: mode ?? 0o666 });
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone or never created.
    }
    throw error;
  }
}
