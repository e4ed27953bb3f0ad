import type { CodemodRunOptions } from './run-codemod.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Linter } from 'eslint';
import { packageInfo } from '../package-info.js';
import { DEFAULT_MAX_FILE_SIZE } from './discover.js';
import { formatList } from './list.js';
import type { CliIO } from './output.js';
import { loadRegistry, TRANSFORMS_MODULE_ENV, type RegistrySource, type TransformRegistry } from './registry.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';

// ESLint, the parsers and ts-morph load only for the command that needs them: --help and list stay quick.
type LintFormat = 'stylish' | 'json' | 'sarif';
const LINT_FORMATS: readonly LintFormat[] = ['stylish', 'json', 'sarif'];

export interface CliContext extends CliIO {
  /** The transforms to offer; loaded from codemods/ (and OTEL_CODEMOD_TRANSFORMS_MODULE) when not given. */
  registry?: TransformRegistry;
  /** The lint preset; the plugin's recommended config when not given. */
  lintPreset?: Linter.Config;
  env?: NodeJS.ProcessEnv;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return number;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2 };

/** `500000`, `512k`, `2MiB` … in bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new InvalidArgumentError('expected a size such as 500000, 512k or 2MiB');
  return Math.floor(Number(match[1]) * unit);
}

/** What commander parses for a codemod run: the run's own options plus the transform options it passes through. */
type CodemodCliOptions = Omit<CodemodRunOptions, 'transforms' | 'paths' | 'transformOptions' | 'maxFileSize'> & {
  maxFileSize: number;
  producerSpans?: boolean;
  link?: boolean;
  helper?: string;
  lambdaExportNames?: string[];
};

/** `--lambda-export-names main,process`: comma-separated names; the flag may be given more than once. */
function parseNameList(value: string, previous: string[] | undefined): string[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0 || names.some((name) => !/^[A-Za-z_$][\w$]*$/.test(name))) throw new InvalidArgumentError('expected JavaScript export names');
  return [...(previous ?? []), ...names];
}

function parseScore(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) throw new InvalidArgumentError('expected a score from 0 to 100');
  return number;
}

type ReportFormatOption = 'text' | 'json' | 'html';
const REPORT_FORMATS: readonly ReportFormatOption[] = ['text', 'json', 'html'];

interface ReportCliOptionsParsed {
  format: ReportFormatOption;
  out?: string;
  failUnder?: number;
  ignore?: string[];
  maxFileSize: number;
}

interface LintCliOptions {
  config?: string;
  format: LintFormat;
  fix?: boolean;
  ignore?: string[];
  maxFileSize: number;
  quiet?: boolean;
}

