// Transforms used only by the CLI tests, loaded through OTEL_CODEMOD_TRANSFORMS_MODULE (spawned CLI) or imported
// directly (in-process runs). They use the built package's ts-morph helper, as real transforms do.
import { transformWithTsMorph } from '../../../dist/src/transform/parse.js';
import { SyntaxKind } from 'ts-morph';

/** Renames every identifier `greet` to `salute`; refuses files with syntax errors. */
export const renameGreet = {
  name: 'rename-greet',
  description: 'Renames greet to salute.',
  mayApply: (source) => source.includes('greet'),
  apply: (input) =>
    transformWithTsMorph(input, ({ sourceFile }) => {
      const identifiers = sourceFile.getDescendantsOfKind(SyntaxKind.Identifier).filter((node) => node.getText() === 'greet');
      for (const identifier of identifiers.reverse()) identifier.replaceWithText('salute');
      return { changed: identifiers.length > 0, notes: identifiers.length > 0 ? [{ line: identifiers.at(-1).getStartLineNumber(), kind: 'review', message: 'renamed greet' }] : [] };
    }),
};

/** Appends a marker comment as a plain text edit (no parsing), writing a bare LF whatever the file uses. */
export const appendMarker = {
  name: 'append-marker',
  description: 'Appends a marker comment.',
  mayApply: (source) => !source.includes('// marked'),
  apply: (input) => {
    // APPEND_MARKER_MS slows each file down, so that a test watching the run can stop it in the middle.
    if (process.env.APPEND_MARKER_MS) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.APPEND_MARKER_MS));
    return { source: `${input.source.replace(/\s*$/, '')}\n// marked\n`, notes: [] };
  },
};

/** Like rename-greet but slow, so that a test can interrupt a run in the middle. */
export const slowRename = {
  name: 'slow-rename',
  description: 'Renames greet to salute, slowly.',
  mayApply: renameGreet.mayApply,
  apply: (input) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.SLOW_RENAME_MS ?? 150));
    return renameGreet.apply(input);
  },
};

/** Writes a helper module next to the file it changes. */
export const addHelper = {
  name: 'add-helper',
  description: 'Imports a helper module and writes it.',
  mayApply: (source) => source.includes('needsHelper'),
  apply: (input) =>
    input.source.includes("from './helper.js'")
      ? { source: input.source, notes: [] }
      : { source: `import { helper } from './helper.js';\n${input.source}`, notes: [], extraFiles: [{ path: typeof input.options.helper === 'string' ? input.options.helper : 'helper.ts', source: `export const helper = '${input.options.tracerName}';\n` }] },
};

/** Reports the options it was given as a comment: shows what reaches TransformOptions. */
export const showOptions = {
  name: 'show-options',
  description: 'Writes its options into the file.',
  mayApply: () => true,
  apply: (input) => ({ source: `// options: ${JSON.stringify(input.options)}\n${input.source.replace(/^\/\/ options: .*\n/, '')}`, notes: [] }),
};

export const transforms = {
  'rename-greet': renameGreet,
  'append-marker': appendMarker,
  'slow-rename': slowRename,
  'add-helper': addHelper,
  'show-options': showOptions,
};
