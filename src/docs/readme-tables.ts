import type { TSESLint } from '@typescript-eslint/utils';
import type { CodemodTransform } from '../transform/types.js';
import type { OtelRuleDocs } from '../lint/create-rule.js';

export const RULES_BEGIN = '<!-- begin rules table (generated: npm run docs:write) -->';
export const RULES_END = '<!-- end rules table -->';
export const TRANSFORMS_BEGIN = '<!-- begin transforms table (generated: npm run docs:write) -->';
export const TRANSFORMS_END = '<!-- end transforms table -->';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderRulesTable(rules: Record<string, AnyRule>): string {
  const lines = [
    '| Rule | Description | Preset | Fix |',
    '| --- | --- | --- | --- |',
  ];
  for (const [id, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const docs = rule.meta.docs as OtelRuleDocs;
    const fix = rule.meta.fixable ? 'autofix' : rule.meta.hasSuggestions ? 'suggestion' : '';
    const strict = docs.strictOptions ? ` (strict: \`${escapeCell(JSON.stringify(docs.strictOptions[0]))}\`)` : '';
    lines.push(`| [otel/${id}](docs/rules/${id}.md) | ${escapeCell(docs.description)} | ${docs.recommended}${strict} | ${fix} |`);
  }
  return lines.join('\n');
}

export function renderTransformsTable(transforms: Record<string, CodemodTransform>): string {
  const lines = ['| Transform | What it does |', '| --- | --- |'];
  for (const [name, transform] of Object.entries(transforms).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| [\`${name}\`](docs/transforms/${name}.md) | ${escapeCell(transform.description)} |`);
  }
  return lines.join('\n');
}

function replaceBetween(text: string, begin: string, end: string, body: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1 || stop < start) throw new Error(`README.md lacks the markers ${begin} … ${end}`);
  return `${text.slice(0, start + begin.length)}\n${body}\n${text.slice(stop)}`;
}

/** The README with both generated tables brought up to date. */
export function renderReadme(readme: string, rules: Record<string, AnyRule>, transforms: Record<string, CodemodTransform>): string {
  const withRules = replaceBetween(readme, RULES_BEGIN, RULES_END, renderRulesTable(rules));
  return replaceBetween(withRules, TRANSFORMS_BEGIN, TRANSFORMS_END, renderTransformsTable(transforms));
}
