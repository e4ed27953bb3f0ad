import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OTEL_API_MIN_TYPESCRIPT } from '../catalog/otel-api.js';
import { findNearestManifest } from './project-manifest.js';
import type { TransformInput, TransformNote, TransformOutput } from './types.js';

interface TypeScriptVersion {
  major: number;
  minor: number;
  /** Where the version was read, for the note. */
  source: string;
}

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/**
 * The TypeScript a file is compiled with: the `typescript` installed nearest above it, else the lowest version the
 * nearest package.json's range allows. Undefined when neither says.
 */
export function getProjectTypeScript(filePath: string): TypeScriptVersion | undefined {
  for (let directory = dirname(resolve(filePath)); ; directory = dirname(directory)) {
    const installed = join(directory, 'node_modules', 'typescript', 'package.json');
    if (existsSync(installed)) return cached(installed, () => parseVersion(readJson(installed)?.version, installed));
    if (dirname(directory) === directory) break;
  }
  const manifest = findNearestManifest(filePath);
  if (!manifest) return undefined;
  return cached(manifest, () => {
    const json = readJson(manifest);
    const range = ['devDependencies', 'dependencies', 'peerDependencies']
      .map((key) => (json?.[key] as Record<string, unknown> | undefined)?.typescript)
      .find((value): value is string => typeof value === 'string');
    return parseVersion(range, `the typescript range in ${manifest}`);
  });
}

/**
 * The codemods' output for a TypeScript file whose compiler cannot read the API's types or the syntax they write:
 * the file as it was, with a note naming the compiler and what to do. Other files' output is returned unchanged.
 */
export function keepFileForOldTypeScript(input: TransformInput, output: TransformOutput): TransformOutput {
  if (output.source === input.source || !TYPESCRIPT_FILE.test(input.path)) return output;
  const typescript = getProjectTypeScript(input.path);
  if (!typescript || !isOlder(typescript)) return output;
  const minimum = `${OTEL_API_MIN_TYPESCRIPT.major}.${OTEL_API_MIN_TYPESCRIPT.minor}`;
  const note: TransformNote = {
    line: 1,
    kind: 'skipped',
    message:
      `not changed: the project's TypeScript ${typescript.major}.${typescript.minor} (${typescript.source}) cannot read ` +
      `@opentelemetry/api's types or the optional chaining the instrumentation uses; upgrade to TypeScript ${minimum} or later and run again`,
  };
  return { source: input.source, notes: [note] };
}

function isOlder(version: TypeScriptVersion): boolean {
  const { major, minor } = OTEL_API_MIN_TYPESCRIPT;
  return version.major < major || (version.major === major && version.minor < minor);
}

function parseVersion(text: unknown, source: string): TypeScriptVersion | undefined {
  // The first version in a range is its lowest bound (`^2.5.2`, `~3.9`, `>=4.1 <5`); a tag like `latest` says nothing.
  const match = typeof text === 'string' ? /(\d+)\.(\d+)/.exec(text) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]), source } : undefined;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // An unreadable package.json says nothing about the compiler.
    return undefined;
  }
}

const versions = new Map<string, TypeScriptVersion | undefined>();

function cached(path: string, read: () => TypeScriptVersion | undefined): TypeScriptVersion | undefined {
  if (!versions.has(path)) versions.set(path, read());
  return versions.get(path);
}
