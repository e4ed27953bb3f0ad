import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where a folder stands with git. `none` only when git itself says the folder is not in a work tree (or git is
 * missing and no `.git` is found above it); a repository git cannot read (dubious ownership, git missing, git
 * failing or interrupted) is `unreadable`, never taken for a plain folder.
 */
export type Repository = { kind: 'none' } | { kind: 'readable'; root: string } | { kind: 'unreadable'; reason: string };

type GitOutcome = { ok: true; stdout: string } | { ok: false; missing: boolean; message: string };

// Messages are matched in English whatever the user's locale.
const GIT_ENV = { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' };

export function runGit(cwd: string, args: string[]): GitOutcome {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, message: missing ? 'git is not installed or not on PATH' : result.error.message };
  }
  if (result.signal) return { ok: false, missing: false, message: `git ${args[0]} was stopped by ${result.signal}` };
  if (result.status !== 0) {
    const firstLine = result.stderr.split('\n').find((line) => line.trim() !== '') ?? `git ${args[0]} exited with ${result.status}`;
    return { ok: false, missing: false, message: firstLine.replace(/^fatal: /, '').trim() };
  }
  return { ok: true, stdout: result.stdout };
}

/** The nearest folder at or above `dir` holding a `.git` entry, as git would find it. */
function findDotGit(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** The repository holding `dir` (an existing folder). */
export function findRepository(dir: string): Repository {
  const outcome = runGit(dir, ['rev-parse', '--show-toplevel']);
  let repository: Repository;
  if (outcome.ok) repository = { kind: 'readable', root: outcome.stdout.trim() };
  else if (!outcome.missing && /not a git repository/i.test(outcome.message) && !findDotGit(dir)) repository = { kind: 'none' };
  else if (outcome.missing && !findDotGit(dir)) repository = { kind: 'none' };
  else repository = { kind: 'unreadable', reason: outcome.message };
  return repository;
}

export type RepositoryFinder = (dir: string) => Repository;

/** `findRepository`, asking git once per folder: one finder per run, so that a run sees the repository as it is now. */
export function createRepositoryFinder(): RepositoryFinder {
  const byDir = new Map<string, Repository>();
  return (dir) => {
    let repository = byDir.get(dir);
    if (!repository) byDir.set(dir, (repository = findRepository(dir)));
    return repository;
  };
}

export type GitFileList = { kind: 'none' } | { kind: 'unreadable'; reason: string } | { kind: 'files'; files: string[] };

/** Files under `dir` that git does not ignore: tracked ones and untracked ones not excluded by .gitignore. Absolute paths. */
export function listGitFiles(dir: string, find: RepositoryFinder = findRepository): GitFileList {
  const repository = find(dir);
  if (repository.kind !== 'readable') return repository;
  const outcome = runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.']);
  if (!outcome.ok) return { kind: 'unreadable', reason: outcome.message };
  return { kind: 'files', files: [...new Set(outcome.stdout.split('\0').filter(Boolean))].map((file) => resolve(repository.root, file)) };
}

/** What git knows about the files of one repository, for deciding what may be written. */
export interface WorkTreeState {
  /** Modified, staged or untracked files (absolute paths). */
  dirty: Set<string>;
  /** Tracked files, with the `ls-files -v` tag and the index's object id. */
  tracked: Map<string, { tag: string; objectId: string }>;
}

/** Reads the state of the work tree at `root`, or the reason it cannot be read. */
export function readWorkTreeState(root: string): WorkTreeState | { reason: string } {
  const status = runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (!status.ok) return { reason: status.message };
  const dirty = new Set<string>();
  const entries = status.stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    dirty.add(resolve(root, entry.slice(3)));
    // A rename or copy entry is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  const index = runGit(root, ['ls-files', '-z', '--stage', '-v', '--full-name']);
  if (!index.ok) return { reason: index.message };
  const tracked = new Map<string, { tag: string; objectId: string }>();
  for (const line of index.stdout.split('\0')) {
    // "<tag> <mode> <object> <stage>\t<path>"
    const match = /^(\S) \d+ ([0-9a-f]+) \d+\t(.*)$/s.exec(line);
    if (match) tracked.set(resolve(root, match[3]!), { tag: match[1]!, objectId: match[2]! });
  }
  return { dirty, tracked };
}
