import type { TSESTree } from '@typescript-eslint/utils';
import { MESSAGING_LIBRARY_IDS, type MessagingLibraryId } from '../src/catalog/messaging/index.js';
import { CarrierFlow } from '../src/lint/carrier-flow.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayPublishMessages } from '../src/lint/file-gates.js';
import { getCommandPublishSite, getMethodPublishSite, type PublishSite } from '../src/lint/messaging-sites.js';
import { getPublishProblem, type PublishMessageId } from '../src/lint/propagation-verdicts.js';

export type Options = [
  {
    injectFunctions?: string[];
    autoInstrumented?: MessagingLibraryId[];
    testFiles?: string[];
  },
];
export type MessageId = PublishMessageId;

export default createRule<Options, MessageId>({
  name: 'require-context-propagation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a trace context carrier (propagation.inject) on every message published to a queue or topic',
      recommended: 'recommended',
    },
    messages: {
      missingCarrier:
        '{{operation}} sends a message without a trace context carrier, so the trace breaks at the queue. Inject one with propagation.inject() into {{location}}.',
      instrumentationSkips:
        '{{operation}} sends {{entries}} message attributes, and {{instrumentation}} skips injection when a message already has {{limit}} or more, so the trace breaks here. Inject the carrier into {{location}} yourself or send fewer attributes.',
      notCoveredByInstrumentation:
        '{{operation}} is not covered by {{instrumentation}}, which {{note}}. Inject a carrier into {{location}} yourself.',
    },
    defaultOptions: [{ injectFunctions: [], autoInstrumented: [], testFiles: [...DEFAULT_TEST_FILES] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          injectFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names of your own functions that fill a carrier or return one (`injectTraceHeaders(headers)`); calling one counts as propagation.inject.',
          },
          autoInstrumented: {
            type: 'array',
            items: { type: 'string', enum: [...MESSAGING_LIBRARY_IDS] },
            uniqueItems: true,
            description:
              'Libraries whose OpenTelemetry instrumentation is loaded; their publishes are not reported where that instrumentation really injects a carrier.',
          },
          testFiles: testFilesOptionSchema('a test’s messages never carry a production trace, and instrumentation tests publish through the instrumentation they test'),
        },
      },
    ],
  },
  defaultOptions: [{ injectFunctions: [], autoInstrumented: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // No publish method or command of any catalog library is named in the file: nothing is published here.
    if (!mayPublishMessages(context.sourceCode)) return {};
    const autoInstrumented = new Set<string>(options.autoInstrumented ?? []);
    const flow = new CarrierFlow(context, { injectFunctions: options.injectFunctions ?? [] });
    const sites: PublishSite[] = [];

    function checkSite(site: PublishSite): void {
      const problem = getPublishProblem(site, flow, context, autoInstrumented);
      if (problem) context.report({ node: site.node, messageId: problem.messageId, data: problem.data });
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        flow.noteCall(node);
        const site = getMethodPublishSite(node, context);
        if (site) sites.push(site);
      },
      NewExpression(node: TSESTree.NewExpression) {
        const site = getCommandPublishSite(node, context);
        if (site) sites.push(site);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        flow.noteAssignment(node);
      },
      'Program:exit'() {
        for (const site of sites) checkSite(site);
      },
    };
  },
});
