/**
 * The propagation API calls and carrier keys the messaging rules and codemods work with.
 */

/** `propagation.inject(context, carrier, setter?)`: fills a carrier from a context. */
export const PROPAGATION_INJECT_METHODS: readonly string[] = ['inject'];

/** `propagation.extract(context, carrier, getter?)`: returns a context read from a carrier. */
export const PROPAGATION_EXTRACT_METHODS: readonly string[] = ['extract'];

/** The namespace object both are called on (`import { propagation } from '@opentelemetry/api'`). */
export const PROPAGATION_NAMESPACE = 'propagation';

/** `context.with(ctx, fn)`: runs `fn` with `ctx` active. */
export const CONTEXT_WITH_METHODS: readonly string[] = ['with'];

/** `trace.getSpanContext(ctx)`, used to link a span to an extracted context. */
export const GET_SPAN_CONTEXT_METHODS: readonly string[] = ['getSpanContext'];

/** The W3C trace context keys a carrier holds. Writing one of them by hand counts as propagating. */
export const TRACE_CONTEXT_KEYS: readonly string[] = ['traceparent', 'tracestate'];

/**
 * The keys `propagation.inject` writes under the SDK's default propagators (W3C trace context and baggage): what a
 * consumer has to receive to continue the trace and keep the baggage.
 */
export const PROPAGATED_CARRIER_KEYS: readonly string[] = [...TRACE_CONTEXT_KEYS, 'baggage'];

/** The key codemods put a carrier object under inside a payload (`{ ...payload, _trace: carrier }`). */
export const DEFAULT_ENVELOPE_CARRIER_KEY = '_trace';

/** SQS and SNS allow at most 10 message attributes per message. */
export const AWS_MESSAGE_ATTRIBUTES_LIMIT = 10;
