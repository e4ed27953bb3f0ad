// ESLint configured with the plugin the way a user would, for the per-rule timing and the pre-commit baseline.
import tsParser from '@typescript-eslint/parser';
import otel from '../dist/rules/index.js';

export default [
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
  otel.configs.recommended,
];
