import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

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

const createRuleWithDocs = ESLintUtils.RuleCreator<OtelRuleDocs>((name) => `${RULE_DOCS_BASE_URL}${name}.md`);

/** Past this many distinct option sets a rule stops remembering new ones (inline configs could vary without end). */
const MAX_REMEMBERED_OPTION_SETS = 64;

/**
 * Like typescript-eslint's RuleCreator, with the options merged with the defaults once per distinct option set
 * instead of once per file: RuleCreator deep-clones the defaults on every `create`, which over thousands of files
 * and nine rules cost more than most rules' own work. The merged options are frozen, as they are shared by files.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, OtelRuleDocs>>,
): TSESLint.RuleModule<MessageIds, Options, OtelRuleDocs> & { name: string } {
  const module = createRuleWithDocs(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const mergedByOptions = new Map<string, Options>();
  return {
    ...module,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = mergedByOptions.get(key);
      if (!options) {
        options = deepFreeze(ESLintUtils.applyDefault(defaults, context.options) as Options);
        if (mergedByOptions.size < MAX_REMEMBERED_OPTION_SETS) mergedByOptions.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
