// A one-rule plugin for the lint command's tests, shaped like the real one: registered as `otel`, with a fix.
import type { Linter, Rule } from 'eslint';

const noUserEmail: Rule.RuleModule = {
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: { description: 'Disallow user.email as a span attribute key', url: 'https://example.com/rules/no-user-email.md' },
    messages: { userEmail: "Attribute key '{{key}}' carries personal data." },
    schema: [],
  },
  create(context) {
    return {
      Literal(node) {
        if (node.value !== 'user.email') return;
        const parent = (node as Rule.Node).parent;
        if (parent?.type !== 'CallExpression' || parent.callee.type !== 'MemberExpression' || parent.arguments[0] !== node) return;
        context.report({ node, messageId: 'userEmail', data: { key: 'user.email' }, fix: (fixer) => fixer.replaceText(node, "'user.id'") });
      },
    };
  },
};

export const testPlugin = { meta: { name: 'test-otel' }, rules: { 'no-user-email': noUserEmail } };

export const testPreset: Linter.Config = { plugins: { otel: testPlugin }, rules: { 'otel/no-user-email': 'error' } };
