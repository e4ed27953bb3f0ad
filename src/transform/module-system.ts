import { Node, SyntaxKind, type SourceFile } from 'ts-morph';

/** Whether code written into the file must use `require` rather than `import`. */
export function isCommonJsFile(sourceFile: SourceFile, path: string): boolean {
  if (/\.(cjs)$/i.test(path)) return true;
  if (/\.(mjs|mts|ts|tsx|cts)$/i.test(path)) return false;
  const statements = sourceFile.getStatements();
  if (statements.some((statement) => Node.isImportDeclaration(statement) || Node.isExportDeclaration(statement) || Node.isExportAssignment(statement))) return false;
  if (statements.some((statement) => Node.isModifierable(statement) && statement.hasModifier(SyntaxKind.ExportKeyword))) return false;
  return sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => call.getExpression().getText() === 'require') ||
    /\b(module\.exports|exports\.\w+)\s*=/.test(sourceFile.getFullText());
}

/** `require('<module>')` as a call's text, with whatever quotes. */
export function isRequireOf(node: Node, moduleName: string): boolean {
  if (!Node.isCallExpression(node) || node.getExpression().getText() !== 'require') return false;
  const [argument] = node.getArguments();
  return argument !== undefined && Node.isStringLiteral(argument) && argument.getLiteralValue() === moduleName;
}

/** Index after the last top-level import or `require` statement, where new imports and module-level declarations go. */
export function getIndexAfterImports(sourceFile: SourceFile): number {
  let index = 0;
  sourceFile.getStatements().forEach((statement, position) => {
    if (Node.isImportDeclaration(statement) || Node.isImportEqualsDeclaration(statement)) index = position + 1;
    else if (Node.isVariableStatement(statement) && statement.getDeclarations().some((d) => {
      const init = d.getInitializer();
      return init !== undefined && Node.isCallExpression(init) && init.getExpression().getText() === 'require';
    })) index = position + 1;
    else if (position === index && Node.isExpressionStatement(statement) && /^['"]use strict['"]/.test(statement.getText())) index = position + 1;
  });
  return index;
}
