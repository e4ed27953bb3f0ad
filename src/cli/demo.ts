import { join } from 'node:path';
import { packageInfo } from '../package-info.js';
import { RULE_DOCS_BASE_URL } from '../lint/create-rule.js';
import type { CliIO } from './output.js';
import { runLint, type LintContext } from './lint.js';
import { runCodemod, type CodemodRunContext } from './run-codemod.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';

/** Where the demo service lives in a checkout of this repository. */
export const DEMO_DIR = join(packageInfo.root, 'fixtures', 'demo');

/** What to do next, printed last: the same commands on the user's own code, and where each finding is explained. */
function nextSteps(transforms: string[]): string {
  return [
    '',
    '# Next: on your own service',
    '',
    '  npx otel-codemod lint src                 # the findings above, for your code',
    `  npx otel-codemod ${transforms.join(',') || '<transform>'} src --diff   # what would change; drop --diff to apply`,
    '  npx otel-codemod list                     # every transform and rule',
    '',
    `Each rule is explained at ${RULE_DOCS_BASE_URL}<rule>.md (also in ${join(packageInfo.root, 'docs', 'rules')}).`,
    '',
  ].join('\n');
}

/**
 * `otel-codemod demo` (what `npm start` runs): lints the demo service, then shows as a diff what every registered
 * transform would change in it. Writes nothing.
 */
export async function runDemo(context: CodemodRunContext & LintContext & CliIO): Promise<number> {
  const { stdout } = context;
  const demo = { ...context, cwd: DEMO_DIR };
  stdout.write(`# otel-codemod lint (recommended rules) on ${DEMO_DIR}\n\n`);
  const lintCode = await runLint({ paths: ['.'] }, demo);
  if (lintCode === EXIT_ERROR) return EXIT_ERROR;
  if (lintCode === EXIT_OK) stdout.write('No findings.\n');
  const names = Object.keys(context.registry).sort();
  stdout.write(`\n# otel-codemod ${names.join(',') || '(no transforms registered)'} --diff\n\n`);
  if (names.length === 0) return EXIT_OK;
  const codemodCode = await runCodemod({ transforms: names, paths: ['.'], diff: true, jobs: 1, tracerName: 'orders-service' }, demo);
  if (codemodCode === EXIT_ERROR) return EXIT_ERROR;
  stdout.write(nextSteps(names));
  return EXIT_OK;
}
