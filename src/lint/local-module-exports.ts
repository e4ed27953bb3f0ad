import { readFileSync } from 'node:fs';
import { getModuleCandidates, getReadableModuleTime, isProjectModule } from '../catalog/messaging/project-modules.js';

/**
 * One hop into a relative import, read as text: how the module creates an exported binding, when it says so plainly
 * (`export const tracer = new TriggerTracer(…)` with `TriggerTracer` imported from a package). Anything less plain
 * is undefined, and the caller keeps its syntactic default: this only ever narrows what a rule reports.
 */
export interface ExportedBindingOrigin {
  /** The package the binding's constructor or factory is imported from. */
  module: string;
}

const MAX_MODULE_SIZE = 256 * 1024;
const cache = new Map<string, ProjectFile>();

export function getExportedBindingOrigin(fromFile: string, specifier: string, exportedName: string): ExportedBindingOrigin | undefined {
  if (!isProjectModule(specifier) || !/^[A-Za-z_$][\w$]*$/.test(exportedName)) return undefined;
  const text = readProjectModule(fromFile, specifier)?.text;
  if (!text) return undefined;
  const binding = new RegExp(`export\\s+(?:const|let|var)\\s+${exportedName}\\s*(?::[^=]+)?=\\s*(?:new\\s+)?([A-Za-z_$][\\w$]*)`).exec(text);
  const creator = binding?.[1];
  if (!creator) return undefined;
  const module = findImportOf(text, creator);
  return module === undefined ? undefined : { module };
}

/** The package a name is imported from: `import { X } from 'm'`, `import X from 'm'`, `import * as X from 'm'`. */
function findImportOf(text: string, name: string): string | undefined {
  const importPattern = /import\s+(?!type\b)([^;]*?)\s+from\s+['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(importPattern)) {
    const clause = match[1]!;
    const names = clause.replace(/[{}*]/g, ' ').split(/[\s,]+/).filter(Boolean);
    const declared = names.flatMap((part, index) => (names[index - 1] === 'as' || (names[index + 1] !== 'as' && part !== 'as') ? [part] : []));
    if (declared.includes(name)) return match[2];
  }
  return undefined;
}

/** A project file as read from disk: its path, text and modification time (what the caches are keyed by). */
export interface ProjectFile {
  path: string;
  text: string;
  mtimeMs: number;
}

/**
 * The file a relative specifier names (src/catalog/messaging/project-modules.ts: the path as written, with a source
 * extension swapped or added, or its index file), read once per path and modification time.
 */
export function readProjectModule(fromFile: string, specifier: string): ProjectFile | undefined {
  for (const candidate of getModuleCandidates(fromFile, specifier)) {
    const file = readProjectFile(candidate);
    if (file) return file;
  }
  return undefined;
}

function readProjectFile(path: string): ProjectFile | undefined {
  const mtimeMs = getReadableModuleTime(path, MAX_MODULE_SIZE);
  if (mtimeMs === undefined) return undefined;
  const cached = cache.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached;
  try {
    const file = { path, text: readFileSync(path, 'utf8'), mtimeMs };
    cache.set(path, file);
    return file;
  } catch {
    return undefined;
  }
}
