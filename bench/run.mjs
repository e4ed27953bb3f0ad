// npm run bench: every figure is the median of several repetitions (min and max beside it), compared with a
// baseline measured in the same run on the same files, so the ratios hold on a noisy machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { listCorpusSources, listRelevantSources, materializeCorpus } from './corpus.mjs';
import { formatScaling, measureBothShapes } from './wrap-handlers-scaling.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reps = Number(process.env.BENCH_REPS ?? 5);
const cli = join(root, 'dist/src/cli/bin.js');
// Codemod corpora live outside any git repository (inside one, git's ignore list would hide them).
const work = mkdtempSync(join(os.tmpdir(), 'otel-codemod-bench-'));
// The ESLint timing corpus lives inside the repository (ignored by git), where ESLint's base path covers it.
const lintWork = join(root, 'bench/.corpus');
const lines = [];
/** BENCH_ONLY=lint,codemod,memory,precommit,workers,scaling runs a subset. */
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (section) => !only || only.includes(section);

function out(line = '') {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
}

function fmt(seconds) {
  return `${seconds.toFixed(2)} s`;
}

function row(label, samples) {
  const s = stats(samples);
  return `| ${label} | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} |`;
}

/** Wall time of a command, and its peak RSS in MiB through the max-rss preload when it is a node script. */
function timeCommand(args, { cwd = root, env = {} } = {}) {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(root, 'bench/max-rss.mjs'), ...args], {
    cwd,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, FORCE_COLOR: '0' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`command failed (${result.status}): node ${args.join(' ')}\n${result.stderr.slice(-2000)}`);
  }
  let rssMiB = NaN;
  try {
    rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    // The process died before its exit hook ran.
  }
  return { seconds, rssMiB, stdout: result.stdout, stderr: result.stderr };
}

function repeat(count, fn) {
  const samples = [];
  for (let index = 0; index < count; index++) samples.push(fn());
  return samples;
}

function header() {
  const cpus = os.cpus();
  out('# Benchmark results');
  out();
  out(`Run: ${new Date().toISOString()} · Node ${process.version} · ${os.platform()} ${os.arch()} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  out(`Repetitions per figure: ${reps} (median, with min and max). Command: \`npm run bench\` (set BENCH_REPS to change).`);
  out();
}

