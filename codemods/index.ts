import type { CodemodTransform } from '../src/transform/types.js';
import { injectPropagation } from './inject-propagation.js';
import { migrateSemconv } from './migrate-semconv.js';
import { wrapHandlers } from './wrap-handlers.js';

/** Every transform `otel-codemod <transform>` can run, keyed by name. */
export const transforms: Record<string, CodemodTransform> = {
  'wrap-handlers': wrapHandlers,
  'inject-propagation': injectPropagation,
  'migrate-semconv': migrateSemconv,
};

export function getTransform(name: string): CodemodTransform | undefined {
  return Object.hasOwn(transforms, name) ? transforms[name] : undefined;
}
