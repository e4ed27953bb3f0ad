import { HELPER_NAMES } from '../../codemods/inject-propagation/helper-functions.js';

const DECLARED_HELPER = new RegExp(`^(?:export\\s+)?function\\s+(${HELPER_NAMES.join('|')})\\s*[<(]`, 'gm');

function getDeclaredHelpers(text: string | undefined): Set<string> {
  return new Set([...(text ?? '').matchAll(DECLARED_HELPER)].map((match) => match[1]!));
}

/**
 * Counts the files a run wrote each propagation helper into (a top-level function the file did not have before). The
 * same helper in several files is better imported from one module: the summary suggests `--helper` then.
 */
export function createHelperTally(): { add(before: string | undefined, after: string): void; getRepeated(): Record<string, number> } {
  const files = new Map<string, number>();
  return {
    add(before, after) {
      const had = getDeclaredHelpers(before);
      for (const name of getDeclaredHelpers(after)) if (!had.has(name)) files.set(name, (files.get(name) ?? 0) + 1);
    },
    getRepeated: () => Object.fromEntries([...files].filter(([, count]) => count > 1).sort(([a], [b]) => a.localeCompare(b))),
  };
}
