export * from './otel-api.js';
export * from './error-flow.js';
export * from './semconv.js';
export * from './semconv-deprecations.js';
export * from './sdk-setup.js';
