import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_IN_ID, SENSITIVE_KEY_PATTERNS, WHOLE_OBJECT_PATTERNS } from '../../src/catalog/sensitive-objects.js';
import { getClientAddressInId, getKeyPrefix, getSensitiveKeyPattern, getWholeObject } from '../../src/lint/sensitive-objects.js';

type Probe = (expression: TSESTree.Expression, context: Readonly<TSESLint.RuleContext<string, []>>) => unknown;

/** Runs `probe` on the expression of `const probed = <example>;` and returns what it gave. */
function probeExpression(example: string, probe: Probe): unknown {
  let result: unknown;
  const rule: TSESLint.RuleModule<string, []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return {
        VariableDeclarator(node) {
          if (node.id.type === 'Identifier' && node.id.name === 'probed' && node.init) result = probe(node.init, context);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    `const probed = ${example};`,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { run: rule as never } } }, rules: { 'probe/run': 'error' } }],
    { filename: 'file.ts' },
  );
  expect(messages).toEqual([]);
  return result;
}

describe('whole-object patterns', () => {
  for (const pattern of WHOLE_OBJECT_PATTERNS) {
    for (const example of pattern.examples.match) {
      it(`${pattern.id}: matches ${example}`, () => {
        const found = probeExpression(example, (expression, context) => getWholeObject(expression, context)) as { pattern: { id: string } } | undefined;
        expect(found?.pattern.id).toBe(pattern.id);
      });
    }
    for (const example of pattern.examples.noMatch) {
      it(`${pattern.id}: does not match ${example}`, () => {
        const found = probeExpression(example, (expression, context) => getWholeObject(expression, context)) as { pattern: { id: string } } | undefined;
        expect(found?.pattern.id).not.toBe(pattern.id);
      });
    }
  }
});

describe('sensitive key patterns', () => {
  for (const pattern of SENSITIVE_KEY_PATTERNS) {
    for (const example of pattern.examples.match) it(`${pattern.id}: matches ${example}`, () => expect(getSensitiveKeyPattern(example)).toBe(pattern));
    for (const example of pattern.examples.noMatch) it(`${pattern.id}: does not match ${example}`, () => expect(getSensitiveKeyPattern(example)).toBeUndefined());
  }
  it('matches the static start of a computed key', () => {
    const prefix = probeExpression('`db.query.parameter.${index}`', (expression) => getKeyPrefix(expression)) as string;
    expect(getSensitiveKeyPattern(prefix)?.id).toBe('bound-query-parameters');
  });
});

describe('client address in an id', () => {
  for (const example of CLIENT_ADDRESS_IN_ID.examples.match) {
    it(`matches ${example}`, () => expect(probeExpression(example, (expression, context) => getClientAddressInId('ratelimit.key', expression, context))).toBeDefined());
  }
  for (const example of CLIENT_ADDRESS_IN_ID.examples.noMatch) {
    it(`does not match ${example}`, () => expect(probeExpression(example, (expression, context) => getClientAddressInId('ratelimit.key', expression, context))).toBeUndefined());
  }
});
