export * from './otel-api.js';
export * from './error-flow.js';
export * from './messaging/index.js';
export * from './entry-points.js';
