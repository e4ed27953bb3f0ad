import type { TSESLint } from '@typescript-eslint/utils';
import { ATTRIBUTE_SINK_CALLS } from '../catalog/attribute-sinks.js';
import { PROPAGATION_EXTRACT_METHODS, PROPAGATION_INJECT_METHODS, PUBLISH_OPERATIONS } from '../catalog/messaging/index.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_START_METHODS } from '../catalog/otel-api.js';
import { SPAN_RENAME_METHODS } from '../catalog/span-names.js';

/**
 * Cheap early exits shared by the rules: a look at the file's text that tells a rule it cannot report here, so it
 * registers no listeners at all. Each gate is a superset of what the rule can match: a rule that reports only on a
 * span start needs the word `startSpan` somewhere in the file. The catalog's names are found in one pass over the
 * text per file, shared by every rule; names from a rule's options get a pass of their own.
 */
type SourceCode = Readonly<TSESLint.SourceCode>;

/** Method names of every attribute sink in the catalog: no attribute is attached in a file without one of them. */
const ATTRIBUTE_SINK_METHODS: readonly string[] = [...new Set(ATTRIBUTE_SINK_CALLS.map((sink) => sink.method))];

/** Every name-like string in catalog entries (method, command and constructor names), read without knowing their shape. */
function collectNames(value: unknown, names: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (/^[A-Za-z_$][\w$]*$/.test(value)) names.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectNames(item, names);
  } else if (value !== null && typeof value === 'object' && !(value instanceof RegExp)) {
    for (const item of Object.values(value)) collectNames(item, names);
  }
  return names;
}

/** The names a publish site is recognised by (every matcher of every publish operation): no publish without one. */
const PUBLISH_SITE_NAMES: readonly string[] = [...collectNames(PUBLISH_OPERATIONS.map((operation) => operation.matchers), new Set())];

const SPAN_START_NAMES: readonly string[] = [...SPAN_START_METHODS, ...ACTIVE_SPAN_START_METHODS];

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names the shared pass looks for: every catalog name a gate asks about. */
const SCANNED_NAMES: ReadonlySet<string> = new Set([...SPAN_START_NAMES, ...SPAN_RENAME_METHODS, ...ATTRIBUTE_SINK_METHODS, ...PUBLISH_SITE_NAMES, ...PROPAGATION_INJECT_METHODS, ...PROPAGATION_EXTRACT_METHODS]);
const SCANNED_NAMES_PATTERN = new RegExp(`(?<![\\w$])(?:${[...SCANNED_NAMES].map(escapeName).join('|')})(?![\\w$])`, 'g');

/** Which scanned names stand in a file as whole words, and which of them as a member or constructed class. */
interface NamesInFile {
  words: Set<string>;
  members: Set<string>;
}

const namesByFile = new WeakMap<SourceCode, NamesInFile>();

function getNamesInFile(sourceCode: SourceCode): NamesInFile {
  let found = namesByFile.get(sourceCode);
  if (!found) {
    found = scanNames(sourceCode.text);
    namesByFile.set(sourceCode, found);
  }
  return found;
}

const WHITESPACE = /\s/;
const WORD_CHAR = /[\w$]/;

function scanNames(text: string): NamesInFile {
  const found: NamesInFile = { words: new Set(), members: new Set() };
  SCANNED_NAMES_PATTERN.lastIndex = 0;
  for (let match = SCANNED_NAMES_PATTERN.exec(text); match; match = SCANNED_NAMES_PATTERN.exec(text)) {
    const name = match[0];
    found.words.add(name);
    if (!found.members.has(name) && standsAsMember(text, match.index)) found.members.add(name);
  }
  return found;
}

/** Whether the name at `start` follows `.` (or `?.`), `[` and a quote, or `new` and a space, spaces allowed between. */
function standsAsMember(text: string, start: number): boolean {
  const index = skipSpacesBack(text, start - 1);
  const before = text[index];
  if (before === '.') return true;
  if (before === "'" || before === '"' || before === '`') return text[skipSpacesBack(text, index - 1)] === '[';
  // `new` needs at least one space after it, and no word character before it.
  return index < start - 1 && index >= 2 && text.slice(index - 2, index + 1) === 'new' && !WORD_CHAR.test(text[index - 3] ?? '');
}

