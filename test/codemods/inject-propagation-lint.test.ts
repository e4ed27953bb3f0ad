/**
 * The two halves agree: what otel/require-context-propagation and otel/require-context-extraction report in a fixture's
 * input, inject-propagation fixes, and its output draws no finding from either rule.
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import otel from '../../rules/index.js';
import { discoverFixturePairs } from '../support/fixture-pairs.js';

const RULES = ['otel/require-context-propagation', 'otel/require-context-extraction'];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tsParser, sourceType: 'module' },
        plugins: { otel: otel as never },
        rules: Object.fromEntries(RULES.map((rule) => [rule, 'error'])),
      },
    ],
  });
});

async function getFindings(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'parse'}: ${message.message}`);
}

// [name, input path, output path] of every case that changes its file.
const pairs = discoverFixturePairs('inject-propagation').flatMap((pair) => (pair.outputPath ? [[pair.name, pair.inputPath, pair.outputPath] as const] : []));

describe('inject-propagation agrees with the propagation rules', () => {
  it.each(pairs)('%s: the output draws no propagation finding', async (_name, _input, output) => {
    expect(await getFindings(readFileSync(output, 'utf8'), output)).toEqual([]);
  });
});

/**
 * Sites the rule leaves alone because it cannot see the attributes (a parameter), while the codemod can still write
 * the carrier safely into a copy of them. Also a per-record span under a batch span that links every record: the rule
 * accepts the links, the codemod still gives each record's span its own producer as parent.
 */
const BEYOND_THE_RULE = new Set(['sqs-attributes-variable-is-copied', 'lambda-record-span-under-batch-span']);

describe('what the rules report, inject-propagation changes', () => {
  it.each(pairs.filter(([name]) => !BEYOND_THE_RULE.has(name)))('%s: the input draws a propagation finding', async (_name, input) => {
    expect(await getFindings(readFileSync(input, 'utf8'), input)).not.toEqual([]);
  });
});

describe('where the rules cannot see the carrier', () => {
  it.each(pairs.filter(([name]) => BEYOND_THE_RULE.has(name)))('%s: the input draws no finding, and the codemod still writes one', async (_name, input, output) => {
    expect(await getFindings(readFileSync(input, 'utf8'), input)).toEqual([]);
    expect(readFileSync(output, 'utf8')).not.toBe(readFileSync(input, 'utf8'));
  });
});
