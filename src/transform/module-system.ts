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

/**
 * Inserts a module-level statement after the last import. In a file without imports, a comment block at its top that
 * is followed by a blank line (a licence header, a file overview) stays first: the statement goes below it.
 */
export function insertAfterImports(sourceFile: SourceFile, text: string): void {
  const index = getIndexAfterImports(sourceFile);
  const fullText = sourceFile.getFullText();
  const eol = fullText.includes('\r\n') ? '\r\n' : '\n';
  if (index > 0) {
    // At the end of the last import's line, so a comment after it on that line stays with it.
    const end = sourceFile.getStatements()[index - 1]!.getEnd();
    const newline = fullText.indexOf('\n', end);
    const position = newline === -1 ? fullText.length : fullText[newline - 1] === '\r' ? newline - 1 : newline;
    sourceFile.insertText(position, `${eol}${text}`);
    return;
  }
  const headerEnd = getHeaderCommentEnd(sourceFile);
  if (headerEnd === undefined) sourceFile.insertStatements(0, text);
  else sourceFile.insertText(headerEnd, `${eol}${eol}${text}`);
}

/** The end of the last top-of-file comment that a blank line separates from what follows, if there is one. */
function getHeaderCommentEnd(sourceFile: SourceFile): number | undefined {
  const first = sourceFile.getStatements()[0];
  if (!first) return undefined;
  const text = sourceFile.getFullText();
  let end: number | undefined;
  for (const comment of first.getLeadingCommentRanges()) {
    const following = text.slice(comment.getEnd(), first.getStart());
    if (/^[ \t]*\r?\n[ \t]*\r?\n/.test(following)) end = comment.getEnd();
  }
  return end;
}
