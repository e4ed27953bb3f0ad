import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { listInstalledSources } from '../support/installed-sources.js';

const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

// Every rule on, over thousands of installed files: a rule may report, but it must never throw.
describe('crash-free sweep over installed JavaScript and TypeScript', () => {
  it('lints every file with every rule without an exception', () => {
    const files = listInstalledSources(nodeModules, 400);
    const linter = new Linter({ configType: 'flat' });
    const failures: string[] = [];
    let parsed = 0;
    let typescriptFiles = 0;
    for (const file of files) {
      const code = readFileSync(join(nodeModules, file), 'utf8');
      const isTypeScript = /\.[cm]?tsx?$/.test(file);
      const isModule = /\.mjs$/.test(file) || /^\s*(import|export)\s/m.test(code);
      const config: Linter.Config[] = [
        {
          files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
          languageOptions: isTypeScript
            ? { parser: tsParser as Linter.Parser }
            : { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'commonjs' },
          ...plugin.configs.strict,
        } as Linter.Config,
      ];
      try {
        const messages = linter.verify(code, config, { filename: file });
        expect(messages.filter((message) => message.message.startsWith('No matching configuration'))).toEqual([]);
        if (!messages.some((message) => message.fatal)) parsed++;
        if (isTypeScript) typescriptFiles++;
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
    // The sweep is only worth something if it really read thousands of files of both kinds.
    expect(parsed).toBeGreaterThan(3000);
    expect(typescriptFiles).toBeGreaterThan(400);
  }, 600_000);
});
