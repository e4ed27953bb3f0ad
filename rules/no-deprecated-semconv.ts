import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/lint/create-rule.js';
import { getConstantFix, getDeprecatedConstantUses } from '../src/lint/semconv-constants.js';

export type Options = [];
export type MessageId = 'deprecatedConstant' | 'deprecatedConstantNoStable' | 'deprecatedConstantNoReplacement';

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
      deprecatedConstant: '{{name}} is deprecated: use {{replacement}} (\'{{key}}\').',
      deprecatedConstantNoStable: '{{name}} is deprecated and \'{{key}}\' has no stable constant yet: use ATTR_* from @opentelemetry/semantic-conventions/incubating or the string.',
      deprecatedConstantNoReplacement: '{{name}} holds \'{{key}}\', which is deprecated with no single replacement: see the semantic conventions for what to record instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
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
