/**
 * "Is this value an OpenTelemetry tracer?" decided once, over plain facts. The lint side reads the facts from ESTree
 * and the scope manager (src/lint/otel-calls.ts, src/lint/tracer-origin.ts), the transform side from the TypeScript
 * tree (src/transform/tracer-receivers.ts); both ask `isTracerReceiver`, so a `startSpan` one half takes for a
 * tracer's the other does too.
 *
 * The origin is read by the same rules on both halves: a name bound by an import is its module; a relative import
 * is followed one hop, to the imported module's `export const name = [new] Creator…` and the module `Creator` is
 * imported from there; a parameter's written type is the origin of that type's leftmost name; a variable made by a
 * call or `new` is the origin of the callee's leftmost name (or the module a `require()` reads); a class or
 * interface of the file is no API tracer. Anything else is unknown, and the name decides.
 */
import { OTEL_MODULE_PREFIX, TRACER_FACTORY_METHODS, TRACER_NAME_PATTERN, TRACER_TYPE_NAMES } from './otel-api.js';

/**
 * Where a tracer comes from, as far as the file shows: an `@opentelemetry/` package, another package (or a class
 * of the file itself), or somewhere the file does not show (a relative import, a parameter without a type).
 */
export type TracerOrigin = { kind: 'otel' } | { kind: 'foreign'; module: string } | { kind: 'unknown' };

export const UNKNOWN_TRACER_ORIGIN: TracerOrigin = { kind: 'unknown' };

/** The origin a class or interface the file declares gives: not the API's tracer. */
export function getLocalClassOrigin(name: string): TracerOrigin {
  return { kind: 'foreign', module: `(class ${name} of this file)` };
}

/** Relative paths and path aliases are the project's own modules: they may well re-export the API's tracer. */
const PROJECT_MODULE = /^(?:\.|\/|@\/|~\/|#)/;

/** The origin a module specifier gives a value imported or required from it. */
export function getTracerModuleOrigin(module: string | undefined): TracerOrigin {
  if (module === undefined) return UNKNOWN_TRACER_ORIGIN;
  if (module.startsWith(OTEL_MODULE_PREFIX)) return { kind: 'otel' };
  if (PROJECT_MODULE.test(module)) return UNKNOWN_TRACER_ORIGIN;
  return { kind: 'foreign', module };
}

export interface TracerReceiverFacts {
  /**
   * With type information only: whether the value's type is the API's `Tracer`; undefined without type information
   * or when the type says nothing (`any`).
   */
  typeVerdict?: boolean | undefined;
  origin: TracerOrigin;
  /** The name the value goes by: an identifier's, a member's property (`this.tracer`), a call's callee (`getTracer()`). */
  name: string | undefined;
  /** The last names of the types written on its declarations (`t: api.Tracer` → Tracer). */
  annotations?: readonly string[];
  /** The names of the functions whose result it is: the call itself, or its variable's initializer. */
  producers?: readonly string[];
}

/**
 * Whether a receiver is an OpenTelemetry tracer: the type when known, then the origin (a tracer visibly from another
 * package, or a class of the file, is not one unless `tracerModules` lists that package), and only then a name like
 * `tracer`, a written `Tracer` type or a `getTracer(…)` result.
 */
export function isTracerReceiver(facts: TracerReceiverFacts, tracerModules: readonly string[] = []): boolean {
  if (facts.typeVerdict !== undefined) return facts.typeVerdict;
  if (facts.origin.kind === 'otel') return true;
  if (facts.origin.kind === 'foreign') return tracerModules.includes(facts.origin.module);
  if (facts.name !== undefined && TRACER_NAME_PATTERN.test(facts.name)) return true;
  return (facts.annotations ?? []).some((name) => TRACER_TYPE_NAMES.includes(name)) || (facts.producers ?? []).some((name) => TRACER_FACTORY_METHODS.includes(name));
}