/** Parses the arguments (without `node` and the script) and runs the command; resolves to the exit code. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const { stdout, stderr } = context;
  const env = context.env ?? process.env;
  const registrySource: RegistrySource = { extraModule: env[TRANSFORMS_MODULE_ENV] || undefined };
  let registry = context.registry;
  const getRegistry = async () => (registry ??= await loadRegistry(registrySource));
  let exitCode = EXIT_OK;

  const program = new Command('otel-codemod')
    .description('Find and fix OpenTelemetry instrumentation mistakes: lint with the otel rules, apply codemods, or map where traces break across services (report).')
    .version(packageInfo.version, '-v, --version')
    .usage('<transform>[,<transform>…] [paths…] [options]\n       otel-codemod lint [paths…] [options]\n       otel-codemod report [paths…] [options]\n       otel-codemod list')
    .argument('[transform]', 'transform(s) to apply, comma-separated (see `otel-codemod list`)')
    .argument('[paths...]', 'files and folders to transform (default: .)')
    .option('-d, --dry', 'write nothing; report what would change')
    .option('-p, --print', 'print the resulting source of each changed file to stdout (writes nothing)')
    .option('--diff', 'print a unified diff of each change to stdout (writes nothing)')
    .option('--check', 'write nothing; exit 1 when any file would change (for CI and pre-commit)')
    .option('-f, --force', 'write into files that have uncommitted git changes')
    .option('-j, --jobs <n>', 'parallel worker threads (default: one per CPU, as many as free memory holds at 300 MB each)', parsePositiveInteger)
    .option('--tsconfig <path>', 'TypeScript project: passed to the transforms; its files are used when no paths are given')
    .option('--ignore <glob...>', 'skip files and folders matching these globs (relative to the working folder)')
    .option('--tracer-name <name>', 'name for trace.getTracer(...) in files without a tracer (default: nearest package.json name)')
    .option('--json', 'print a machine-readable summary to stdout')
    .option('-q, --quiet', 'print only failures')
    .addOption(new Option('--max-file-size <size>', 'skip files larger than this (e.g. 512k, 2MiB)').argParser(parseSize).default(DEFAULT_MAX_FILE_SIZE, '1MiB'))
    .option('--no-prettier', "leave changed files unformatted (by default they are formatted with the project's Prettier when it has a Prettier config)")
    .addOption(new Option('--producer-spans', 'inject-propagation: start a PRODUCER span around each publish that has none'))
    .addOption(new Option('--link', 'inject-propagation: link consumer spans to the producer context instead of parenting them'))
    .addOption(new Option('--helper <path>', 'inject-propagation: module (path) to hold the propagation helpers, imported instead of writing them into each file'))
    .addOption(new Option('--lambda-export-names <names>', 'wrap-handlers: exported names that are Lambda handlers, comma-separated, instead of handler and lambdaHandler (repeatable)').argParser(parseNameList))
    // `lint --ignore …` and `lint --max-file-size …` belong to lint, not to the codemod options of the same names.
    .enablePositionalOptions()
    .showHelpAfterError('(run otel-codemod --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) })
    .action(async (transformArg: string | undefined, paths: string[], options: CodemodCliOptions) => {
      if (!transformArg) {
        stderr.write(program.helpInformation());
        exitCode = EXIT_ERROR;
        return;
      }
      const transformOptions: Record<string, unknown> = {};
      if (options.producerSpans) transformOptions.producerSpans = true;
      if (options.link) transformOptions.link = true;
      if (options.helper) transformOptions.helper = options.helper;
      if (options.lambdaExportNames) transformOptions.lambdaExportNames = options.lambdaExportNames;
      const { runCodemod } = await import('./run-codemod.js');
      exitCode = await runCodemod(
        {
          transforms: transformArg.split(',').map((name) => name.trim()).filter(Boolean),
          paths,
          dry: options.dry,
          print: options.print,
          diff: options.diff,
          check: options.check,
          force: options.force,
          jobs: options.jobs,
          tsconfig: options.tsconfig,
          ignore: options.ignore,
          tracerName: options.tracerName,
          json: options.json,
          quiet: options.quiet,
          maxFileSize: options.maxFileSize,
          prettier: options.prettier,
          transformOptions,
        },
        { ...context, registry: await getRegistry(), registrySource: context.registry ? undefined : registrySource },
      );
    });

  program
    .command('lint')
    .description('lint with the recommended otel rules; no ESLint config needed')
    .argument('[paths...]', 'files and folders to lint (default: .)')
    .option('-c, --config <file>', 'use this ESLint config file instead of the built-in one')
    .addOption(new Option('--format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
    .option('--fix', 'apply the rules\' automatic fixes')
    .option('--ignore <glob...>', 'skip files and folders matching these globs')
    .addOption(new Option('--max-file-size <size>', 'skip files larger than this').argParser(parseSize).default(DEFAULT_MAX_FILE_SIZE, '1MiB'))
    .option('-q, --quiet', 'print nothing but the report')
    .action(async (paths: string[], options: LintCliOptions) => {
      const { runLint } = await import('./lint.js');
      exitCode = await runLint({ paths, ...options }, { ...context, preset: context.lintPreset });
    });

  program
    .command('report')
    .description('map services, entry points and messaging flows: where the traces of a repository break (text, json, html)')
    .argument('[paths...]', 'folders to map; each package.json under them is a service (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .option('--fail-under <score>', 'exit 1 when the overall score (0–100) is below this', parseScore)
    .option('--ignore <glob...>', 'skip files and folders matching these globs')
    .addOption(new Option('--max-file-size <size>', 'skip files larger than this').argParser(parseSize).default(DEFAULT_MAX_FILE_SIZE, '1MiB'))
    .action(async (paths: string[], options: ReportCliOptionsParsed) => {
      const { runReport } = await import('./report.js');
      exitCode = await runReport({ paths, ...options }, { ...context, preset: context.lintPreset });
    });

  program
    .command('list')
    .description('list the transforms and the rules')
    .action(async () => {
      const { importPeer } = await import('./peer-dependencies.js');
      // The rules are built with @typescript-eslint/utils, which loads eslint: look for eslint first.
      await importPeer('eslint', () => import('eslint'), 'otel-codemod list');
      const { allRules } = await import('../../rules/all-rules.js');
      stdout.write(formatList(await getRegistry(), allRules));
    });

  program
    .command('demo')
    .description('lint the bundled demo service, show what the transforms would change (changing nothing in it) and write its report (HTML) to a temporary folder')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      exitCode = await runDemo({ ...context, registry: await getRegistry(), preset: context.lintPreset });
    });

  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return ok ? EXIT_OK : EXIT_ERROR;
    }
    stderr.write(`otel-codemod: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_ERROR;
  }
  return exitCode;
}
