import type { TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_TRUNCATORS, SPAN_ID_KEY_ENDINGS } from '../src/catalog/unbounded-patterns.js';
import { findEnding } from '../src/lint/attribute-words.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayAttachAttributes } from '../src/lint/file-gates.js';
import { createAttributeVisitor } from '../src/lint/attribute-sinks.js';
import { matchesKeyList, splitWords } from '../src/lint/attribute-words.js';
import { isBehindContentCaptureFlag, isContentAttributeKey } from '../src/lint/content-capture.js';
import { getUnboundedKey, getUnboundedValue, isBoundedValue } from '../src/lint/unbounded-values.js';

export type Options = [
  {
    allowKeys?: string[];
    truncators?: string[];
    testFiles?: string[];
  },
];
export type MessageId = 'unboundedValue' | 'unboundedKey' | 'metricCardinality';

export default createRule<Options, MessageId>({
  name: 'no-high-cardinality-attributes',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow unbounded attribute values, and ids, URLs and timestamps on metric instruments',
      recommended: 'recommended',
    },
    messages: {
      unboundedValue: "Attribute '{{key}}' is set to {{what}}, which differs on nearly every call: such values bloat telemetry storage and cannot be grouped on.",
      unboundedKey: "Attribute '{{key}}' holds {{what}} computed at run time, which differs on nearly every call: such values bloat telemetry storage and cannot be grouped on.",
      metricCardinality: "Metric attribute '{{key}}' is set to {{what}}: every distinct value starts a new time series. Keep metric attributes to a few values; put this one on a span.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowKeys: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Attribute keys never reported (exact keys, or a prefix ending in `*`).',
          },
          truncators: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Function names that bound a value’s length, besides `truncate`, `.slice(0, n)` and `.substring(0, n)`.',
          },
          testFiles: testFilesOptionSchema('what a test records never reaches a production backend'),
        },
      },
    ],
  },
  defaultOptions: [{ allowKeys: [], truncators: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // No sink method named in the file: no attribute is attached here.
    if (!mayAttachAttributes(context.sourceCode)) return {};
    const allowKeys = options.allowKeys ?? [];
    const truncators = [...DEFAULT_TRUNCATORS, ...(options.truncators ?? [])];

    const getText = (node: TSESTree.Node) => context.sourceCode.getText(node);

    /**
     * Off metrics: an id is what spans are for; structured-content keys (`gen_ai.input.messages`) and values
     * recorded only when content capture is switched on are recorded on purpose.
     */
    function isIntended(key: string, valueNode: TSESTree.Node): boolean {
      return findEnding(splitWords(key), SPAN_ID_KEY_ENDINGS) !== -1 || isContentAttributeKey(key) || isBehindContentCaptureFlag(valueNode, getText);
    }

    return createAttributeVisitor(context, ({ key, keyNode, valueNode, sink }) => {
      if (matchesKeyList(key, allowKeys)) return;
      if (sink !== 'metric' && isIntended(key, valueNode)) return;
      const found = getUnboundedValue(valueNode, context, { sink, truncators });
      if (found) {
        context.report({ node: valueNode, messageId: sink === 'metric' ? 'metricCardinality' : 'unboundedValue', data: { key, what: found.pattern.description } });
        return;
      }
      const keyPattern = getUnboundedKey(key, sink);
      if (keyPattern && !isBoundedValue(valueNode, { sink, truncators })) {
        context.report({ node: keyNode, messageId: sink === 'metric' ? 'metricCardinality' : 'unboundedKey', data: { key, what: keyPattern.description } });
      }
    });
  },
});
