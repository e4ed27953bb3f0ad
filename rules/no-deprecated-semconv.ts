import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DEPRECATED_SEMCONV_KEYS } from '../src/catalog/semconv-deprecations.js';
import { createRule } from '../src/lint/create-rule.js';
import { getConstantFix, getDeprecatedConstantUses } from '../src/lint/semconv-constants.js';
import { getSpanAttributeKeys } from '../src/lint/semconv-keys.js';

export type Options = [];
export type MessageId = 'deprecatedKey' | 'deprecatedKeyNoReplacement' | 'deprecatedConstant' | 'deprecatedConstantNoStable' | 'deprecatedConstantNoReplacement';

export default createRule<Options, MessageId>({
  name: 'no-deprecated-semconv',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow attribute keys and constants that @opentelemetry/semantic-conventions marks deprecated',
      recommended: 'recommended',
    },
    fixable: 'code',
    messages: {
      deprecatedKey: '\'{{key}}\' is a deprecated attribute key: use \'{{replacement}}\'.',
      deprecatedKeyNoReplacement: '\'{{key}}\' is a deprecated attribute key with no single replacement: see the semantic conventions for what to record instead.',
      deprecatedConstant: '{{name}} is deprecated: use {{replacement}} (\'{{key}}\').',
      deprecatedConstantNoStable: '{{name}} is deprecated and \'{{key}}\' has no stable constant yet: use ATTR_* from @opentelemetry/semantic-conventions/incubating or the string.',
      deprecatedConstantNoReplacement: '{{name}} holds \'{{key}}\', which is deprecated with no single replacement: see the semantic conventions for what to record instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      CallExpression(call) {
        for (const { node, key, siblingKeys } of getSpanAttributeKeys(call, context)) {
          if (!Object.hasOwn(DEPRECATED_SEMCONV_KEYS, key)) continue;
          const replacement = DEPRECATED_SEMCONV_KEYS[key];
          if (!replacement) {
            context.report({ node, messageId: 'deprecatedKeyNoReplacement', data: { key } });
            continue;
          }
          // Writing the new key next to itself would set it twice.
          const quote = context.sourceCode.getText(node)[0]!;
          const fix = siblingKeys.includes(replacement) ? null : (fixer: TSESLint.RuleFixer) => fixer.replaceText(node, `${quote}${replacement}${quote}`);
          context.report({ node, messageId: 'deprecatedKey', data: { key, replacement }, fix });
        }
      },
      Program(program: TSESTree.Program) {
        for (const use of getDeprecatedConstantUses(program, context)) {
          const { entry, name } = use;
          if (entry.replacementConstant) {
            context.report({ node: use.node, messageId: 'deprecatedConstant', data: { name, replacement: entry.replacementConstant, key: entry.replacementKey }, fix: getConstantFix(use, context) });
          } else {
            const messageId = entry.replacementKey ? 'deprecatedConstantNoStable' : 'deprecatedConstantNoReplacement';
            context.report({ node: use.node, messageId, data: { name, key: entry.replacementKey ?? entry.key } });
          }
        }
      },
    };
  },
});
