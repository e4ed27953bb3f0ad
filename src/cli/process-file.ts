import { dirname, isAbsolute, resolve } from 'node:path';
import { getNestingRefusalOf, getParseCount } from '../transform/parse.js';
import { TransformError, type CodemodTransform, type ExtraFile, type TransformNote, type TransformOptions } from '../transform/types.js';
import { readSourceFile } from './read-source.js';
import { looksMinified, originalText, restoreForm } from './text-format.js';

/** One file to run the transforms on; plain data so that it can cross to a worker thread. */
export interface FileTask {
  displayPath: string;
  realPath: string;
  transformNames: string[];
  options: TransformOptions;
}

export interface FileNote extends TransformNote {
  transform: string;
}

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

export interface FileResult {
  displayPath: string;
  realPath: string;
  status: FileStatus;
  /** A transform parsed the file (the text pre-filter let it through). */
  parsed: boolean;
  /** How many times the file was parsed: transforms that leave the text as it was share one parse. */
  parses: number;
  /** Why the file was skipped or failed. */
  reason?: string;
  /** The file's text before and after (BOM included), only when it changed. */
  before?: string;
  after?: string;
  notes: FileNote[];
  /** Other files the transforms need, with absolute paths. */
  extraFiles: ExtraFile[];
}

function stripPathPrefix(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/**
 * The result of a file that no transform can apply to, known from its text alone (or that cannot be read, or is
 * minified); undefined when a transform may apply and the file must go through processFile. Cheap: no parse, so the
 * runner screens every file where it stands and sends only the others to a worker.
 */
export function screenFile(task: FileTask, registry: Record<string, CodemodTransform>): FileResult | undefined {
  const base = { displayPath: task.displayPath, realPath: task.realPath, parsed: false, parses: 0, notes: [] as FileNote[], extraFiles: [] as ExtraFile[] };
  const read = readSourceFile(task.realPath);
  if (!read.ok) return { ...base, status: 'failed', reason: read.reason };
  const text = read.decoded.text;
  if (looksMinified(task.realPath, text)) return { ...base, status: 'skipped', reason: 'minified' };
  for (const name of task.transformNames) {
    const transform = registry[name];
    if (!transform) return { ...base, status: 'failed', reason: `unknown transform ${name}` };
    if (transform.mayApply(text, { path: task.realPath, options: task.options })) return undefined;
  }
  return { ...base, status: 'unchanged' };
}

/** Reads one file and runs the transforms over it in order. Never throws: every problem becomes a `failed` result. */
export function processFile(task: FileTask, registry: Record<string, CodemodTransform>): FileResult {
  const parsesBefore = getParseCount();
  const base = { displayPath: task.displayPath, realPath: task.realPath, parsed: false, parses: 0, notes: [] as FileNote[], extraFiles: [] as ExtraFile[] };
  const read = readSourceFile(task.realPath);
  if (!read.ok) return { ...base, status: 'failed', reason: read.reason };
  const { decoded } = read;
  if (looksMinified(task.realPath, decoded.text)) return { ...base, status: 'skipped', reason: 'minified' };

  let text = decoded.text;
  let parsed = false;
  for (const name of task.transformNames) {
    const transform = registry[name];
    if (!transform) return { ...base, status: 'failed', reason: `unknown transform ${name}` };
    if (!transform.mayApply(text, { path: task.realPath, options: task.options })) continue;
    if (!parsed) {
      const refusal = getNestingRefusalOf(task.realPath, text);
      if (refusal) return { ...base, parsed: true, status: 'failed', reason: refusal };
    }
    parsed = true;
    try {
      const output = transform.apply({ path: task.realPath, source: text, options: task.options });
      text = output.source;
      // Two transforms can say the same thing about a file (a missing @opentelemetry/api dependency): say it once.
      for (const note of output.notes) {
        if (!base.notes.some((seen) => seen.line === note.line && seen.kind === note.kind && seen.message === note.message)) base.notes.push({ ...note, transform: name });
      }
      for (const extra of output.extraFiles ?? []) {
        base.extraFiles.push({ path: isAbsolute(extra.path) ? extra.path : resolve(dirname(task.realPath), extra.path), source: extra.source });
      }
    } catch (error) {
      const reason =
        error instanceof TransformError || (error as Error | undefined)?.name === 'TransformError'
          ? stripPathPrefix((error as Error).message, task.realPath)
          : `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
      return { ...base, parsed, parses: getParseCount() - parsesBefore, status: 'failed', reason };
    }
  }
  base.parses = getParseCount() - parsesBefore;
  const before = originalText(decoded);
  const after = text === decoded.text ? before : restoreForm(text, decoded);
  if (after === before) return { ...base, parsed, status: 'unchanged' };
  return { ...base, parsed, status: 'changed', before, after };
}
