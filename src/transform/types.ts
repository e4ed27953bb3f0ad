/** The contract every codemod in codemods/ implements; the CLI and the jscodeshift adapter only see this. */

export interface TransformOptions {
  /** Name given to `trace.getTracer(...)` when a file has no tracer yet. */
  tracerName: string;
  /** Extra, transform-specific options (`producerSpans`, `link`, `helper`, …). */
  [option: string]: unknown;
}

export interface TransformNote {
  /** 1-based line of the site the note is about. */
  line: number;
  /** `skipped`: the transform refused a site; `review`: it changed the site but a person should look. */
  kind: 'skipped' | 'review';
  message: string;
}

export interface TransformInput {
  /** Path of the file, used to pick the parser (.ts/.tsx/.js …) and in messages. */
  path: string;
  /** The file's text without a BOM; line endings as in the file. */
  source: string;
  options: TransformOptions;
}

export interface ExtraFile {
  path: string;
  source: string;
}

export interface TransformOutput {
  /** The new text; identical to the input when nothing changed. */
  source: string;
  notes: TransformNote[];
  /** Files the transform needs besides the one it changed (a shared helper module). */
  extraFiles?: ExtraFile[];
}

export interface CodemodTransform {
  name: string;
  /** One line, shown by `otel-codemod list` and in the README. */
  description: string;
  /**
   * Cheap text test: false means the file cannot hold anything this transform changes, so it is not parsed. Given the
   * file's path and the options it can be tighter (path-bound entry points, configured export names).
   */
  mayApply(source: string, file?: { path: string; options: TransformOptions }): boolean;
  /** Throws TransformError for input it cannot parse. */
  apply(input: TransformInput): TransformOutput;
}

/** A file the transform cannot work on (syntax error, unsupported construct); the runner reports it and goes on. */
export class TransformError extends Error {
  constructor(
    readonly filePath: string,
    reason: string,
  ) {
    super(`${filePath}: ${reason}`);
    this.name = 'TransformError';
  }
}
