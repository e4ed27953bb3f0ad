import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * One hop into a relative import, read as text: how the module creates an exported binding, when it says so plainly
 * (`export const tracer = new TriggerTracer(…)` with `TriggerTracer` imported from a package). Anything less plain
 * is undefined, and the caller keeps its syntactic default: this only ever narrows what a rule reports.
 */
export interface ExportedBindingOrigin {
  /** The package the binding's constructor or factory is imported from. */
  module: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_MODULE_SIZE = 256 * 1024;
const cache = new Map<string, string | null>();

export function getExportedBindingOrigin(fromFile: string, specifier: string, exportedName: string): ExportedBindingOrigin | undefined {
  if (!specifier.startsWith('.') || !/^[A-Za-z_$][\w$]*$/.test(exportedName)) return undefined;
  const text = readModule(resolve(dirname(fromFile), specifier));
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

/** The module's text: the path as given, with a source extension swapped or added, or its index file. */
function readModule(base: string): string | undefined {
  const withoutJs = base.replace(/\.(?:[mc]?js|jsx)$/, '');
  const candidates = [base, ...SOURCE_EXTENSIONS.map((extension) => withoutJs + extension), ...SOURCE_EXTENSIONS.map((extension) => `${withoutJs}/index${extension}`)];
  for (const candidate of candidates) {
    if (cache.has(candidate)) {
      const cached = cache.get(candidate);
      if (cached !== null) return cached;
      continue;
    }
    let text: string | null = null;
    try {
      if (existsSync(candidate) && statSync(candidate).isFile() && statSync(candidate).size <= MAX_MODULE_SIZE) text = readFileSync(candidate, 'utf8');
    } catch {
      text = null;
    }
    cache.set(candidate, text);
    if (text !== null) return text;
  }
  return undefined;
}
