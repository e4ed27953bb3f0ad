import tsParser from '@typescript-eslint/parser';
import { Linter as Linter10 } from 'eslint';
// ESLint 9, installed side by side under another name, to prove the plugin works on both majors.
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const source = `
const tracer = trace.getTracer('svc');
export async function handle(order) {
  const span = tracer.startSpan('handle order');
  if (!order) return;
  try {
    await charge(order);
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}
`;

type Finding = { ruleId: string | null; line: number; messageId?: string };

function lint(LinterClass: typeof Linter10, parser: 'typescript' | 'espree', filename: string): Finding[] {
  const linter = new LinterClass({ configType: 'flat' });
  const languageOptions = parser === 'typescript' ? { parser: tsParser as Linter10.Parser } : { ecmaVersion: 'latest' as const, sourceType: 'module' as const };
  const messages = linter.verify(source, [{ files: ['**/*.*'], languageOptions }, plugin.configs.recommended as Linter10.Config], { filename });
  return messages.map(({ ruleId, line, messageId }) => ({ ruleId, line, messageId }));
}

describe('the plugin on ESLint 9 and 10, with the typescript-eslint parser and with espree', () => {
  const expected: Finding[] = [
    { ruleId: 'otel/span-must-end', line: 4, messageId: 'notEndedOnPath' },
    { ruleId: 'otel/span-error-status', line: 8, messageId: 'missingBoth' },
  ];

  it.each([
    ['ESLint 10', Linter10, 'typescript', 'file.ts'],
    ['ESLint 10', Linter10, 'espree', 'file.js'],
    ['ESLint 9', Linter9 as unknown as typeof Linter10, 'typescript', 'file.ts'],
    ['ESLint 9', Linter9 as unknown as typeof Linter10, 'espree', 'file.js'],
  ] as const)('%s with %s reports the same findings', (_name, LinterClass, parser, filename) => {
    expect(lint(LinterClass, parser, filename)).toEqual(expect.arrayContaining(expected));
    expect(lint(LinterClass, parser, filename).filter((finding) => finding.ruleId?.startsWith('otel/span-'))).toHaveLength(expected.length);
  });
});
