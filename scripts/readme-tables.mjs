// Rewrites (or, with --check, verifies) the README's rules and transforms tables from the built package.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from '../dist/src/docs/readme-tables.js';
import { allRules } from '../dist/rules/all-rules.js';
import { transforms } from '../dist/codemods/index.js';

const readmePath = new URL('../README.md', import.meta.url);
const current = readFileSync(readmePath, 'utf8');
const next = renderReadme(current, allRules, transforms);
if (process.argv.includes('--check')) {
  if (current !== next) {
    console.error('README.md tables are out of date: run `npm run docs:write`.');
    process.exit(1);
  }
} else if (current !== next) {
  writeFileSync(readmePath, next);
  console.error('README.md tables updated.');
}
