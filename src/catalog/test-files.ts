/**
 * Test files, as ESLint users write them in `files` (relative to the working directory): what they set up never
 * reaches a production backend, so set-up, naming and cardinality rules leave them alone.
 */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/*.{test,spec}.{js,jsx,mjs,cjs,ts,tsx,mts,cts}',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
];
