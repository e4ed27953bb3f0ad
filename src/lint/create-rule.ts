import { ESLintUtils } from '@typescript-eslint/utils';

/** Which preset turns a rule on: `recommended` rules are in both presets, `strict` ones only in strict. */
export type RulePreset = 'recommended' | 'strict';

export interface OtelRuleDocs {
  description: string;
  recommended: RulePreset;
  requiresTypeChecking?: boolean;
  /** Options `configs.strict` sets instead of the defaults (`{ checkExceptionPaths: 'all' }`). */
  strictOptions?: readonly unknown[];
}

export const RULE_DOCS_BASE_URL = 'https://github.com/otel-codemod/otel-codemod/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<OtelRuleDocs>((name) => `${RULE_DOCS_BASE_URL}${name}.md`);