/** The four configurations the lint figure compares, each as the flat config array a user would write. */
function lintConfigurations(plugin) {
  // The same parser and language options on every side: TypeScript through typescript-eslint's parser, .mjs as
  // modules, other JavaScript as CommonJS.
  const languages = [
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    { files: ['**/*.{js,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  ];
  return {
    // The measure: what the plugin adds to a project that already lints with typescript-eslint's
    // recommended config. The parser-only pair beside it is the stricter figure (all of the plugin's cost over parsing alone).
    tseslint: [...languages, ...tseslint.configs.recommended],
    tseslintWithRules: [...languages, ...tseslint.configs.recommended, plugin.configs.recommended],
    baseline: languages,
    withRules: [...languages, plugin.configs.recommended],
  };
}

/**
 * Files per slice: small enough that a slow spell of a shared machine falls on both sides of a pair. No forced garbage
 * collection between slices: tried, it made both sides about 25% slower (compiled code thrown away and rebuilt), which
 * pulls the ratio towards 1.
 */
const LINT_SLICE_FILES = 200;

/**
 * One `lintFiles` call (in this process, no cache, no worker threads) over some corpus files. Returns the wall time
 * and this process's CPU time (user + system) spent in it: on a machine shared with other jobs the wall time also
 * measures the scheduler, the CPU time only this process's work.
 */
async function lintSlice(eslint, files) {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const results = await eslint.lintFiles(files);
  const cpu = process.cpuUsage(cpuStarted);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const unlinted = results.find((result) => result.messages.some((message) => message.ruleId === null && /no matching configuration|ignored/i.test(message.message)));
  if (unlinted) throw new Error(`not linted: ${unlinted.filePath}`);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/**
 * One repetition of a compared pair over the whole corpus, interleaved slice by slice (which side goes first
 * alternates from slice to slice): the machine's speed drifts over a pass of a minute, and a whole pass of one side
 * followed by a whole pass of the other put that drift into the ratio. Returns each side's totals.
 */
async function lintPairInterleaved(sides, pair, files, repetition) {
  const totals = Object.fromEntries(pair.map((name) => [name, { wall: 0, cpu: 0 }]));
  for (let start = 0, slice = 0; start < files.length; start += LINT_SLICE_FILES, slice++) {
    const chunk = files.slice(start, start + LINT_SLICE_FILES);
    for (const name of (slice + repetition) % 2 === 0 ? pair : [...pair].reverse()) {
      const sample = await lintSlice(sides[name].eslint, chunk);
      totals[name].wall += sample.wall;
      totals[name].cpu += sample.cpu;
    }
  }
  return totals;
}

function ratioRow(label, ratios) {
  const s = stats(ratios);
  return `| ${label} | ${s.median.toFixed(3)}× | ${s.min.toFixed(3)}× | ${s.max.toFixed(3)}× |`;
}

async function lintOverhead() {
  const { default: plugin } = await import('../dist/rules/index.js');
  // A plain folder inside the repository (ignored by git), where ESLint's base path covers it and nothing is
  // skipped as node_modules or build output.
  const corpusDir = lintWork;
  const files = materializeCorpus(root, corpusDir, listCorpusSources(root).length);
  const configs = lintConfigurations(plugin);
  const eslintFor = (config) => new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false, concurrency: 'off', warnIgnored: true });
  const sides = Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, { eslint: eslintFor(config), samples: [] }]));
  await lintSlice(sides.tseslintWithRules.eslint, files); // warm-up: parser and rule modules loaded once before measuring any side
  const pairs = [
    ['tseslint', 'tseslintWithRules'],
    ['baseline', 'withRules'],
  ];
  for (let index = 0; index < reps; index++) {
    for (const pair of pairs) {
      const totals = await lintPairInterleaved(sides, pair, files, index);
      for (const name of pair) sides[name].samples.push(totals[name]);
    }
  }
  const wall = (name) => sides[name].samples.map((sample) => sample.wall);
  const cpu = (name) => sides[name].samples.map((sample) => sample.cpu);
  const ratioOfMedians = (over, under, pick) => stats(pick(over)).median / stats(pick(under)).median;
  // The ratio within each repetition (two passes measured back to back), whose spread says how far to trust the median.
  const pairedRatios = (over, under, pick) => pick(over).map((value, index) => value / pick(under)[index]);
  out('## 1. Lint overhead');
  out();
  out(`${files.length} files (installed package sources and the project's fixtures), linted in one process with ESLint's \`lintFiles\` (no cache, no worker threads), the two sides of each pair interleaved in slices of ${LINT_SLICE_FILES} files.`);
  out();
  out('| configuration | median | min | max |');
  out('| --- | --- | --- | --- |');
  out(row('typescript-eslint `recommended` (baseline)', wall('tseslint')));
  out(row('typescript-eslint `recommended` + `configs.recommended`', wall('tseslintWithRules')));
  out(row('same parser, no rules (parser-only baseline)', wall('baseline')));
  out(row('same parser, `configs.recommended` only', wall('withRules')));
  out(row('typescript-eslint `recommended` (baseline), CPU time', cpu('tseslint')));
  out(row('typescript-eslint `recommended` + `configs.recommended`, CPU time', cpu('tseslintWithRules')));
  out(row('same parser, no rules, CPU time', cpu('baseline')));
  out(row('same parser, `configs.recommended` only, CPU time', cpu('withRules')));
  out();
  out('Ratio within each repetition (the two sides interleaved slice by slice):');
  out();
  out('| ratio | median | min | max |');
  out('| --- | --- | --- | --- |');
  out(ratioRow('on top of typescript-eslint, CPU time', pairedRatios('tseslintWithRules', 'tseslint', cpu)));
  out(ratioRow('on top of typescript-eslint, wall time', pairedRatios('tseslintWithRules', 'tseslint', wall)));
  out(ratioRow('over the parser alone, CPU time', pairedRatios('withRules', 'baseline', cpu)));
  out(ratioRow('over the parser alone, wall time', pairedRatios('withRules', 'baseline', wall)));
  out();
  out(`**Overhead on top of typescript-eslint's recommended config: ${ratioOfMedians('tseslintWithRules', 'tseslint', cpu).toFixed(3)}×** CPU time, **${ratioOfMedians('tseslintWithRules', 'tseslint', wall).toFixed(3)}×** wall time (ratio of the medians; target ≤ 1.10×).`);
  out(`Over the parser alone (no rules at all): ${ratioOfMedians('withRules', 'baseline', cpu).toFixed(3)}× CPU time, ${ratioOfMedians('withRules', 'baseline', wall).toFixed(3)}× wall time · load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  out();
  const timing = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', join(root, 'bench/eslint.bench.config.mjs'), '--no-warn-ignored', '-f', 'json', corpusDir], {
    cwd: root,
    env: { ...process.env, TIMING: 'all' },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  // ESLint prints the timing table after the formatter's output; the JSON report is one line.
  const table = timing.stdout.split('\n').filter((line) => line.includes('|') && !line.startsWith('[')).slice(0, 20);
  out('Per-rule timing (`TIMING=all eslint -c bench/eslint.bench.config.mjs` over the same files):');
  out();
  out('```');
  for (const line of table) out(line);
  out('```');
  out();
}

