import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../package-info.js';
import { writeFileAtomic } from './atomic-write.js';
import { discoverFiles, DEFAULT_MAX_FILE_SIZE } from './discover.js';
import type { CliIO } from './output.js';
import { formatSarif, type SarifRuleMeta } from './sarif.js';
import { readSourceFile } from './read-source.js';
import { originalText } from './text-format.js';
import { getReadOnlyRefusal } from './write-guard.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';
import { importPeer } from './peer-dependencies.js';

export type LintFormat = 'stylish' | 'json' | 'sarif';

export interface LintOptions {
  paths: string[];
  /** The user's own ESLint config file instead of the built-in one. */
  config?: string;
  format?: LintFormat;
  fix?: boolean;
  ignore?: string[];
  maxFileSize?: number;
  quiet?: boolean;
}

/** A flat config that turns rules on and registers their plugin; the recommended preset unless a test gives another. */
export interface LintContext extends CliIO {
  preset?: Linter.Config;
}

const REPOSITORY_URL = 'https://github.com/otel-codemod/otel-codemod';

/** The configuration `otel-codemod lint` uses when the user gives none: the recommended rules, JS and TS parsers. */
export function getZeroConfig(tsParser: Linter.Parser, preset: Linter.Config): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      languageOptions: { parser: tsParser, sourceType: 'module' },
    },
    // Comments that configure or disable rules of other plugins are not ours to judge.
    { linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
    preset,
  ];
}

/** ESLint's note for a file it was asked to lint but whose config ignores it: not a finding. */
function isIgnoredFileWarning(message: Linter.LintMessage): boolean {
  return message.ruleId === null && message.severity === 1 && /^File ignored/.test(message.message);
}

/**
 * An inline comment naming a rule of a plugin the built-in config does not load (`eslint-disable … react/no-danger`):
 * ESLint reports the rule as missing, but the comment is there for the user's own ESLint setup.
 */
function isForeignRuleComment(message: Linter.LintMessage): boolean {
  return Boolean(message.ruleId) && !message.ruleId!.startsWith('otel/') && /^Definition for rule '.*' was not found/.test(message.message);
}

const ESLINT_ENV_MESSAGE = /^\/\* eslint-env \*\/ comments are no longer supported/;

/**
 * ESLint's flat config refuses a legacy `/* eslint-env node *\/` comment with a fatal message, which would fail a
 * clean file. It changes nothing in how our rules read the file: a warning naming the comment is enough.
 */
function softenEslintEnvComment(message: Linter.LintMessage, sourceLines: string[] | undefined): Linter.LintMessage {
  if (!message.fatal || message.ruleId !== null || !ESLINT_ENV_MESSAGE.test(message.message)) return message;
  const comment = /^\/\*\s*eslint-env\b[\s\S]*?\*\//.exec(sourceLines?.[message.line - 1]?.slice(message.column - 1) ?? '')?.[0] ?? '/* eslint-env */';
  const { fatal: _fatal, ...rest } = message;
  return { ...rest, severity: 1, message: `${comment} is ignored: ESLint no longer reads eslint-env comments (declare globals in languageOptions.globals of an ESLint config)` };
}

/** A target of `lint --fix`: what is shown, and the real file written (a symlink's target, so the link stays). */
interface LintTarget {
  filePath: string;
  realPath: string;
}

/** ESLint, the TypeScript parser and the recommended preset, loaded as peers; a message naming the missing peer when one is absent. */
export async function loadZeroConfigParts(preset?: Linter.Config): Promise<{ ESLint: typeof ESLint; tsParser: Linter.Parser; preset: Linter.Config }> {
  // The peers first: the rules load @typescript-eslint/utils, which needs eslint.
  const ESLintClass = (await importPeer('eslint', () => import('eslint'))).ESLint;
  const tsParser = (await importPeer('@typescript-eslint/parser', () => import('@typescript-eslint/parser'))).default as Linter.Parser;
  preset ??= (await import('../../rules/index.js')).default.configs.recommended as Linter.Config;
  return { ESLint: ESLintClass, tsParser, preset };
}

/**
 * Drops what a run says that is not a finding (ignored-file notes, and other plugins' rule comments under the
 * built-in config) and turns a legacy eslint-env comment's fatal message into a warning.
 */
export function dropNonFindings(results: ESLint.LintResult[], ownConfig: boolean, sourceLinesByPath?: ReadonlyMap<string, string[]>): void {
  for (const result of results) {
    result.messages = result.messages
      .filter((message) => !isIgnoredFileWarning(message) && (ownConfig || !isForeignRuleComment(message)))
      .map((message) => softenEslintEnvComment(message, sourceLinesByPath?.get(result.filePath) ?? result.source?.split(/\r\n|\r|\n/)));
    result.warningCount = result.messages.filter((message) => message.severity === 1).length;
    result.errorCount = result.messages.filter((message) => message.severity === 2).length;
    result.fatalErrorCount = result.messages.filter((message) => message.fatal).length;
  }
}

