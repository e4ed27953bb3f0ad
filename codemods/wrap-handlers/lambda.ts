import { basename, extname } from 'node:path';
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { LAMBDA_EVENT_PARAMETER, LAMBDA_HANDLER_EXPORT_NAMES, LAMBDA_TYPE_MODULES } from '../../src/catalog/entry-points.js';
import type { WrappableFunction } from '../../src/transform/wrap-body.js';
import { getInlineFunction, importsAnyModule, skippedNote, type Collected } from './target.js';

/**
 * AWS Lambda handlers: `export const handler = …`, `export function handler`, `exports.handler = …` and
 * `module.exports.handler = …`, for each name in `exportNames`. The span is named as Lambda names the handler,
 * `<file>.<export>` (`orders.handler`).
 */
export function collectLambdaHandlers(sourceFile: SourceFile, filePath: string, exportNames: readonly string[] = LAMBDA_HANDLER_EXPORT_NAMES): Collected {
  const collected: Collected = { targets: [], notes: [] };
  const typedFile = importsAnyModule(sourceFile, LAMBDA_TYPE_MODULES);
  const moduleName = basename(filePath, extname(filePath));
  const add = (exportName: string, site: Node, fn: WrappableFunction | undefined): void => {
    if (!fn) {
      if (typedFile) collected.notes.push(skippedNote(site, `Lambda handler ${exportName}: not an inline function (wrapped by a middleware or defined elsewhere)`));
      return;
    }
    const firstParameter = fn.getParameters()[0]?.getName() ?? '';
    if (!typedFile && !LAMBDA_EVENT_PARAMETER.test(firstParameter)) return;
    collected.targets.push({ fn, name: { literal: `${moduleName}.${exportName}` }, kind: 'SERVER', attributes: [] });
  };

  for (const statement of sourceFile.getStatements()) {
    if (Node.isFunctionDeclaration(statement) && statement.isExported() && exportNames.includes(statement.getName() ?? '')) {
      add(statement.getName()!, statement, statement);
    } else if (Node.isVariableStatement(statement) && statement.isExported()) {
      for (const declaration of statement.getDeclarations()) {
        if (exportNames.includes(declaration.getName())) add(declaration.getName(), declaration, getInlineFunction(declaration.getInitializer()));
      }
    } else if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const exportName = getCommonJsExportName(expression.getLeft());
      if (exportName && exportNames.includes(exportName)) add(exportName, statement, getInlineFunction(expression.getRight()));
    }
  }
  return collected;
}

/** `handler` for `exports.handler` and `module.exports.handler`. */
function getCommonJsExportName(left: Node): string | undefined {
  if (!Node.isPropertyAccessExpression(left)) return undefined;
  const object = left.getExpression().getText();
  return object === 'exports' || object === 'module.exports' ? left.getName() : undefined;
}
