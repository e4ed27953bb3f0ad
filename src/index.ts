export { default as eslintPlugin } from '../rules/index.js';
export { transforms, getTransform } from '../codemods/index.js';
export type { CodemodTransform, TransformInput, TransformOutput, TransformNote, TransformOptions } from './transform/types.js';
export { TransformError } from './transform/types.js';
export * as catalog from './catalog/index.js';
