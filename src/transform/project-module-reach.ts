import { readFileSync } from 'node:fs';
import { getModuleCandidates, getReadableModuleTime, MAX_MODULE_HOPS, MAX_MODULE_SIZE } from '../catalog/messaging/project-modules.js';
import { createProjectReceiverModuleReader, getProjectModuleSpecifiers, type SourceTest } from './source-prefilter.js';

/**
 * The pre-filter's one look at other files: a name imported from a project module and called with a catalog method
 * (`reports.add(…)`) can only be a library's object when that module, or a module it imports or re-exports from
 * within the hops project-exports.ts follows, imports one of the catalog's modules. Each module is read as text, once
 * per path and modification time, by the test that owns the cache: one per transform, never shared between tests.
 */

interface ModuleText {
  mtimeMs: number;
  importsCatalog: boolean;
  specifiers: readonly string[];
}

class ProjectModuleTexts {
  private readonly texts = new Map<string, ModuleText>();

  constructor(private readonly importsCatalog: (source: string) => boolean) {}

  /** Whether a module `specifier` names from `fromFile`, or one it reaches in the remaining hops, imports the catalog. */
  reachesCatalog(fromFile: string, specifiers: readonly string[]): boolean {
    const entered = new Set<string>();
    let frontier = specifiers.map((specifier) => ({ fromFile, specifier }));
    // Breadth first, so each module is entered at its nearest hop and its own imports get the most hops left.
    for (let hop = 1; hop <= MAX_MODULE_HOPS && frontier.length > 0; hop++) {
      const next: typeof frontier = [];
      for (const step of frontier) {
        const module = this.resolve(step.fromFile, step.specifier);
        if (!module || entered.has(module.path)) continue;
        entered.add(module.path);
        if (module.text.importsCatalog) return true;
        next.push(...module.text.specifiers.map((specifier) => ({ fromFile: module.path, specifier })));
      }
      frontier = next;
    }
    return false;
  }

  /** The first candidate file that can be read, as project-exports.ts picks it; undefined when there is none. */
  private resolve(fromFile: string, specifier: string): { path: string; text: ModuleText } | undefined {
    for (const path of getModuleCandidates(fromFile, specifier)) {
      const mtimeMs = getReadableModuleTime(path, MAX_MODULE_SIZE);
      if (mtimeMs === undefined) continue;
      const cached = this.texts.get(path);
      if (cached?.mtimeMs === mtimeMs) return { path, text: cached };
      const text = { mtimeMs, ...this.read(path) };
      this.texts.set(path, text);
      return { path, text };
    }
    return undefined;
  }

  private read(path: string): Omit<ModuleText, 'mtimeMs'> {
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      // Removed or unreadable since it was stat'ed: it holds nothing, as for project-exports.ts.
      return { importsCatalog: false, specifiers: [] };
    }
    return { importsCatalog: this.importsCatalog(source), specifiers: getProjectModuleSpecifiers(source) };
  }
}

/**
 * Whether the text calls one of `methodNames` on a name imported from a project module that can hold an object of
 * one of the catalog's modules (`importsCatalog`). Without the file's path the modules cannot be found, and any such
 * call passes.
 */
export function createProjectReceiverTest(methodNames: Iterable<string>, importsCatalog: (source: string) => boolean): SourceTest {
  const getReceiverModules = createProjectReceiverModuleReader(methodNames);
  const modules = new ProjectModuleTexts(importsCatalog);
  return (source, path) => {
    const specifiers = getReceiverModules(source);
    if (specifiers.length === 0) return false;
    return path === undefined || modules.reachesCatalog(path, specifiers);
  };
}
