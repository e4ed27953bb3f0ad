export * from './otel-api.js';
export * from './messaging/index.js';
