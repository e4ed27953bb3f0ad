#!/usr/bin/env node
// Lint the OpenTelemetry-related files of every repository in a folder of
// checkouts with the otel-codemod plugin of a given checkout (built: dist/), each
// rule with its default options. How the rules' precision is measured on real
// code: see README.md beside this file.
//
//   node bench/real-code/lint-corpus.mjs <otel-codemod-checkout> <out.json> [ruleId…]
//
// ruleId may be given with or without the "otel/" prefix; without any, every
// rule is on. Repositories are the directories under $CORPUS_REPOS (required).
// $CORPUS_ONLY=<dir>,<dir> limits the run to some of them.
//
// Output JSON: { checkout, rules, startedAt, durationMs, repos: {repo: {files,
// parseFailures, crashes}}, reports: [...], parseFailures: [...], crashes: [...] }
// Each report: {repo, file, line, column, endLine, endColumn, ruleId,
// messageId, message, sourceLine, test, example}.
// `test` marks files under test/spec/fixture folders or *.test.* / *.spec.*;
// `example` marks examples/samples/demo/scripts folders.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , checkoutArg, outArg, ...ruleArgs] = process.argv;
if (!checkoutArg || !outArg) {
  console.error('usage: node bench/real-code/lint-corpus.mjs <otel-codemod-checkout> <out.json> [ruleId…]');
  process.exit(2);
}
const checkout = path.resolve(checkoutArg);
const outFile = path.resolve(outArg);
if (!process.env.CORPUS_REPOS) {
  console.error('set CORPUS_REPOS to a folder holding one checkout per repository (see bench/real-code/README.md)');
  process.exit(2);
}
const reposRoot = path.resolve(process.env.CORPUS_REPOS);
const only = process.env.CORPUS_ONLY ? new Set(process.env.CORPUS_ONLY.split(',')) : null;

const importFrom = (p) => import(pathToFileURL(p).href);
const resolvePkgMain = (pkgDir) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  let entry = pkg.main ?? 'index.js';
  const dot = pkg.exports?.['.'];
  if (dot) {
    const pick = (e) => (typeof e === 'string' ? e : e?.import ? pick(e.import) : e?.default ? pick(e.default) : e?.require ? pick(e.require) : undefined);
    entry = pick(dot) ?? entry;
  }
  return path.join(pkgDir, entry);
};

const eslintMod = await importFrom(resolvePkgMain(path.join(checkout, 'node_modules/eslint')));
const { ESLint } = eslintMod.default?.ESLint ? eslintMod.default : eslintMod;
const parserMod = await importFrom(resolvePkgMain(path.join(checkout, 'node_modules/@typescript-eslint/parser')));
const parser = parserMod.default ?? parserMod;
const pluginMod = await importFrom(path.join(checkout, 'dist/rules/index.js'));
const plugin = pluginMod.default ?? pluginMod;

const strictRules = { ...plugin.configs.strict.rules };
const allRuleIds = Object.keys(plugin.rules).map((id) => `otel/${id}`);
for (const id of allRuleIds) strictRules[id] ??= 'error';
let ruleIds = Object.keys(strictRules);
if (ruleArgs.length) {
  const wanted = ruleArgs.map((r) => (r.startsWith('otel/') ? r : `otel/${r}`));
  for (const r of wanted) if (!ruleIds.includes(r)) throw new Error(`unknown rule ${r}`);
  ruleIds = wanted;
}

const EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.git']);
const MENTION = /@opentelemetry\/|startSpan|startActiveSpan|propagation\./;
const TEST_PATH = /(^|\/)(test|tests|__tests__|spec|specs|e2e|__mocks__|__fixtures__|fixtures?|testing|test-utils?)\/|\.(test|spec|bench)\.[cm]?[jt]sx?$/i;
const EXAMPLE_PATH = /(^|\/)(examples?|samples?|sample-apps?|demos?|scripts|playground|references)\/|\.example\.[cm]?[jt]sx?$/i;

function* walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isSymbolicLink()) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(p);
    } else if (e.isFile() && EXT.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !/[.-]min\.[cm]?js$/.test(e.name)) {
      yield p;
    }
  }
}

function looksMinified(text) {
  if (text.length < 5000) return false;
  const lines = text.split('\n').length;
  return text.length / lines > 300;
}

