/** The semantic-conventions package: where attribute constants come from, and where the deprecated ones lead. */

/** The stable entry point: stable `ATTR_*` constants, plus the deprecated `SEMATTRS_*`, `SEMRESATTRS_*` and maps. */
export const SEMCONV_MODULE = '@opentelemetry/semantic-conventions';

/** The incubating entry point: experimental and deprecated `ATTR_*` constants. */
export const SEMCONV_INCUBATING_MODULE = '@opentelemetry/semantic-conventions/incubating';

/** Entry points whose exports the deprecation table describes. */
export const SEMCONV_MODULES: readonly string[] = [SEMCONV_MODULE, SEMCONV_INCUBATING_MODULE];

/** Maps of constants (`SemanticAttributes.HTTP_METHOD`); the table keys their members as `Map.MEMBER`. */
export const SEMCONV_CONSTANT_MAPS: readonly string[] = ['SemanticAttributes', 'SemanticResourceAttributes'];

/**
 * Where the `migrate-semconv` codemod looks for attribute keys written as strings: the argument of a call
 * (`argument`), or a property of that argument (`property`). A key argument is renamed when it is a string; an
 * object argument has its string keys renamed.
 */
export interface AttributeKeyCall {
  method: string;
  argument: number;
  kind: 'key' | 'object';
  property?: string;
}

export const SEMCONV_MIGRATION_CALLS: readonly AttributeKeyCall[] = [
  { method: 'setAttribute', argument: 0, kind: 'key' },
  { method: 'setAttributes', argument: 0, kind: 'object' },
  { method: 'addEvent', argument: 1, kind: 'object' },
  { method: 'startSpan', argument: 1, kind: 'object', property: 'attributes' },
  { method: 'startActiveSpan', argument: 1, kind: 'object', property: 'attributes' },
  // Metric instruments: counter.add(1, attributes), histogram.record(ms, attributes).
  { method: 'add', argument: 1, kind: 'object' },
  { method: 'record', argument: 1, kind: 'object' },
  // Log records: logger.emit({ attributes }).
  { method: 'emit', argument: 0, kind: 'object', property: 'attributes' },
];