function skipSpacesBack(text: string, from: number): number {
  let index = from;
  while (index >= 0 && WHITESPACE.test(text[index]!)) index--;
  return index;
}

/** Answers for names outside the shared pass (from a rule's options), one text test per file and list. */
const otherAnswers = new WeakMap<SourceCode, Map<string, boolean>>();
const otherPatterns = new Map<string, RegExp>();

function testOtherNames(sourceCode: SourceCode, question: string, source: () => string): boolean {
  let forFile = otherAnswers.get(sourceCode);
  if (!forFile) {
    forFile = new Map();
    otherAnswers.set(sourceCode, forFile);
  }
  let known = forFile.get(question);
  if (known === undefined) {
    let pattern = otherPatterns.get(question);
    if (!pattern) {
      pattern = new RegExp(source());
      otherPatterns.set(question, pattern);
    }
    known = pattern.test(sourceCode.text);
    forFile.set(question, known);
  }
  return known;
}

function namesAlternation(names: readonly string[]): string {
  return `(?:${names.map(escapeName).join('|')})(?![\\w$])`;
}

/** Whether one of `words` stands in the file as a whole word (in code, a comment or a string: a superset). */
export function mentionsAnyWord(sourceCode: SourceCode, words: readonly string[]): boolean {
  const { words: found } = getNamesInFile(sourceCode);
  const others = words.filter((word) => !SCANNED_NAMES.has(word));
  if (words.some((word) => found.has(word))) return true;
  return others.length > 0 && testOtherNames(sourceCode, `words:${others.join('|')}`, () => `(?<![\\w$])${namesAlternation(others)}`);
}

/**
 * Whether one of `names` stands as a member or a constructed class: `.name`, `?.name`, `['name']`, `new name`.
 * A method call on a receiver (`span.setAttribute(…)`, `client.send(…)`) or a `new X(…)` can only be written so.
 */
export function mentionsAnyMember(sourceCode: SourceCode, names: readonly string[]): boolean {
  const { members: found } = getNamesInFile(sourceCode);
  const others = names.filter((name) => !SCANNED_NAMES.has(name));
  if (names.some((name) => found.has(name))) return true;
  return others.length > 0 && testOtherNames(sourceCode, `members:${others.join('|')}`, () => `(?:\\.|\\[\\s*['"\`]|(?<![\\w$])new\\s)\\s*${namesAlternation(others)}`);
}

/** Whether `text` stands anywhere in the file: a module name such as `@opentelemetry/`. */
export function mentionsText(sourceCode: SourceCode, text: string): boolean {
  return sourceCode.text.includes(text);
}

/** Whether the file may start a span: a tracer start method, or one of the project's own start functions. */
export function mayStartSpans(sourceCode: SourceCode, startSpanFunctions: readonly string[] = []): boolean {
  return mentionsAnyWord(sourceCode, startSpanFunctions.length === 0 ? SPAN_START_NAMES : [...SPAN_START_NAMES, ...startSpanFunctions]);
}

/** Whether the file may hold a publish site of a catalog library. */
export function mayPublishMessages(sourceCode: SourceCode): boolean {
  return mentionsAnyMember(sourceCode, PUBLISH_SITE_NAMES);
}

/** Whether the file may attach an attribute: a sink method called on some receiver. */
export function mayAttachAttributes(sourceCode: SourceCode): boolean {
  return mentionsAnyMember(sourceCode, ATTRIBUTE_SINK_METHODS);
}

/** Whether the file names a propagator's inject method: a local helper can only inject trace context if it does. */
export function mayInjectContext(sourceCode: SourceCode): boolean {
  return mentionsAnyWord(sourceCode, PROPAGATION_INJECT_METHODS);
}

/** Whether the file names a propagator's extract method: a local helper can only extract trace context if it does. */
export function mayExtractContext(sourceCode: SourceCode): boolean {
  return mentionsAnyWord(sourceCode, PROPAGATION_EXTRACT_METHODS);
}
