import type { TSESTree } from '@typescript-eslint/utils';
import { MESSAGING_LIBRARY_IDS, type MessagingLibraryId } from '../src/catalog/messaging/index.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayStartSpans } from '../src/lint/file-gates.js';
import { ExtractedContextTracker } from '../src/lint/extracted-context.js';
import {
  getCallbackConsumeSite,
  getIteratorConsumeSite,
  getLambdaConsumeSite,
  type ConsumeSite,
  type FunctionNode,
} from '../src/lint/messaging-sites.js';
import { getSpanStartCall, type SpanStartCall } from '../src/lint/otel-calls.js';
import { getConsumerSpanProblem, getEnclosingHandler, type ExtractionMessageId } from '../src/lint/propagation-verdicts.js';

export type Options = [
  {
    extractFunctions?: string[];
    autoInstrumented?: MessagingLibraryId[];
    testFiles?: string[];
  },
];
export type MessageId = ExtractionMessageId;

export default createRule<Options, MessageId>({
  name: 'require-context-extraction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require spans started for a received message to continue the context extracted from it (propagation.extract)',
      recommended: 'recommended',
    },
    messages: {
      notExtracted:
        "This span handles a message from {{operation}} but does not continue the producer's trace. Extract the context from {{location}} with propagation.extract() and pass it as the span's parent (or run the span in context.with(), or link to it).",
      notCoveredByInstrumentation:
        "{{operation}} is not covered by {{instrumentation}}, which {{note}}. Extract the context from {{location}} and pass it as this span's parent.",
    },
    defaultOptions: [{ extractFunctions: [], autoInstrumented: [], testFiles: [...DEFAULT_TEST_FILES] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          extractFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names of your own functions that return a context extracted from a message (`contextFromHeaders(msg)`); they count as propagation.extract.',
          },
          autoInstrumented: {
            type: 'array',
            items: { type: 'string', enum: [...MESSAGING_LIBRARY_IDS] },
            uniqueItems: true,
            description:
              "Libraries whose OpenTelemetry instrumentation is loaded; their handlers are not reported where that instrumentation really makes the message's context active.",
          },
          testFiles: testFilesOptionSchema('a test’s messages never carry a production trace, and instrumentation tests consume through the instrumentation they test'),
        },
      },
    ],
  },
  defaultOptions: [{ extractFunctions: [], autoInstrumented: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // Findings are span starts inside consumer handlers: a file that starts no span has none.
    if (!mayStartSpans(context.sourceCode)) return {};
    const autoInstrumented = new Set<string>(options.autoInstrumented ?? []);
    const tracker = new ExtractedContextTracker(context, { extractFunctions: options.extractFunctions ?? [] });
    const handlers: ConsumeSite[] = [];
    const spanStarts: SpanStartCall[] = [];

    function addHandler(site: ConsumeSite | undefined): void {
      if (site) handlers.push(site);
    }

    function checkSpan(start: SpanStartCall): void {
      const site = getEnclosingHandler(start.call, handlers);
      if (!site) return;
      const problem = getConsumerSpanProblem(site, start, tracker, context, autoInstrumented);
      if (problem) context.report({ node: start.call, messageId: problem.messageId, data: problem.data });
    }

    function checkLambda(node: FunctionNode): void {
      addHandler(getLambdaConsumeSite(node, context.sourceCode));
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        addHandler(getCallbackConsumeSite(node, context));
        const start = getSpanStartCall(node, context);
        if (start) spanStarts.push(start);
      },
      NewExpression(node: TSESTree.NewExpression) {
        addHandler(getCallbackConsumeSite(node, context));
      },
      ForOfStatement(node: TSESTree.ForOfStatement) {
        addHandler(getIteratorConsumeSite(node, context));
      },
      ArrowFunctionExpression: checkLambda,
      FunctionExpression: checkLambda,
      FunctionDeclaration: checkLambda,
      'Program:exit'() {
        if (handlers.length === 0) return;
        for (const start of spanStarts) checkSpan(start);
      },
    };
  },
});
