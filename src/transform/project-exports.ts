import { readFileSync } from 'node:fs';
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { answerExport, ExportQuestions, getModuleCandidates, getReadableModuleTime, isProjectModule, MAX_MODULE_SIZE, type ExportRequest, type ExportValue as SharedExportValue } from '../catalog/messaging/project-modules.js';
import type { ValueFact } from '../catalog/messaging/value-origin.js';
import { getMemberName } from './object-literal.js';
import { parseForReading } from './parse.js';

/**
 * Follows a value into another file of the project (the rules in src/catalog/messaging/project-modules.ts, as the lint
 * side follows them in src/lint/project-exports.ts): the file is read from disk and parsed by the compiler alone, once
 * per path and modification time, never added to a project, and the export's value is described there by the same
 * fact reader as in the file being transformed.
 */

/** Describes one expression (getValueFact of src/transform/messaging-facts.ts). */
export type ValueReader = (node: Node) => ValueFact;

const parses = new Map<string, { mtimeMs: number; sourceFile: SourceFile | undefined }>();
const questions = new ExportQuestions<SourceFile, ValueFact>();

function parseFile(path: string): SourceFile | undefined | null {
  const mtimeMs = getReadableModuleTime(path, MAX_MODULE_SIZE);
  if (mtimeMs === undefined) return null;
  const cached = parses.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached.sourceFile;
  let sourceFile: SourceFile | undefined;
  try {
    sourceFile = parseForReading(path, readFileSync(path, 'utf8'));
  } catch {
    sourceFile = undefined;
  }
  parses.set(path, { mtimeMs, sourceFile });
  return sourceFile;
}

/** The project file a relative specifier names, parsed (the first candidate that exists), once per modification time. */
export function parseProjectModule(fromFile: string, specifier: string): SourceFile | undefined {
  for (const candidate of getModuleCandidates(fromFile, specifier)) {
    const parsed = parseFile(candidate);
    if (parsed !== null) return parsed;
  }
  return undefined;
}

/** Where a module says an export's value is: an expression of its own, a class or function of its own, or another module. */
type ExportValue = SharedExportValue<Node>;

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isNonNullExpression(current) || Node.isTypeAssertion(current)) {
    current = current.getExpression();
  }
  return current;
}

/** `module.exports` or `exports`, and `module.exports.name` / `exports.name` with its name. */
function getCommonJsTarget(node: Node): { name: string | undefined } | undefined {
  const target = unwrap(node);
  const isModuleExports = (candidate: Node) => Node.isPropertyAccessExpression(candidate) && candidate.getName() === 'exports' && Node.isIdentifier(candidate.getExpression()) && candidate.getExpression().getText() === 'module';
  if (isModuleExports(target)) return { name: undefined };
  if (!Node.isPropertyAccessExpression(target)) return undefined;
  const object = unwrap(target.getExpression());
  return isModuleExports(object) || (Node.isIdentifier(object) && object.getText() === 'exports') ? { name: target.getName() } : undefined;
}

/** The object literal a value is, directly or through a `const` of the module's top level. */
function getObjectLiteral(node: Node): Node | undefined {
  const value = unwrap(node);
  if (Node.isObjectLiteralExpression(value)) return value;
  if (!Node.isIdentifier(value)) return undefined;
  const declarations = value
    .getSourceFile()
    .getVariableStatements()
    .flatMap((statement) => statement.getDeclarations())
    .filter((declaration) => Node.isIdentifier(declaration.getNameNode()) && declaration.getName() === value.getText());
  const initializer = declarations.length === 1 ? declarations[0]!.getInitializer() : undefined;
  return initializer && Node.isObjectLiteralExpression(unwrap(initializer)) ? unwrap(initializer) : undefined;
}

/** The value of key `name` of an object literal (`{ client }` shorthand included). */
function getObjectKeyValue(object: Node, name: string): Node | undefined {
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  for (const member of object.getProperties()) {
    if (getMemberName(member) !== name) continue;
    if (Node.isPropertyAssignment(member)) return member.getInitializer();
    if (Node.isShorthandPropertyAssignment(member)) return member.getNameNode();
  }
  return undefined;
}

/** Reads where the module puts export `name`, by the rules of project-modules.ts; `export *` sources are returned to try in turn. */
function findExport(sourceFile: SourceFile, name: string): { value: ExportValue | undefined; stars: string[] } {
  const stars: string[] = [];
  for (const statement of sourceFile.getStatements()) {
    if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      const declaration = statement.getDeclarations().find((candidate) => Node.isIdentifier(candidate.getNameNode()) && candidate.getName() === name);
      if (declaration) {
        const initializer = declaration.getInitializer();
        return { value: initializer ? { kind: 'node', node: initializer } : undefined, stars };
      }
    } else if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.hasExportKeyword()) {
      const exportedName = statement.hasDefaultKeyword() ? 'default' : statement.getName();
      if (exportedName === name) return { value: { kind: 'local' }, stars };
    } else if (Node.isExportDeclaration(statement)) {
      const specifier = statement.getModuleSpecifierValue();
      if (statement.isTypeOnly()) continue;
      if (!statement.hasNamedExports() && !statement.getNamespaceExport()) {
        if (specifier !== undefined && name !== 'default') stars.push(specifier);
        continue;
      }
      for (const exported of statement.getNamedExports()) {
        if ((exported.getAliasNode()?.getText() ?? exported.getName()) !== name || exported.isTypeOnly()) continue;
        if (specifier !== undefined) return { value: { kind: 'forward', specifier, name: exported.getName() }, stars };
        return { value: { kind: 'node', node: exported.getNameNode() }, stars };
      }
    } else if (Node.isExportAssignment(statement) && name === 'default') {
      return { value: { kind: 'node', node: statement.getExpression() }, stars };
    } else if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const target = getCommonJsTarget(expression.getLeft());
      const right = expression.getRight();
      if (!target) continue;
      if (target.name === name) return { value: { kind: 'node', node: right }, stars };
      if (target.name !== undefined) continue;
      if (name === 'default') return { value: { kind: 'node', node: right }, stars };
      const object = getObjectLiteral(right);
      const value = object && getObjectKeyValue(object, name);
      if (value) return { value: { kind: 'node', node: value }, stars };
    }
  }
  return { value: undefined, stars };
}

function answer(sourceFile: SourceFile, request: ExportRequest, read: ValueReader): ValueFact | undefined {
  const fromFile = sourceFile.compilerNode.fileName;
  return answerExport(findExport(sourceFile, request.name), request, {
    follow: (specifier, forwarded) => getProjectExportFact(fromFile, specifier, forwarded, read),
    read,
    objectLiteral: getObjectLiteral,
    keyValue: getObjectKeyValue,
  });
}

/**
 * What export `request` of the project module `specifier` (relative to `fromFile`) is, as a value fact; undefined
 * when the module or the export cannot be read.
 */
export function getProjectExportFact(fromFile: string, specifier: string, request: ExportRequest, read: ValueReader): ValueFact | undefined {
  if (!isProjectModule(specifier)) return undefined;
  const sourceFile = parseProjectModule(fromFile, specifier);
  if (!sourceFile) return undefined;
  return questions.ask(sourceFile, sourceFile.compilerNode.fileName, request, () => answer(sourceFile, request, read));
}
