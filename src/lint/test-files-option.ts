import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { DEFAULT_TEST_FILES } from '../catalog/test-files.js';
import { matchesAnyGlob } from './file-globs.js';

/**
 * The `testFiles` option, the same in every rule that leaves tests alone: globs relative to the working directory
 * that replace the default list (`[]` checks tests too). `why` finishes the sentence "…, which are not checked".
 */
export function testFilesOptionSchema(why: string): JSONSchema4 {
  return {
    type: 'array',
    items: { type: 'string' },
    uniqueItems: true,
    description: `Globs of test files, which are not checked (${why}). Replaces the default list; \`[]\` checks tests too.`,
  };
}

/** Whether the file being linted is a test file under the rule's `testFiles` option (the default list when unset). */
export function isSkippedTestFile(context: { filename: string; cwd: string }, testFiles: readonly string[] | undefined): boolean {
  return matchesAnyGlob(context.filename, context.cwd, testFiles ?? DEFAULT_TEST_FILES);
}
