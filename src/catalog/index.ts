export * from './otel-api.js';
export * from './error-flow.js';
export * from './messaging/index.js';
export * from './entry-points.js';
export * from './span-names.js';
export * from './semconv.js';
export * from './semconv-deprecations.js';
export * from './sdk-setup.js';
