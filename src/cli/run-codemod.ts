import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { ts } from 'ts-morph';
import type { TransformOptions } from '../transform/types.js';
import { discoverFiles, DEFAULT_MAX_FILE_SIZE, type Discovery } from './discover.js';
import { createRepositoryFinder } from './git.js';
import { writeFileAtomic } from './atomic-write.js';
import { createWriteGuard, type RefusalKind } from './write-guard.js';
import { getDefaultJobs } from './default-jobs.js';
import { createPackageNameFinder } from './package-name.js';
import { createHelperTally } from './helper-suggestion.js';
import { processFile, screenFile, type FileResult, type FileTask } from './process-file.js';
import type { RegistrySource, TransformRegistry } from './registry.js';
import { createPrettierFormatter } from './prettier-format.js';
import { createUnifiedDiff } from './unified-diff.js';
import type { CliIO } from './output.js';
import { formatSummary, type RunSummary } from './summary.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.js';

export interface CodemodRunOptions {
  transforms: string[];
  paths: string[];
  dry?: boolean;
  print?: boolean;
  diff?: boolean;
  check?: boolean;
  force?: boolean;
  jobs?: number;
  tsconfig?: string;
  ignore?: string[];
  tracerName?: string;
  json?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
  /** Format changed files with the project's Prettier when it has a Prettier config (default true; `--no-prettier`). */
  prettier?: boolean;
  /** Transform-specific options passed through to every transform (`producerSpans`, `link`, `helper`). */
  transformOptions?: Record<string, unknown>;
}

export interface CodemodRunContext extends CliIO {
  registry: TransformRegistry;
  /** How worker threads load the same registry; without it the run stays on the main thread. */
  registrySource?: RegistrySource;
}

export { EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK };

// Starting a worker (and ts-morph in it) costs more than running a few files: files to parse per worker with --jobs.
const MIN_FILES_PER_WORKER = 8;
// Without --jobs, another worker pays for its start-up (loading ts-morph, indexing the project's routes again) only
// when it takes a few hundred files off the first one.
const MIN_FILES_PER_DEFAULT_WORKER = 250;
const PROGRESS_MIN_FILES = 20;

/** Files a TypeScript project includes, from its tsconfig (used when no paths are given with --tsconfig). */
function getTsconfigFiles(tsconfigPath: string): string[] {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfigPath), undefined, tsconfigPath);
  return parsed.fileNames;
}

function getWorkerUrl(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  // Running from the TypeScript sources (tests) there is no compiled worker: the run stays on the main thread.
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

// Our modules declare themselves ESM and our dependencies are CommonJS by their package.json, so a worker does not need
// Node to guess a module's format by compiling it (which costs about a quarter of a worker's start-up in ts-morph's
// and TypeScript's large files). A team's own transforms module is loaded as Node would load it anywhere.
const NO_FORMAT_DETECTION = '--no-experimental-detect-module';

/** A worker thread that loads the transforms; it starts loading at once and waits for files. */
function startWorker(workerUrl: URL, source: RegistrySource): Worker {
  const skipDetection = !source.extraModule && process.allowedNodeEnvironmentFlags.has(NO_FORMAT_DETECTION);
  const worker = new Worker(workerUrl, { workerData: source, ...(skipDetection ? { execArgv: [...process.execArgv, NO_FORMAT_DETECTION] } : {}) });
  // runOnWorkers reports a worker's errors against its file; one that is ended unused must not throw.
  worker.on('error', () => {});
  return worker;
}

/**
 * Runs the tasks on the given worker threads, calling `onResult` in completion order, and ends the workers. Even one
 * job runs on a worker: the main thread stays free to hear a second Ctrl-C at once, however long a file takes.
 */
async function runOnWorkers(
  tasks: FileTask[],
  workers: Worker[],
  signal: AbortSignal | undefined,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  let next = 0;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((done) => {
          let inFlight: number | undefined;
          const feed = () => {
            if (signal?.aborted || next >= tasks.length) {
              inFlight = undefined;
              done();
              return;
            }
            inFlight = next++;
            worker.postMessage({ index: inFlight, task: tasks[inFlight] });
          };
          worker.on('message', (message: { index: number; result: FileResult }) => {
            onResult(message.index, message.result);
            feed();
          });
          worker.on('error', (error) => {
            if (inFlight !== undefined) {
              const task = tasks[inFlight]!;
              onResult(inFlight, { displayPath: task.displayPath, realPath: task.realPath, status: 'failed', parsed: true, parses: 0, reason: `worker failed: ${error.message}`, notes: [], extraFiles: [] });
            }
            inFlight = undefined;
            done();
          });
          feed();
        }),
    ),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));
}

