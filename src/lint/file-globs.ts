import { isAbsolute, relative, sep } from 'node:path';

/**
 * Glob patterns as ESLint users write them in `files`: `**` any folders, `*` any characters but `/`, `?` one,
 * `{a,b}` alternatives. A pattern without a `/` matches the base name in any folder (like .gitignore).
 */
export function globToRegExp(glob: string): RegExp {
  let compiled = compiledGlobs.get(glob);
  if (!compiled) {
    compiled = compileGlob(glob);
    compiledGlobs.set(glob, compiled);
  }
  return compiled;
}

/** Compiled once per pattern: every rule asks about every file, with the same few patterns. */
const compiledGlobs = new Map<string, RegExp>();

function compileGlob(glob: string): RegExp {
  const pattern = glob.replace(/^\.\//, '');
  const anywhere = !pattern.includes('/');
  let source = '';
  let braces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      const slashAfter = pattern[index + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      index += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${source}$`);
}

/** Whether `filename` (absolute, or relative to `cwd`) matches one of the patterns, which are relative to `cwd`. */
export function matchesAnyGlob(filename: string, cwd: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  return getListRegExp(patterns).test(getRelativePath(filename, cwd));
}

/** One expression for a whole list, compiled once: every rule asks about every file with the same lists. */
const listRegExps = new Map<string, RegExp>();

function getListRegExp(patterns: readonly string[]): RegExp {
  const key = patterns.join('\n');
  let compiled = listRegExps.get(key);
  if (!compiled) {
    compiled = new RegExp(patterns.map((pattern) => globToRegExp(pattern).source).join('|'));
    listRegExps.set(key, compiled);
  }
  return compiled;
}

/** The last path asked about: the rules ask one after the other about the same file. */
let lastPath = { filename: '', cwd: '', path: '' };

function getRelativePath(filename: string, cwd: string): string {
  if (lastPath.filename !== filename || lastPath.cwd !== cwd) {
    lastPath = { filename, cwd, path: (isAbsolute(filename) ? relative(cwd, filename) : filename).split(sep).join('/') };
  }
  return lastPath.path;
}
