import { accessSync, constants, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileGlob } from './glob.js';
import { createRepositoryFinder, listGitFiles, type RepositoryFinder } from './git.js';

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

export type FolderSkipReason = 'node_modules' | 'build output' | 'ignored';

export interface Discovery {
  files: FoundFile[];
  /** Files left out on purpose, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Folders left out whole (their files are not counted), by reason. */
  skippedFolders: Partial<Record<FolderSkipReason, number>>;
  /**
   * Paths that could not be looked at: missing, unreadable (a folder that cannot be read is named once), outside the
   * working folder, symlinks leaving the root or looping.
   */
  problems: FileProblem[];
  /** Things the user should know that do not stop the run (a repository git cannot read: .gitignore not honoured). */
  warnings: string[];
}

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  ignore?: string[];
  maxFileSize?: number;
  findRepository?: RepositoryFinder;
}

function toDisplayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const FOLDER_SKIP_REASONS: Record<string, FolderSkipReason> = { node_modules: 'node_modules', ...Object.fromEntries(BUILD_OUTPUT_FOLDERS.map((name) => [name, 'build output' as const])) };

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

/** The topmost folder from `root` down to `file` that cannot be searched: where a permission problem really is. */
function findUnreadableFolder(root: string, file: string): string {
  const segments = relative(root, dirname(file)).split(sep).filter(Boolean);
  let dir = root;
  for (const segment of segments) {
    dir = join(dir, segment);
    try {
      accessSync(dir, constants.R_OK | constants.X_OK);
    } catch {
      return dir;
    }
  }
  return dirname(file);
}

/** Finds the source files under the given paths, honouring .gitignore inside a git repository. */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const { cwd } = options;
  const realCwd = realpathSync(cwd);
  const findRepository = options.findRepository ?? createRepositoryFinder();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const ignoreMatchers = (options.ignore ?? []).map(compileGlob);
  const result: Discovery = { files: [], skipped: {}, skippedFolders: {}, problems: [], warnings: [] };
  const seen = new Set<string>();
  const reported = new Set<string>();

  const skip = (reason: SkipReason) => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
  };
  const skipFolder = (reason: FolderSkipReason) => {
    result.skippedFolders[reason] = (result.skippedFolders[reason] ?? 0) + 1;
  };
  const problem = (absolute: string, reason: string) => {
    const displayPath = toDisplayPath(cwd, absolute);
    if (reported.has(displayPath)) return;
    reported.add(displayPath);
    result.problems.push({ displayPath, reason });
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

  /**
   * A symlink, found under `root` or named by the user: followed when its target stays inside `realRoot`, refused
   * when it leads out. A link that is not to a source file (a dangling `README` link, a linked folder of another
   * kind) is not ours to report.
   */
  const addSymlink = (absolute: string, root: string, realRoot: string, walkFolder?: (realDir: string) => void) => {
    const folderReason = FOLDER_SKIP_REASONS[basename(absolute)];
    if (folderReason) return skipFolder(folderReason);
    let target: string;
    let stats: Stats;
    try {
      target = realpathSync(absolute);
      stats = statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !hasSourceExtension(absolute)) return skip('not a source file');
      problem(absolute, describeFsError(error));
      return;
    }
    if (!stats.isFile() && !stats.isDirectory()) return;
    if (stats.isFile() && !hasSourceExtension(absolute) && !hasSourceExtension(target)) return;
    if (!isInside(realRoot, target)) {
      problem(absolute, `symlink points outside ${toDisplayPath(cwd, root)} (to ${target})`);
      return;
    }
    if (stats.isDirectory()) walkFolder?.(target);
    else if (hasSourceExtension(target)) addFile(absolute, target, stats, root);
  };

  const walk = (dir: string, root: string, realRoot: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problem(dir, describeFsError(error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        addSymlink(absolute, root, realRoot);
      } else if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === '.hg' || entry.name === '.svn') continue;
        const folderReason = FOLDER_SKIP_REASONS[entry.name] ?? (isIgnored(absolute) ? 'ignored' : undefined);
        if (folderReason) skipFolder(folderReason);
        else walk(absolute, root, realRoot);
      } else if (entry.isFile() && hasSourceExtension(entry.name)) {
        try {
          addFile(absolute, realpathSync(absolute), statSync(absolute), root);
        } catch (error) {
          problem(absolute, describeFsError(error));
        }
      }
    }
  };

  /** A folder the user named: git's list of files when it is in a repository git can read, else every file under it. */
  const addFolder = (absolute: string, realRoot: string) => {
    const listing = listGitFiles(absolute, findRepository);
    if (listing.kind !== 'files') {
      if (listing.kind === 'unreadable') {
        result.warnings.push(`${toDisplayPath(cwd, absolute)}: cannot read the git repository (${listing.reason}); .gitignore is not honoured and nothing in it will be written without --force`);
      }
      walk(absolute, absolute, realRoot);
      return;
    }
    for (const file of listing.files.sort()) {
      let fileStats: Stats;
      try {
        fileStats = lstatSync(file);
      } catch (error) {
        // Deleted in the work tree but still in the index: nothing to transform. Any other error hides a tracked file.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problem(findUnreadableFolder(absolute, file), `cannot read this folder (${describeFsError(error)}): the files git tracks in it are left out`);
        continue;
      }
      if (fileStats.isSymbolicLink()) {
        const reason = getNameSkipReason(file, absolute);
        if (reason === undefined) addSymlink(file, absolute, realRoot);
        else if (reason === 'node_modules' && basename(file) === 'node_modules') skipFolder('node_modules');
        else skip(reason);
      } else if (fileStats.isFile() && hasSourceExtension(file)) {
        addFile(file, realpathSync(file), fileStats, absolute);
      }
    }
  };

  for (const path of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = resolve(cwd, path);
    if (!isInside(cwd, absolute)) {
      problem(absolute, 'outside the working folder: run otel-codemod from a folder that holds it');
      continue;
    }
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      problem(absolute, describeFsError(error));
      continue;
    }
    // A link the user named is held to the working folder, as a link met during a walk is held to its root.
    if (stats.isSymbolicLink()) {
      addSymlink(absolute, cwd, realCwd, (realDir) => addFolder(realDir, realDir));
      continue;
    }
    if (stats.isFile()) {
      if (!hasSourceExtension(absolute)) skip('not a source file');
      else addFile(absolute, realpathSync(absolute), stats, cwd);
      continue;
    }
    if (stats.isDirectory()) addFolder(absolute, realpathSync(absolute));
  }
  return result;
}
