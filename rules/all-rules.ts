import type { TSESLint } from '@typescript-eslint/utils';
import noDeprecatedSemconv from './no-deprecated-semconv.js';
import noHighCardinalityAttributes from './no-high-cardinality-attributes.js';
import noSensitiveAttributes from './no-sensitive-attributes.js';
import requireContextExtraction from './require-context-extraction.js';
import requireContextPropagation from './require-context-propagation.js';
import sdkProductionConfig from './sdk-production-config.js';
import spanErrorStatus from './span-error-status.js';
import spanMustEnd from './span-must-end.js';
import spanName from './span-name.js';

/**
 * Every rule of the plugin, keyed by its id without the `otel/` prefix.
 * Add a rule here and it is in the plugin, the presets (from its `meta.docs.recommended`),
 * the README table and `otel-codemod list`.
 */
export const allRules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-deprecated-semconv': noDeprecatedSemconv,
  'no-high-cardinality-attributes': noHighCardinalityAttributes,
  'no-sensitive-attributes': noSensitiveAttributes,
  'require-context-extraction': requireContextExtraction,
  'require-context-propagation': requireContextPropagation,
  'sdk-production-config': sdkProductionConfig,
  'span-error-status': spanErrorStatus,
  'span-must-end': spanMustEnd,
  'span-name': spanName,
};
