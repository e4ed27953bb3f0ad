import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** The width used when neither a Prettier config nor an .editorconfig gives one. */
export const DEFAULT_LINE_WIDTH = 100;
/** Prettier's own default, for a project whose Prettier config leaves `printWidth` out. */
const PRETTIER_DEFAULT_PRINT_WIDTH = 80;

// The config files Prettier looks for in each folder, in its order (package.json's `prettier` key first).
const PRETTIER_CONFIG_FILES = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.mjs',
  '.prettierrc.cjs',
  '.prettierrc.ts',
  '.prettierrc.mts',
  '.prettierrc.cts',
  'prettier.config.js',
  'prettier.config.mjs',
  'prettier.config.cjs',
  'prettier.config.ts',
  'prettier.config.mts',
  'prettier.config.cts',
  '.prettierrc.toml',
];

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The nearest Prettier config and its `printWidth`, read without Prettier (transforms run synchronously, and Prettier
 * may not be installed): package.json's `prettier` object, a `printWidth` line of a JSON, YAML or TOML config, and a
 * literal `printWidth: n` in a JS config. Undefined when there is no config; `overrides` are not read.
 */
function findPrettierConfig(file: string): { printWidth?: number } | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const manifest = readText(join(directory, 'package.json'));
    if (manifest) {
      try {
        const config = (JSON.parse(manifest) as { prettier?: unknown }).prettier;
        if (config && typeof config === 'object') {
          const width = (config as { printWidth?: unknown }).printWidth;
          return typeof width === 'number' && width > 0 ? { printWidth: width } : {};
        }
      } catch {
        // Not JSON: Prettier would fail on it too; look further up.
      }
    }
    const configFile = PRETTIER_CONFIG_FILES.map((name) => join(directory, name)).find((path) => existsSync(path));
    if (configFile) {
      const match = /["']?printWidth["']?\s*[:=]\s*(\d+)/.exec(readText(configFile) ?? '');
      return match ? { printWidth: Number(match[1]) } : {};
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** Whether an .editorconfig section glob (`*`, `*.ts`, `*.{js,ts}`, `src/**.ts`, `[*.{ts,tsx}]`) matches the file. */
function matchesSection(glob: string, relativePath: string): boolean {
  let pattern = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      pattern += '.*';
      index++;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else if (char === '{') pattern += '(?:';
    else if (char === '}') pattern += ')';
    else if (char === ',') pattern += '|';
    else pattern += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  // A glob without a slash matches the file name in any folder; one with a slash is relative to the .editorconfig.
  const target = glob.includes('/') ? relativePath : basename(relativePath);
  return new RegExp(`^${glob.startsWith('/') ? pattern.slice(1) : pattern}$`).test(target);
}

/** `max_line_length` for the file from its .editorconfig files (nearest wins, up to one with `root = true`). */
function getEditorConfigMaxLineLength(file: string): number | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const text = readText(join(directory, '.editorconfig'));
    if (text !== undefined) {
      const relativePath = relative(directory, file).split(sep).join('/');
      let section: string | undefined;
      let value: number | undefined;
      let root = false;
      for (const rawLine of text.split(/\r?\n/)) {
        const line = rawLine.replace(/\s[;#].*$/, '').trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
        const header = /^\[(.+)\]$/.exec(line);
        if (header) {
          section = header[1]!;
          continue;
        }
        const pair = /^([\w-]+)\s*=\s*(.+)$/.exec(line);
        if (!pair) continue;
        const key = pair[1]!.toLowerCase();
        if (section === undefined && key === 'root') root = pair[2]!.toLowerCase() === 'true';
        // Later sections win over earlier ones, as in the EditorConfig spec.
        if (section !== undefined && key === 'max_line_length' && matchesSection(section, relativePath)) {
          const width = Number(pair[2]);
          value = Number.isInteger(width) && width > 0 ? width : undefined;
        }
      }
      if (value !== undefined) return value;
      if (root) return undefined;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * The line width code written into a file keeps to: the project's Prettier `printWidth`, else .editorconfig's
 * `max_line_length` (which Prettier reads too), else Prettier's default 80 when the project has a Prettier config,
 * else 100.
 */
export function getLineWidth(path: string): number {
  const file = resolve(path);
  const prettier = findPrettierConfig(file);
  return prettier?.printWidth ?? getEditorConfigMaxLineLength(file) ?? (prettier ? PRETTIER_DEFAULT_PRINT_WIDTH : DEFAULT_LINE_WIDTH);
}

/**
 * The file's style with its line width read on first use: finding it walks the folders up to the root, which most
 * parsed files (those a transform leaves as they were) never need.
 */
export function withLineWidth<T extends object>(style: T, path: string): T & { readonly lineWidth: number } {
  let width: number | undefined;
  return Object.defineProperty({ ...style }, 'lineWidth', { enumerable: true, get: () => (width ??= getLineWidth(path)) }) as T & { readonly lineWidth: number };
}
