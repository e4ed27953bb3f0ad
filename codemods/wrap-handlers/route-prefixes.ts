import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { parseForReading } from '../../src/transform/parse.js';
import { getStringValue } from './target.js';

/**
 * Where a router's routes are served: the paths it is mounted under (`app.use('/api', router)`,
 * `app.register(plugin, { prefix: '/api' })`, `app.route('/api', api)`, `new Router({ prefix: '/api' })`, Hono's
 * `new Hono().basePath('/api')`), in its own
 * file and, through the imports of the project's other files, in the file that mounts it. Nest's
 * `app.setGlobalPrefix('api')` is looked up the same way. Only literal paths count; anything else makes the prefix unknown.
 */
export type PrefixResult = { prefix: string } | { unknown: string };

interface Mount {
  /** The router or app it is mounted on. */
  parent: string;
  /** The mount path, or undefined when it is not a literal. */
  path: string | undefined;
  /** The local name of what is mounted. */
  child: string;
}

interface FileFacts {
  mounts: Mount[];
  /** `const router = new Router({ prefix: '/x' })`. */
  ownPrefixes: Map<string, string>;
  /** local name → the names it is exported under (`default` for a default export). */
  exports: Map<string, string[]>;
  /** Imports of relative modules: local name, resolved path without extension, imported name (`default`). */
  imports: Array<{ local: string; module: string; imported: string }>;
  globalPrefixes: string[];
}

interface ProjectIndex {
  files: Map<string, FileFacts>;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.next', 'out', 'cdk.out', '.serverless']);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const MOUNT_TEXT = /\.(use|register|route|setGlobalPrefix|basePath)\s*\(/;
const MAX_FILES = 4000;
const MAX_DEPTH = 6;

const indexes = new Map<string, ProjectIndex>();

function withoutExtension(path: string): string {
  const stripped = path.replace(SOURCE, '');
  return stripped.endsWith('/index') ? stripped.slice(0, -'/index'.length) : stripped;
}

/** The folder of the nearest package.json: the project whose files may mount this one. */
export function getProjectRoot(filePath: string): string | undefined {
  for (let directory = dirname(resolve(filePath)); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/** The project's source files whose text mentions what the caller looks for, parsed for reading (unreadable ones are passed over). */
export function* parseProjectSources(root: string, mention: RegExp): Generator<{ path: string; sourceFile: SourceFile }> {
  for (const path of listSourceFiles(root)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (mention.test(text)) yield { path, sourceFile: parseForReading(path, text) };
  }
}

function listSourceFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (directory: string, isRoot: boolean): void => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    // A folder with its own package.json is another project.
    if (!isRoot && entries.some((entry) => entry.isFile() && entry.name === 'package.json')) return;
    for (const entry of entries) {
      if (files.length >= MAX_FILES) return;
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) visit(join(directory, entry.name), false);
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(join(directory, entry.name));
    }
  };
  visit(root, true);
  return files;
}

function getIndex(root: string): ProjectIndex {
  const cached = indexes.get(root);
  if (cached) return cached;
  const index: ProjectIndex = { files: new Map() };
  for (const { path, sourceFile } of parseProjectSources(root, MOUNT_TEXT)) index.files.set(withoutExtension(path), getFileFacts(sourceFile, path));
  indexes.set(root, index);
  return index;
}

/** The identifier a mounted argument names: `router`, `router.routes()`, `api.router`. */
function getMountedName(node: Node): string | undefined {
  if (Node.isIdentifier(node)) return node.getText();
  if (Node.isCallExpression(node) && node.getArguments().length === 0 && Node.isPropertyAccessExpression(node.getExpression())) return getMountedName(node.getExpression());
  if (Node.isPropertyAccessExpression(node) && ['routes', 'middleware', 'router'].includes(node.getName())) return getMountedName(node.getExpression());
  return undefined;
}

/**
 * The name a chain of calls ends up under: `api` for `const api = Router().use(a).use(b)`, `default` for
 * `export default Router().use('/api', api)`; a chain on a variable (`api.use(a).use(b)`) is that variable's.
 */
