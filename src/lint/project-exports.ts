import { createRequire } from 'node:module';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { answerExport, ExportQuestions, isProjectModule, type ExportRequest, type ExportValue as SharedExportValue } from '../catalog/messaging/project-modules.js';
import type { ValueFact } from '../catalog/messaging/value-origin.js';
import { forEachDescendant, getPropertyName, getStaticKey, skipTransparentWrappers } from './ast.js';
import { readProjectModule } from './local-module-exports.js';

/**
 * Follows a value into another file of the project (the rules in src/catalog/messaging/project-modules.ts): the file
 * is parsed with the parser the rule runs with, once per path and modification time, and the export's value is
 * described there by the same fact reader as in the linted file, from a fresh depth (the hop limit bounds the files).
 */

type Scope = TSESLint.Scope.Scope;

/** What the fact readers need of a file: its tree, its scopes, its path, and the parser to read its imports with. */
export interface FactContext {
  readonly filename: string;
  readonly sourceCode: {
    readonly ast: TSESTree.Program;
    readonly visitorKeys: TSESLint.SourceCode['visitorKeys'];
    getScope(node: TSESTree.Node): Scope;
  };
  readonly languageOptions?: { readonly parser?: unknown; readonly sourceType?: unknown };
}

/** Describes one expression of a file (getValueFact of src/lint/messaging-facts.ts). */
export type ValueReader = (node: TSESTree.Node, context: FactContext) => ValueFact;

interface ParserWithScopes {
  parseForESLint(text: string, options: Record<string, unknown>): { ast: TSESTree.Program; scopeManager?: TSESLint.Scope.ScopeManager | null; visitorKeys?: FactContext['sourceCode']['visitorKeys'] };
}

interface ParsedModule {
  mtimeMs: number;
  context: FactContext | undefined;
}

const parses = new Map<string, ParsedModule>();
const questions = new ExportQuestions<FactContext, ValueFact>();

function hasParseForESLint(parser: unknown): parser is ParserWithScopes {
  return typeof (parser as Partial<ParserWithScopes> | undefined)?.parseForESLint === 'function';
}

/** ESLint's own scope lookup: the innermost scope a node opens or sits in. */
function getScopeOf(scopeManager: TSESLint.Scope.ScopeManager, start: TSESTree.Node): Scope {
  const inner = start.type !== AST_NODE_TYPES.Program;
  for (let node: TSESTree.Node | undefined = start; node; node = node.parent) {
    const scope = scopeManager.acquire(node, inner);
    if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
  }
  return scopeManager.scopes[0]!;
}

let fallbackParser: ParserWithScopes | null | undefined;

/**
 * typescript-eslint's parser (a peer dependency) for files linted with a parser that gives no scope analysis, such as
 * espree, ESLint's default for JavaScript: it reads JavaScript too. Null when it is not installed.
 */
function getFallbackParser(): ParserWithScopes | null {
  if (fallbackParser !== undefined) return fallbackParser;
  try {
    const loaded: unknown = createRequire(import.meta.url)('@typescript-eslint/parser');
    fallbackParser = hasParseForESLint(loaded) ? loaded : null;
  } catch {
    fallbackParser = null;
  }
  return fallbackParser;
}

/** The other file parsed with the linted file's parser, or typescript-eslint's where that parser has no scope analysis. */
function parseProjectModule(from: FactContext, specifier: string): FactContext | undefined {
  const own = from.languageOptions?.parser;
  const parser = hasParseForESLint(own) ? own : getFallbackParser();
  if (!parser) return undefined;
  const file = readProjectModule(from.filename, specifier);
  if (!file) return undefined;
  const cached = parses.get(file.path);
  if (cached?.mtimeMs === file.mtimeMs) return cached.context;
  let context: FactContext | undefined;
  try {
    const sourceType = from.languageOptions?.sourceType === 'script' ? 'script' : 'module';
    const { ast, scopeManager, visitorKeys } = parser.parseForESLint(file.text, { filePath: file.path, sourceType, ecmaVersion: 'latest', range: true, loc: true, tokens: false, comment: false });
    if (scopeManager && visitorKeys) {
      const sourceCode = { ast, visitorKeys, getScope: (node: TSESTree.Node) => getScopeOf(scopeManager, node) };
      setParents(ast, sourceCode);
      context = { filename: file.path, sourceCode, languageOptions: from.languageOptions };
    }
  } catch {
    context = undefined;
  }
  parses.set(file.path, { mtimeMs: file.mtimeMs, context });
  return context;
}

