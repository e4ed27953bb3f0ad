import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { SEMCONV_MODULE } from '../src/catalog/semconv.js';
import { DEPRECATED_SEMCONV_KEYS } from '../src/catalog/semconv-deprecations.js';
import { getStaticString } from '../src/lint/ast.js';
import { forEachAttribute, type AttributeOccurrence } from '../src/lint/attribute-sinks.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayAttachAttributes, mentionsText } from '../src/lint/file-gates.js';
import { getConstantFix, getDeprecatedConstantUses, type DeprecatedConstantUse } from '../src/lint/semconv-constants.js';
import { getObjectKeysAround, getWriteGroup, isKeyRead, isOtherPackageConstant } from '../src/lint/semconv-writes.js';

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
    // Constants come from an import of the package, keys reach telemetry through a sink call: a file with neither has nothing to report.
    if (!mentionsText(context.sourceCode, SEMCONV_MODULE) && !mayAttachAttributes(context.sourceCode)) return {};
    const attributes: AttributeOccurrence[] = [];
    // Every key each sink writes, to tell dual emission (old and new key together) from a plain old key.
    const keysByGroup = new Map<TSESTree.Node | string, Set<string>>();
    const groupOf = new Map<AttributeOccurrence, TSESTree.Node | string>();

    function writesReplacement(keys: Set<string> | undefined, key: string, replacement: string | null): boolean {
      return replacement !== null && replacement !== key && keys?.has(replacement) === true;
    }

    function reportConstant(use: DeprecatedConstantUse): void {
      const { entry, name } = use;
      if (entry.replacementConstant) {
        context.report({ node: use.node, messageId: 'deprecatedConstant', data: { name, replacement: entry.replacementConstant, key: entry.replacementKey }, fix: getConstantFix(use, context) });
        return;
      }
      const messageId = entry.replacementKey ? 'deprecatedConstantNoStable' : 'deprecatedConstantNoReplacement';
      context.report({ node: use.node, messageId, data: { name, key: entry.replacementKey ?? entry.key } });
    }

    function reportKey(attribute: AttributeOccurrence): void {
      const { key, keyNode } = attribute;
      const replacement = DEPRECATED_SEMCONV_KEYS[key];
      if (!replacement) {
        context.report({ node: keyNode, messageId: 'deprecatedKeyNoReplacement', data: { key } });
        return;
      }
      // Only a key written as a string is rewritten; a constant of the project's own is renamed where it is declared.
      const literal = getStaticString(keyNode) === undefined ? undefined : keyNode;
      const fix = literal ? (fixer: TSESLint.RuleFixer) => fixer.replaceText(literal, `${context.sourceCode.getText(literal)[0]}${replacement}${context.sourceCode.getText(literal)[0]}`) : null;
      context.report({ node: keyNode, messageId: 'deprecatedKey', data: { key, replacement }, fix });
    }

    return {
      CallExpression(call) {
        forEachAttribute(context, call, (attribute) => {
          const group = getWriteGroup(attribute, context);
          const keys = keysByGroup.get(group) ?? new Set<string>();
          keys.add(attribute.key);
          keysByGroup.set(group, keys);
          groupOf.set(attribute, group);
          attributes.push(attribute);
        });
      },
      'Program:exit'(program: TSESTree.Program) {
        const constantUses = new Map(getDeprecatedConstantUses(program, context).map((use) => [use.node as TSESTree.Node, use]));
        const done = new Set<TSESTree.Node>();
        for (const attribute of attributes) {
          if (done.has(attribute.keyNode)) continue;
          done.add(attribute.keyNode);
          const keys = keysByGroup.get(groupOf.get(attribute)!);
          const use = constantUses.get(attribute.keyNode);
          if (use) {
            if (!writesReplacement(keys, use.entry.key, use.entry.replacementKey)) reportConstant(use);
            continue;
          }
          if (!Object.hasOwn(DEPRECATED_SEMCONV_KEYS, attribute.key) || isOtherPackageConstant(attribute.keyNode, context)) continue;
          if (writesReplacement(keys, attribute.key, DEPRECATED_SEMCONV_KEYS[attribute.key]!)) continue;
          reportKey(attribute);
        }
        // Constants outside the sinks seen above: resource attributes, attribute objects built for a helper.
        for (const [node, use] of constantUses) {
          if (done.has(node) || isKeyRead(node)) continue;
          if (writesReplacement(getObjectKeysAround(node, context), use.entry.key, use.entry.replacementKey)) continue;
          reportConstant(use);
        }
      },
    };
  },
});
