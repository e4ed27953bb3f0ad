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
  const compiled = getListRegExp(patterns);
  const file = getFile(filename, cwd);
  let answer = file.answers.get(compiled);
  if (answer === undefined) {
    answer = compiled.test(file.path);
    file.answers.set(compiled, answer);
  }
  return answer;
}

/** One expression for a whole list, compiled once: every rule asks about every file with the same lists. */
const listRegExps = new Map<string, RegExp>();
/** The same, by list: a rule's options are one shared array for every file, so most look-ups need no key. */
const listRegExpsByArray = new WeakMap<readonly string[], RegExp>();

function getListRegExp(patterns: readonly string[]): RegExp {
  let compiled = listRegExpsByArray.get(patterns);
  if (compiled) return compiled;
  const key = patterns.join('\n');
  compiled = listRegExps.get(key);
  if (!compiled) {
    compiled = new RegExp(patterns.map((pattern) => globToRegExp(pattern).source).join('|'));
    listRegExps.set(key, compiled);
  }
  listRegExpsByArray.set(patterns, compiled);
  return compiled;
}

/** The last file asked about, with the answers given for it: the rules ask one after the other about the same file. */
let lastFile = { filename: '', cwd: '', path: '', answers: new Map<RegExp, boolean>() };

function getFile(filename: string, cwd: string): typeof lastFile {
  if (lastFile.filename !== filename || lastFile.cwd !== cwd) {
    lastFile = { filename, cwd, path: (isAbsolute(filename) ? relative(cwd, filename) : filename).split(sep).join('/'), answers: new Map() };
  }
  return lastFile;
}
