// Transforms used by the in-process CLI tests: the runner must work with whatever the registry holds.
import { SyntaxKind } from 'ts-morph';
import { transformWithTsMorph } from '../../../src/transform/parse.js';
import type { CodemodTransform } from '../../../src/transform/types.js';

/** Renames every identifier `greet` to `salute` with ts-morph; refuses files with syntax errors. */
export const renameGreet: CodemodTransform = {
  name: 'rename-greet',
  description: 'Renames greet to salute.',
  mayApply: (source) => source.includes('greet'),
  apply: (input) =>
    transformWithTsMorph(input, ({ sourceFile }) => {
      const identifiers = sourceFile.getDescendantsOfKind(SyntaxKind.Identifier).filter((node) => node.getText() === 'greet');
      const notes = identifiers.length > 0 ? [{ line: identifiers[0]!.getStartLineNumber(), kind: 'review' as const, message: 'renamed greet' }] : [];
      for (const identifier of identifiers.reverse()) identifier.replaceWithText('salute');
      return { changed: identifiers.length > 0, notes };
    }),
};

/** Appends a marker comment as a plain text edit, always with a bare LF and a final newline. */
export const appendMarker: CodemodTransform = {
  name: 'append-marker',
  description: 'Appends a marker comment.',
  mayApply: (source) => !source.includes('// marked'),
  apply: (input) => ({ source: `${input.source.replace(/\s*$/, '')}\n// marked\n`, notes: [] }),
};

/** Adds an import of a helper module and asks for the helper file next to the changed one. */
export const addHelper: CodemodTransform = {
  name: 'add-helper',
  description: 'Imports a helper module and writes it.',
  mayApply: (source) => source.includes('needsHelper'),
  apply: (input) =>
    input.source.includes("from './helper.js'")
      ? { source: input.source, notes: [] }
      : {
          source: `import { helper } from './helper.js';\n${input.source}`,
          notes: [],
          extraFiles: [{ path: 'helper.ts', source: `export const helper = '${input.options.tracerName}';\n` }],
        },
};

/** Writes the options it received into the file as a first-line comment. */
export const showOptions: CodemodTransform = {
  name: 'show-options',
  description: 'Writes its options into the file.',
  mayApply: () => true,
  apply: (input) => ({ source: `// options: ${JSON.stringify(input.options)}\n${input.source.replace(/^\/\/ options: .*\n/, '')}`, notes: [] }),
};

/** Never applies: apply() throwing proves the text pre-filter kept the file from being parsed. */
export const neverApplies: CodemodTransform = {
  name: 'never-applies',
  description: 'Finds nothing.',
  mayApply: () => false,
  apply: () => {
    throw new Error('apply() called although mayApply() said no');
  },
};

export const testRegistry: Record<string, CodemodTransform> = {
  'rename-greet': renameGreet,
  'append-marker': appendMarker,
  'add-helper': addHelper,
  'show-options': showOptions,
  'never-applies': neverApplies,
};
