import tsParser from '@typescript-eslint/parser';
import { readFileSync, readdirSync } from 'node:fs';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

/**
 * Samples are tests: every code block of a rule page shown as an example is linted with its rule.
 *
 * The convention, on every page: a paragraph that starts with `Incorrect` or `Correct` (`Incorrect:`,
 * `Correct (after --fix):`, `Correct: bounded by construction`) introduces the fenced `ts`/`js` blocks that follow it,
 * up to the next paragraph or heading. An Incorrect block must get at least one report from the page's rule, a Correct
 * block none. Blocks under other paragraphs (options, carriers, notes) are not linted.
 */

const docsDir = new URL('../../docs/rules/', import.meta.url);

/** A path of no special kind (not a test, example or script file), for rules that look at file names. */
const EXAMPLE_FILENAME = 'src/telemetry.ts';

interface ExampleBlock {
  kind: 'incorrect' | 'correct';
  code: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

function getExampleBlocks(markdown: string): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  const lines = markdown.split('\n');
  let kind: ExampleBlock['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const start = index;
      const body: string[] = [];
      for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) body.push(lines[index]!);
      if (kind && ['ts', 'js', 'tsx', 'javascript', 'typescript'].includes(fence[1]!)) blocks.push({ kind, code: body.join('\n'), line: start + 1 });
      continue;
    }
    if (line.trim() === '') continue;
    // Any other paragraph or heading ends the examples it introduced.
    kind = /^Incorrect\b/.test(line) ? 'incorrect' : /^Correct\b/.test(line) ? 'correct' : undefined;
  }
  return blocks;
}

function lint(ruleId: string, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { otel: plugin as never },
        rules: { [`otel/${ruleId}`]: 'error' },
      },
    ],
    { filename: EXAMPLE_FILENAME },
  );
}

const pages = readdirSync(docsDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => file.replace(/\.md$/, ''));

describe('rule pages: examples are linted with their rule', () => {
  it('has a page for every rule', () => {
    expect(pages.sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  for (const page of pages) {
    const blocks = getExampleBlocks(readFileSync(new URL(`${page}.md`, docsDir), 'utf8'));

    it(`${page}: has Incorrect and Correct examples`, () => {
      expect(blocks.some((block) => block.kind === 'incorrect')).toBe(true);
      expect(blocks.some((block) => block.kind === 'correct')).toBe(true);
    });

    for (const block of blocks) {
      it(`${page}: the ${block.kind} block at line ${block.line}`, () => {
        const messages = lint(page, block.code);
        expect(messages.filter((message) => message.fatal), 'the block parses').toEqual([]);
        const reports = messages.filter((message) => message.ruleId === `otel/${page}`);
        if (block.kind === 'incorrect') expect(reports.length, 'an Incorrect block is reported').toBeGreaterThan(0);
        else expect(reports.map((report) => `${report.line}:${report.column} ${report.message}`), 'a Correct block is clean').toEqual([]);
      });
    }
  }
});
