import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Packages whose installed sources make a varied body of real JS and TS (ESM, CommonJS, declarations). */
export const SOURCE_PACKAGES = [
  'rxjs/src',
  'rxjs/dist/esm',
  'rxjs/dist/cjs',
  '@opentelemetry/sdk-trace-base/build/src',
  '@opentelemetry/core/build/esm',
  '@aws-sdk/client-sqs/dist-es',
  '@aws-sdk/client-sns/dist-types',
  'express/lib',
  'fastify/lib',
  'kafkajs/src',
  'bullmq/dist/esm',
  'hono/dist',
  'ioredis/built',
  'nats/lib',
  'amqplib/lib',
  '@types/node',
  'eslint/lib',
  '@typescript-eslint/typescript-estree/dist',
  'commander/lib',
  'jscodeshift/src',
  'vitest/dist',
  'hono/dist/types',
  '@google-cloud/pubsub/build/src',
  '@aws-sdk/client-sqs/dist-cjs',
];

const EXTENSIONS = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;

/** Source files under node_modules in a stable order: at most `perPackage` from each, none over `maxBytes`. */
export function listInstalledSources(nodeModules: string, perPackage: number, maxBytes = 200_000): string[] {
  const files: string[] = [];
  for (const root of SOURCE_PACKAGES) {
    const picked: string[] = [];
    walk(join(nodeModules, root), picked, perPackage, maxBytes);
    files.push(...picked);
  }
  return [...new Set(files.map((file) => relative(nodeModules, file)))].sort();
}

function walk(dir: string, out: string[], limit: number, maxBytes: number): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= limit) return;
    const path = join(dir, entry);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) continue;
    if (stats.isDirectory()) {
      if (entry !== 'node_modules') walk(path, out, limit, maxBytes);
    } else if (EXTENSIONS.test(entry) && !entry.endsWith('.map') && stats.size <= maxBytes) {
      out.push(path);
    }
  }
}
