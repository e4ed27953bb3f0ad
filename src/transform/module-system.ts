import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { TextEdit } from './text-edits.js';

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
 * The edit that writes module-level statements (imports first, then declarations) after the last import, one per
 * line. In a file without imports, a comment block at its top that is followed by a blank line (a licence header, a
 * file overview) stays first: the statements go below it; a `#!` line stays first too.
 */
export function getAfterImportsEdit(sourceFile: SourceFile, statements: readonly string[], eol: string): TextEdit {
  const index = getIndexAfterImports(sourceFile);
  const fullText = sourceFile.getFullText();
  const label = 'module-level statements after the imports';
  if (index > 0) {
    // At the end of the last import's line, so a comment after it on that line stays with it.
    const end = sourceFile.getStatements()[index - 1]!.getEnd();
    const newline = fullText.indexOf('\n', end);
    const position = newline === -1 ? fullText.length : fullText[newline - 1] === '\r' ? newline - 1 : newline;
    return { start: position, end: position, text: statements.map((statement) => `${eol}${statement}`).join(''), label };
  }
  const headerEnd = getHeaderCommentEnd(sourceFile);
  if (headerEnd !== undefined) return { start: headerEnd, end: headerEnd, text: `${eol}${eol}${statements.join(eol)}`, label };
  const shebang = /^#![^\n]*/.exec(fullText);
  if (shebang) return { start: shebang[0].length, end: shebang[0].length, text: `${eol}${statements.join(eol)}`, label };
  return { start: 0, end: 0, text: `${statements.join(eol)}${eol}`, label };
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
