/** How JavaScript code passes an error on, besides `throw`: the conventional error-first callbacks. */
export const ERROR_CALLBACK_NAMES: readonly string[] = ['callback', 'cb', 'next', 'done', 'reject', 'fail', 'onError'];

/** Promise methods whose callback receives a rejection. */
export const PROMISE_CATCH_METHODS: readonly string[] = ['catch'];
