/** The conventions of a file that code written into it must follow. */
export interface FileStyle {
  quote: "'" | '"';
  /** One level of indentation as the file writes it (two spaces, four spaces, a tab). */
  indentUnit: string;
  semicolons: boolean;
  eol: '\n' | '\r\n';
  /** The width lines should keep to (see getLineWidth); not read off the text, so absent from detectFileStyle's answer. */
  lineWidth?: number;
}

/** Reads quotes, indentation, semicolons and line endings off the file by majority; defaults suit an empty file. */
export function detectFileStyle(text: string): FileStyle {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const single = (text.match(/(?<![\w\\])'[^'\n\\]*'/g) ?? []).length;
  const double = (text.match(/(?<![\w\\])"[^"\n\\]*"/g) ?? []).length;
  return {
    quote: double > single ? '"' : "'",
    indentUnit: detectIndentUnit(text),
    semicolons: detectSemicolons(text),
    eol: crlf > lf ? '\r\n' : '\n',
  };
}

function detectIndentUnit(text: string): string {
  const indents = text
    .split(/\r?\n/)
    .map((line) => /^([ \t]+)\S/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  if (indents.length === 0) return '  ';
  const tabs = indents.filter((indent) => indent.startsWith('\t')).length;
  if (tabs > indents.length / 2) return '\t';
  const widths = indents.filter((indent) => !indent.includes('\t')).map((indent) => indent.length);
  const smallest = Math.min(...widths.filter((width) => width > 0));
  return smallest === 4 ? '    ' : '  ';
}

function detectSemicolons(text: string): boolean {
  const statementEnds = text
    .split(/\r?\n/)
    .map((line) => line.replace(/\/\/.*$/, '').trimEnd())
    .filter((line) => /^(\s*)(import|export|const|let|var|return|throw)\b/.test(line) && !/[{([,]$/.test(line));
  if (statementEnds.length === 0) return true;
  const withSemicolon = statementEnds.filter((line) => line.endsWith(';')).length;
  return withSemicolon >= statementEnds.length / 2;
}
