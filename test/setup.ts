import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// RuleTester runs its cases through the test framework it is given.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// A test that writes to the console unexpectedly fails: output is either asserted or a bug.
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let spies: Array<ReturnType<typeof vi.spyOn>> = [];
beforeEach(() => {
  spies = consoleMethods.map((method) => vi.spyOn(console, method));
});
afterEach(() => {
  const calls = spies.flatMap((spy, index) => spy.mock.calls.map((args: unknown[]) => `console.${consoleMethods[index]}: ${args.map(String).join(' ')}`));
  for (const spy of spies) spy.mockRestore();
  expect(calls, 'unexpected console output').toEqual([]);
});
