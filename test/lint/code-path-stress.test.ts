import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

// Thousands of sequential branches double the number of paths each time: the walk must visit segments, not paths.
describe('span-must-end on many sequential branches', () => {
  it('finishes and finds the single leaking return among 2,000 branches', () => {
    const branches = Array.from({ length: 2000 }, (_, index) => `  if (input[${index}]) total += ${index};`).join('\n');
    const code = `const tracer = trace.getTracer('svc');\nfunction f(input) {\n  let total = 0;\n  const span = tracer.startSpan('sum');\n${branches}\n  if (total < 0) return total;\n  span.end();\n  return total;\n}\n`;
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { otel: plugin as never }, rules: { 'otel/span-must-end': 'error' } }], { filename: 'file.ts' });
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([['notEndedOnPath', 4]]);
  });
});
