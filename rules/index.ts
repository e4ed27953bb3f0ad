import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../src/package-info.js';
import { allRules } from './all-rules.js';
import type { OtelRuleDocs } from '../src/lint/create-rule.js';

export const PLUGIN_NAMESPACE = 'otel';

// ESLint's own config type, the one `defineConfig` from eslint/config takes: typescript-eslint's FlatConfig.Config
// has a languageOptions type that ESLint's does not accept (TS2345 in an eslint.config.ts).
type FlatConfig = Linter.Config;
type PresetName = 'recommended' | 'strict';

function getRulePreset(rule: TSESLint.RuleModule<string, readonly unknown[]>): PresetName {
  const docs = rule.meta.docs as Partial<OtelRuleDocs> | undefined;
  return docs?.recommended === 'strict' ? 'strict' : 'recommended';
}

/** `strict` turns every rule on, with the stricter option values a rule declares (`meta.docs.strictOptions`). */
function buildPresetRules(preset: PresetName): FlatConfig['rules'] {
  const entries = Object.entries(allRules)
    .filter(([, rule]) => preset === 'strict' || getRulePreset(rule) === 'recommended')
    .map(([id, rule]) => {
      const strictOptions = (rule.meta.docs as Partial<OtelRuleDocs> | undefined)?.strictOptions;
      const level = preset === 'strict' && strictOptions ? (['error', ...strictOptions] as ['error', ...unknown[]]) : ('error' as const);
      return [`${PLUGIN_NAMESPACE}/${id}`, level];
    });
  return Object.fromEntries(entries) as FlatConfig['rules'];
}

interface OtelPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof allRules;
  configs: Record<PresetName, FlatConfig>;
}

const plugin: OtelPlugin = {
  meta: { name: packageInfo.name, version: packageInfo.version, namespace: PLUGIN_NAMESPACE },
  rules: allRules,
  configs: {} as Record<PresetName, FlatConfig>,
};

// The presets reference the plugin object itself, as flat config expects.
plugin.configs.recommended = {
  name: 'otel/recommended',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as ESLint.Plugin },
  rules: buildPresetRules('recommended'),
};
plugin.configs.strict = {
  name: 'otel/strict',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as ESLint.Plugin },
  rules: buildPresetRules('strict'),
};

export { allRules as rules };
export default plugin;
