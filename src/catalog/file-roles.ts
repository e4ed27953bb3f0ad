/**
 * Which files play which role in a project, as ESLint-style globs (relative to the working folder). Rules that judge
 * production behaviour skip test files by default: a span a test leaves open, or a call a test makes between a
 * span's start and end, loses no production data, and a failing test fails anyway.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.{test,spec}.{js,jsx,mjs,cjs,ts,tsx,mts,cts}',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
];
