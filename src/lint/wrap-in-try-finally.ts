import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Statement = TSESTree.ProgramStatement;

/**
 * A fix that moves `statements` into `try { … } finally { <span>.end(); }`, dropping top-level `<span>.end();`
 * statements among them. Undefined where moving the text could change a multi-line template literal.
 */
export function buildTryFinallyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  statements: readonly Statement[],
  spanName: string,
): TSESLint.ReportFixFunction | undefined {
  const first = statements[0];
  const last = statements.at(-1);
  if (!first || !last) return undefined;
  const text = sourceCode.text;
  if (sourceCode.ast.tokens.some((token) => token.type === 'Template' && token.range[0] >= first.range[0] && token.range[1] <= last.range[1] && /[\r\n]/.test(token.value))) {
    return undefined;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, first.range[0]))?.[0] ?? '';
  const unit = indent.startsWith('\t') ? '\t' : '  ';
  let region = '';
  let cursor = first.range[0];
  for (const statement of statements) {
    if (isEndStatement(statement, spanName)) {
      region += trimTrailingLineSpace(text.slice(cursor, statement.range[0]));
      cursor = statement.range[1];
    }
  }
  region += text.slice(cursor, last.range[1]);
  const body = region
    .split(/\r?\n/)
    .filter((line, index, lines) => !(line.trim() === '' && (index === lines.length - 1 || lines[index + 1]?.trim() === '')))
    .map((line, index) => (index === 0 || line.trim() === '' ? line : unit + line))
    .join(eol)
    .trimEnd();
  const replacement = `try {${eol}${indent}${unit}${body}${eol}${indent}} finally {${eol}${indent}${unit}${spanName}.end();${eol}${indent}}`;
  return (fixer) => fixer.replaceTextRange([first.range[0], last.range[1]], replacement);
}

function trimTrailingLineSpace(text: string): string {
  return text.replace(/[ \t]+$/, '');
}

function isEndStatement(statement: Statement, spanName: string): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = statement.expression;
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    call.callee.object.type === AST_NODE_TYPES.Identifier &&
    call.callee.object.name === spanName &&
    call.callee.property.type === AST_NODE_TYPES.Identifier &&
    call.callee.property.name === 'end' &&
    call.arguments.length === 0
  );
}

/** The statements after `statement` in its block, or undefined when it is not directly in a block. */
export function getFollowingStatements(statement: TSESTree.Node): Statement[] | undefined {
  const parent = statement.parent;
  if (parent?.type !== AST_NODE_TYPES.BlockStatement && parent?.type !== AST_NODE_TYPES.Program && parent?.type !== AST_NODE_TYPES.StaticBlock) return undefined;
  const body = parent.body as Statement[];
  const index = body.indexOf(statement as Statement);
  return index === -1 ? undefined : body.slice(index + 1);
}
