import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { DEMO_DIR, DEMO_REPORT_PATH } from '../../src/cli/demo.js';
import { runInProcess } from './support/harness.js';
import { testPreset } from './support/test-plugin.js';
import { appendMarker } from './support/test-transforms.js';

function hashDemo(): string {
  const hash = createHash('sha256');
  const files = readdirSync(DEMO_DIR, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const entry of files.map((file) => join(file.parentPath, file.name)).sort()) hash.update(entry).update(readFileSync(entry));
  return hash.digest('hex');
}

describe('otel-codemod demo (npm start)', () => {
  it('prints the lint findings and the diff of every registered transform, and changes nothing', async () => {
    const before = hashDemo();
    const run = await runInProcess(['demo'], DEMO_DIR, { registry: { 'append-marker': appendMarker }, lintPreset: testPreset });
    expect(run.code).toBe(0);
    expect(hashDemo()).toBe(before);
    expect(run.stdout).toContain(`# otel-codemod lint (recommended rules) on ${DEMO_DIR}`);
    // The test rule flags the customer's e-mail in src/routes/orders.ts.
    expect(run.stdout).toContain(join(DEMO_DIR, 'src/routes/orders.ts'));
    expect(run.stdout).toContain("26:21  error  Attribute key 'user.email' carries personal data  otel/no-user-email");
    expect(run.stdout).toContain('# otel-codemod append-marker --diff');
    for (const file of ['src/server.ts', 'src/routes/orders.ts', 'src/publishers/order-events.ts', 'src/jobs/shipping-handler.ts']) {
      expect(run.stdout).toContain(`--- a/${file}\n+++ b/${file}\n`);
    }
    expect(run.stderr).toContain('would change: 8');
    // It ends with what to do next: the commands for one's own code and where the rule pages are.
    expect(run.stdout.endsWith([
      '# Next: the same on your own service',
      '',
      'Lint it:                   npx otel-codemod lint src',
      'See what would change:     npx otel-codemod append-marker src --diff',
      'Apply the changes:         npx otel-codemod append-marker src   (in a git repository, other changes committed)',
      'Every transform and rule:  npx otel-codemod list',
      '',
      "Each rule's page says why it matters and how to fix a finding by hand: https://github.com/otel-codemod/otel-codemod/blob/main/docs/rules/",
      "(also in node_modules/otel-codemod/docs/rules/ once installed); each transform's page: https://github.com/otel-codemod/otel-codemod/blob/main/docs/transforms/",
      '',
    ].join('\n'))).toBe(true);
  });

  it('runs with the real rules and transforms, writing nothing, and shows a mistake for every recommended rule', async () => {
    const before = hashDemo();
    const { transforms } = await import('../../codemods/index.js');
    const run = await runInProcess(['demo'], DEMO_DIR, { registry: transforms });
    expect(run.code).toBe(0);
    expect(hashDemo()).toBe(before);
    expect(run.stdout).toMatch(/^# otel-codemod lint \(recommended rules\)/);
    // It also maps the demo with otel-codemod report and says where the HTML is.
    expect(run.stdout).toMatch(new RegExp(`\\nReport written to ${DEMO_REPORT_PATH.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(score \\d+/100\\)\\n`));
    expect(readFileSync(DEMO_REPORT_PATH, 'utf8')).toContain('class="node service"');
    // The demo holds at least one of the mistakes each recommended rule is about, and something for each transform to do.
    for (const ruleId of Object.keys(plugin.configs.recommended.rules ?? {})) expect(run.stdout).toContain(`  ${ruleId}\n`);
    if (Object.keys(transforms).length > 0) expect(run.stdout).toContain('--- a/src/');
  });
});
