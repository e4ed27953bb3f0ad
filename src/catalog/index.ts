export * from './otel-api.js';
