import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from './process-file.js';

/**
 * The part of Prettier's API used here. Prettier is the user's own (an optional peer): it is loaded from the project
 * of each file, never from otel-codemod's dependencies, so the project's version and plugins decide the output.
 */
interface PrettierApi {
  resolveConfigFile(fileUrlOrPath?: string): Promise<string | null>;
  resolveConfig(fileUrlOrPath: string, options?: { editorconfig?: boolean }): Promise<Record<string, unknown> | null>;
  getFileInfo(file: string, options?: { ignorePath?: string; resolveConfig?: boolean }): Promise<{ ignored: boolean; inferredParser: string | null }>;
  format(source: string, options: Record<string, unknown>): Promise<string>;
}

/** Prettier as resolved from a folder; undefined when the project has none. Memoised per folder and per module path. */
function createPrettierLoader(): (directory: string) => Promise<PrettierApi | undefined> {
  const byDirectory = new Map<string, Promise<PrettierApi | undefined>>();
  const byModule = new Map<string, Promise<PrettierApi | undefined>>();
  return (directory) => {
    let loaded = byDirectory.get(directory);
    if (!loaded) {
      let modulePath: string | undefined;
      try {
        modulePath = createRequire(join(directory, 'noop.js')).resolve('prettier');
      } catch {
        modulePath = undefined;
      }
      loaded = modulePath ? (byModule.get(modulePath) ?? importPrettier(modulePath)) : Promise.resolve(undefined);
      if (modulePath) byModule.set(modulePath, loaded);
      byDirectory.set(directory, loaded);
    }
    return loaded;
  };
}

async function importPrettier(modulePath: string): Promise<PrettierApi | undefined> {
  try {
    const module = (await import(pathToFileURL(modulePath).href)) as PrettierApi & { default?: PrettierApi };
    const api = module.default && typeof module.default.format === 'function' ? module.default : module;
    return typeof api.format === 'function' && typeof api.resolveConfigFile === 'function' ? api : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest `.prettierignore` above a file: Prettier reads its patterns relative to its own folder. */
function findPrettierIgnore(file: string): string | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const candidate = join(directory, '.prettierignore');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

type FormatOutcome = { formatted: string } | { unchanged: true } | { error: string };

async function formatText(prettier: PrettierApi, path: string, text: string): Promise<FormatOutcome> {
  try {
    if (!(await prettier.resolveConfigFile(path))) return { unchanged: true };
    const ignorePath = findPrettierIgnore(path);
    // One path as a string: Prettier 2 takes nothing else (Prettier 3 also takes a list).
    const info = await prettier.getFileInfo(path, { ...(ignorePath ? { ignorePath } : {}), resolveConfig: false });
    if (info.ignored || !info.inferredParser) return { unchanged: true };
    const config = (await prettier.resolveConfig(path, { editorconfig: true })) ?? {};
    return { formatted: await prettier.format(text, { ...config, filepath: path }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/**
 * Formats what a run changed with the project's Prettier, when the project has a Prettier config and Prettier can be
 * loaded from the file's folder: the changed file and the extra files it asked for, never a file left as it was. A file
 * Prettier ignores is left as the transforms wrote it; one Prettier fails on too, with a note saying why.
 */
export function createPrettierFormatter(): (result: FileResult) => Promise<FileResult> {
  const loadPrettier = createPrettierLoader();
  return async (result) => {
    if (result.status !== 'changed' || result.after === undefined) return result;
    const prettier = await loadPrettier(dirname(result.realPath));
    if (!prettier) return result;
    const outcome = await formatText(prettier, result.realPath, result.after);
    const notes = [...result.notes];
    let after = result.after;
    if ('formatted' in outcome) after = outcome.formatted;
    if ('error' in outcome) notes.push({ line: 1, kind: 'review', transform: 'prettier', message: `not formatted with Prettier, left as written: ${outcome.error}` });
    const extraFiles = await Promise.all(
      result.extraFiles.map(async (extra) => {
        const extraOutcome = await formatText(prettier, extra.path, extra.source);
        if ('error' in extraOutcome) notes.push({ line: 1, kind: 'review', transform: 'prettier', message: `${extra.path} not formatted with Prettier, left as written: ${extraOutcome.error}` });
        return 'formatted' in extraOutcome ? { ...extra, source: extraOutcome.formatted } : extra;
      }),
    );
    // Prettier may turn the change back into the file as it was (the transforms only moved whitespace).
    if (after === result.before) return { ...result, status: 'unchanged', before: undefined, after: undefined, notes, extraFiles };
    return { ...result, after, notes, extraFiles };
  };
}
