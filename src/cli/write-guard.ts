import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { readWorkTreeState, type RepositoryFinder, type WorkTreeState } from './git.js';

export type RefusalKind = 'uncommitted' | 'read-only' | 'unreadable repository';

export interface WriteRefusal {
  kind: RefusalKind;
  reason: string;
}

/** The nearest existing folder holding `path` (a new helper module may go into a folder not made yet). */
function existingFolder(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Git's object id of the file's bytes as they are now, in the repository's hash (SHA-1 or SHA-256). */
function getObjectId(path: string, hashLength: number): string {
  const bytes = readFileSync(path);
  return createHash(hashLength === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function getGitRefusal(path: string, state: WorkTreeState): WriteRefusal | undefined {
  if (state.dirty.has(path)) return { kind: 'uncommitted', reason: 'uncommitted changes' };
  if (!existsSync(path)) return undefined;
  const entry = state.tracked.get(path);
  // Untracked files git does not ignore are in `dirty`; an existing file that is neither is ignored by git.
  if (!entry) return { kind: 'uncommitted', reason: 'not committed (ignored by git)' };
  // assume-unchanged (lower-case tag) and skip-worktree (S) hide local edits from `git status`: compare the bytes.
  const hidden = entry.tag === 'S' || entry.tag !== entry.tag.toUpperCase();
  if (hidden && getObjectId(path, entry.objectId.length) !== entry.objectId) {
    return { kind: 'uncommitted', reason: `uncommitted changes (hidden from git status by ${entry.tag === 'S' ? 'skip-worktree' : 'assume-unchanged'})` };
  }
  return undefined;
}

/** A file that says it must not be written: no write bit at all (0444), or not writable for this user. */
export function getReadOnlyRefusal(path: string): WriteRefusal | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return undefined; // A new file.
  }
  if ((mode & 0o222) === 0) return { kind: 'read-only', reason: 'read-only file' };
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return { kind: 'read-only', reason: 'not writable (permission denied)' };
  }
  return undefined;
}

/**
 * Decides, before anything is written, whether a file may be: not when it holds work git has not got (uncommitted,
 * untracked, ignored, or edits hidden by assume-unchanged/skip-worktree), not when the repository holding it cannot be
 * read, and not when it is read-only. `--force` lifts all three. Git is asked once per folder and once per repository.
 */
export function createWriteGuard(findRepository: RepositoryFinder): (path: string) => WriteRefusal | undefined {
  const stateByRoot = new Map<string, WorkTreeState | { reason: string }>();
  return (path) => {
    const repository = findRepository(existingFolder(path));
    if (repository.kind === 'unreadable') return { kind: 'unreadable repository', reason: `cannot read the git repository: ${repository.reason}` };
    if (repository.kind === 'readable') {
      let state = stateByRoot.get(repository.root);
      if (!state) stateByRoot.set(repository.root, (state = readWorkTreeState(repository.root)));
      if ('reason' in state) return { kind: 'unreadable repository', reason: `cannot read the git repository: ${state.reason}` };
      const refusal = getGitRefusal(path, state);
      if (refusal) return refusal;
    }
    return getReadOnlyRefusal(path);
  };
}
