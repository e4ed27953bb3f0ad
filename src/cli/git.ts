import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The top folder of the git work tree holding `dir`, or undefined when it is not in one (or git is missing). */
export function getGitRoot(dir: string): string | undefined {
  const out = git(dir, ['rev-parse', '--show-toplevel']);
  return out ? out.trim() : undefined;
}

/** Files under `dir` that git does not ignore: tracked ones and untracked ones not excluded by .gitignore. Absolute paths. */
export function listGitFiles(dir: string): string[] | undefined {
  const out = git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.']);
  if (out === undefined) return undefined;
  const root = getGitRoot(dir);
  if (!root) return undefined;
  return [...new Set(out.split('\0').filter(Boolean))].map((file) => resolve(root, file));
}

/**
 * Absolute paths of files with uncommitted changes (modified, staged, untracked) in the repository holding `dir`;
 * empty when `dir` is not in a repository, which counts as clean.
 */
export function getDirtyFiles(dir: string): Set<string> {
  const root = getGitRoot(dir);
  if (!root) return new Set();
  const out = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']) ?? '';
  const dirty = new Set<string>();
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    dirty.add(resolve(root, entry.slice(3)));
    // A rename or copy entry is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return dirty;
}

/** Answers "does this file have uncommitted changes?", asking git once per folder and once per repository. */
export function createDirtyChecker(): (file: string) => boolean {
  const rootByDir = new Map<string, string | undefined>();
  const dirtyByRoot = new Map<string, Set<string>>();
  return (file: string) => {
    const dir = dirname(file);
    if (!rootByDir.has(dir)) rootByDir.set(dir, existsSync(dir) ? getGitRoot(dir) : undefined);
    const root = rootByDir.get(dir);
    if (!root) return false;
    let dirty = dirtyByRoot.get(root);
    if (!dirty) {
      dirty = getDirtyFiles(root);
      dirtyByRoot.set(root, dirty);
    }
    return dirty.has(file);
  };
}
