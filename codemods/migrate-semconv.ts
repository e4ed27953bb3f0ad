import { DEPRECATED_SEMCONV_KEYS } from '../src/catalog/semconv-deprecations.js';
import { ensureNamedImports, isTopLevelNameTaken } from '../src/transform/imports.js';
import { getLineAndColumn, transformWithTsMorph } from '../src/transform/parse.js';
import {
  getConstantUses,
  getDeprecatedKeyLiterals,
  getImportedStableName,
  getSiblingKeys,
  getStringValue,
  removeUnusedDeprecatedImports,
  requote,
  SEMCONV_MODULE,
  type TextEdit,
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
    return transformWithTsMorph(input, ({ sourceFile, style }) => {
      const notes: TransformNote[] = [];
      const text = sourceFile.getFullText();
      const note = (position: number, message: string) => notes.push({ line: getLineAndColumn(text, position).line, kind: 'skipped', message });

      // 1. Constants: `ns.X` keeps its namespace; a named import gets the stable constant imported.
      const edits: TextEdit[] = [];
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
        edits.push({ start: use.node.getStart(), end: use.node.getEnd(), text: written });
      }

      // 2. Keys written as strings in attribute sinks.
      for (const literal of getDeprecatedKeyLiterals(sourceFile)) {
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
        edits.push({ start: literal.getStart(), end: literal.getEnd(), text: requote(literal, replacement) });
      }
      if (edits.length === 0) return { changed: false, notes };

      // 3. Write from last to first on the text, then fix the imports on the re-parsed file.
      let next = text;
      for (const edit of [...edits].sort((a, b) => b.start - a.start)) next = next.slice(0, edit.start) + edit.text + next.slice(edit.end);
      sourceFile.replaceWithText(next);
      if (importsNeeded.size > 0) ensureNamedImports(sourceFile, input.path, SEMCONV_MODULE, [...importsNeeded].sort(), style);
      removeUnusedDeprecatedImports(sourceFile);
      return { changed: true, notes };
    });
  },
};

export default migrateSemconv;
