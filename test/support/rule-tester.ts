import { RuleTester } from '@typescript-eslint/rule-tester';
import { fileURLToPath } from 'node:url';

/** Syntax-only tester: what users without type information get. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

/** Folder of the tiny TS project used for type-aware cases; its files are named `file.ts` etc. */
export const typedFixtureRoot = fileURLToPath(new URL('../../fixtures/typed-project', import.meta.url));

/**
 * Tester with type information through `projectService`, over fixtures/typed-project. Its tsconfig already
 * includes `file.ts` and `react.tsx`; listing them in `allowDefaultProject` as well makes typescript-eslint refuse them.
 */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: typedFixtureRoot,
      },
    },
  });
}
