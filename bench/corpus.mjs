// The benchmark corpus: real installed sources plus this project's fixtures, copied into a folder of its own.
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const SOURCE_PACKAGES = [
  'rxjs/src', 'rxjs/dist/esm', 'rxjs/dist/cjs', '@opentelemetry/sdk-trace-base/build/src', '@opentelemetry/core/build/esm',
  '@aws-sdk/client-sqs/dist-es', '@aws-sdk/client-sqs/dist-cjs', '@aws-sdk/client-sns/dist-types', 'express/lib',
  'fastify/lib', 'kafkajs/src', 'bullmq/dist/esm', 'hono/dist', 'ioredis/built', 'nats/lib', 'amqplib/lib', '@types/node',
  'eslint/lib', '@typescript-eslint/typescript-estree/dist', 'commander/lib', 'jscodeshift/src', 'vitest/dist',
  '@google-cloud/pubsub/build/src', '@aws-sdk/client-sns/dist-es', '@aws-sdk/client-eventbridge/dist-es',
  '@aws-sdk/client-kinesis/dist-es', '@typescript-eslint/eslint-plugin/dist', '@nestjs/common', '@azure/service-bus/dist/esm',
];

const EXTENSIONS = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;

function walk(dir, out, limit, maxBytes, includeDeclarations = false) {
  let entries;
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
      if (entry !== 'node_modules') walk(path, out, limit, maxBytes, includeDeclarations);
    } else if (EXTENSIONS.test(entry) && (includeDeclarations || !entry.endsWith('.d.ts')) && stats.size <= maxBytes) {
      out.push(path);
    }
  }
}

/** Absolute paths of the corpus source files, in a stable order. */
export function listCorpusSources(root, { perPackage = 400, maxBytes = 200_000, includeDeclarations = false, includeFixtures = true } = {}) {
  const files = [];
  for (const pkg of SOURCE_PACKAGES) {
    const picked = [];
    walk(join(root, 'node_modules', pkg), picked, perPackage, maxBytes, includeDeclarations);
    files.push(...picked);
  }
  if (!includeFixtures) return [...new Set(files)];
  const fixtures = [];
  walk(join(root, 'fixtures'), fixtures, 10_000, maxBytes);
  files.push(...fixtures.filter((file) => !file.includes(`${join('fixtures', 'typed-project')}`)));
  return [...new Set(files)];
}

/**
 * Copies `count` corpus files (repeating the corpus when it is smaller) into `dir`, as a plain folder (no git, no
 * node_modules), so every tool reads the same files. Returns the copied paths.
 */
export function materializeCorpus(root, dir, count, sources = listCorpusSources(root)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-corpus', private: true }));
  const copied = [];
  for (let index = 0; index < count; index++) {
    const source = sources[index % sources.length];
    const copy = Math.floor(index / sources.length);
    // A flat, neutral layout: folder names such as dist/ or build/ would make tools skip the files as build output.
    const target = join(dir, `copy${copy}`, `part${Math.floor(index / 500)}`, `${index}-${basename(source).replace(/\.d\.ts$/, '.d-ts.ts')}`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
    copied.push(target);
  }
  return copied;
}

export function readSources(files) {
  return files.map((file) => ({ file, code: readFileSync(file, 'utf8') }));
}

/** The codemod fixtures' inputs and the sample services: files every transform has work in. */
export function listRelevantSources(root) {
  const files = [];
  for (const folder of ['fixtures/wrap-handlers', 'fixtures/inject-propagation', 'fixtures/e2e-messaging', 'fixtures/demo/src']) {
    walk(join(root, folder), files, 10_000, 200_000);
  }
  return files.filter((file) => !file.endsWith('.output.ts') && !file.endsWith('.json'));
}
