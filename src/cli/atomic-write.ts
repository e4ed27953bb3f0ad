import { chmodSync, chownSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

// Temporary names do not grow with the file's: a 240-character file name still leaves room within the 255-byte limit.
// The writer's process id is in the name, so a later run can tell a leftover of a killed run from a write in progress.
const TEMPORARY_NAME = /^\.otel-codemod-(\d+)-[0-9a-f]{8}\.tmp$/;

function temporaryName(): string {
  return `.otel-codemod-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const swept = new Set<string>();

/**
 * Removes the temporary files a killed run (SIGKILL, power loss) left in `dir`: the only moment one can remain is
 * between writing it and renaming it. Once per folder per process.
 */
function removeLeftovers(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY_NAME.exec(name);
    if (!match || Number(match[1]) === process.pid || isRunning(Number(match[1]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Removed by someone else meanwhile, or not ours to remove.
    }
  }
}

/** True for a name this writer gives its temporary files. */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

/**
 * Replaces a file's content all at once: the new bytes go to a temporary file in the same folder (same file system),
 * which is then renamed over the original. Readers see the old file or the new one, never half of it.
 * The original's permission bits, owner and group are kept (a run as root does not hand a user's file to root);
 * a new file gets the usual ones. When the owner cannot be kept, nothing is written and the error says so.
 */
export function writeFileAtomic(path: string, content: string): void {
  let original: { mode: number; uid: number; gid: number } | undefined;
  try {
    const stats = statSync(path);
    original = { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
  } catch {
    original = undefined;
    // A new file (a shared helper module) may live in a folder that does not exist yet.
    mkdirSync(dirname(path), { recursive: true });
  }
  removeLeftovers(dirname(path));
  const temporary = join(dirname(path), temporaryName());
  try {
    writeFileSync(temporary, content, { flag: 'wx', mode: original?.mode ?? 0o666 });
    if (original) {
      const written = statSync(temporary);
      if (written.uid !== original.uid || written.gid !== original.gid) {
        try {
          chownSync(temporary, original.uid, original.gid);
        } catch (error) {
          throw new Error(`cannot keep the file's owner and group (${original.uid}:${original.gid}): ${(error as Error).message}`);
        }
      }
      // After chown, which clears set-id bits.
      chmodSync(temporary, original.mode);
    }
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
