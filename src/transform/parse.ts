import { extname } from 'node:path';
import { createWrappedNode, IndentationText, NewLineKind, Project, QuoteKind, ScriptKind, ts, type SourceFile } from 'ts-morph';
import { detectFileStyle, type FileStyle } from './file-style.js';
import { getNestingRefusal, TOO_DEEP_TO_PARSE } from './nesting-depth.js';
import { withLineWidth } from './line-width.js';
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

/** A file's text parsed by the compiler, with what refuses it (a syntax error, too deep a tree), if anything. */
interface CompilerParse {
  path: string;
  source: string;
  compilerFile: ts.SourceFile | undefined;
  /** The tree is too deep to walk safely (or to parse at all). */
  tooDeep: string | undefined;
  refusal: string | undefined;
  /** The ts-morph view of the tree, made when a transform first asks. */
  parsed?: ParsedFile;
}

/**
 * The last file parsed, kept for the next transform of a run: transforms plan on an untouched tree and never change
 * it, so as long as the text is the same, every transform (and the runner's depth check) uses one parse.
 */
let lastParse: CompilerParse | undefined;
let parseCount = 0;

/** How many times a file has been parsed in this thread (for tests and the benchmark). */
export function getParseCount(): number {
  return parseCount;
}

function getScriptKind(path: string): ScriptKind {
  return SCRIPT_KINDS[extname(path).toLowerCase()] ?? ScriptKind.TS;
}

/** Parses with the compiler alone (no project, no type checker): the cost of TypeScript's own parse. */
function parseWithCompiler(path: string, source: string): CompilerParse {
  if (lastParse && lastParse.path === path && lastParse.source === source) return lastParse;
  parseCount++;
  let compilerFile: ts.SourceFile | undefined;
  let tooDeep: string | undefined;
  try {
    compilerFile = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, getScriptKind(path));
    tooDeep = getNestingRefusal(compilerFile);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    tooDeep = TOO_DEEP_TO_PARSE;
  }
  lastParse = { path, source, compilerFile, tooDeep, refusal: tooDeep ?? (compilerFile && getFirstSyntaxError(compilerFile)) };
  return lastParse;
}

/**
 * Why the file's tree is too deep to transform safely, or undefined: the runner asks before any transform (its own or
 * one a team adds) sees the file. The parse is kept for the transforms that run next on the same text.
 */
export function getNestingRefusalOf(path: string, source: string): string | undefined {
  return parseWithCompiler(path, source).tooDeep;
}

/**
 * A ts-morph view of a text parsed by the compiler alone, for reading other files of a project (no project, no type
 * checker, nothing to release). Not counted as a parse of the file being transformed.
 */
export function parseForReading(path: string, text: string): SourceFile {
  return createWrappedNode(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, getScriptKind(path))) as unknown as SourceFile;
}

/**
 * Hands `use` the parsed input: a ts-morph view of the compiler's tree, without a project or type checker, which
 * `use` must not change (the next transform may get the same tree). A file with syntax errors is refused with a
 * TransformError naming the first error.
 */
export function withParsedFile<T>(input: TransformInput, use: (file: ParsedFile) => T): T {
  const parse = parseWithCompiler(input.path, input.source);
  if (parse.refusal !== undefined) throw new TransformError(input.path, parse.refusal);
  parse.parsed ??= { sourceFile: createWrappedNode(parse.compilerFile!) as unknown as SourceFile, style: withLineWidth(detectFileStyle(input.source), input.path) };
  return use(parse.parsed);
}

/**
 * Runs `edit` on the parsed file, which may change the tree, and returns the new text. When `edit` reports no change,
 * the input comes back byte for byte. For readers and tests; the codemods write through the edit engine
 * (transformWithEdits in edit-plan.ts).
 */
export function transformWithTsMorph(
  input: TransformInput,
  edit: (file: ParsedFile) => { changed: boolean; notes: TransformNote[] },
): TransformOutput {
  return withProjectFile(input, (file) => {
    const { changed, notes } = edit(file);
    return { source: changed ? file.sourceFile.getFullText() : input.source, notes };
  });
}

/**
 * Hands `use` the input parsed into the thread's in-memory project, for what needs symbols (references of an import)
 * or changes the tree; manipulation settings follow the file's own style. The file is parsed anew and dropped after.
 */
export function withProjectFile<T>(input: TransformInput, use: (file: ParsedFile) => T): T {
  const refusal = parseWithCompiler(input.path, input.source).refusal;
  if (refusal !== undefined) throw new TransformError(input.path, refusal);
  const project = getProject();
  const style: FileStyle = withLineWidth(detectFileStyle(input.source), input.path);
  project.manipulationSettings.set({
    indentationText: INDENTATION[style.indentUnit] ?? IndentationText.TwoSpaces,
    newLineKind: style.eol === '\r\n' ? NewLineKind.CarriageReturnLineFeed : NewLineKind.LineFeed,
    quoteKind: style.quote === '"' ? QuoteKind.Double : QuoteKind.Single,
    useTrailingCommas: false,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  });
  const extension = extname(input.path).toLowerCase();
  const sourceFile = project.createSourceFile(`/otel-codemod/${++fileCounter}/file${extension || '.ts'}`, input.source, { scriptKind: getScriptKind(input.path), overwrite: true });
  parseCount++;
  try {
    return use({ sourceFile, style });
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

function getFirstSyntaxError(sourceFile: ts.SourceFile): string | undefined {
  // parseDiagnostics is how the compiler exposes syntax errors of a single file without a type-check.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: Array<{ start?: number; messageText: unknown }> }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line, column } = getLineAndColumn(sourceFile.text, first.start ?? 0);
  const message = typeof first.messageText === 'string' ? first.messageText : 'syntax error';
  return `syntax error at ${line}:${column}: ${message}`;
}
