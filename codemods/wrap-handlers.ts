import { extname } from 'node:path';
import { Node, type SourceFile } from 'ts-morph';
import { HTTP_AUTO_INSTRUMENTATION_PACKAGES } from '../src/catalog/entry-points.js';
import { OTEL_API_MODULE } from '../src/catalog/otel-api.js';
import { detectFileStyle, type FileStyle } from '../src/transform/file-style.js';
import { ensureNamedImports } from '../src/transform/imports.js';
import { transformWithTsMorph } from '../src/transform/parse.js';
import { getNearestDependencies } from '../src/transform/project-manifest.js';
import { ensureModuleTracer } from '../src/transform/tracer.js';
import type { CodemodTransform, TransformInput, TransformNote } from '../src/transform/types.js';
import { buildWrappedBody, buildWrappedLoopBody, getUnwrappableReason, hasOwnSpanStart, isAlreadyTraced } from '../src/transform/wrap-body.js';
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
      const refs = ensureApi(sourceFile, input, style, found.targets.some((target) => target.extraction !== undefined || target.links !== undefined));
      // 3. Wrap one handler at a time; nodes go stale after each edit, so collect again every time. Outer handlers go
      //    first: a Lambda handler whose record loop already holds a span would otherwise look instrumented.
      for (;;) {
        const [first] = collectTargets(sourceFile, input).targets.sort((a, b) => getSite(a).getStart() - getSite(b).getStart());
        if (!first) break;
        const spec = renderSpanSpec(first, refs, getSpanKind(first, input.path), style);
        const body = first.loop?.getStatement();
        const edit = body && Node.isBlock(body) ? buildWrappedLoopBody(body, first.fn, spec, style) : buildWrappedBody(first.fn, spec, style);
        sourceFile.replaceText([edit.start, edit.end], edit.text);
      }
      return { changed: true, notes: found.notes };
    }),
};

/** Every entry point of the file that is not instrumented yet; the ones it must leave alone become notes. */
function collectTargets(sourceFile: SourceFile, input: TransformInput): Collected {
  const exportNames = Array.isArray(input.options.lambdaExportNames) ? input.options.lambdaExportNames.map(String) : undefined;
  const isTypeScript = !/\.(c|m)?jsx?$/i.test(extname(input.path));
  const { quote } = detectFileStyle(sourceFile.getFullText());
  const parts = [
    collectHttpHandlers(sourceFile, input.path),
    collectLambdaHandlers(sourceFile, input.path, { exportNames, isTypeScript, quote }),
    collectConsumers(sourceFile, isTypeScript, quote),
  ];
  const notes: TransformNote[] = parts.flatMap((part) => part.notes);
  const targets: WrapTarget[] = [];
  for (const target of parts.flatMap((part) => part.targets)) {
    if (targets.some((other) => other.fn === target.fn && other.loop === target.loop)) continue;
    if (target.loop ? hasOwnSpanStart(target.loop.getStatement()) : isAlreadyTraced(target.fn)) continue;
    const reason = target.loop ? undefined : getUnwrappableReason(target.fn);
    if (reason) notes.push(skippedNote(target.fn, `handler not wrapped: ${reason}`));
    else targets.push(target);
  }
  return { targets, notes: notes.sort((a, b) => a.line - b.line) };
}

function getSite(target: WrapTarget): Node {
  return target.loop ?? target.fn;
}

function ensureApi(sourceFile: SourceFile, input: TransformInput, style: FileStyle, extracts: boolean): ApiRefs {
  const names = ['trace', 'SpanKind', 'SpanStatusCode', ...(extracts ? ['context', 'propagation'] : [])];
  const refs = ensureNamedImports(sourceFile, input.path, OTEL_API_MODULE, names, style);
  const tracer = ensureModuleTracer(sourceFile, input.options.tracerName, refs.trace!, style);
  return { tracer, trace: refs.trace!, spanKind: refs.SpanKind!, statusCode: refs.SpanStatusCode!, context: refs.context, propagation: refs.propagation };
}

/** Route spans are SERVER spans unless the project's HTTP auto-instrumentation already starts one per request. */
function getSpanKind(target: WrapTarget, path: string): 'SERVER' | 'INTERNAL' | 'CONSUMER' {
  if (target.kind !== 'http') return target.kind;
  const dependencies = getNearestDependencies(path);
  return HTTP_AUTO_INSTRUMENTATION_PACKAGES.some((name) => dependencies.has(name)) ? 'INTERNAL' : 'SERVER';
}
