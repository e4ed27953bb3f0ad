import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { CarrierFlow, combineAlternatives, type CarrierVerdict } from './carrier-flow.js';
import type { ExtractedContextTracker } from './extracted-context.js';
import { hasBuiltInTracing, isWrappedByTracingHelper, type ConsumeSite, type PublishSite } from './messaging-sites.js';
import type { SpanStartCall } from './otel-calls.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The one decision about a publish or a consumer span, shared by the propagation rules (which report it) and by
 * `otel-codemod report` (which records it as a fact).
 */
export interface PropagationProblem<MessageId extends string> {
  messageId: MessageId;
  data: Record<string, string | number>;
}

export type PublishMessageId = 'missingCarrier' | 'instrumentationSkips' | 'notCoveredByInstrumentation';
export type ExtractionMessageId = 'notExtracted' | 'notCoveredByInstrumentation';

/** What the code shows of a publish's carrier, over every place the catalog says it may live. */
export function getPublishCarrierVerdict(site: PublishSite, flow: CarrierFlow): CarrierVerdict {
  return combineAlternatives(site.operation.carriers.map((location) => flow.getVerdictAt(location, site.arguments, site.node)));
}

/** What is wrong with a publish's carrier, or undefined when the publish carries the trace context (or nothing is claimed). */
export function getPublishProblem(
  site: PublishSite,
  flow: CarrierFlow,
  context: Context,
  autoInstrumented: ReadonlySet<string>,
): PropagationProblem<PublishMessageId> | undefined {
  const { operation } = site;
  const verdict = getPublishCarrierVerdict(site, flow);
  if (verdict.verdict !== 'missing') return undefined;
  const listed = autoInstrumented.has(operation.library);
  if (operation.builtInTracing && (listed || hasBuiltInTracing(site))) return undefined;
  if (isWrappedByTracingHelper(site)) return undefined;
  const location = operation.carriers[0]?.description ?? '';
  const auto = operation.autoInstrumentation;
  if (listed && auto?.covers) {
    const limit = auto.skipsWhenEntriesAtLeast;
    if (limit === undefined || verdict.entries === undefined || verdict.entries < limit) return undefined;
    return {
      messageId: 'instrumentationSkips',
      data: { operation: operation.displayName, entries: verdict.entries, instrumentation: auto.package, limit, location },
    };
  }
  if (listed && auto) {
    return { messageId: 'notCoveredByInstrumentation', data: { operation: operation.displayName, instrumentation: auto.package, note: auto.note, location } };
  }
  return { messageId: 'missingCarrier', data: { operation: operation.displayName, location } };
}

/** The body a consumer's spans are looked for in: the handler function, or the `for await` loop's body. */
export function getHandlerBody(site: ConsumeSite): TSESTree.Node {
  return site.handler.type === 'ForOfStatement' ? site.handler.body : site.handler;
}

/** Whether the library's own tracing, or an instrumentation listed as loaded, makes the message's context active. */
export function isConsumerCoveredByTracing(site: ConsumeSite, context: Context, autoInstrumented: ReadonlySet<string>): boolean {
  const { operation } = site;
  const listed = autoInstrumented.has(operation.library);
  if (operation.builtInTracing && (listed || hasBuiltInTracing(site))) return true;
  return listed && operation.autoInstrumentation?.covers === true;
}

/** What is wrong with a span started in a message handler, or undefined when it continues the producer's context (or nothing is claimed). */
export function getConsumerSpanProblem(
  site: ConsumeSite,
  start: SpanStartCall,
  tracker: ExtractedContextTracker,
  context: Context,
  autoInstrumented: ReadonlySet<string>,
): PropagationProblem<ExtractionMessageId> | undefined {
  if (tracker.getSpanParentVerdict(start, getHandlerBody(site)) !== 'notExtracted') return undefined;
  if (isConsumerCoveredByTracing(site, context, autoInstrumented)) return undefined;
  const { operation } = site;
  const location = operation.carriers[0]?.description ?? '';
  const auto = operation.autoInstrumentation;
  if (autoInstrumented.has(operation.library) && auto) {
    return { messageId: 'notCoveredByInstrumentation', data: { operation: operation.displayName, instrumentation: auto.package, note: auto.note, location } };
  }
  return { messageId: 'notExtracted', data: { operation: operation.displayName, location } };
}

/** The innermost handler whose body contains the node. */
export function getEnclosingHandler(node: TSESTree.Node, handlers: readonly ConsumeSite[]): ConsumeSite | undefined {
  let best: ConsumeSite | undefined;
  for (const site of handlers) {
    const body = getHandlerBody(site);
    if (node.range[0] < body.range[0] || node.range[1] > body.range[1]) continue;
    if (!best || body.range[0] >= getHandlerBody(best).range[0]) best = site;
  }
  return best;
}