export function getChainOwner(call: Node): string | undefined {
  let root: Node = call;
  while (Node.isCallExpression(root) || Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (Node.isIdentifier(root) && !Node.isCallExpression(root.getParent())) return root.getText();
  let outer: Node = call;
  for (let parent = outer.getParent(); parent && (Node.isPropertyAccessExpression(parent) || (Node.isCallExpression(parent) && parent.getExpression() === outer)); parent = parent.getParent()) {
    outer = parent;
  }
  const holder = outer.getParent();
  if (Node.isVariableDeclaration(holder)) return holder.getName();
  return Node.isExportAssignment(holder) ? 'default' : undefined;
}

function getFileFacts(sourceFile: SourceFile, path: string): FileFacts {
  const facts: FileFacts = { mounts: [], ownPrefixes: new Map(), exports: new Map(), imports: [], globalPrefixes: [] };
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const parent = getMountedName(callee.getExpression()) ?? getChainOwner(call);
    const args = call.getArguments();
    const method = callee.getName();
    if (method === 'setGlobalPrefix') {
      const prefix = getStringValue(args[0]);
      if (prefix !== undefined) facts.globalPrefixes.push(prefix);
    } else if (!parent) continue;
    else if (method === 'use' || method === 'route') {
      const [first, ...rest] = args;
      if (!first) continue;
      const path = getStringValue(first);
      // `app.use(router)` mounts at the root; `app.use(config.base, router)` at a path nobody can read.
      const atRoot = path === undefined && getMountedName(first) !== undefined;
      const mounted = atRoot ? args : rest;
      const mountPath = atRoot ? '' : path;
      for (const argument of mounted) {
        const child = getMountedName(argument);
        if (child) facts.mounts.push({ parent, path: mountPath, child });
      }
    } else if (method === 'register' && args[0]) {
      const child = getMountedName(args[0]);
      const options = args[1];
      if (!child) continue;
      const prefixProperty = options && Node.isObjectLiteralExpression(options) ? options.getProperty('prefix') : undefined;
      const path = prefixProperty === undefined ? (options === undefined || Node.isObjectLiteralExpression(options) ? '' : undefined) : Node.isPropertyAssignment(prefixProperty) ? getStringValue(prefixProperty.getInitializer()) : undefined;
      facts.mounts.push({ parent, path, child });
    }
  }
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const init = declaration.getInitializer();
    if (!init || !Node.isNewExpression(init) && !Node.isCallExpression(init)) continue;
    if (readBasePath(init, declaration.getName(), facts)) continue;
    const options = init.getArguments()[0];
    const prefix = options && Node.isObjectLiteralExpression(options) ? options.getProperty('prefix') : undefined;
    const value = prefix && Node.isPropertyAssignment(prefix) ? getStringValue(prefix.getInitializer()) : undefined;
    if (value !== undefined) facts.ownPrefixes.set(declaration.getName(), value);
  }
  collectExports(sourceFile, facts);
  collectImports(sourceFile, path, facts);
  return facts;
}

/**
 * Hono's `basePath`, anywhere in the chain a variable is made by: `const books = new Hono().basePath('/books').get(…)`
 * serves its routes under its own prefix; `const v1 = app.basePath('/v1')` is a new app mounted on `app` at `/v1`. A
 * path that is not a literal is unknown.
 */
function readBasePath(init: Node, name: string, facts: FileFacts): boolean {
  let call: Node = init;
  while (Node.isCallExpression(call) || Node.isPropertyAccessExpression(call)) {
    const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
    if (Node.isCallExpression(call) && Node.isPropertyAccessExpression(callee) && callee.getName() === 'basePath') {
      const path = getStringValue(call.getArguments()[0]);
      const receiver = callee.getExpression();
      if (Node.isIdentifier(receiver)) facts.mounts.push({ parent: receiver.getText(), path, child: name });
      else if (path === undefined) facts.mounts.push({ parent: '\0unknown', path, child: name });
      else facts.ownPrefixes.set(name, path);
      return true;
    }
    call = call.getExpression();
  }
  return false;
}

function addExport(facts: FileFacts, local: string, exported: string): void {
  facts.exports.set(local, [...(facts.exports.get(local) ?? []), exported]);
}

function collectExports(sourceFile: SourceFile, facts: FileFacts): void {
  for (const statement of sourceFile.getStatements()) {
    if (Node.isExportAssignment(statement)) {
      addExport(facts, getMountedName(statement.getExpression()) ?? 'default', 'default');
    } else if (Node.isFunctionDeclaration(statement) && statement.hasExportKeyword()) {
      addExport(facts, statement.getName() ?? 'default', statement.hasDefaultKeyword() ? 'default' : statement.getName() ?? 'default');
    } else if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) addExport(facts, declaration.getName(), declaration.getName());
    } else if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
      for (const specifier of statement.getNamedExports()) addExport(facts, specifier.getName(), specifier.getAliasNode()?.getText() ?? specifier.getName());
    } else if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const left = expression.getLeft().getText();
      // `module.exports = router` or `module.exports = router.routes()`.
      const local = getMountedName(expression.getRight());
      if (!local) continue;
      if (left === 'module.exports') addExport(facts, local, 'default');
      const named = /^(?:module\.)?exports\.(\w+)$/.exec(left);
      if (named) addExport(facts, local, named[1]!);
    }
  }
}

