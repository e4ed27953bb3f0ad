/**
 * The two halves agree over the whole messaging catalog. For every publish and consume operation, snippets generated
 * from the catalog's own data (test/parity/catalog-snippets.ts) go to the propagation rules and to inject-propagation:
 * wherever a rule reports, the codemod either fixes the site (and the rules are clean on its output) or returns a
 * note naming the reason. A new catalog entry is covered without touching this file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import otel from '../../rules/index.js';
import { CONSUME_OPERATIONS, PUBLISH_OPERATIONS } from '../../src/catalog/messaging/index.js';
import { getConsumeSnippets, getPublishSnippets, type Snippet } from './catalog-snippets.js';

const RULES = ['otel/require-context-propagation', 'otel/require-context-extraction'];
// Snippets that import other files of the project are written to folders below one temporary root, which is the
// linter's working directory so that the config's globs match them.
const root = mkdtempSync(join(tmpdir(), 'otel-codemod-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const linter = new Linter({ configType: 'flat', cwd: root });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
    plugins: { otel: otel as never },
    rules: Object.fromEntries(RULES.map((rule) => [rule, 'error'])),
  },
];

function lint(code: string, path: string): Linter.LintMessage[] {
  const messages = linter.verify(code, config, { filename: path });
  expect(messages.filter((message) => message.fatal), code).toEqual([]);
  return messages;
}

interface Outcome {
  reports: Linter.LintMessage[];
  changed: boolean;
  notes: string[];
  remaining: Linter.LintMessage[];
}

/** The snippet's path; a snippet that imports other files of the project gets a folder of its own holding them. */
function place(snippet: Snippet): string {
  if (!snippet.files) return snippet.path;
  const folder = mkdtempSync(join(root, 'snippet-'));
  for (const [path, text] of Object.entries(snippet.files)) writeFileSync(join(folder, path), text);
  return join(folder, snippet.path);
}

function run(snippet: Snippet): Outcome {
  const path = place(snippet);
  const reports = lint(snippet.code, path);
  const output = injectPropagation.apply({ path, source: snippet.code, options: { tracerName: 'svc' } });
  const changed = output.source !== snippet.code;
  const notes = output.notes.filter((note) => note.kind === 'skipped' || note.kind === 'review').map((note) => note.message);
  return { reports, changed, notes, remaining: changed ? lint(output.source, path) : reports };
}

const snippets = [...getPublishSnippets(), ...getConsumeSnippets()];
const outcomes = new Map<Snippet, Outcome>();
const getOutcome = (snippet: Snippet): Outcome => {
  let outcome = outcomes.get(snippet);
  if (!outcome) {
    outcome = run(snippet);
    outcomes.set(snippet, outcome);
  }
  return outcome;
};

describe('every catalog operation is generated', () => {
  it('has snippets for every publish and consume operation', () => {
    const ids = new Set(snippets.map((snippet) => snippet.operationId));
    expect([...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS].map((operation) => operation.id).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(snippets.map((snippet) => [`${snippet.operationId}: ${snippet.variant}`, snippet] as const))('%s', (_name, snippet) => {
  it('the rule reports what the codemod fixes or names in a note', () => {
    const { reports, changed, notes, remaining } = getOutcome(snippet);
    const context = `${snippet.code}\nreports: ${JSON.stringify(reports.map((report) => report.message))}\nnotes: ${JSON.stringify(notes)}`;
    if (snippet.visible) expect(reports.length, `the rule sees this site\n${context}`).toBeGreaterThan(0);
    if (reports.length === 0) return;
    expect(changed || notes.length > 0, `silent codemod\n${context}`).toBe(true);
    // Every finding left in the output is one the codemod named in a note.
    expect(remaining.length, `findings left without a note\n${context}\nleft: ${JSON.stringify(remaining.map((report) => report.message))}`).toBeLessThanOrEqual(notes.length);
  });
});

/**
 * Handlers passed by name (a function declaration or a `const` of the same file) get their consumer span from
 * wrap-handlers as inline ones do: wrapped where they are defined, never left with a note for being named.
 */
const namedHandlerSnippets = getConsumeSnippets().filter((snippet) => / (function|const) handler$/.test(snippet.variant));

describe.each(namedHandlerSnippets.map((snippet) => [`${snippet.operationId}: ${snippet.variant}`, snippet] as const))('%s through wrap-handlers', (_name, snippet) => {
  it('wraps the named handler, or refuses it for a reason other than its being named', () => {
    const output = wrapHandlers.apply({ path: snippet.path, source: snippet.code, options: { tracerName: 'svc' } });
    const notes = output.notes.map((note) => note.message);
    const context = `${snippet.code}\nnotes: ${JSON.stringify(notes)}\n${output.source}`;
    expect(notes.filter((message) => /not a function of this file|wrap the function where it is defined/.test(message)), context).toEqual([]);
    if (output.source === snippet.code) {
      expect(notes.length, `silent codemod\n${context}`).toBeGreaterThan(0);
      return;
    }
    expect(output.source, context).toMatch(/SpanKind\.CONSUMER/);
    expect(wrapHandlers.apply({ path: snippet.path, source: output.source, options: { tracerName: 'svc' } }).source, 'second run').toBe(output.source);
  });
});