function setParents(ast: TSESTree.Program, sourceCode: FactContext['sourceCode']): void {
  forEachDescendant(ast, sourceCode, (node) => {
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && 'type' in child) (child as { parent?: TSESTree.Node }).parent = node;
      }
    }
  });
}

/** Where a module says an export's value is: an expression of its own, a class or function of its own, or another module. */
type ExportValue = SharedExportValue<TSESTree.Node>;

function getExportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** `module.exports` or `exports`, and `module.exports.name` / `exports.name` with its name. */
function getCommonJsTarget(node: TSESTree.Node): { name: string | undefined } | undefined {
  const target = skipTransparentWrappers(node);
  const isModuleExports = (candidate: TSESTree.Node) =>
    candidate.type === AST_NODE_TYPES.MemberExpression &&
    candidate.object.type === AST_NODE_TYPES.Identifier &&
    candidate.object.name === 'module' &&
    getPropertyName(candidate) === 'exports';
  if (isModuleExports(target)) return { name: undefined };
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = getPropertyName(target);
  const object = skipTransparentWrappers(target.object);
  if (name === undefined) return undefined;
  return isModuleExports(object) || (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ? { name } : undefined;
}

/** The object literal a value is, directly or through a same-file `const`. */
function getObjectLiteral(node: TSESTree.Node, context: FactContext): TSESTree.ObjectExpression | undefined {
  const value = skipTransparentWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(value), value.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : undefined;
  return init && skipTransparentWrappers(init).type === AST_NODE_TYPES.ObjectExpression ? (skipTransparentWrappers(init) as TSESTree.ObjectExpression) : undefined;
}

/** The value of key `name` of an object literal (`{ client }` shorthand included). */
function getObjectKeyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === name) return property.value;
  }
  return undefined;
}

/** Reads where the module puts export `name`, by the rules of project-modules.ts; `export *` sources are returned to try in turn. */
function findExport(context: FactContext, name: string): { value: ExportValue | undefined; stars: string[] } {
  const stars: string[] = [];
  for (const statement of context.sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.exportKind === 'type') continue;
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        const declarator = declaration.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === name);
        if (declarator) return { value: declarator.init ? { kind: 'node', node: declarator.init } : undefined, stars };
      } else if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
        return { value: { kind: 'local' }, stars };
      }
      for (const specifier of statement.specifiers) {
        if (getExportedName(specifier.exported) !== name || specifier.exportKind === 'type') continue;
        const local = specifier.local;
        if (statement.source) return { value: { kind: 'forward', specifier: statement.source.value, name: getExportedName(local) }, stars };
        return { value: local.type === AST_NODE_TYPES.Identifier ? { kind: 'node', node: local } : undefined, stars };
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const declaration = statement.declaration;
      const isOwn = declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration;
      return { value: isOwn ? { kind: 'local' } : { kind: 'node', node: declaration }, stars };
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported && statement.exportKind !== 'type' && name !== 'default') {
      stars.push(statement.source.value);
    } else if (statement.type === AST_NODE_TYPES.TSExportAssignment && name === 'default') {
      return { value: { kind: 'node', node: statement.expression }, stars };
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right, operator } = statement.expression;
      const target = operator === '=' ? getCommonJsTarget(left) : undefined;
      if (!target) continue;
      if (target.name === name) return { value: { kind: 'node', node: right }, stars };
      if (target.name !== undefined) continue;
      if (name === 'default') return { value: { kind: 'node', node: right }, stars };
      const object = getObjectLiteral(right, context);
      const value = object && getObjectKeyValue(object, name);
      if (value) return { value: { kind: 'node', node: value }, stars };
    }
  }
  return { value: undefined, stars };
}

function answer(context: FactContext, request: ExportRequest, read: ValueReader): ValueFact | undefined {
  return answerExport(findExport(context, request.name), request, {
    follow: (specifier, forwarded) => getProjectExportFact(context, specifier, forwarded, read),
    read: (node) => read(node, context),
    objectLiteral: (node) => getObjectLiteral(node, context),
    keyValue: getObjectKeyValue,
  });
}

/**
 * What export `request` of the project module `specifier` (relative to the file of `from`) is, as a value fact;
 * undefined when the module or the export cannot be read.
 */
export function getProjectExportFact(from: FactContext, specifier: string, request: ExportRequest, read: ValueReader): ValueFact | undefined {
  if (!isProjectModule(specifier)) return undefined;
  const context = parseProjectModule(from, specifier);
  if (!context) return undefined;
  return questions.ask(context, context.filename, request, () => answer(context, request, read));
}
