import type { HelperName } from './helper-functions.js';

/**
 * Site edits are planned before the file's imports are settled, so they name helpers and imported values with
 * placeholders that are replaced by the file's own references once the imports exist.
 */
export function helperRef(name: HelperName): string {
  return `__otelHelper_${name}__`;
}

/** The `headers()` factory of the NATS client. */
export const NATS_HEADERS_REF = '__otelNatsHeaders__';

/** Every placeholder; the first group is the helper's name. */
export const PLACEHOLDER_PATTERN = /__otelHelper_(\w+?)__|__otelNatsHeaders__/g;