function emptySummary(transforms: string[], mode: RunSummary['mode']): RunSummary {
  return { transforms, mode, workers: 0, found: 0, parsed: 0, parses: 0, changed: 0, unchanged: 0, notParsed: 0, skipped: {}, skippedFolders: {}, failed: 0, notReached: 0, elapsedMs: 0, interrupted: false, files: [] };
}

/** `Map.groupBy`, which Node 20 lacks. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const REFUSAL_HEADINGS: Record<RefusalKind, { heading: string; hint: string }> = {
  uncommitted: { heading: 'with uncommitted changes', hint: 'commit or stash them, or pass --force' },
  'read-only': { heading: 'that are read-only', hint: 'make them writable, or pass --force' },
  'unreadable repository': { heading: 'in a git repository whose state cannot be read', hint: 'fix what git reports, or pass --force' },
};

function getMode(options: CodemodRunOptions): RunSummary['mode'] {
  if (options.check) return 'check';
  if (options.dry || options.diff || options.print) return 'dry';
  return 'write';
}

/** `otel-codemod <transform>[,<transform>…] [paths…]`: returns the exit code; never exits the process. */
export async function runCodemod(options: CodemodRunOptions, context: CodemodRunContext): Promise<number> {
  const started = performance.now();
  const { stdout, stderr, cwd, registry } = context;
  const mode = getMode(options);
  const summary = emptySummary(options.transforms, mode);
  const people = (text: string) => {
    if (!options.quiet && !options.json) stderr.write(text);
  };

  const valid = Object.keys(registry).sort();
  const unknown = options.transforms.filter((name) => !Object.hasOwn(registry, name));
  if (options.transforms.length === 0 || unknown.length > 0) {
    stderr.write(`Unknown transform: ${unknown.join(', ') || '(none given)'}\nValid transforms: ${valid.length > 0 ? valid.join(', ') : '(none registered)'}\n`);
    return EXIT_ERROR;
  }

  let paths = options.paths;
  let tsconfig: string | undefined;
  if (options.tsconfig) {
    tsconfig = resolve(cwd, options.tsconfig);
    if (!existsSync(tsconfig)) {
      stderr.write(`--tsconfig: ${options.tsconfig} does not exist\n`);
      return EXIT_ERROR;
    }
    if (paths.length === 0) {
      try {
        paths = getTsconfigFiles(tsconfig);
      } catch (error) {
        stderr.write(`--tsconfig: cannot read ${options.tsconfig}: ${(error as Error).message}\n`);
        return EXIT_ERROR;
      }
      // An empty project must not widen the run to the whole folder (the default when no paths are given).
      if (paths.length === 0) {
        stderr.write(`--tsconfig: ${options.tsconfig} includes no files (check its "include", "files" and "exclude"); nothing to do\n`);
        return EXIT_ERROR;
      }
    }
  }

  const findRepository = createRepositoryFinder();
  const discovery: Discovery = discoverFiles({ cwd, paths, ignore: options.ignore, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, findRepository });
  summary.skipped = { ...discovery.skipped };
  summary.skippedFolders = { ...discovery.skippedFolders };
  for (const warning of discovery.warnings) people(`warning: ${warning}\n`);
  for (const problem of discovery.problems) {
    summary.files.push({ path: problem.displayPath, status: 'failed', reason: problem.reason, notes: [] });
    people(`failed   ${problem.displayPath}: ${problem.reason}\n`);
  }
  summary.failed = discovery.problems.length;

  const findTracerName = createPackageNameFinder(basename(cwd));
  const tasks: FileTask[] = discovery.files.map((file) => {
    const transformOptions: TransformOptions = {
      ...options.transformOptions,
      // A path option is made absolute here: transforms run on worker threads, whose working folder is the process's.
      ...(typeof options.transformOptions?.helper === 'string' ? { helper: resolve(cwd, options.transformOptions.helper) } : {}),
      ...(tsconfig ? { tsconfig } : {}),
      tracerName: options.tracerName ?? findTracerName(dirname(file.realPath)),
    };
    return { displayPath: file.displayPath, realPath: file.realPath, transformNames: options.transforms, options: transformOptions };
  });
  // Files only: a folder left out whole is counted apart, so that found = changed + unchanged + skipped + failed.
  summary.found = tasks.length + discovery.problems.length + Object.values(discovery.skipped).reduce((sum, count) => sum + count, 0);

  const writing = mode === 'write';
  const getRefusal = writing && !options.force ? createWriteGuard(findRepository) : () => undefined;
  const refused: Array<{ path: string; kind: RefusalKind; reason: string }> = [];
  const extraFilesDone = new Map<string, string>();
  // Without --helper, the same helper written into several files is worth a hint in the summary.
  const helperTally = options.transformOptions?.helper === undefined ? createHelperTally() : undefined;
  const color = Boolean(stdout.isTTY) && !process.env.NO_COLOR;
  const later: string[] = [];

  const bar =
    stderr.isTTY && !options.quiet && !options.json && tasks.length >= PROGRESS_MIN_FILES
      ? new cliProgress.SingleBar(
          { stream: stderr as unknown as NodeJS.WritableStream, format: 'otel-codemod [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  const say = (text: string) => (bar ? later.push(text) : people(text));

  /**
   * Shows, prints or writes the changes of one file: the file itself and the extra files its transforms asked for.
   * They are written together or not at all (a helper module without the import is as wrong as the reverse):
   * when one of them has uncommitted changes, none is written. Extra files go first, so an import never dangles.
   */
  const applyChanges = (changes: Array<{ displayPath: string; realPath: string; before: string | undefined; after: string }>, entry: RunSummary['files'][number]) => {
    for (const change of changes) {
      if (options.diff) {
        const diff = createUnifiedDiff(change.displayPath, change.before, change.after, { color: color && !options.json });
        if (options.json) entry.diff = (entry.diff ?? '') + diff;
        else stdout.write(diff);
      }
      if (options.print && !options.json) stdout.write(change.after);
    }
    if (!writing) return;
    const refusals = changes.flatMap((change) => {
      const refusal = getRefusal(change.realPath);
      return refusal ? [{ path: change.displayPath, ...refusal }] : [];
    });
    if (refusals.length > 0) {
      refused.push(...refusals);
      entry.status = 'failed';
      const byReason = groupBy(refusals, (refusal) => refusal.reason);
      // The file's own refusal is said plainly; an extra file it needs is named.
      const where = (list: typeof refusals) => (list.length === 1 && list[0]!.path === entry.path ? '' : ` in ${list.map((refusal) => refusal.path).join(', ')}`);
      entry.reason = [...byReason].map(([reason, list]) => `${reason}${where(list)} (${REFUSAL_HEADINGS[list[0]!.kind].hint})`).join('; ');
      return;
    }
    for (const change of [...changes.slice(1), changes[0]!]) {
      try {
        writeFileAtomic(change.realPath, change.after);
      } catch (error) {
        entry.status = 'failed';
        entry.reason = `cannot write ${change.displayPath}: ${(error as Error).message}`;
        return;
      }
    }
  };

  const handle = (result: FileResult) => {
    bar?.increment();
    const entry: RunSummary['files'][number] = { path: result.displayPath, status: result.status, notes: result.notes };
    if (result.reason) entry.reason = result.reason;
    if (result.parsed) summary.parsed++;
    summary.parses += result.parses;
    if (result.status === 'changed') {
      const changes = [{ displayPath: result.displayPath, realPath: result.realPath, before: result.before, after: result.after! }];
      for (const extra of result.extraFiles) {
        // Several files often ask for the same helper module: it is shown and written once.
        const existing = extraFilesDone.get(extra.path) ?? (existsSync(extra.path) ? readFileSync(extra.path, 'utf8') : undefined);
        if (existing !== extra.source) changes.push({ displayPath: relative(cwd, extra.path).split(sep).join('/'), realPath: extra.path, before: existing, after: extra.source });
      }
      applyChanges(changes, entry);
      if (entry.status === 'changed') for (const change of changes.slice(1)) extraFilesDone.set(change.realPath, change.after);
    }
    if (result.status === 'skipped') summary.skipped[result.reason as keyof RunSummary['skipped']] = (summary.skipped[result.reason as keyof RunSummary['skipped']] ?? 0) + 1;
    else if (entry.status === 'failed') summary.failed++;
    else if (entry.status === 'changed') {
      summary.changed++;
      helperTally?.add(result.before, result.after!);
    }
    else {
      summary.unchanged++;
      if (!result.parsed) summary.notParsed++;
    }
    if (entry.status === 'failed') say(`failed   ${entry.path}: ${entry.reason}\n`);
    else if (entry.status === 'changed') say(`${mode === 'write' ? 'changed' : 'would change'} ${entry.path}\n`);
    for (const note of result.notes) say(`  ${entry.path}:${note.line} ${note.kind} (${note.transform}): ${note.message}\n`);
    if (entry.status !== 'unchanged' && entry.status !== 'skipped') summary.files.push(entry);
    else if (result.notes.length > 0) summary.files.push(entry);
  };

  // Results are handled in file order whatever order the workers finish in, so diffs and messages are stable.
  const pending = new Map<number, FileResult>();
  let nextToHandle = 0;
  const accept = (index: number, result: FileResult) => {
    pending.set(index, result);
    while (pending.has(nextToHandle)) {
      handle(pending.get(nextToHandle)!);
      pending.delete(nextToHandle);
      nextToHandle++;
    }
  };

  // Changed files go through the project's Prettier before they are shown or written (see prettier-format.ts).
  const formatting: Array<Promise<void>> = [];
  const format = options.prettier === false ? undefined : createPrettierFormatter();
  const receive = (index: number, result: FileResult) => {
    if (!format || result.status !== 'changed') accept(index, result);
    else formatting.push(format(result).then((formatted) => accept(index, formatted)));
  };

  bar?.start(tasks.length, 0);
  // Most files hold nothing for the transforms, and their text says so: they are settled here without a parse, and
  // only the others go to workers. The first worker loads the transforms while the files are screened; more are
  // started when there are enough files for them (starting a worker costs more than a few files).
  const workerUrl = context.registrySource ? getWorkerUrl() : undefined;
  const workers = workerUrl && tasks.length > 0 ? [startWorker(workerUrl, context.registrySource!)] : [];
  const candidates: number[] = [];
  for (let index = 0; index < tasks.length && !context.signal?.aborted; index++) {
    const screened = screenFile(tasks[index]!, registry);
    if (screened) accept(index, screened);
    else candidates.push(index);
  }
  const jobs = Math.max(1, options.jobs ?? getDefaultJobs());
  const perWorker = options.jobs === undefined ? MIN_FILES_PER_DEFAULT_WORKER : MIN_FILES_PER_WORKER;
  const workerCount = Math.min(jobs, Math.max(1, Math.floor(candidates.length / perWorker)));
  if (workers.length > 0 && candidates.length > 0) {
    while (workers.length < workerCount) workers.push(startWorker(workerUrl!, context.registrySource!));
    summary.workers = workers.length;
    const candidateTasks = candidates.map((index) => tasks[index]!);
    await runOnWorkers(candidateTasks, workers, context.signal, (position, result) => receive(candidates[position]!, result));
  } else {
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const index of candidates) {
      if (context.signal?.aborted) break;
      receive(index, processFile(tasks[index]!, registry));
      // Let a Ctrl-C be noticed between files.
      await new Promise((next) => setImmediate(next));
    }
  }
  await Promise.all(formatting);
  bar?.stop();
  for (const text of later) people(text);

  summary.interrupted = Boolean(context.signal?.aborted) && nextToHandle < tasks.length;
  summary.notReached = tasks.length - nextToHandle;
  summary.elapsedMs = Math.round(performance.now() - started);
  const repeatedHelpers = helperTally?.getRepeated() ?? {};
  if (Object.keys(repeatedHelpers).length > 0) summary.repeatedHelpers = repeatedHelpers;
  if (refused.length > 0 && !options.json) {
    for (const [kind, list] of groupBy(refused, (refusal) => refusal.kind)) {
      const { heading, hint } = REFUSAL_HEADINGS[kind];
      const lines = list.map((refusal) => (kind === 'uncommitted' && refusal.reason === 'uncommitted changes') || kind === 'read-only' ? `  ${refusal.path}\n` : `  ${refusal.path}: ${refusal.reason}\n`);
      stderr.write(`Refused to write ${list.length} file(s) ${heading} (${hint}):\n${lines.join('')}`);
    }
  }
  if (options.json) stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!options.quiet) stderr.write(formatSummary(summary));
  else if (summary.failed > 0) stderr.write(summary.files.filter((file) => file.status === 'failed').map((file) => `failed ${file.path}: ${file.reason}\n`).join(''));

  if (summary.interrupted) return EXIT_INTERRUPTED;
  if (summary.failed > 0) return EXIT_ERROR;
  if (mode === 'check' && summary.changed > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}
