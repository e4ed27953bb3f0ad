import { Node, type ClassDeclaration, type SourceFile } from 'ts-morph';
import { getProjectRoot, parseProjectSources } from './route-prefixes.js';

/**
 * Where a project's own error classes keep the HTTP status they carry. A route that throws (or hands to `next`)
 * `new HttpException(422, …)` answers 422 through the project's error handler; the span must not call that the
 * server's error. The generated code reads `status` and `statusCode` (Nest, http-errors, Koa, Fastify); a project class
 * whose constructor takes the status first and keeps it under another name (`this.errorCode = errorCode`) adds that
 * name.
 */
export const STANDARD_STATUS_FIELDS: readonly string[] = ['status', 'statusCode'];

const ERROR_CLASS_TEXT = /\bclass\s+\w+\s+extends\s+[\w.]*(Error|Exception)\b/;
const STATUS_PARAMETER = /status|code/i;
const fieldsByRoot = new Map<string, readonly string[]>();

/** `status`, `statusCode`, then the status fields of the error classes of the file's project (sorted, for stable output). */
export function getErrorStatusFields(filePath: string): readonly string[] {
  const root = getProjectRoot(filePath);
  if (!root) return STANDARD_STATUS_FIELDS;
  const cached = fieldsByRoot.get(root);
  if (cached) return cached;
  const found = new Set<string>();
  for (const { sourceFile } of parseProjectSources(root, ERROR_CLASS_TEXT)) {
    for (const field of getStatusFieldsOfFile(sourceFile)) found.add(field);
  }
  const fields = [...STANDARD_STATUS_FIELDS, ...[...found].filter((field) => !STANDARD_STATUS_FIELDS.includes(field)).sort()];
  fieldsByRoot.set(root, fields);
  return fields;
}

function getStatusFieldsOfFile(sourceFile: SourceFile): string[] {
  return sourceFile.getClasses().flatMap((declaration) => {
    const field = getStatusField(declaration);
    return field ? [field] : [];
  });
}

/**
 * The property an error class keeps its constructor's first parameter in, when that parameter is a status: a number
 * (or, untyped, named like one: `status`, `errorCode`), kept as a parameter property or by `this.x = status`.
 */
function getStatusField(declaration: ClassDeclaration): string | undefined {
  const base = declaration.getExtends()?.getExpression().getText() ?? '';
  if (!/(Error|Exception)$/.test(base)) return undefined;
  const parameter = declaration.getConstructors()[0]?.getParameters()[0];
  if (!parameter || !Node.isIdentifier(parameter.getNameNode())) return undefined;
  const type = parameter.getTypeNode()?.getText();
  if (type !== undefined ? !/^number\b/.test(type) : !STATUS_PARAMETER.test(parameter.getName())) return undefined;
  if (parameter.isParameterProperty()) return parameter.getName();
  const body = declaration.getConstructors()[0]?.getBody();
  if (!body || !Node.isBlock(body)) return undefined;
  for (const statement of body.getStatements()) {
    const expression = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
    if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getText() !== '=') continue;
    const left = expression.getLeft();
    if (Node.isPropertyAccessExpression(left) && left.getExpression().getText() === 'this' && expression.getRight().getText() === parameter.getName()) return left.getName();
  }
  return undefined;
}
