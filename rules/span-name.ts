import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { GENERIC_SPAN_NAMES, SPAN_RENAME_METHODS } from '../src/catalog/span-names.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { mayStartSpans, mentionsAnyWord } from '../src/lint/file-gates.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { getSpanStartCall } from '../src/lint/otel-calls.js';
import { getLiteralName, getNameExpression, getRawPathName, getSpanNameParts, judgeSpanName, RAW_PATH_REASON } from '../src/lint/span-name.js';
import { getUpdateNameCall } from '../src/lint/span-receivers.js';
import { getTrackedSpan } from '../src/lint/span-usage.js';

export type Options = [
  {
    pattern?: string;
    allowNames?: string[];
    genericNames?: string[];
    replaceGenericNames?: boolean;
    startSpanFunctions?: string[];
    testFiles?: string[];
  },
];
export type MessageId = 'genericName' | 'highCardinalityName' | 'patternMismatch';

export default createRule<Options, MessageId>({
  name: 'span-name',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow generic and high-cardinality span names',
      recommended: 'recommended',
    },
    messages: {
      genericName: "Span name '{{name}}' is generic: name the operation it measures (e.g. 'orders.create', 'GET /users/:id').",
      highCardinalityName: 'Span name `{{name}}` is high-cardinality: {{reason}}. Keep the name a template and put the value in an attribute.',
      patternMismatch: "Span name '{{name}}' does not match the naming pattern /{{pattern}}/.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          pattern: {
            type: 'string',
            description: 'A regular expression (unicode mode) that every literal span name must match. Off when not set.',
          },
          allowNames: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Span names accepted as they are, exactly as written.',
          },
          genericNames: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra generic names to report (compared trimmed and case-folded). With `replaceGenericNames`, the only ones.',
          },
          replaceGenericNames: {
            type: 'boolean',
            description: 'Use `genericNames` instead of the built-in list rather than in addition to it.',
          },
          startSpanFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra function or method names that start a span and take its name as the first argument.',
          },
          testFiles: testFilesOptionSchema('a test’s spans never reach a production backend'),
        },
      },
    ],
  },
  defaultOptions: [{ allowNames: [], genericNames: [], replaceGenericNames: false, startSpanFunctions: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // Names are given at a span start or by updateName: a file with neither has none to judge.
    if (!mayStartSpans(context.sourceCode, options.startSpanFunctions) && !mentionsAnyWord(context.sourceCode, SPAN_RENAME_METHODS)) return {};
    const extraGeneric = (options.genericNames ?? []).map((name) => name.trim().toLowerCase());
    const judgeOptions = {
      genericNames: new Set(options.replaceGenericNames ? extraGeneric : [...GENERIC_SPAN_NAMES, ...extraGeneric]),
      allowNames: new Set(options.allowNames ?? []),
    };
    const pattern = options.pattern === undefined ? undefined : new RegExp(options.pattern, 'u');
    const spanVariables = new Set<TSESLint.Scope.Variable>();
    // A `const` name used by several calls is judged at its definition: report it once.
    const reported = new Set<TSESTree.Node>();

    function checkName(argument: TSESTree.Node): void {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return;
      const node = getNameExpression(argument);
      if (!node) return;
      const rawPath = getRawPathName(node, context);
      if (rawPath !== undefined) {
        if (!reported.has(node)) context.report({ node, messageId: 'highCardinalityName', data: { name: rawPath, reason: RAW_PATH_REASON } });
        reported.add(node);
        return;
      }
      const parts = getSpanNameParts(node, context);
      if (!parts) return;
      const verdict = judgeSpanName(parts, node, context, judgeOptions);
      if (verdict?.kind === 'generic') {
        context.report({ node, messageId: 'genericName', data: { name: verdict.name } });
        return;
      }
      if (verdict?.kind === 'highCardinality') {
        if (reported.has(verdict.node)) return;
        reported.add(verdict.node);
        context.report({ node: verdict.node, messageId: 'highCardinalityName', data: { name: verdict.name, reason: verdict.reason } });
        return;
      }
      const literal = getLiteralName(parts);
      if (pattern && literal !== undefined && !judgeOptions.allowNames.has(literal) && !pattern.test(literal)) {
        context.report({ node, messageId: 'patternMismatch', data: { name: literal, pattern: pattern.source } });
      }
    }

    return {
      CallExpression(node) {
        const start = getSpanStartCall(node, context, { startSpanFunctions: options.startSpanFunctions });
        if (start) {
          const span = getTrackedSpan(start, context);
          if (span) spanVariables.add(span.variable);
          if (start.nameArgument) checkName(start.nameArgument);
          return;
        }
        const update = getUpdateNameCall(node, context, spanVariables);
        if (update) checkName(update);
      },
    };
  },
});