/**
 * The summary `otel-codemod --json` prints: how many files it found and really parsed. The command runs from the
 * corpus folder, as a user runs it from their project (paths outside the working folder are refused).
 */
function runCodemodJson(dir, bin = cli) {
  const run = timeCommand([bin, 'wrap-handlers,inject-propagation', '--dry', '--json', '.'], { cwd: dir });
  return { ...run, summary: JSON.parse(run.stdout) };
}

/** BENCH_BASELINE_CLI=<another build's dist/src/cli/bin.js> adds its time to the throughput tables, measured in the same run. */
const baselineCli = process.env.BENCH_BASELINE_CLI;
const baselineLabel = process.env.BENCH_BASELINE_LABEL ?? 'baseline build';

function codemodThroughputOn(label, corpusDir, fileCount) {
  const floor = [];
  const ours = [];
  const jscodeshift = [];
  const baseline = [];
  let summary;
  let baselineSummary;
  for (let index = 0; index < reps; index++) {
    floor.push(timeCommand([join(root, 'bench/parse-floor.mjs'), corpusDir]).seconds);
    const run = runCodemodJson(corpusDir);
    ours.push(run.seconds);
    summary = run.summary;
    if (baselineCli) {
      const before = runCodemodJson(corpusDir, baselineCli);
      baseline.push(before.seconds);
      baselineSummary = before.summary;
    }
    jscodeshift.push(
      timeCommand([join(root, 'node_modules/jscodeshift/bin/jscodeshift.js'), '-t', join(root, 'bench/noop-transform.cjs'), '--parser=tsx', '--dry', '--silent', '--extensions=ts,tsx,js,jsx,mjs,cjs,mts,cts', corpusDir]).seconds,
    );
  }
  const floorRatio = stats(ours).median / stats(floor).median;
  const jscodeshiftRatio = stats(ours).median / stats(jscodeshift).median;
  out(`### ${label}`);
  out();
  if (summary.found !== fileCount) throw new Error(`otel-codemod found ${summary.found} of the ${fileCount} corpus files`);
  const parses = summary.parses === undefined ? '' : ` (${summary.parses} parses in all: one per file, one more for each transform that changed it or needed symbols)`;
  out(`${fileCount} files; otel-codemod parsed ${summary.parsed} of them${parses} (the text pre-filter skips the rest unparsed), on ${summary.workers} worker thread(s), and would change ${summary.changed}. Each command is a fresh Node process, start-up included on every side.`);
  if (baselineSummary) out(`${baselineLabel}: parsed ${baselineSummary.parsed} files on ${baselineSummary.workers} worker thread(s), would change ${baselineSummary.changed}.`);
  out();
  out('| command | median | min | max |');
  out('| --- | --- | --- | --- |');
  out(row('TypeScript `createSourceFile` on every file (floor)', floor));
  out(row('jscodeshift no-op transform, `--parser=tsx`', jscodeshift));
  if (baselineCli) out(row(`\`otel-codemod wrap-handlers,inject-propagation --dry\`, ${baselineLabel}`, baseline));
  out(row('`otel-codemod wrap-handlers,inject-propagation --dry`', ours));
  out();
  out(`**${floorRatio.toFixed(2)}× the floor** (target ≤ 2×) · **${jscodeshiftRatio.toFixed(2)}× the jscodeshift no-op** (target < 1×)`);
  if (baselineCli) {
    const before = stats(baseline).median;
    out(`${baselineLabel}: ${(before / stats(floor).median).toFixed(2)}× the floor · ${(before / stats(jscodeshift).median).toFixed(2)}× the jscodeshift no-op`);
  }
  out();
  return { floorRatio, jscodeshiftRatio };
}

function codemodThroughput(corpusDir, fileCount) {
  out('## 2. Codemod throughput');
  out();
  const mixed = codemodThroughputOn('Real sources (most have nothing to change)', corpusDir, fileCount);
  const relevantDir = join(work, 'relevant');
  const relevant = materializeCorpus(root, relevantDir, 3000, listRelevantSources(root));
  const dense = codemodThroughputOn('Only files with work in them (fixtures and sample services, repeated)', relevantDir, relevant.length);
  rmSync(relevantDir, { recursive: true, force: true });
  return { mixed, dense };
}