function collectImports(sourceFile: SourceFile, path: string, facts: FileFacts): void {
  const resolveModule = (specifier: string): string | undefined => (specifier.startsWith('.') ? withoutExtension(resolve(dirname(resolve(path)), specifier)) : undefined);
  for (const declaration of sourceFile.getImportDeclarations()) {
    const module = resolveModule(declaration.getModuleSpecifierValue());
    if (!module) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) facts.imports.push({ local: defaultImport.getText(), module, imported: 'default' });
    for (const specifier of declaration.getNamedImports()) facts.imports.push({ local: specifier.getAliasNode()?.getText() ?? specifier.getName(), module, imported: specifier.getName() });
  }
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const init = declaration.getInitializer();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require') continue;
    const module = resolveModule(getStringValue(init.getArguments()[0]) ?? '');
    if (!module) continue;
    const name = declaration.getNameNode();
    if (Node.isIdentifier(name)) facts.imports.push({ local: name.getText(), module, imported: 'default' });
    else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) facts.imports.push({ local: element.getName(), module, imported: element.getPropertyNameNode()?.getText() ?? element.getName() });
    }
  }
}

/** Every prefix `local` of the file may be served under; undefined where one of them cannot be read. */
function getPrefixes(index: ProjectIndex, file: string, facts: FileFacts, local: string, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const own = facts.ownPrefixes.get(local) ?? '';
  const mounts = facts.mounts.filter((mount) => mount.child === local && mount.parent !== local);
  let outer: string[] | undefined = [];
  if (mounts.length > 0) {
    for (const mount of mounts) {
      const parents = mount.path === undefined ? undefined : getPrefixes(index, file, facts, mount.parent, depth + 1);
      if (!parents || mount.path === undefined) return undefined;
      outer.push(...parents.map((parent) => joinPath(parent, mount.path!)));
    }
  } else {
    const exported = facts.exports.get(local) ?? [];
    for (const [importer, importerFacts] of index.files) {
      if (importer === file) continue;
      for (const entry of importerFacts.imports) {
        if (entry.module !== file || !exported.includes(entry.imported)) continue;
        const found = getPrefixes(index, importer, importerFacts, entry.local, depth + 1);
        if (!found) return undefined;
        outer.push(...found);
      }
    }
    if (outer.length === 0) outer = [''];
  }
  return [...new Set(outer.map((prefix) => joinPath(prefix, own)))];
}

export function joinPath(...parts: string[]): string {
  const joined = parts.flatMap((part) => part.split('/')).filter(Boolean).join('/');
  return joined === '' ? '' : `/${joined}`;
}

function describePrefixes(prefixes: string[] | undefined, what: string): PrefixResult {
  if (!prefixes) return { unknown: `${what} is mounted under a path that is not a string literal, so its routes are named without it` };
  if (prefixes.length > 1) return { unknown: `${what} is mounted under several paths (${prefixes.join(', ')}), so its routes are named without a prefix` };
  return { prefix: prefixes[0] ?? '' };
}

/** The prefix of the routes registered on `local` (a router, an app, a Fastify plugin's function) of the file being transformed. */
export function getMountPrefix(sourceFile: SourceFile, filePath: string, local: string): PrefixResult {
  const root = getProjectRoot(filePath);
  const file = withoutExtension(resolve(filePath));
  const index = root ? getIndex(root) : { files: new Map<string, FileFacts>() };
  const facts = getFileFacts(sourceFile, filePath);
  return describePrefixes(getPrefixes(index, file, facts, local, 0), `\`${local}\``);
}

/** Nest's `app.setGlobalPrefix('api')` anywhere in the project (the file being transformed included). */
export function getNestGlobalPrefix(sourceFile: SourceFile, filePath: string): PrefixResult {
  const root = getProjectRoot(filePath);
  const file = withoutExtension(resolve(filePath));
  const prefixes = new Set(getFileFacts(sourceFile, filePath).globalPrefixes);
  if (root) for (const [path, facts] of getIndex(root).files) if (path !== file) for (const prefix of facts.globalPrefixes) prefixes.add(prefix);
  return describePrefixes([...prefixes].length === 0 ? [''] : [...prefixes].map((prefix) => joinPath(prefix)), 'the Nest application');
}

