import { extname } from 'node:path';
import type { SourceFile } from 'ts-morph';
import { HTTP_AUTO_INSTRUMENTATION_PACKAGES } from '../src/catalog/entry-points.js';
import { OTEL_API_MODULE } from '../src/catalog/otel-api.js';
import type { FileStyle } from '../src/transform/file-style.js';
import { ensureNamedImports } from '../src/transform/imports.js';
import { transformWithTsMorph } from '../src/transform/parse.js';
import { getNearestDependencies } from '../src/transform/project-manifest.js';
import { ensureModuleTracer } from '../src/transform/tracer.js';
import type { CodemodTransform, TransformInput, TransformNote } from '../src/transform/types.js';
import { buildWrappedBody, getUnwrappableReason, isAlreadyTraced } from '../src/transform/wrap-body.js';
import { collectConsumers } from './wrap-handlers/consumers.js';
import { collectHttpHandlers } from './wrap-handlers/http.js';
import { collectLambdaHandlers } from './wrap-handlers/lambda.js';
import { renderSpanSpec, type ApiRefs } from './wrap-handlers/render.js';
import { skippedNote, type Collected, type WrapTarget } from './wrap-handlers/target.js';

/** Words one of which a file must contain to hold an entry point: frameworks, Lambda exports, consumer registrations. */
const MAY_APPLY = /express|fastify|koa|hono|@nestjs|route\.|export (async )?(function|const) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|handler|kafkajs|amqplib|bullmq|pubsub|nats/;

export const wrapHandlers: CodemodTransform = {
  name: 'wrap-handlers',
  description:
    'Runs every HTTP route, Lambda handler and message consumer inside a span that ends, records errors and, for messages, continues the producer’s trace.',
  mayApply: (source) => MAY_APPLY.test(source),
  apply: (input) =>
    transformWithTsMorph(input, ({ sourceFile, style }) => {
      // 1. Find entry points; a file with none (or only instrumented ones) is returned as it was.
      const found = collectTargets(sourceFile, input);
      if (found.targets.length === 0) return { changed: false, notes: found.notes };
      // 2. Make the API and a tracer available once for the whole file.
      const refs = ensureApi(sourceFile, input, style, found.targets.some((target) => target.extraction !== undefined));
      // 3. Wrap handlers from the last to the first; nodes go stale after each edit, so collect again every time.
      for (;;) {
        const { targets } = collectTargets(sourceFile, input);
        const last = targets.sort((a, b) => b.fn.getStart() - a.fn.getStart())[0];
        if (!last) break;
        const edit = buildWrappedBody(last.fn, renderSpanSpec(last, refs, getSpanKind(last, input.path), style), style);
        sourceFile.replaceText([edit.start, edit.end], edit.text);
      }
      return { changed: true, notes: found.notes };
    }),
};

/** Every entry point of the file that is not instrumented yet; the ones it must leave alone become notes. */
function collectTargets(sourceFile: SourceFile, input: TransformInput): Collected {
  const lambdaExportNames = Array.isArray(input.options.lambdaExportNames) ? input.options.lambdaExportNames.map(String) : undefined;
  const parts = [
    collectHttpHandlers(sourceFile, input.path),
    collectLambdaHandlers(sourceFile, input.path, lambdaExportNames),
    collectConsumers(sourceFile, !/\.(c|m)?jsx?$/i.test(extname(input.path))),
  ];
  const notes: TransformNote[] = parts.flatMap((part) => part.notes);
  const targets: WrapTarget[] = [];
  for (const target of parts.flatMap((part) => part.targets)) {
    if (targets.some((other) => other.fn === target.fn) || isAlreadyTraced(target.fn)) continue;
    const reason = getUnwrappableReason(target.fn);
    if (reason) notes.push(skippedNote(target.fn, `handler not wrapped: ${reason}`));
    else targets.push(target);
  }
  return { targets, notes: notes.sort((a, b) => a.line - b.line) };
}

function ensureApi(sourceFile: SourceFile, input: TransformInput, style: FileStyle, extracts: boolean): ApiRefs {
  const names = ['trace', 'SpanKind', 'SpanStatusCode', ...(extracts ? ['context', 'propagation'] : [])];
  const refs = ensureNamedImports(sourceFile, input.path, OTEL_API_MODULE, names, style);
  const tracer = ensureModuleTracer(sourceFile, input.options.tracerName, refs.trace!, style);
  return { tracer, spanKind: refs.SpanKind!, statusCode: refs.SpanStatusCode!, context: refs.context, propagation: refs.propagation };
}

/** Route spans are SERVER spans unless the project's HTTP auto-instrumentation already starts one per request. */
function getSpanKind(target: WrapTarget, path: string): 'SERVER' | 'INTERNAL' | 'CONSUMER' {
  if (target.kind !== 'http') return target.kind;
  const dependencies = getNearestDependencies(path);
  return HTTP_AUTO_INSTRUMENTATION_PACKAGES.some((name) => dependencies.has(name)) ? 'INTERNAL' : 'SERVER';
}
