import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileGlob } from './glob.js';
import { listGitFiles } from './git.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Folders that hold generated code: never rewritten. */
export const BUILD_OUTPUT_FOLDERS = ['dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.vercel', '.serverless', 'cdk.out'];

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type SkipReason = 'node_modules' | 'build output' | 'declaration file' | 'ignored' | 'minified' | 'over size limit' | 'not a source file';

export interface FoundFile {
  /** As shown to people: relative to the working folder, forward slashes. */
  displayPath: string;
  /** The real path (symlinks resolved): what is read and written. */
  realPath: string;
  size: number;
}

export interface FileProblem {
  displayPath: string;
  reason: string;
}

export interface Discovery {
  files: FoundFile[];
  /** Entries left out on purpose, by reason. A folder left out whole counts once. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Paths that could not be looked at: missing, unreadable, symlinks leaving the root or looping. */
  problems: FileProblem[];
}

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  ignore?: string[];
  maxFileSize?: number;
}

function toDisplayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function hasSourceExtension(path: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'not found (or a broken symlink)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

/** Finds the source files under the given paths, honouring .gitignore inside a git repository. */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const { cwd } = options;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const ignoreMatchers = (options.ignore ?? []).map(compileGlob);
  const result: Discovery = { files: [], skipped: {}, problems: [] };
  const seen = new Set<string>();

  const skip = (reason: SkipReason) => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
  };
  const isIgnored = (absolute: string) => ignoreMatchers.some((match) => match(toDisplayPath(cwd, absolute)));

  /** The reason a path is left out by its name alone, if any. */
  const getNameSkipReason = (absolute: string, root: string): SkipReason | undefined => {
    const segments = relative(root, absolute).split(sep);
    if (segments.includes('node_modules')) return 'node_modules';
    if (segments.slice(0, -1).some((segment) => BUILD_OUTPUT_FOLDERS.includes(segment))) return 'build output';
    if (/\.d\.[cm]?tsx?$/i.test(absolute)) return 'declaration file';
    if (isIgnored(absolute)) return 'ignored';
    if (/\.min\.[cm]?js$/i.test(absolute)) return 'minified';
    return undefined;
  };

  const addFile = (absolute: string, realPath: string, stats: Stats, root: string) => {
    if (seen.has(realPath)) return;
    const reason = getNameSkipReason(absolute, root);
    if (reason) return skip(reason);
    seen.add(realPath);
    if (stats.size > maxFileSize) return skip('over size limit');
    result.files.push({ displayPath: toDisplayPath(cwd, absolute), realPath, size: stats.size });
  };

  /** A symlink found under `root`: followed when it stays inside; a folder it points to is reached through its real path. */
  const addSymlink = (absolute: string, root: string, realRoot: string) => {
    let target: string;
    let stats: Stats;
    try {
      target = realpathSync(absolute);
      stats = statSync(target);
    } catch (error) {
      result.problems.push({ displayPath: toDisplayPath(cwd, absolute), reason: describeFsError(error) });
      return;
    }
    if (!isInside(realRoot, target)) {
      if (!hasSourceExtension(absolute) && !stats.isDirectory()) return;
      result.problems.push({ displayPath: toDisplayPath(cwd, absolute), reason: `symlink points outside ${toDisplayPath(cwd, root)} (to ${target})` });
      return;
    }
    if (stats.isFile() && hasSourceExtension(target)) addFile(absolute, target, stats, root);
  };

  const walk = (dir: string, root: string, realRoot: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ displayPath: toDisplayPath(cwd, dir), reason: describeFsError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        addSymlink(absolute, root, realRoot);
      } else if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === '.hg' || entry.name === '.svn') continue;
        if (entry.name === 'node_modules') skip('node_modules');
        else if (BUILD_OUTPUT_FOLDERS.includes(entry.name)) skip('build output');
        else if (isIgnored(absolute)) skip('ignored');
        else walk(absolute, root, realRoot);
      } else if (entry.isFile() && hasSourceExtension(entry.name)) {
        try {
          addFile(absolute, realpathSync(absolute), statSync(absolute), root);
        } catch (error) {
          result.problems.push({ displayPath: toDisplayPath(cwd, absolute), reason: describeFsError(error) });
        }
      }
    }
  };

  for (const path of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = resolve(cwd, path);
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
      if (stats.isSymbolicLink()) stats = statSync(realpathSync(absolute));
    } catch (error) {
      result.problems.push({ displayPath: toDisplayPath(cwd, absolute), reason: describeFsError(error) });
      continue;
    }
    if (stats.isFile()) {
      if (!hasSourceExtension(absolute)) skip('not a source file');
      else addFile(absolute, realpathSync(absolute), stats, cwd);
      continue;
    }
    const realRoot = realpathSync(absolute);
    const gitFiles = listGitFiles(absolute);
    if (!gitFiles) {
      walk(absolute, absolute, realRoot);
      continue;
    }
    for (const file of gitFiles.sort()) {
      let fileStats: Stats;
      try {
        fileStats = lstatSync(file);
      } catch {
        continue; // Deleted in the work tree but still in the index: nothing to transform.
      }
      if (fileStats.isSymbolicLink()) {
        if (getNameSkipReason(file, absolute) === undefined) addSymlink(file, absolute, realRoot);
      } else if (fileStats.isFile() && hasSourceExtension(file)) {
        addFile(file, realpathSync(file), fileStats, absolute);
      }
    }
  }
  return result;
}
