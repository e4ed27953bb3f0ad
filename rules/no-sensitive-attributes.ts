import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/lint/create-rule.js';
import { getRemoveAttributeFix, getWrapValueFix } from '../src/lint/attribute-fixes.js';
import { createAttributeVisitor, type AttributeOccurrence } from '../src/lint/attribute-sinks.js';
import { findSensitiveWordPattern, matchesKeyList, splitWords } from '../src/lint/attribute-words.js';
import { getSensitiveValue, isNonDataValue, isRedactedValue } from '../src/lint/sensitive-values.js';

export type Options = [
  {
    allowKeys?: string[];
    denyKeys?: string[];
    redactors?: string[];
  },
];
export type MessageId = 'sensitiveKey' | 'sensitiveValue' | 'credentialValue' | 'deniedKey' | 'removeAttribute' | 'redactValue';

const keyList = (description: string) => ({ type: 'array', items: { type: 'string' }, uniqueItems: true, description }) as const;

export default createRule<Options, MessageId>({
  name: 'no-sensitive-attributes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow personal data and secrets in span, event, metric and log attributes',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      sensitiveKey: "Attribute '{{key}}' carries {{what}}: personal data and secrets must not be sent to telemetry backends.",
      sensitiveValue: "Attribute '{{key}}' is set from {{what}} ({{text}}): personal data and secrets must not be sent to telemetry backends.",
      credentialValue: "Attribute '{{key}}' is set to a literal that looks like {{what}}: secrets must not be sent to telemetry backends, nor kept in code.",
      deniedKey: "Attribute '{{key}}' is in this project's denyKeys: it must not be sent to telemetry backends.",
      removeAttribute: "Remove the attribute '{{key}}'.",
      redactValue: 'Pass the value through {{redactor}}(…).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowKeys: keyList('Attribute keys never reported (exact keys, or a prefix ending in `*`).'),
          denyKeys: keyList('Attribute keys always reported unless their value is redacted (exact keys, or a prefix ending in `*`).'),
          redactors: keyList('Function names that redact a value, besides the built-in hash/redact/mask/anonymize/sha*/digest/scrub names; the first one is offered as a suggestion.'),
        },
      },
    ],
  },
  defaultOptions: [{ allowKeys: [], denyKeys: [], redactors: [] }],
  create(context, [options]) {
    const allowKeys = options.allowKeys ?? [];
    const denyKeys = options.denyKeys ?? [];
    const redactors = options.redactors ?? [];

    function getSuggestions(attribute: AttributeOccurrence, canRedact: boolean): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const remove = getRemoveAttributeFix(attribute, context.sourceCode);
      if (remove) suggestions.push({ messageId: 'removeAttribute', data: { key: attribute.key }, fix: remove });
      const redactor = redactors[0];
      if (redactor !== undefined && canRedact) {
        suggestions.push({ messageId: 'redactValue', data: { redactor }, fix: getWrapValueFix(attribute, redactor, context.sourceCode) });
      }
      return suggestions;
    }

    return createAttributeVisitor(context, (attribute) => {
      const { key, keyNode, valueNode } = attribute;
      if (matchesKeyList(key, allowKeys)) return;
      if (matchesKeyList(key, denyKeys)) {
        if (isRedactedValue(valueNode, redactors)) return;
        context.report({ node: keyNode, messageId: 'deniedKey', data: { key }, suggest: getSuggestions(attribute, true) });
        return;
      }
      const keyPattern = findSensitiveWordPattern(splitWords(key));
      if (keyPattern && !isNonDataValue(valueNode, context, redactors)) {
        context.report({ node: keyNode, messageId: 'sensitiveKey', data: { key, what: keyPattern.description }, suggest: getSuggestions(attribute, true) });
        return;
      }
      const found = getSensitiveValue(valueNode, context, redactors);
      if (!found) return;
      if (found.kind === 'literal') {
        context.report({ node: valueNode, messageId: 'credentialValue', data: { key, what: found.description }, suggest: getSuggestions(attribute, false) });
        return;
      }
      const text = context.sourceCode.getText(found.node);
      context.report({
        node: valueNode,
        messageId: 'sensitiveValue',
        data: { key, what: found.description, text: text.length > 40 ? `${text.slice(0, 39)}…` : text },
        suggest: getSuggestions(attribute, true),
      });
    });
  },
});
