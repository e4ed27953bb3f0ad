import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageInfo } from '../package-info.js';
import type { CliIO } from './output.js';
import { runLint, type LintContext } from './lint.js';
import { runReport } from './report.js';
import { runCodemod, type CodemodRunContext } from './run-codemod.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { RULE_DOCS_BASE_URL } from '../lint/create-rule.js';

const TRANSFORM_DOCS_BASE_URL = 'https://github.com/otel-codemod/otel-codemod/blob/main/docs/transforms/';

/** Where the demo service lives, in a checkout of this repository and in the installed package alike. */
export const DEMO_DIR = join(packageInfo.root, 'fixtures', 'demo');

/** Where the demo's report goes: outside the package, which may be read-only once installed. */
export const DEMO_REPORT_PATH = join(tmpdir(), 'otel-codemod-demo', 'report.html');

/**
 * `otel-codemod demo` (what `npm start` runs): lints the demo service, then shows as a diff what every registered
 * transform would change in it, and writes the demo's `otel-codemod report` as HTML to {@link DEMO_REPORT_PATH}.
 * Changes nothing in the demo.
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
  if (names.length > 0) {
    const codemodCode = await runCodemod({ transforms: names, paths: ['.'], diff: true, jobs: 1, tracerName: 'orders-service' }, demo);
    if (codemodCode === EXIT_ERROR) return EXIT_ERROR;
  }
  stdout.write(`\n# otel-codemod report --format html --out ${DEMO_REPORT_PATH}\n\n`);
  const reportCode = await runReport({ paths: ['.'], format: 'html', out: DEMO_REPORT_PATH }, { ...demo, stderr: stdout });
  if (reportCode === EXIT_ERROR) return EXIT_ERROR;
  stdout.write(formatNextSteps(names));
  return EXIT_OK;
}

/** What to do after the demo: the same commands on one's own code, and where each finding is explained. */
export function formatNextSteps(transformNames: string[]): string {
  const transforms = transformNames.join(',') || '<transform>';
  return [
    '',
    '# Next: the same on your own service',
    '',
    'Lint it:                   npx otel-codemod lint src',
    `See what would change:     npx otel-codemod ${transforms} src --diff`,
    `Apply the changes:         npx otel-codemod ${transforms} src   (in a git repository, other changes committed)`,
    'Every transform and rule:  npx otel-codemod list',
    '',
    `Each rule's page says why it matters and how to fix a finding by hand: ${RULE_DOCS_BASE_URL}`,
    `(also in node_modules/otel-codemod/docs/rules/ once installed); each transform's page: ${TRANSFORM_DOCS_BASE_URL}`,
    '',
  ].join('\n');
}
