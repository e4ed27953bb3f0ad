import { configDefaults, defineConfig } from 'vitest/config';

// The end-to-end tests are a project of their own so that the brokers they need are started only when they run.
const endToEnd = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The plain closing line ("N passed, N failed") that CI reads, besides vitest's own summary.
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...endToEnd] } },
      { extends: true, test: { name: 'e2e', include: endToEnd, globalSetup: ['test/support/brokers-global-setup.ts'] } },
    ],
  },
});
