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

/** A text test; `path` is the file's, when known, for tests that look at other files of the project. */
export type SourceTest = (source: string, path?: string) => boolean;

/** Any of the tests. */
export function anyOf(...tests: SourceTest[]): SourceTest {
  return (source, path) => tests.some((test) => test(source, path));
}

const PROJECT_IMPORT = /\bimport\s+(?!type\b)([^;'"]*?)\s*from\s*(['"])(\.\.?\/[^'"\n]*)\2|\b(?:const|let|var)\s+([^=;]+?)\s*=\s*require\s*\(\s*(['"])(\.\.?\/[^'"\n]*)\5/g;
const IMPORT_CLAUSE_WORDS = new Set(['as', 'type', 'const', 'let', 'var']);

/**
 * The project modules (`./queues`) a name the text imports or requires from is called with one of `methodNames`,
 * directly or on one of its properties: `reports.add(`, `clients.mailbox.send(`. A receiver made in another file is
 * found only so, and only when that module can hold a library's object.
 */
export function createProjectReceiverModuleReader(methodNames: Iterable<string>): (source: string) => string[] {
  const methods = [...new Set(methodNames)].map(escapeRegExp).join('|');
  if (methods.length === 0) return () => [];
  return (source) => {
    const namesBySpecifier = new Map<string, Set<string>>();
    for (const match of source.matchAll(PROJECT_IMPORT)) {
      const clause = match[1] ?? match[4] ?? '';
      const specifier = match[3] ?? match[6]!;
      const names = namesBySpecifier.get(specifier) ?? new Set<string>();
      for (const word of clause.split(/[^\w$]+/)) if (word && !IMPORT_CLAUSE_WORDS.has(word)) names.add(word);
      namesBySpecifier.set(specifier, names);
    }
    const specifiers: string[] = [];
    for (const [specifier, names] of namesBySpecifier) {
      if (names.size === 0) continue;
      const call = new RegExp(`(?<![\\w$.])(?:${[...names].map(escapeRegExp).join('|')})(?:\\s*\\.\\s*[\\w$]+)?\\s*\\.\\s*(?:${methods})\\s*\\(`);
      if (call.test(source)) specifiers.push(specifier);
    }
    return specifiers;
  };
}

const RELATIVE_MODULE = /(?:\bfrom\s*|\bimport\s*(?:\(\s*)?|\brequire\s*\(\s*)(['"])(\.\.?(?:\/[^'"\n]*)?)\1/g;

/**
 * Every project module the text imports, re-exports, requires or dynamically imports (`./kafka.js`, `../clients`),
 * each once: where a value the text exports may come from.
 */
export function getProjectModuleSpecifiers(source: string): string[] {
  return [...new Set([...source.matchAll(RELATIVE_MODULE)].map((match) => match[2]!))];
}
