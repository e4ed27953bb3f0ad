/** The semantic-conventions package: where attribute constants come from, and where the deprecated ones lead. */

/** The stable entry point: stable `ATTR_*` constants, plus the deprecated `SEMATTRS_*`, `SEMRESATTRS_*` and maps. */
export const SEMCONV_MODULE = '@opentelemetry/semantic-conventions';

/** The incubating entry point: experimental and deprecated `ATTR_*` constants. */
export const SEMCONV_INCUBATING_MODULE = '@opentelemetry/semantic-conventions/incubating';

/** Entry points whose exports the deprecation table describes. */
export const SEMCONV_MODULES: readonly string[] = [SEMCONV_MODULE, SEMCONV_INCUBATING_MODULE];

/** Maps of constants (`SemanticAttributes.HTTP_METHOD`); the table keys their members as `Map.MEMBER`. */
export const SEMCONV_CONSTANT_MAPS: readonly string[] = ['SemanticAttributes', 'SemanticResourceAttributes'];
