// The project lints itself: typescript-eslint for the code, eslint-plugin-eslint-plugin for the rules.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import eslintPlugin from 'eslint-plugin-eslint-plugin';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'coverage/', 'bench/.corpus/', '.tmp/'] },
  tseslint.configs.recommended,
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      // Rules are built with typescript-eslint's RuleCreator, which takes `defaultOptions` beside `meta`.
      'eslint-plugin/require-meta-default-options': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
