import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LOCAL_VALUE, type ValueFact } from './value-origin.js';

/**
 * How a value imported from another file of the project is followed there, the same on both halves (the rules read the
 * file with ESLint's parser, the codemods with TypeScript's; neither type-checks). Nothing here parses a file.
 *
 * A name bound to a project module (`./queues`, `../lib/aws.js`) asks that module for one export
 * ({@link getExportRequest}); the module answers by the first of these that names it:
 * - `export const name = value`, `export { local as name }`, `export default value` (name `default`);
 * - `export { other as name } from './m'` and `export * from './m'`: the same question to `./m`, one hop further;
 * - CommonJS: `module.exports = value` (name `default`), a key of `module.exports = { … }`, `exports.name = value`;
 * - with a property (`queues.reports`): the key of the object literal the export is, else a member of its value.
 * A class or function the module declares is the module's own (not a library's object). Anything else is unknown,
 * and the caller keeps the name-pattern fallback. At most {@link MAX_MODULE_HOPS} modules are entered for one
 * question, and a question already being answered (an import cycle) is unknown.
 */

/** How many project modules one question may pass through (re-exports, barrels). */
export const MAX_MODULE_HOPS = 4;

/** The largest project module read (bytes); a bigger file is taken as absent, and the next candidate tried. */
export const MAX_MODULE_SIZE = 256 * 1024;

/** How a name is bound to a module: `import { x }`, `import x`, `import * as x`, `const x = require()`. */
export type ModuleBindingKind = 'named' | 'default' | 'namespace' | 'require';

/** One export asked of a module (`default` for the default export or `module.exports`), and maybe a key of it. */
export interface ExportRequest {
  name: string;
  property?: string;
}