/** `otel-codemod lint [paths…]`: returns the exit code. */
export async function runLint(options: LintOptions, context: LintContext): Promise<number> {
  const { cwd, stdout, stderr } = context;
  let ESLintClass: typeof ESLint;
  let tsParser: Linter.Parser | undefined;
  let preset = context.preset;
  try {
    // A user's own config brings its own parsers and rules.
    if (options.config) ESLintClass = (await importPeer('eslint', () => import('eslint'))).ESLint;
    else ({ ESLint: ESLintClass, tsParser, preset } = await loadZeroConfigParts(preset));
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  let problems = 0;
  const fail = (path: string, reason: string) => {
    stderr.write(`failed   ${path}: ${reason}\n`);
    problems++;
  };
  let eslint: ESLint;
  let results: ESLint.LintResult[] = [];
  const sourceLinesByPath = new Map<string, string[]>();
  const targets = new Map<string, LintTarget>();

  if (options.config) {
    // ESLint would pass over a path outside its working folder in silence: a check that passes on nothing.
    const outside = options.paths.filter((path) => isOutside(cwd, resolve(cwd, path)));
    for (const path of outside) fail(path, 'outside the working folder: run otel-codemod from a folder that holds it');
    if (outside.length > 0) return EXIT_ERROR;
    eslint = new ESLintClass({ cwd, overrideConfigFile: resolve(cwd, options.config), fix: options.fix, errorOnUnmatchedPattern: false });
    try {
      results = await eslint.lintFiles(options.paths.length > 0 ? options.paths : ['.']);
    } catch (error) {
      stderr.write(`lint: ${(error as Error).message}\n`);
      return EXIT_ERROR;
    }
  } else {
    const discovery = discoverFiles({ cwd, paths: options.paths, ignore: options.ignore, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
    for (const problem of discovery.problems) fail(problem.displayPath, problem.reason);
    for (const warning of discovery.warnings) stderr.write(`warning: ${warning}\n`);
    eslint = new ESLintClass({ cwd, overrideConfigFile: true, overrideConfig: getZeroConfig(tsParser!, preset!), fix: options.fix, errorOnUnmatchedPattern: false });
    if (discovery.files.length === 0) {
      if (!options.quiet) stderr.write('No files to lint.\n');
      return problems > 0 ? EXIT_ERROR : EXIT_OK;
    }
    // Each file is read here, through the codemod runner's reader: one that cannot be read or is not UTF-8 is
    // reported and the others are linted (ESLint would stop the run, or decode with replacement characters and
    // write them back under --fix).
    for (const file of discovery.files) {
      const read = readSourceFile(file.realPath);
      if (!read.ok) {
        fail(file.displayPath, read.reason);
        continue;
      }
      const filePath = resolve(cwd, file.displayPath);
      try {
        results.push(...(await eslint.lintText(originalText(read.decoded), { filePath })));
      } catch (error) {
        fail(file.displayPath, `lint failed: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      sourceLinesByPath.set(filePath, read.decoded.text.split(/\r\n|\r|\n/));
      targets.set(filePath, { filePath, realPath: file.realPath });
    }
  }

  dropNonFindings(results, options.config !== undefined, sourceLinesByPath);
  if (options.fix) {
    for (const result of results) {
      if (result.output === undefined) continue;
      const reason = writeFix(result, targets.get(result.filePath), cwd);
      if (reason) fail(toDisplayPath(cwd, result.filePath), reason);
    }
  }

  const format = options.format ?? 'stylish';
  if (format === 'sarif') {
    const rulesMeta = eslint.getRulesMetaForResults(results) as Record<string, SarifRuleMeta | undefined>;
    stdout.write(formatSarif(results, rulesMeta, { name: packageInfo.name, version: packageInfo.version, informationUri: REPOSITORY_URL }, cwd));
  } else {
    const formatter = await eslint.loadFormatter(format);
    const text = await formatter.format(results, { color: Boolean(stdout.isTTY) && !process.env.NO_COLOR });
    if (text) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  const fatal = results.some((result) => result.messages.some((message) => message.fatal));
  // Findings are rule reports; a note about the file itself (the eslint-env warning) fails nothing.
  const findings = results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId).length, 0);
  if (problems > 0 || fatal) return EXIT_ERROR;
  return findings > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function isOutside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel);
}

function toDisplayPath(cwd: string, path: string): string {
  return isOutside(cwd, path) ? path : relative(cwd, path).split(sep).join('/');
}

/**
 * Writes ESLint's fixed text to the real file (a symlink's target inside the working folder: the link is kept) and
 * returns why it did not, if it did not. A file that is not UTF-8 or is read-only is left alone.
 */
function writeFix(result: ESLint.LintResult, target: LintTarget | undefined, cwd: string): string | undefined {
  let realPath = target?.realPath;
  if (!realPath) {
    // --config: ESLint found and read the file itself; hold it to the same rules before writing.
    try {
      realPath = realpathSync(result.filePath);
    } catch (error) {
      return `cannot write the fix: ${(error as Error).message}`;
    }
    if (isOutside(realpathSync(cwd), realPath)) return `not fixed: symlink points outside . (to ${realPath})`;
    const read = readSourceFile(realPath);
    if (!read.ok) return `not fixed: ${read.reason}`;
  }
  const refusal = getReadOnlyRefusal(realPath);
  if (refusal) return `not fixed: ${refusal.reason}`;
  try {
    writeFileAtomic(realPath, result.output!);
  } catch (error) {
    return `cannot write the fix: ${(error as Error).message}`;
  }
  return undefined;
}
