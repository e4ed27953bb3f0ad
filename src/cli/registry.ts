import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { CodemodTransform } from '../transform/types.js';

export type TransformRegistry = Record<string, CodemodTransform>;

/**
 * Environment variable naming an ES module whose `transforms` export (name → transform) is added to the built-in ones:
 * how a team runs its own transforms through this runner.
 */
export const TRANSFORMS_MODULE_ENV = 'OTEL_CODEMOD_TRANSFORMS_MODULE';

/** Where the transforms come from, in a form a worker thread can load again. */
export interface RegistrySource {
  /** Absolute path of an extra module of transforms, if any. */
  extraModule?: string;
}

export async function loadRegistry(source: RegistrySource): Promise<TransformRegistry> {
  const { transforms } = await import('../../codemods/index.js');
  if (!source.extraModule) return { ...transforms };
  const extra = (await import(pathToFileURL(resolve(source.extraModule)).href)) as { transforms?: TransformRegistry };
  if (!extra.transforms || typeof extra.transforms !== 'object') {
    throw new Error(`${source.extraModule} does not export \`transforms\` (an object of name → transform)`);
  }
  return { ...transforms, ...extra.transforms };
}
