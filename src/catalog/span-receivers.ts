/**
 * "Is this value a span?" decided once, over plain facts. The lint side reads the facts from ESTree and scope, the
 * transform side from ts-morph; both ask `isSpanReceiver`, so a receiver one half takes for a span the other does too.
 */
import { DOM_ELEMENT_FACTORIES } from './attribute-sinks.js';
import { SPAN_GETTER_FUNCTIONS, SPAN_TYPE_NAMES } from './otel-api.js';
import { SPAN_RECEIVER_NAME } from './span-names.js';

export interface SpanReceiverFacts {
  /** The value's own name: an identifier (`rootSpan`) or the property of a member access (`this.span`). */
  name: string | undefined;
  /** With type information: the names of its type (each member of a union). */
  typeNames?: readonly string[];
  /** The type written on its declaration (`span: Span` → Span); undefined when there is none. */
  annotation?: string | undefined;
  /**
   * The reader saw the span being made: a tracer's `startSpan(…)` result, the span parameter of a `startActiveSpan`
   * callback, or a variable the caller already follows as a started span.
   */
  isStartedSpan?: boolean;
  /** The name of the function whose result the value is, directly or through its variable's initializer. */
  producer?: string | undefined;
}

export function isSpanReceiver(facts: SpanReceiverFacts): boolean {
  if (facts.typeNames?.some((name) => SPAN_TYPE_NAMES.includes(name))) return true;
  if (facts.isStartedSpan) return true;
  if (facts.annotation !== undefined) return SPAN_TYPE_NAMES.includes(facts.annotation);
  if (facts.producer !== undefined) {
    if (SPAN_GETTER_FUNCTIONS.includes(facts.producer)) return true;
    // `const span = document.createElement('span')`: an HTML element with a `setAttribute` of its own.
    if (DOM_ELEMENT_FACTORIES.includes(facts.producer)) return false;
  }
  return facts.name !== undefined && SPAN_RECEIVER_NAME.pattern.test(facts.name);
}