function configFor(rules) {
  const rulesObj = Object.fromEntries(rules.map((r) => [r, 'error']));
  const langOpts = (jsx) => ({
    parser,
    ecmaVersion: 'latest',
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx }, sourceType: 'module' },
  });
  return [
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: langOpts(false), plugins: { otel: plugin }, rules: rulesObj },
    { files: ['**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'], languageOptions: langOpts(true), plugins: { otel: plugin }, rules: rulesObj },
  ];
}

const makeEslint = (rules) =>
  new ESLint({ cwd: '/', overrideConfigFile: true, overrideConfig: configFor(rules), ignore: false, allowInlineConfig: false });
const eslintAll = makeEslint(ruleIds);
const perRule = new Map();
const eslintFor = (r) => perRule.get(r) ?? perRule.set(r, makeEslint([r])).get(r);

const result = { checkout, rules: ruleIds, startedAt: new Date().toISOString(), repos: {}, reports: [], parseFailures: [], crashes: [] };
const t0 = Date.now();

const stackTop = (err) =>
  String(err?.stack ?? '')
    .split('\n')
    .slice(0, 6)
    .join('\n');

function addMessages(repo, rel, lines, messages, flags) {
  for (const m of messages) {
    if (m.fatal || !m.ruleId) continue;
    result.reports.push({
      repo,
      file: rel,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ruleId: m.ruleId,
      messageId: m.messageId,
      message: m.message,
      sourceLine: (lines[m.line - 1] ?? '').trim().slice(0, 240),
      ...flags,
    });
  }
}

const repos = fs
  .readdirSync(reposRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (!only || only.has(d.name)))
  .map((d) => d.name)
  .sort();

for (const repo of repos) {
  const root = path.join(reposRoot, repo);
  const stats = { files: 0, parseFailures: 0, crashes: 0 };
  result.repos[repo] = stats;
  for (const file of walk(root)) {
    const size = fs.statSync(file).size;
    if (size > 1024 * 1024) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (!MENTION.test(text) || looksMinified(text)) continue;
    const rel = path.relative(root, file);
    const flags = { test: TEST_PATH.test(rel), example: EXAMPLE_PATH.test(rel) };
    const lines = text.split('\n');
    stats.files++;
    let res;
    try {
      [res] = await eslintAll.lintText(text, { filePath: file });
    } catch {
      // A rule crashed: lint rule by rule so that the others still count and the crash is pinned to its rule.
      for (const r of ruleIds) {
        try {
          const [one] = await eslintFor(r).lintText(text, { filePath: file });
          if (one.messages.some((m) => m.fatal)) continue;
          addMessages(repo, rel, lines, one.messages, flags);
        } catch (err) {
          stats.crashes++;
          result.crashes.push({ repo, file: rel, ruleId: r, message: String(err?.message ?? err).split('\n')[0], stack: stackTop(err) });
        }
      }
      continue;
    }
    const fatal = res.messages.find((m) => m.fatal);
    if (fatal) {
      stats.parseFailures++;
      result.parseFailures.push({ repo, file: rel, line: fatal.line, message: fatal.message });
      continue;
    }
    addMessages(repo, rel, lines, res.messages, flags);
  }
}
result.durationMs = Date.now() - t0;
fs.writeFileSync(outFile, JSON.stringify(result, null, 1));

// Table: reports per rule per repository (all files / outside test files).
const short = (r) => r.replace(/^otel\//, '');
const header = ['repo', 'files', 'parseFail', 'crash', ...ruleIds.map(short)];
const rows = repos.map((repo) => {
  const s = result.repos[repo];
  const mine = result.reports.filter((r) => r.repo === repo);
  return [
    repo,
    s.files,
    s.parseFailures,
    s.crashes,
    ...ruleIds.map((id) => {
      const all = mine.filter((r) => r.ruleId === id);
      return `${all.length}/${all.filter((r) => !r.test).length}`;
    }),
  ];
});
const totals = ['TOTAL', ...[1, 2, 3].map((i) => rows.reduce((a, r) => a + r[i], 0)), ...ruleIds.map((id) => {
  const all = result.reports.filter((r) => r.ruleId === id);
  return `${all.length}/${all.filter((r) => !r.test).length}`;
})];
const table = [header, ...rows, totals].map((r) => r.map(String));
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log('reports per rule: all files / excluding test files');
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(`\n${result.reports.length} reports, ${result.parseFailures.length} parse failures, ${result.crashes.length} crashes, ${(result.durationMs / 1000).toFixed(1)}s -> ${outFile}`);
for (const c of result.crashes) console.log(`CRASH ${c.ruleId} ${c.repo}/${c.file}: ${c.message}`);
