import { extname } from 'node:path';
import { collectHttpHandlers } from '../../codemods/wrap-handlers/http.js';
import { collectLambdaHandlers } from '../../codemods/wrap-handlers/lambda.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { transformWithTsMorph } from '../transform/parse.js';
import { isAlreadyTraced } from '../transform/wrap-body.js';
import type { EntryPointFact } from './facts.js';

/**
 * HTTP routes and Lambda handlers of one file, found by the collectors `wrap-handlers` wraps them with (the catalog's
 * entry points), and whether each already runs inside a span. Message consumers come from the lint pass's facts.
 * A file that does not parse has none (the lint pass reports it).
 */
export function getHttpAndLambdaEntryPoints(path: string, source: string, file: string): EntryPointFact[] {
  if (!wrapHandlers.mayApply(source)) return [];
  const found: EntryPointFact[] = [];
  try {
    transformWithTsMorph({ path, source, options: { tracerName: 'report' } }, ({ sourceFile }) => {
      const isTypeScript = !/\.(c|m)?jsx?$/i.test(extname(path));
      for (const target of collectHttpHandlers(sourceFile, path).targets) {
        if (!target.fn || !('literal' in target.name)) continue;
        found.push({ kind: 'http', name: target.name.literal, inSpan: isAlreadyTraced(target.fn), file, line: target.fn.getStartLineNumber() });
      }
      for (const target of collectLambdaHandlers(sourceFile, path, { isTypeScript }).targets) {
        // Loops over the records are the consumers the lint pass reports; the handler itself is the entry point.
        if (target.loop || !target.fn || !('literal' in target.name)) continue;
        found.push({ kind: 'lambda', name: target.name.literal, inSpan: isAlreadyTraced(target.fn), file, line: target.fn.getStartLineNumber() });
      }
      return { changed: false, notes: [] };
    });
  } catch {
    return [];
  }
  return found;
}
