/** How JavaScript code passes an error on, besides `throw`: the conventional error-first callbacks. */
export const ERROR_CALLBACK_NAMES: readonly string[] = ['callback', 'cb', 'next', 'done', 'reject', 'fail', 'onError'];

/** Promise methods whose callback receives a rejection. */
export const PROMISE_CATCH_METHODS: readonly string[] = ['catch'];

/**
 * Where a callback runs only when the work succeeds, or also when it fails. `otel/span-must-end` reads these to tell a
 * span ended only on success (`.then(ok)`, a stream's 'end' listener) from one handed to a chain that ends it anyway.
 */
export const PROMISE_SUCCESS_METHODS: readonly string[] = ['then'];
/** Promise methods whose callback runs when the work fails (`finally` runs on both). */
export const PROMISE_FAILURE_METHODS: readonly string[] = ['catch', 'finally'];
/** Event-emitter methods that register a listener: `(event, listener)`. */
export const LISTENER_METHODS: readonly string[] = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];
/** Events emitted only when a stream or response completes normally. */
export const SUCCESS_EVENTS: readonly string[] = ['end', 'finish'];
/** Events emitted when it fails; Node emits 'close' after an error too, so a span ended there is ended either way. */
export const FAILURE_EVENTS: readonly string[] = ['error', 'abort', 'aborted', 'timeout', 'close'];

/**
 * Where an HTTP response keeps the status code it was answered with (Node's `res.statusCode`, Fastify's
 * `reply.statusCode`). A span whose ERROR status is set from it when the span ends has its status decided by the answer.
 */
export const RESPONSE_STATUS_PROPERTIES: readonly string[] = ['statusCode'];
