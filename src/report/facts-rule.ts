import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import extractionRule from '../../rules/require-context-extraction.js';
import propagationRule from '../../rules/require-context-propagation.js';
import { CarrierFlow } from '../lint/carrier-flow.js';
import { ExtractedContextTracker } from '../lint/extracted-context.js';
import {
  getCallbackConsumeSite,
  getCommandPublishSite,
  getIteratorConsumeSite,
  getLambdaConsumeSite,
  getMethodPublishSite,
  type ConsumeSite,
  type FunctionNode,
  type PublishSite,
} from '../lint/messaging-sites.js';
import { getSpanStartCall, type SpanStartCall } from '../lint/otel-calls.js';
import {
  getConsumerSpanProblem,
  getEnclosingHandler,
  getHandlerBody,
  getPublishCarrierVerdict,
  getPublishProblem,
  isConsumerCoveredByTracing,
  type PropagationProblem,
} from '../lint/propagation-verdicts.js';
import { resolveDestination } from './destination.js';
import type { ContextVerdict, MessagingFact } from './facts.js';

/** The rule id the report's lint pass registers this collector under; its messages are facts, not findings. */
export const FACTS_RULE_ID = 'otel-report/messaging-facts';

/** The propagation rules' own message for a problem, so the report gives the same reason the linter does. */
function describe(problem: PropagationProblem<string>, messages: Readonly<Record<string, string>>): string {
  const template = messages[problem.messageId] ?? problem.messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(problem.data[key] ?? ''));
}

const NO_SPAN = 'the handler starts no span, so the trace ends at the queue';
const NO_AUTO_INSTRUMENTATION = new Set<string>();

/**
 * Records every publish and every consumer the propagation rules see, with what they decide about it, as one
 * message per fact whose text is the fact as JSON. It asks the same helpers as the rules and reports nothing of its own.
 */
export default ESLintUtils.RuleCreator.withoutDocs<[], 'fact'>({
  meta: {
    type: 'suggestion',
    docs: { description: 'Internal to `otel-codemod report`: records publishes and consumers with their propagation verdicts' },
    messages: { fact: '{{fact}}' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const flow = new CarrierFlow(context, { injectFunctions: [] });
    const tracker = new ExtractedContextTracker(context, { extractFunctions: [] });
    const publishes: PublishSite[] = [];
    const handlers: ConsumeSite[] = [];
    const spanStarts: SpanStartCall[] = [];

    function record(node: TSESTree.Node, fact: Omit<MessagingFact, 'file' | 'line'>): void {
      context.report({ node, messageId: 'fact', data: { fact: JSON.stringify(fact) } });
    }

    function recordPublish(site: PublishSite): void {
      const problem = getPublishProblem(site, flow, context, NO_AUTO_INSTRUMENTATION);
      // No problem with a carrier the code shows missing means the library's tracing or a tracing wrapper carries it.
      const shown = getPublishCarrierVerdict(site, flow).verdict;
      const verdict: ContextVerdict = problem ? 'missing' : shown === 'unknown' ? 'unknown' : 'carried';
      const { operation } = site;
      const destination = resolveDestination({ destination: operation.destination, arguments: site.arguments, receiver: site.receiver, handler: undefined }, context);
      record(site.node, {
        kind: 'publish',
        operation: operation.id,
        library: operation.library,
        system: operation.system,
        destination,
        context: verdict,
        ...(problem ? { reason: describe(problem, propagationRule.meta.messages) } : {}),
      });
    }

    function recordConsumer(site: ConsumeSite): void {
      const { operation } = site;
      const spans = spanStarts.filter((start) => getEnclosingHandler(start.call, handlers) === site);
      let reason: string | undefined;
      let verdict: ContextVerdict = 'carried';
      if (!isConsumerCoveredByTracing(site, context, NO_AUTO_INSTRUMENTATION)) {
        const problem = spans.map((start) => getConsumerSpanProblem(site, start, tracker, context, NO_AUTO_INSTRUMENTATION)).find(Boolean);
        if (spans.length === 0) reason = NO_SPAN;
        else if (problem) reason = describe(problem, extractionRule.meta.messages);
        // A span whose parent the rule cannot read (an outer span, a context from elsewhere) is neither claimed nor cleared.
        const extracted = spans.some((start) => tracker.getSpanParentVerdict(start, getHandlerBody(site)) === 'extracted');
        verdict = reason !== undefined ? 'missing' : extracted ? 'carried' : 'unknown';
      }
      const registration = site.registration;
      const destination = resolveDestination(
        {
          destination: operation.destination,
          arguments: registration?.arguments,
          receiver: registration?.type === 'CallExpression' && registration.callee.type === 'MemberExpression' ? registration.callee.object : undefined,
          handler: site.handler,
        },
        context,
      );
      record(site.registration ?? site.handler, {
        kind: 'consume',
        operation: operation.id,
        library: operation.library,
        system: operation.system,
        destination,
        context: verdict,
        inSpan: spans.length > 0 || isConsumerCoveredByTracing(site, context, NO_AUTO_INSTRUMENTATION),
        ...(reason ? { reason } : {}),
      });
    }

    function checkLambda(node: FunctionNode): void {
      const site = getLambdaConsumeSite(node, context.sourceCode);
      if (site) handlers.push(site);
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        flow.noteCall(node);
        const publish = getMethodPublishSite(node, context);
        if (publish) publishes.push(publish);
        const consumer = getCallbackConsumeSite(node, context);
        if (consumer) handlers.push(consumer);
        const start = getSpanStartCall(node, context);
        if (start) spanStarts.push(start);
      },
      NewExpression(node: TSESTree.NewExpression) {
        const publish = getCommandPublishSite(node, context);
        if (publish) publishes.push(publish);
        const consumer = getCallbackConsumeSite(node, context);
        if (consumer) handlers.push(consumer);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        flow.noteAssignment(node);
      },
      ForOfStatement(node: TSESTree.ForOfStatement) {
        const consumer = getIteratorConsumeSite(node, context);
        if (consumer) handlers.push(consumer);
      },
      ArrowFunctionExpression: checkLambda,
      FunctionExpression: checkLambda,
      FunctionDeclaration: checkLambda,
      'Program:exit'() {
        for (const site of publishes) recordPublish(site);
        for (const site of handlers) recordConsumer(site);
      },
    };
  },
});
