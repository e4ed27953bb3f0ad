import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUNCATORS, UNBOUNDED_KEY_PATTERNS, UNBOUNDED_VALUE_PATTERNS, type UnboundedValuePattern } from '../../src/catalog/unbounded-patterns.js';
import { createAttributeVisitor } from '../../src/lint/attribute-sinks.js';
import { getUnboundedKey, getUnboundedValue } from '../../src/lint/unbounded-values.js';

/** Whether `pattern` finds the example expression unbounded, written as a span attribute (or a metric one for metric patterns). */
function matchesValue(pattern: UnboundedValuePattern, example: string): boolean {
  const sink = pattern.sinks === 'metric' ? 'metric' : 'span';
  const code = sink === 'metric' ? `counter.add(1, { k: ${example} });` : `span.setAttribute('k', ${example});`;
  const verdicts: boolean[] = [];
  const probe: TSESLint.RuleModule<string, []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return createAttributeVisitor(context, (attribute) => {
        verdicts.push(getUnboundedValue(attribute.valueNode, context, { sink, truncators: DEFAULT_TRUNCATORS, patterns: [pattern] }) !== undefined);
      });
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { value: probe as never } } }, rules: { 'probe/value': 'error' } }],
    { filename: 'file.ts' },
  );
  expect(messages).toEqual([]);
  expect(verdicts).toHaveLength(1);
  return verdicts[0]!;
}

describe('unbounded value patterns', () => {
  for (const pattern of UNBOUNDED_VALUE_PATTERNS) {
    it(`${pattern.id}: has examples on both sides`, () => {
      expect(pattern.examples.match.length).toBeGreaterThan(0);
      expect(pattern.examples.noMatch.length).toBeGreaterThan(0);
    });
    for (const example of pattern.examples.match) {
      it(`${pattern.id}: matches ${example}`, () => expect(matchesValue(pattern, example)).toBe(true));
    }
    for (const example of pattern.examples.noMatch) {
      it(`${pattern.id}: does not match ${example}`, () => expect(matchesValue(pattern, example)).toBe(false));
    }
  }
});

describe('unbounded key patterns', () => {
  for (const pattern of UNBOUNDED_KEY_PATTERNS) {
    const sink = pattern.sinks === 'metric' ? 'metric' : 'span';
    it(`${pattern.id}: has examples on both sides`, () => {
      expect(pattern.examples.match.length).toBeGreaterThan(0);
      expect(pattern.examples.noMatch.length).toBeGreaterThan(0);
    });
    for (const example of pattern.examples.match) {
      it(`${pattern.id}: matches ${example}`, () => expect(getUnboundedKey(example, sink, [pattern])).toBe(pattern));
    }
    for (const example of pattern.examples.noMatch) {
      it(`${pattern.id}: does not match ${example}`, () => expect(getUnboundedKey(example, sink, [pattern])).toBeUndefined());
    }
  }

  it('metric-only key patterns do not apply to spans', () => {
    expect(getUnboundedKey('user.id', 'span')).toBeUndefined();
    expect(getUnboundedKey('order.id', 'event')).toBeUndefined();
    expect(getUnboundedKey('user.id', 'metric')?.id).toBe('identifier');
  });

  it('low-cardinality metric keys of the semantic conventions match no pattern', () => {
    for (const key of ['http.request.method', 'http.response.status_code', 'http.route', 'status', 'region', 'error.type', 'server.address', 'messaging.destination.name']) {
      expect(getUnboundedKey(key, 'metric'), key).toBeUndefined();
    }
  });
});
