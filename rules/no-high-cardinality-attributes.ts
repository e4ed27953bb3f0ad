import { DEFAULT_TRUNCATORS } from '../src/catalog/unbounded-patterns.js';
import { createRule } from '../src/lint/create-rule.js';
import { createAttributeVisitor } from '../src/lint/attribute-sinks.js';
import { matchesKeyList } from '../src/lint/attribute-words.js';
import { getUnboundedKey, getUnboundedValue, isBoundedValue } from '../src/lint/unbounded-values.js';

export type Options = [
  {
    allowKeys?: string[];
    truncators?: string[];
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
        },
      },
    ],
  },
  defaultOptions: [{ allowKeys: [], truncators: [] }],
  create(context, [options]) {
    const allowKeys = options.allowKeys ?? [];
    const truncators = [...DEFAULT_TRUNCATORS, ...(options.truncators ?? [])];

    return createAttributeVisitor(context, ({ key, keyNode, valueNode, sink }) => {
      if (matchesKeyList(key, allowKeys)) return;
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
