import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The plain closing line ("N passed, N failed") that CI reads, besides vitest's own summary.
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