function memoryAndGrowth() {
  out('## 3. Memory and growth');
  out();
  out('| files | median time | time per 1,000 files | peak RSS (max over runs) |');
  out('| --- | --- | --- | --- |');
  const results = [];
  for (const count of [1000, 5000, 10000]) {
    const dir = join(work, `scale-${count}`);
    materializeCorpus(root, dir, count);
    const runs = repeat(Math.max(1, Math.min(reps, 3)), () => timeCommand([cli, 'wrap-handlers,inject-propagation', '--dry', '--quiet', '.'], { cwd: dir }));
    const time = stats(runs.map((run) => run.seconds)).median;
    const rss = Math.max(...runs.map((run) => run.rssMiB));
    results.push({ count, time, rss });
    out(`| ${count} | ${fmt(time)} | ${fmt((time / count) * 1000)} | ${rss.toFixed(0)} MiB |`);
    rmSync(dir, { recursive: true, force: true });
  }
  const perFile = results.map((result) => result.time / result.count);
  const growth = perFile.at(-1) / perFile[0];
  out();
  out(`Time per file at 10,000 files is **${growth.toFixed(2)}×** the time per file at 1,000 (1.0 = linear). Peak RSS at 10,000 files: **${results.at(-1).rss.toFixed(0)} MiB** (target ≤ 1024 MiB).`);
  out();
  return { growth, rss: results.at(-1).rss };
}

function precommitLatency() {
  const demoFiles = listCorpusSources(root).filter((file) => file.includes(join('fixtures', 'demo'))).slice(0, 5);
  const files = demoFiles.length === 5 ? demoFiles : listCorpusSources(root).filter((file) => file.includes('fixtures')).slice(0, 5);
  const ours = [];
  const eslint = [];
  for (let index = 0; index < reps; index++) {
    ours.push(timeCommand([cli, 'lint', ...files]).seconds);
    eslint.push(timeCommand([join(root, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', join(root, 'bench/eslint.bench.config.mjs'), ...files]).seconds);
  }
  const ratio = stats(ours).median / stats(eslint).median;
  out('## 4. Pre-commit latency');
  out();
  out(`A cold run on 5 files (${files.map((file) => file.slice(root.length)).join(', ')}).`);
  out();
  out('| command | median | min | max |');
  out('| --- | --- | --- | --- |');
  out(row('`eslint` with the plugin configured (baseline)', eslint));
  out(row('`otel-codemod lint`', ours));
  out();
  out(`**${ratio.toFixed(2)}×** (target ≤ 1.2×)`);
  out();
  return { ratio };
}

function workers(corpusDir) {
  const one = [];
  const two = [];
  for (let index = 0; index < reps; index++) {
    one.push(timeCommand([cli, 'wrap-handlers,inject-propagation', '--dry', '--quiet', '--jobs', '1', '.'], { cwd: corpusDir }).seconds);
    two.push(timeCommand([cli, 'wrap-handlers,inject-propagation', '--dry', '--quiet', '--jobs', '2', '.'], { cwd: corpusDir }).seconds);
  }
  out('## 5. Workers');
  out();
  out('| command | median | min | max |');
  out('| --- | --- | --- | --- |');
  out(row('`--jobs 1`', one));
  out(row('`--jobs 2`', two));
  out();
  out(`**Speed-up with 2 workers: ${(stats(one).median / stats(two).median).toFixed(2)}×** (this machine has ${os.cpus().length} cores)`);
  out();
}

async function fileSizeScaling() {
  const scalingReps = Math.max(1, Math.min(reps, 3));
  const runs = await measureBothShapes({ counts: [10, 100, 1000], reps: scalingReps });
  for (const line of formatScaling(runs, scalingReps, '## 6. Codemod cost and file size')) out(line);
}

async function main() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  header();
  if (wanted('lint')) await lintOverhead();
  const corpusDir = join(work, 'corpus');
  const copied = materializeCorpus(root, corpusDir, Math.max(3000, listCorpusSources(root).length));
  if (wanted('codemod')) codemodThroughput(corpusDir, copied.length);
  if (wanted('memory')) memoryAndGrowth();
  if (wanted('precommit')) precommitLatency();
  if (wanted('workers')) workers(corpusDir);
  if (wanted('scaling')) await fileSizeScaling();
  // A partial run (BENCH_ONLY) prints its figures but leaves the recorded full run alone.
  if (!process.env.BENCH_ONLY) writeFileSync(join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
  rmSync(lintWork, { recursive: true, force: true });
  process.stderr.write(process.env.BENCH_ONLY ? 'Partial run: bench/RESULTS.md left as it was.\n' : 'bench/RESULTS.md written.\n');
}

main().catch((error) => {
  rmSync(work, { recursive: true, force: true });
  rmSync(lintWork, { recursive: true, force: true });
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
