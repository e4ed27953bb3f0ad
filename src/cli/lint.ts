import { resolve } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../package-info.js';
import { writeFileAtomic } from './atomic-write.js';
import { discoverFiles, DEFAULT_MAX_FILE_SIZE } from './discover.js';
import type { CliIO } from './output.js';
import { formatSarif, type SarifRuleMeta } from './sarif.js';
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

/** ESLint, the TypeScript parser and the recommended preset, loaded as peers; a message naming the missing peer when one is absent. */
export async function loadZeroConfigParts(preset?: Linter.Config): Promise<{ ESLint: typeof ESLint; tsParser: Linter.Parser; preset: Linter.Config }> {
  // The peers first: the rules load @typescript-eslint/utils, which needs eslint.
  const ESLintClass = (await importPeer('eslint', () => import('eslint'))).ESLint;
  const tsParser = (await importPeer('@typescript-eslint/parser', () => import('@typescript-eslint/parser'))).default as Linter.Parser;
  preset ??= (await import('../../rules/index.js')).default.configs.recommended as Linter.Config;
  return { ESLint: ESLintClass, tsParser, preset };
}

/** Drops what the built-in config's run says that is not a finding: ignored-file notes and other plugins' rule comments. */
export function dropNonFindings(results: ESLint.LintResult[], ownConfig: boolean): void {
  for (const result of results) {
    result.messages = result.messages.filter((message) => !isIgnoredFileWarning(message) && (ownConfig || !isForeignRuleComment(message)));
    result.warningCount = result.messages.filter((message) => message.severity === 1).length;
    result.errorCount = result.messages.filter((message) => message.severity === 2).length;
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
  let eslint: ESLint;
  let targets: string[];
  let problems = 0;
  if (options.config) {
    eslint = new ESLintClass({ cwd, overrideConfigFile: resolve(cwd, options.config), fix: options.fix, errorOnUnmatchedPattern: false });
    targets = options.paths.length > 0 ? options.paths : ['.'];
  } else {
    const discovery = discoverFiles({ cwd, paths: options.paths, ignore: options.ignore, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
    for (const problem of discovery.problems) stderr.write(`failed   ${problem.displayPath}: ${problem.reason}\n`);
    problems = discovery.problems.length;
    eslint = new ESLintClass({ cwd, overrideConfigFile: true, overrideConfig: getZeroConfig(tsParser!, preset!), fix: options.fix, errorOnUnmatchedPattern: false });
    targets = discovery.files.map((file) => resolve(cwd, file.displayPath));
    if (targets.length === 0) {
      if (!options.quiet) stderr.write('No files to lint.\n');
      return problems > 0 ? EXIT_ERROR : EXIT_OK;
    }
  }

  let results: ESLint.LintResult[];
  try {
    results = await eslint.lintFiles(targets);
  } catch (error) {
    stderr.write(`lint: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  dropNonFindings(results, options.config !== undefined);
  if (options.fix) {
    for (const result of results) if (result.output !== undefined) writeFileAtomic(result.filePath, result.output);
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
  const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  if (problems > 0 || fatal) return EXIT_ERROR;
  return findings > 0 ? EXIT_FINDINGS : EXIT_OK;
}
