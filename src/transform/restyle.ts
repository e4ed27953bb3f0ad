import type { FileStyle } from './file-style.js';

/**
 * Rewrites code written in the project's house style (two-space indentation, single quotes, semicolons, LF) in a
 * file's own style. Meant for code the transforms generate, which holds no quote characters inside its strings and
 * no line that starts with `(`, `[` or a backtick, so dropping semicolons is safe.
 */
export function restyleCode(code: string, style: FileStyle): string {
  return code
    .split('\n')
    .map((line) => {
      let out = line.replace(/^((?: {2})+)/, (indent) => style.indentUnit.repeat(indent.length / 2));
      const isComment = /^\s*(\/\*\*|\*|\/\/)/.test(line);
      if (style.quote === '"' && !isComment) out = out.replace(/'/g, '"');
      if (!style.semicolons) out = out.replace(/;$/, '');
      return out;
    })
    .join(style.eol);
}

/** Indents every line after the first by `indent` (code inserted in the middle of a line keeps its own first line). */
export function indentFollowingLines(code: string, indent: string, eol: string): string {
  return code.split(/\r?\n/).map((line, index) => (index === 0 || line === '' ? line : indent + line)).join(eol);
}
