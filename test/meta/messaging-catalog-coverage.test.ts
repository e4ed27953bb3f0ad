import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CONSUME_OPERATIONS, PUBLISH_OPERATIONS } from '../../src/catalog/index.js';
import {
  getCallbackConsumeSite,
  getCommandPublishSite,
  getIteratorConsumeSite,
  getLambdaConsumeSite,
  getMethodPublishSite,
  type FunctionNode,
} from '../../src/lint/messaging-sites.js';
import * as extraction from '../rules/require-context-extraction.cases.js';
import * as propagation from '../rules/require-context-propagation.cases.js';

/**
 * Every publish and consume operation of the messaging catalog must be exercised by the rule tests: reported by at
 * least one invalid case (the report names the operation) and recognised in at least one valid case.
 */

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Collects the ids of the catalog operations the site matchers recognise in a piece of code. */
function getMatchedOperationIds(code: string): Set<string> {
  const ids = new Set<string>();
  const probe: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(eslintContext) {
      const context = eslintContext as unknown as RuleContext;
      const onFunction = (node: unknown) => {
        const site = getLambdaConsumeSite(node as FunctionNode);
        if (site) ids.add(site.operation.id);
      };
      return {
        CallExpression(node) {
          const call = node as unknown as TSESTree.CallExpression;
          const publish = getMethodPublishSite(call, context);
          if (publish) ids.add(publish.operation.id);
          const consume = getCallbackConsumeSite(call, context);
          if (consume) ids.add(consume.operation.id);
        },
        NewExpression(node) {
          const expression = node as unknown as TSESTree.NewExpression;
          const publish = getCommandPublishSite(expression, context);
          if (publish) ids.add(publish.operation.id);
          const consume = getCallbackConsumeSite(expression, context);
          if (consume) ids.add(consume.operation.id);
        },
        ForOfStatement(node) {
          const site = getIteratorConsumeSite(node as unknown as TSESTree.ForOfStatement, context);
          if (site) ids.add(site.operation.id);
        },
        ArrowFunctionExpression: onFunction,
        FunctionExpression: onFunction,
        FunctionDeclaration: onFunction,
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { sites: probe } } }, rules: { 'probe/sites': 'error' } }],
    'file.ts',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return ids;
}

function getReportedOperations(cases: readonly { errors: readonly { data?: Record<string, unknown> }[] }[]): Set<unknown> {
  return new Set(cases.flatMap((testCase) => testCase.errors.map((error) => error.data?.operation)));
}

function getRecognisedIds(cases: readonly { code: string }[]): Set<string> {
  return new Set(cases.flatMap((testCase) => [...getMatchedOperationIds(testCase.code)]));
}

describe('messaging catalog coverage by the rule tests', () => {
  const publishValid = getRecognisedIds(propagation.valid);
  const publishReported = getReportedOperations(propagation.invalid);
  const consumeValid = getRecognisedIds(extraction.valid);
  const consumeReported = getReportedOperations(extraction.invalid);

  it.each(PUBLISH_OPERATIONS.map((operation) => [operation.id, operation] as const))('publish %s has a valid and a reported case', (id, operation) => {
    expect(publishValid.has(id), `no valid require-context-propagation case recognised as ${id}`).toBe(true);
    expect(publishReported.has(operation.displayName), `no require-context-propagation report names ${operation.displayName}`).toBe(true);
  });

  it.each(CONSUME_OPERATIONS.map((operation) => [operation.id, operation] as const))('consume %s has a valid and a reported case', (id, operation) => {
    expect(consumeValid.has(id), `no valid require-context-extraction case recognised as ${id}`).toBe(true);
    expect(consumeReported.has(operation.displayName), `no require-context-extraction report names ${operation.displayName}`).toBe(true);
  });

  it('has at least 60 valid and 60 invalid cases per rule', () => {
    for (const cases of [propagation, extraction]) {
      expect(cases.valid.length).toBeGreaterThanOrEqual(60);
      expect(cases.invalid.length).toBeGreaterThanOrEqual(60);
    }
  });
});
