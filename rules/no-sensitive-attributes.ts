import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isAttributeKeyArgument } from '../src/catalog/attribute-sinks.js';
import { getCalleeName } from '../src/lint/ast.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayAttachAttributes } from '../src/lint/file-gates.js';
import { getRemoveAttributeFix, getWrapValueFix } from '../src/lint/attribute-fixes.js';
import { createAttributeVisitor, type AttributeOccurrence, type OpaqueAttributes } from '../src/lint/attribute-sinks.js';
import { findSensitiveWordPattern, matchesKeyList, splitWords } from '../src/lint/attribute-words.js';
import {
  getClientAddressInId,
  getHeaderKeyTemplateSource,
  getIteratedObject,
  getKeyPrefix,
  getSensitiveKeyPattern,
  getStringifiedObject,
  getWholeObject,
  isFilteredFlow,
  type WholeObjectFinding,
} from '../src/lint/sensitive-objects.js';
import { getSensitiveValue, isNonDataValue, isRedactedValue } from '../src/lint/sensitive-values.js';

export type Options = [
  {
    allowKeys?: string[];
    denyKeys?: string[];
    redactors?: string[];
  },
];
export type MessageId =
  | 'sensitiveKey'
  | 'sensitiveValue'
  | 'credentialValue'
  | 'deniedKey'
  | 'wholeObject'
  | 'boundParameters'
  | 'clientAddressInId'
  | 'removeAttribute'
  | 'redactValue';

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
      wholeObject: '{{what}} (`{{text}}`) is {{how}} into attributes, with {{carries}}: record the fields you need, or filter the keys by an allow-list.',
      boundParameters: "Attribute '{{key}}' records {{what}}: they carry personal data and secrets. Record the query text with its placeholders instead.",
      clientAddressInId: "Attribute '{{key}}' is built from {{what}} (`{{text}}`): an IP address is personal data, and so is an id made of it.",
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

    function shorten(node: TSESTree.Node): string {
      const text = context.sourceCode.getText(node).replace(/\s+/g, ' ');
      return text.length > 40 ? `${text.slice(0, 39)}…` : text;
    }

    function reportWholeObject(node: TSESTree.Node, found: WholeObjectFinding, how: string): void {
      const what = found.pattern.description;
      context.report({ node, messageId: 'wholeObject', data: { what: what[0]!.toUpperCase() + what.slice(1), text: shorten(found.node), how, carries: found.pattern.carries } });
    }

    /** Whole objects the sink receives without a key per field: spread, given whole, or iterated key by key. */
    function onOpaque(opaque: OpaqueAttributes): void {
      if (opaque.kind === 'object') {
        const found = getWholeObject(opaque.node, context);
        if (found && !isFilteredFlow(opaque.sinkCall, found.node, context)) reportWholeObject(opaque.node, found, 'spread');
        return;
      }
      const prefix = opaque.keyNode && getKeyPrefix(opaque.keyNode);
      const keyPattern = prefix === undefined ? undefined : getSensitiveKeyPattern(prefix);
      if (keyPattern && !isNonDataValue(opaque.node, context, redactors)) {
        context.report({ node: opaque.keyNode!, messageId: 'boundParameters', data: { key: prefix!.replace('\u0000', '*'), what: keyPattern.description } });
        return;
      }
      const stringified = getStringifiedObject(opaque.node, context);
      const iterated = stringified ? undefined : getIteratedObject(opaque.node, context);
      const found = stringified ?? iterated;
      if (found && !isFilteredFlow(opaque.sinkCall, found.node, context)) reportWholeObject(opaque.node, found, stringified ? 'stringified' : 'copied key by key');
    }

    const visitor = createAttributeVisitor(context, (attribute) => {
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
      const parameterPattern = getSensitiveKeyPattern(key);
      if (parameterPattern && !isNonDataValue(valueNode, context, redactors)) {
        context.report({ node: keyNode, messageId: 'boundParameters', data: { key, what: parameterPattern.description }, suggest: getSuggestions(attribute, true) });
        return;
      }
      const found = getSensitiveValue(valueNode, context, redactors);
      if (!found) {
        const address = getClientAddressInId(key, valueNode, context);
        if (address) {
          context.report({ node: valueNode, messageId: 'clientAddressInId', data: { key, what: "the client's IP address", text: shorten(address) }, suggest: getSuggestions(attribute, true) });
          return;
        }
        const whole = getStringifiedObject(valueNode, context);
        if (whole && !isFilteredFlow(attribute.sinkCall, whole.node, context)) reportWholeObject(valueNode, whole, 'stringified');
        return;
      }
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
    }, onOpaque);

    return {
      // No sink method named in the file: no attribute is attached here.
      ...(mayAttachAttributes(context.sourceCode) ? visitor : {}),
      // Attributes built per header by a helper that returns them (`[\`ai.request.headers.${key}\`, value]`): no sink in sight.
      TemplateLiteral(template) {
        const parent = template.parent;
        if (parent.type === AST_NODE_TYPES.CallExpression && isAttributeKeyArgument(getCalleeName(parent.callee) ?? '', parent.arguments.indexOf(template))) return;
        const found = getHeaderKeyTemplateSource(template, context);
        if (found && !isFilteredFlow(template, found.node, context)) reportWholeObject(template, found, 'copied key by key');
      },
    };
  },
});
