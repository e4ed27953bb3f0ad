import type { CodemodTransform } from '../src/transform/types.js';
import { migrateSemconv } from './migrate-semconv.js';

/** Every transform `otel-codemod <transform>` can run, keyed by name. */
export const transforms: Record<string, CodemodTransform> = {
  'migrate-semconv': migrateSemconv,
};

export function getTransform(name: string): CodemodTransform | undefined {
  return Object.hasOwn(transforms, name) ? transforms[name] : undefined;
}
