import { DEPRECATED_SEMCONV_KEYS } from '../src/catalog/semconv-deprecations.js';
import { transformWithEdits } from '../src/transform/edit-plan.js';
import { isTopLevelNameTaken } from '../src/transform/imports.js';
import { transformWithTsMorph } from '../src/transform/parse.js';
import {
  getConstantUses,
  getDeprecatedKeySites,
  getImportedStableName,
  getSiblingKeys,
  getStringValue,
  removeUnusedDeprecatedImports,
  requote,
  SEMCONV_MODULE,
} from '../src/transform/semconv-renames.js';
import type { CodemodTransform, TransformNote } from '../src/transform/types.js';

/** Any deprecated key as a quoted string: the cheap test that lets files without one skip parsing. */
const DEPRECATED_KEY_TEXT = new RegExp(
  `['"\`](?:${Object.keys(DEPRECATED_SEMCONV_KEYS)
    .map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})['"\`]`,
);

export const migrateSemconv: CodemodTransform = {
  name: 'migrate-semconv',
  description: 'Rename deprecated semantic-convention attribute keys and constants (SemanticAttributes.*, SEMATTRS_*) to their replacements, imports included',
  mayApply(source) {
    return source.includes('@opentelemetry/semantic-conventions') || DEPRECATED_KEY_TEXT.test(source);
  },
  apply(input) {
    const renamed = transformWithEdits(input, ({ sourceFile }, plan) => {
      const notes: TransformNote[] = [];
      const note = (position: number, message: string) => notes.push({ line: plan.getLine(position), kind: 'skipped', message });

      // 1. Constants: `ns.X` keeps its namespace; a named import gets the stable constant imported.
      const importsNeeded = new Set<string>();
      for (const use of getConstantUses(sourceFile)) {
        const replacement = use.entry.replacementConstant;
        if (!replacement) {
          note(use.node.getStart(), `${use.name} ('${use.entry.key}') has no stable constant to move to`);
          continue;
        }
        let written: string;
        if (use.namespace !== undefined) written = `${use.namespace}.${replacement}`;
        else {
          const imported = getImportedStableName(sourceFile, replacement);
          if (imported === undefined && isTopLevelNameTaken(sourceFile, replacement)) {
            note(use.node.getStart(), `${replacement} is already a name in this file`);
            continue;
          }
          written = imported ?? replacement;
          if (imported === undefined) importsNeeded.add(replacement);
        }
        plan.add({ start: use.node.getStart(), end: use.node.getEnd(), text: written, label: `${use.name} → ${written}` });
      }

      // 2. Keys written as strings in attribute sinks, or in the const of the file a sink reads them from.
      const keySites = getDeprecatedKeySites(sourceFile, input.path);
      for (const site of keySites.skipped) note(site.node.getStart(), site.message);
      for (const literal of keySites.literals) {
        const key = getStringValue(literal)!;
        const replacement = DEPRECATED_SEMCONV_KEYS[key];
        if (!replacement) {
          note(literal.getStart(), `'${key}' is deprecated with no single replacement`);
          continue;
        }
        if (getSiblingKeys(literal)?.includes(replacement)) {
          note(literal.getStart(), `'${key}' sits next to '${replacement}' already`);
          continue;
        }
        plan.add({ start: literal.getStart(), end: literal.getEnd(), text: requote(literal, replacement), label: `'${key}' → '${replacement}'` });
      }

      // 3. The stable constants' imports, written with the renames.
      if (!plan.isEmpty && importsNeeded.size > 0) plan.importNames(SEMCONV_MODULE, [...importsNeeded].sort());
      return notes;
    }, { symbols: true });
    if (renamed.source === input.source) return renamed;
    // 4. Imports of deprecated constants that nothing refers to any more go: references are only known on the renamed
    //    text, so this step parses it again (only when the file imports from the package).
    if (!input.source.includes('@opentelemetry/semantic-conventions')) return renamed;
    const cleaned = transformWithTsMorph({ ...input, source: renamed.source }, ({ sourceFile }) => ({ changed: removeUnusedDeprecatedImports(sourceFile), notes: [] }));
    return { ...renamed, source: cleaned.source };
  },
};

export default migrateSemconv;
