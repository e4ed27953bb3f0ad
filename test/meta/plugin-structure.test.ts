import { Linter } from 'eslint';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { allRules } from '../../rules/all-rules.js';
import { transforms } from '../../codemods/index.js';
import { renderReadme } from '../../src/docs/readme-tables.js';
import { RULE_DOCS_BASE_URL } from '../../src/lint/create-rule.js';

const root = new URL('../../', import.meta.url);
const ruleFiles = readdirSync(new URL('rules/', root)).filter((f) => f.endsWith('.ts') && !['index.ts', 'all-rules.ts'].includes(f));

describe('plugin structure', () => {
  it('registers exactly the rule files in rules/', () => {
    expect(Object.keys(allRules).sort()).toEqual(ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it.each(Object.entries(allRules))('%s has a docs page, a test and a docs url pointing at its page', (id, rule) => {
    expect(existsSync(new URL(`docs/rules/${id}.md`, root))).toBe(true);
    expect(existsSync(new URL(`test/rules/${id}.test.ts`, root))).toBe(true);
    expect(rule.meta.docs?.url).toBe(`${RULE_DOCS_BASE_URL}${id}.md`);
  });

  it.each(Object.keys(transforms))('transform %s has a docs page', (name) => {
    expect(existsSync(new URL(`docs/transforms/${name}.md`, root))).toBe(true);
  });

  it('has presets that register the plugin as otel', () => {
    for (const preset of [plugin.configs.recommended, plugin.configs.strict]) {
      expect(preset.plugins?.otel).toBe(plugin);
      for (const ruleId of Object.keys(preset.rules ?? {})) expect(ruleId.startsWith('otel/')).toBe(true);
    }
    expect(Object.keys(plugin.configs.strict.rules ?? {}).length).toBe(Object.keys(allRules).length);
  });

  it('makes strict stricter than recommended: the rules\' strict option values, accepted by their schemas', () => {
    expect(plugin.configs.strict.rules?.['otel/span-must-end']).toEqual(['error', { checkExceptionPaths: 'all' }]);
    expect(plugin.configs.recommended.rules?.['otel/span-must-end']).toBe('error');
    const code = `const tracer = trace.getTracer('billing');
function charge() {
  const span = tracer.startSpan('charge');
  requests.add(1);
  span.end();
}`;
    const linter = new Linter({ configType: 'flat' });
    const verify = (config: typeof plugin.configs.strict) => linter.verify(code, [{ files: ['**/*.js'], ...config } as Linter.Config], { filename: 'src/billing.js' });
    expect(verify(plugin.configs.recommended)).toEqual([]);
    expect(verify(plugin.configs.strict).map((message) => message.messageId)).toEqual(['notEndedOnException']);
  });

  it('keeps the README tables in step with the rules and transforms (npm run docs:write)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(renderReadme(readme, allRules, transforms)).toBe(readme);
  });
});
