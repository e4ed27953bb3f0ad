import { extname } from 'node:path';
import { IndentationText, NewLineKind, Project, QuoteKind, ScriptKind, type SourceFile } from 'ts-morph';
import { detectFileStyle, type FileStyle } from './file-style.js';
import { getLineWidth } from './line-width.js';
import { TransformError, type TransformInput, type TransformNote, type TransformOutput } from './types.js';

const SCRIPT_KINDS: Record<string, ScriptKind> = {
  '.ts': ScriptKind.TS,
  '.mts': ScriptKind.TS,
  '.cts': ScriptKind.TS,
  '.tsx': ScriptKind.TSX,
  '.js': ScriptKind.JS,
  '.mjs': ScriptKind.JS,
  '.cjs': ScriptKind.JS,
  '.jsx': ScriptKind.JSX,
};

// One in-memory project per thread: creating a Project costs far more than adding a file to it.
let sharedProject: Project | undefined;
let fileCounter = 0;

function getProject(): Project {
  sharedProject ??= new Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, jsx: 1 /* preserve */ },
  });
  return sharedProject;
}

const INDENTATION: Record<string, IndentationText> = {
  '\t': IndentationText.Tab,
  '    ': IndentationText.FourSpaces,
  '  ': IndentationText.TwoSpaces,
};

/** Line and column (1-based) of an offset in a text. */
export function getLineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export interface ParsedFile {
  sourceFile: SourceFile;
  style: FileStyle;
}

/**
 * Parses the input into a ts-morph SourceFile whose manipulation settings follow the file's own style,
 * runs `edit` on it and returns the new text. When `edit` reports no change, the input comes back byte for byte.
 * A file with syntax errors is refused with a TransformError naming the first error.
 */
export function transformWithTsMorph(
  input: TransformInput,
  edit: (file: ParsedFile) => { changed: boolean; notes: TransformNote[] },
): TransformOutput {
  const project = getProject();
  const extension = extname(input.path).toLowerCase();
  const scriptKind = SCRIPT_KINDS[extension] ?? ScriptKind.TS;
  const style: FileStyle = { ...detectFileStyle(input.source), lineWidth: getLineWidth(input.path) };
  project.manipulationSettings.set({
    indentationText: INDENTATION[style.indentUnit] ?? IndentationText.TwoSpaces,
    newLineKind: style.eol === '\r\n' ? NewLineKind.CarriageReturnLineFeed : NewLineKind.LineFeed,
    quoteKind: style.quote === '"' ? QuoteKind.Double : QuoteKind.Single,
    useTrailingCommas: false,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  });
  const virtualPath = `/otel-codemod/${++fileCounter}/file${extension || '.ts'}`;
  const sourceFile = project.createSourceFile(virtualPath, input.source, { scriptKind, overwrite: true });
  try {
    const syntaxError = getFirstSyntaxError(sourceFile);
    if (syntaxError) throw new TransformError(input.path, syntaxError);
    const { changed, notes } = edit({ sourceFile, style });
    return { source: changed ? sourceFile.getFullText() : input.source, notes };
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

function getFirstSyntaxError(sourceFile: SourceFile): string | undefined {
  // parseDiagnostics is how the compiler exposes syntax errors of a single file without a type-check.
  const diagnostics = (sourceFile.compilerNode as unknown as { parseDiagnostics?: Array<{ start?: number; messageText: unknown }> }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line, column } = getLineAndColumn(sourceFile.getFullText(), first.start ?? 0);
  const message = typeof first.messageText === 'string' ? first.messageText : 'syntax error';
  return `syntax error at ${line}:${column}: ${message}`;
}
