import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../cli/atomic-write.js';
import { createPackageNameFinder } from '../cli/package-name.js';
import { decodeSource, originalText, restoreForm } from '../cli/text-format.js';
import type { CodemodTransform, TransformOptions } from '../transform/types.js';

/** What jscodeshift hands a transform (the parts this adapter reads). */
export interface JscodeshiftFileInfo {
  path: string;
  source: string;
}

export interface JscodeshiftApi {
  report(message: string): void;
}

export type JscodeshiftTransform = ((fileInfo: JscodeshiftFileInfo, api: JscodeshiftApi, options: Record<string, unknown>) => string | undefined) & {
  /** jscodeshift reads a transform module's `parser` export; ts-morph does the parsing, so any parser will do. */
  parser?: string;
};

// jscodeshift's own options, not meant for the transform.
const RUNNER_OPTIONS = new Set(['dry', 'print', 'verbose', 'babel', 'parser', 'parserConfig', 'extensions', 'ignorePattern', 'ignoreConfig', 'gitignore', 'runInBand', 'silent', 'stdin', 'cpus', 'transform', 'failOnError', 'version', 'help', 'fail-on-error', 'ignore-pattern', 'ignore-config', 'run-in-band', 'parser-config']);

/**
 * Turns a registered transform into a jscodeshift transform. It follows jscodeshift's contract: the new text when the
 * file changed, the same text when the transform found nothing to do, `undefined` (skipped) when the text pre-filter
 * rules the file out, and a thrown error for a file it cannot parse. The BOM, line endings and final newline are kept
 * as `otel-codemod` keeps them, so both give the same bytes. Options given to jscodeshift (`--tracerName=…`,
 * `--producerSpans`, …) reach the transform; files the transform needs besides the one it changed are written unless
 * `--dry`. Notes are shown through `api.report`.
 */
export function createJscodeshiftTransform(transform: CodemodTransform): JscodeshiftTransform {
  const findTracerName = createPackageNameFinder('');
  const jscodeshiftTransform: JscodeshiftTransform = (fileInfo, api, options = {}) => {
    const decoded = decodeSource(Buffer.from(fileInfo.source, 'utf8'));
    if (!decoded) return undefined;
    const path = resolve(fileInfo.path);
    const transformOptions: TransformOptions = {
      ...Object.fromEntries(Object.entries(options).filter(([key]) => !RUNNER_OPTIONS.has(key))),
      tracerName: typeof options.tracerName === 'string' ? options.tracerName : findTracerName(dirname(path)) || basename(process.cwd()),
    };
    if (typeof transformOptions.helper === 'string') transformOptions.helper = resolve(transformOptions.helper);
    if (!transform.mayApply(decoded.text, { path, options: transformOptions })) return undefined;
    const output = transform.apply({ path, source: decoded.text, options: transformOptions });
    for (const note of output.notes) api.report(`${fileInfo.path}:${note.line} ${note.kind} (${transform.name}): ${note.message}`);
    const before = originalText(decoded);
    if (output.source === decoded.text) return before;
    if (!options.dry) {
      for (const extra of output.extraFiles ?? []) {
        const extraPath = resolve(dirname(path), extra.path);
        if (!existsSync(extraPath) || readFileSync(extraPath, 'utf8') !== extra.source) writeFileAtomic(extraPath, extra.source);
      }
    }
    return restoreForm(output.source, decoded);
  };
  jscodeshiftTransform.parser = 'tsx';
  return jscodeshiftTransform;
}
