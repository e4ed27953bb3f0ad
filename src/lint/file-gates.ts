import type { TSESLint } from '@typescript-eslint/utils';
import { ATTRIBUTE_SINK_CALLS } from '../catalog/attribute-sinks.js';
import { PUBLISH_OPERATIONS } from '../catalog/messaging/index.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_START_METHODS } from '../catalog/otel-api.js';

/**
 * Cheap early exits shared by the rules: a look at the file's text, made once per file and per question, that
 * tells a rule it cannot report here, so it registers no listeners at all. Each gate is a superset of what the rule
 * can match: a rule that reports only on a span start needs the word `startSpan` somewhere in the file.
 */
type SourceCode = Readonly<TSESLint.SourceCode>;

const answers = new WeakMap<SourceCode, Map<string, boolean>>();

function getCachedAnswer(sourceCode: SourceCode, question: string, answer: () => boolean): boolean {
  let forFile = answers.get(sourceCode);
  if (!forFile) {
    forFile = new Map();
    answers.set(sourceCode, forFile);
  }
  let known = forFile.get(question);
  if (known === undefined) {
    known = answer();
    forFile.set(question, known);
  }
  return known;
}

const patterns = new Map<string, RegExp>();

function getNamesPattern(question: string, prefix: string, names: readonly string[]): RegExp {
  let pattern = patterns.get(question);
  if (!pattern) {
    pattern = new RegExp(`${prefix}(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`);
    patterns.set(question, pattern);
  }
  return pattern;
}

/** Whether one of `words` stands in the file as a whole word (in code, a comment or a string: a superset). */
export function mentionsAnyWord(sourceCode: SourceCode, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const question = `words:${words.join('|')}`;
  return getCachedAnswer(sourceCode, question, () => getNamesPattern(question, '(?<![\\w$])', words).test(sourceCode.text));
}

/**
 * Whether one of `names` stands as a member or a constructed class: `.name`, `?.name`, `['name']`, `new name`.
 * A method call on a receiver (`span.setAttribute(…)`, `client.send(…)`) or a `new X(…)` can only be written so.
 */
export function mentionsAnyMember(sourceCode: SourceCode, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const question = `members:${names.join('|')}`;
  return getCachedAnswer(sourceCode, question, () => getNamesPattern(question, '(?:\\.|\\[\\s*[\'"`]|(?<![\\w$])new\\s)\\s*', names).test(sourceCode.text));
}

/** Whether `text` stands anywhere in the file: a module name such as `@opentelemetry/`. */
export function mentionsText(sourceCode: SourceCode, text: string): boolean {
  return getCachedAnswer(sourceCode, `text:${text}`, () => sourceCode.text.includes(text));
}

/** Method names of every attribute sink in the catalog: no attribute is attached in a file without one of them. */
const ATTRIBUTE_SINK_METHODS: readonly string[] = [...new Set(ATTRIBUTE_SINK_CALLS.map((sink) => sink.method))];

/** Whether the file may start a span: a tracer start method, or one of the project's own start functions. */
export function mayStartSpans(sourceCode: SourceCode, startSpanFunctions: readonly string[] = []): boolean {
  return mentionsAnyWord(sourceCode, [...SPAN_START_METHODS, ...ACTIVE_SPAN_START_METHODS, ...startSpanFunctions]);
}

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

/** Whether the file may hold a publish site of a catalog library. */
export function mayPublishMessages(sourceCode: SourceCode): boolean {
  return mentionsAnyMember(sourceCode, PUBLISH_SITE_NAMES);
}

/** Whether the file may attach an attribute: a sink method called on some receiver. */
export function mayAttachAttributes(sourceCode: SourceCode): boolean {
  return mentionsAnyMember(sourceCode, ATTRIBUTE_SINK_METHODS);
}
