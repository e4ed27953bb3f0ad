import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { discoverFixturePairs } from '../support/fixture-pairs.js';

const pairs = discoverFixturePairs('wrap-handlers');

// What wrap-handlers writes must satisfy the rules about spans and extraction. Rules of this list that the plugin
// does not have yet are left out; each one is checked as soon as it is registered.
const RULES_THE_OUTPUT_SATISFIES = ['span-must-end', 'span-error-status', 'span-name', 'require-context-extraction'];
const ruleIds = RULES_THE_OUTPUT_SATISFIES.filter((id) => Object.hasOwn(plugin.rules, id));

const config: Linter.Config = {
  files: ['**/*.ts'],
  languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
  plugins: { otel: plugin as unknown as TSESLint.FlatConfig.Plugin as never },
  rules: Object.fromEntries(ruleIds.map((id) => [`otel/${id}`, 'error'])),
};

const outputs = pairs.flatMap((fixture) => (fixture.outputPath ? [{ name: fixture.name, path: fixture.outputPath, text: fixture.expected }] : []));

describe('otel rules over wrap-handlers outputs', () => {
  it('checks at least one of the rules', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
  });

  it.each(outputs)('$name has no finding', ({ path, text }) => {
    const messages = new Linter({ configType: 'flat', cwd: process.cwd() }).verify(text, [config], { filename: path.replace(/\.(c|m)?js$/, '.ts') });
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`)).toEqual([]);
  });
});

function lintWithout(name: string, removed: string): Array<string | null> {
  const { outputPath: output, expected: text } = pairs.find((fixture) => fixture.name === name)!;
  expect(text).toContain(removed);
  return new Linter({ configType: 'flat', cwd: process.cwd() }).verify(text.replace(removed, ''), [config], { filename: output! }).map((message) => message.ruleId);
}

describe('the control', () => {
  // Without its end() call or its ERROR status, the same output is reported: the rules do look at the generated code.
  it.runIf(ruleIds.includes('span-must-end'))('reports a generated span whose end() is removed', () => {
    expect(lintWithout('hono-app', '      span.end();\n')).toContain('otel/span-must-end');
  });

  it.runIf(ruleIds.includes('span-error-status'))('reports a generated catch whose setStatus is removed', () => {
    const line = '        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });\n';
    expect(lintWithout('hono-app', line)).toContain('otel/span-error-status');
  });

  // An Express catch only records the error: the answer's status code, read where the span ends, decides ERROR.
  // Without that decision the catch is reported again.
  it.runIf(ruleIds.includes('span-error-status'))('reports an Express catch once the span no longer takes ERROR from the response status code', () => {
    const { outputPath: output, expected: text } = pairs.find((fixture) => fixture.name === 'express-route-params')!;
    const withoutDecision = text
      .replace('        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });\n', '')
      .replace('          if (!res.headersSent || res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });\n', '');
    expect(withoutDecision.split('\n')).toHaveLength(text.split('\n').length - 2);
    const messages = new Linter({ configType: 'flat', cwd: process.cwd() }).verify(withoutDecision, [config], { filename: output! });
    expect(messages.map((message) => message.ruleId)).toContain('otel/span-error-status');
  });

  // The same output without the extracted parent context is reported: the rule does look at what the codemod wrote.
  it.runIf(ruleIds.includes('require-context-extraction'))('reports a consumer span started without the carrier', () => {
    const { outputPath: output, expected: text } = pairs.find((fixture) => fixture.name === 'amqplib-consume')!;
    const withoutParent = text.replace('propagation.extract(context.active(), msg?.properties?.headers ?? {}), ', '');
    expect(withoutParent).not.toBe(text);
    const messages = new Linter({ configType: 'flat', cwd: process.cwd() }).verify(withoutParent, [config], { filename: output! });
    expect(messages.map((message) => message.ruleId)).toEqual(['otel/require-context-extraction']);
  });
});
