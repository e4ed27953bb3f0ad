import type { TSESLint } from '@typescript-eslint/utils';
import { ATTRIBUTE_SINK_CALLS } from '../catalog/attribute-sinks.js';
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

const wordPatterns = new Map<string, RegExp>();

/** Whether one of `words` stands in the file as a whole word (in code, a comment or a string: a superset). */
export function mentionsAnyWord(sourceCode: SourceCode, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const question = `words:${words.join('|')}`;
  return getCachedAnswer(sourceCode, question, () => {
    let pattern = wordPatterns.get(question);
    if (!pattern) {
      pattern = new RegExp(`(?<![\\w$])(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`);
      wordPatterns.set(question, pattern);
    }
    return pattern.test(sourceCode.text);
  });
}

/** Whether `text` stands anywhere in the file: a module name such as `@opentelemetry/`. */
export function mentionsText(sourceCode: SourceCode, text: string): boolean {
  return getCachedAnswer(sourceCode, `text:${text}`, () => sourceCode.text.includes(text));
}

/** Method names of every attribute sink in the catalog: no attribute is attached in a file without one of them. */
export const ATTRIBUTE_SINK_METHODS: readonly string[] = [...new Set(ATTRIBUTE_SINK_CALLS.map((sink) => sink.method))];

/** Whether the file may start a span: a tracer start method, or one of the project's own start functions. */
export function mayStartSpans(sourceCode: SourceCode, startSpanFunctions: readonly string[] = []): boolean {
  return mentionsAnyWord(sourceCode, [...SPAN_START_METHODS, ...ACTIVE_SPAN_START_METHODS, ...startSpanFunctions]);
}