const SCRIPT_EXTENSION = /\.(?:[mc]?[jt]sx?)$/;
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Whether a specifier names a file of the project (relative), not a package. */
export function isProjectModule(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * The files a relative specifier may be, in the order they are tried: the path as written when it names a source
 * file, the path with each source extension (`./queues.js` is also `./queues.ts`), then its `index` file.
 */
export function getModuleCandidates(fromFile: string, specifier: string): string[] {
  if (!isProjectModule(specifier)) return [];
  const base = resolve(dirname(resolve(fromFile)), specifier);
  const stem = base.replace(SCRIPT_EXTENSION, '');
  const candidates = [...SOURCE_EXTENSIONS.map((extension) => stem + extension), ...SOURCE_EXTENSIONS.map((extension) => `${base}/index${extension}`)];
  return stem === base ? candidates : [base, ...candidates.filter((candidate) => candidate !== base)];
}

/**
 * What a name bound to a project module asks of it: `import { x }` asks for `x`, `import x` for `default`, and with
 * `.property` read on it (`queues.reports`), a namespace or a whole-module `require()` asks for `property` while a
 * default or named binding asks for its own export's key. A namespace itself is no value (undefined).
 */
export function getExportRequest(kind: ModuleBindingKind, importedName: string | undefined, property?: string): ExportRequest | undefined {
  switch (kind) {
    case 'named':
      return importedName === undefined ? undefined : { name: importedName, ...(property === undefined ? {} : { property }) };
    case 'default':
      return { name: 'default', ...(property === undefined ? {} : { property }) };
    case 'namespace':
      return property === undefined ? undefined : { name: property };
    case 'require':
      return property === undefined ? { name: 'default' } : { name: property };
  }
}

/** A key for a question asked of one file, for caches and the cycle check. */
export function getRequestKey(path: string, request: ExportRequest): string {
  return `${path}#${request.name}${request.property === undefined ? '' : `.${request.property}`}`;
}

/** An answer kept for a module, with the modification time of every further module it was read from. */
interface KeptAnswer<Answer> {
  answer: Answer | undefined;
  dependencies: ReadonlyMap<string, number | undefined>;
}

/**
 * Answers questions about project modules with a cache per module and request, the hop limit and the cycle check.
 * `answer` does the reading for one module; it may ask further questions through the same tracker. A module is cached
 * by the caller per modification time; a kept answer also remembers the modules further down the chain it read
 * (a barrel's `export *` target), so an edit there is seen in a long-lived process such as an editor's ESLint server.
 */
export class ExportQuestions<Module, Answer> {
  private readonly active: Array<{ key: string; dependencies: Set<string> }> = [];
  private readonly answers = new WeakMap<object, Map<string, KeptAnswer<Answer>>>();

  ask(module: Module & object, path: string, request: ExportRequest, answer: () => Answer | undefined): Answer | undefined {
    const key = getRequestKey(path, request);
    for (const frame of this.active) frame.dependencies.add(path);
    let cached = this.answers.get(module);
    const kept = cached?.get(key);
    if (kept && isUnchanged(kept.dependencies)) {
      for (const frame of this.active) for (const dependency of kept.dependencies.keys()) frame.dependencies.add(dependency);
      return kept.answer;
    }
    if (this.active.some((frame) => frame.key === key) || this.active.length >= MAX_MODULE_HOPS) return undefined;
    const frame = { key, dependencies: new Set<string>() };
    this.active.push(frame);
    let result: Answer | undefined;
    try {
      result = answer();
    } finally {
      this.active.pop();
    }
    // An answer cut short by the hop limit depends on where the question came from; only complete ones are kept.
    if (this.active.length === 0 || result !== undefined) {
      cached ??= new Map();
      frame.dependencies.delete(path);
      const dependencies = new Map([...frame.dependencies].map((dependency) => [dependency, getModuleTime(dependency)]));
      cached.set(key, { answer: result, dependencies });
      this.answers.set(module, cached);
    }
    return result;
  }
}

function getModuleTime(path: string): number | undefined {
  return getReadableModuleTime(path, Number.POSITIVE_INFINITY);
}

function isUnchanged(dependencies: ReadonlyMap<string, number | undefined>): boolean {
  for (const [path, time] of dependencies) if (getModuleTime(path) !== time) return false;
  return true;
}

/** Where a module binds an export: a value's node, a local binding that holds no value, or another module's export. */
export type ExportValue<Node> = { kind: 'node'; node: Node } | { kind: 'local' } | { kind: 'forward'; specifier: string; name: string };

/** What each half reads from its own tree to answer an export question. */
export interface ExportReaders<Node> {
  /** The same question (or the forwarded one) asked of another module. */
  follow(specifier: string, request: ExportRequest): ValueFact | undefined;
  read(node: Node): ValueFact;
  /** The object literal a node is, if it is one. */
  objectLiteral(node: Node): Node | undefined;
  /** The value of a key of that object literal. */
  keyValue(object: Node, key: string): Node | undefined;
}

/**
 * The answer to one export question, from where the module binds the export (`found`), the same on both halves:
 * unbound names are asked of each `export *` module in turn; a key of an object literal is read there, else the
 * export's value is a member's object.
 */
export function answerExport<Node>(found: { value: ExportValue<Node> | undefined; stars: readonly string[] }, request: ExportRequest, readers: ExportReaders<Node>): ValueFact | undefined {
  const { value, stars } = found;
  if (!value) {
    for (const specifier of stars) {
      const fact = readers.follow(specifier, request);
      if (fact) return fact;
    }
    return undefined;
  }
  if (value.kind === 'local') return request.property === undefined ? LOCAL_VALUE : undefined;
  if (value.kind === 'forward') return readers.follow(value.specifier, { ...request, name: value.name });
  if (request.property === undefined) return readers.read(value.node);
  const object = readers.objectLiteral(value.node);
  if (object) {
    const keyValue = readers.keyValue(object, request.property);
    return keyValue ? readers.read(keyValue) : undefined;
  }
  return { kind: 'member', object: readers.read(value.node), name: request.property };
}

/** The modification time of a project module worth reading (a file of at most `maxSize` bytes), for a parse cache. */
export function getReadableModuleTime(path: string, maxSize: number): number | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() && stat.size <= maxSize ? stat.mtimeMs : undefined;
  } catch {
    // A file that cannot be stat'ed cannot be read either.
    return undefined;
  }
}
