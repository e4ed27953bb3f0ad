/**
 * Text tests that rule a file out before it is parsed. Each is derived from catalog data and must hold for every file
 * in which a transform's collectors can find something: a file that fails it is left unparsed.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Whether the text imports, requires or dynamically imports one of `modules` or a subpath of one: `from 'express'`,
 * `import 'express'`, `require('express/lib/router')`, `import('kafkajs')`.
 */
export function createModuleImportTest(modules: Iterable<string>): (source: string) => boolean {
  const names = [...new Set(modules)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (names.length === 0) return () => false;
  const pattern = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*(?:\\(\\s*)?|\\brequire\\s*\\(\\s*)(['"])(?:${names.join('|')})(?:/[^'"\\n]*)?\\1`);
  return (source) => pattern.test(source);
}

/** Whether the text holds one of `words` as a whole word (a type name such as `SQSEvent`). */
export function createWordTest(words: Iterable<string>): (source: string) => boolean {
  const list = [...new Set(words)].map(escapeRegExp);
  if (list.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\w$])(?:${list.join('|')})(?![\\w$])`);
  return (source) => pattern.test(source);
}

/** A call recognised by its shape rather than an import: `receiver.method({ key, … })`. */
export interface CallShape {
  methodNames: readonly string[];
  /** Tested on the receiver's name; the text must hold a match somewhere. */
  receiver: RegExp;
  /** Keys the call's argument must hold; each must appear in the text as a word. */
  requiredKeys?: readonly string[];
}

/** Whether the text can hold a call of the shape: `.method(`, text matching the receiver, and every key as a word. */
export function createCallShapeTest(shape: CallShape): (source: string) => boolean {
  const call = new RegExp(`\\.\\s*(?:${shape.methodNames.map(escapeRegExp).join('|')})\\s*\\(`);
  const receiver = new RegExp(shape.receiver.source, shape.receiver.flags.replace(/[gy]/g, ''));
  const keys = (shape.requiredKeys ?? []).map((key) => createWordTest([key]));
  return (source) => call.test(source) && receiver.test(source) && keys.every((test) => test(source));
}

/**
 * Whether the text declares one of `names` at the top level in a way it can be exported: `function handler`,
 * `const handler =`, `exports.handler =`, `module.exports.handler =`.
 */
export function createExportedNameTest(names: readonly string[]): (source: string) => boolean {
  if (names.length === 0) return () => false;
  const list = names.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?:\\bfunction\\s*\\*?\\s*|\\b(?:const|let|var)\\s+|\\bexports\\s*\\.\\s*)(?:${list})(?![\\w$])`);
  return (source) => pattern.test(source);
}

/** Any of the tests. */
export function anyOf(...tests: Array<(source: string) => boolean>): (source: string) => boolean {
  return (source) => tests.some((test) => test(source));
}

const PROJECT_IMPORT = /\bimport\s+(?!type\b)([^;'"]*?)\s*from\s*['"]\.\.?\/[^'"\n]*['"]|\b(?:const|let|var)\s+([^=;]+?)\s*=\s*require\s*\(\s*['"]\.\.?\/[^'"\n]*['"]/g;
const IMPORT_CLAUSE_WORDS = new Set(['as', 'type', 'const', 'let', 'var']);

/**
 * Whether a name the text imports or requires from a file of the project (`import { reports } from './queues'`) is
 * called with one of `methodNames`, directly or on one of its properties: `reports.add(`, `clients.mailbox.send(`.
 * A receiver made in another file is found only so.
 */
export function createProjectReceiverCallTest(methodNames: Iterable<string>): (source: string) => boolean {
  const methods = [...new Set(methodNames)].map(escapeRegExp).join('|');
  if (methods.length === 0) return () => false;
  return (source) => {
    const names = new Set<string>();
    for (const match of source.matchAll(PROJECT_IMPORT)) {
      const clause = match[1] ?? match[2] ?? '';
      for (const word of clause.split(/[^\w$]+/)) if (word && !IMPORT_CLAUSE_WORDS.has(word)) names.add(word);
    }
    if (names.size === 0) return false;
    const call = new RegExp(`(?<![\\w$.])(?:${[...names].map(escapeRegExp).join('|')})(?:\\s*\\.\\s*[\\w$]+)?\\s*\\.\\s*(?:${methods})\\s*\\(`);
    return call.test(source);
  };
}
