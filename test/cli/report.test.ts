import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import type { Report } from '../../src/report/model.js';
import { repoRoot, runInProcess } from './support/harness.js';

const FIXTURE = join(repoRoot, 'fixtures/report');
const copies: string[] = [];

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the three-service fixture, so the codemods can change it. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-codemod-report-'));
  copies.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function reportJson(dir: string, ...extra: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await runInProcess(['report', '--format', 'json', ...extra], dir, { registry: transforms });
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

function flowSummary(report: Report) {
  return report.flows.map((flow) => ({ destination: flow.destination, from: flow.producer.service, to: flow.consumer.service, status: flow.status }));
}

describe('otel-codemod report on the three-service fixture', () => {
  it('pairs every publish with its consumer across services and names the one broken flow and why', async () => {
    const { code, report } = await reportJson(copyFixture());
    expect(code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.services.map((service) => service.name).sort()).toEqual(['@shop/api', '@shop/notifier', '@shop/worker']);
    expect(flowSummary(report)).toEqual([
      { destination: 'notifications', from: '@shop/worker', to: '@shop/notifier', status: 'broken' },
      { destination: 'order-events', from: '@shop/api', to: '@shop/worker', status: 'connected' },
      { destination: 'orders', from: '@shop/api', to: '@shop/worker', status: 'connected' },
    ]);
    expect(report.unpaired).toEqual([]);
    const [broken] = report.flows;
    expect(broken!.producer).toMatchObject({
      operation: 'amqplib:channel.sendToQueue',
      destination: { kind: 'literal', value: 'notifications' },
      context: 'missing',
      file: 'services/worker/src/notify.ts',
      line: 9,
    });
    expect(broken!.reasons).toEqual([expect.stringMatching(/^producer \(services\/worker\/src\/notify\.ts:9\): amqplib channel\.sendToQueue sends a message without a trace context carrier/)]);
    // How each destination was read: an env name, a const, the Lambda's queue from serverless.yml.
    const orders = report.flows.find((flow) => flow.destination === 'orders')!;
    expect(orders.producer.destination).toEqual({ kind: 'env', value: 'ORDERS_QUEUE_URL' });
    expect(orders.consumer).toMatchObject({ operation: 'aws-lambda:sqs', destination: { kind: 'literal', value: 'orders' } });
    const events = report.flows.find((flow) => flow.destination === 'order-events')!;
    expect(events.producer.destination).toEqual({ kind: 'literal', value: 'order-events' });
    // The API's two routes run without a span; the worker's finding is the broken publish.
    expect(report.entryPoints.filter((entry) => !entry.inSpan).map((entry) => `${entry.service} ${entry.name}`)).toEqual([
      '@shop/api POST /orders',
      '@shop/api GET /health',
      '@shop/worker orders-handler.handler',
    ]);
    const worker = report.services.find((service) => service.name === '@shop/worker')!;
    expect(worker.findings.byRule).toEqual({ 'otel/require-context-propagation': 1 });
    expect(worker.flows).toEqual({ total: 3, connected: 2, broken: 1, unknown: 0 });
  });

  it('connects every flow and raises the score after wrap-handlers and inject-propagation', async () => {
    const dir = copyFixture();
    const before = await reportJson(dir);
    const codemod = await runInProcess(['wrap-handlers,inject-propagation', '.', '-j', '1'], dir, { registry: transforms });
    expect(codemod.code).toBe(0);
    expect(codemod.stderr).toContain('changed services/worker/src/notify.ts');
    const after = await reportJson(dir);
    expect(flowSummary(after.report).map((flow) => flow.status)).toEqual(['connected', 'connected', 'connected']);
    expect(after.report.flows.map((flow) => flow.destination).sort()).toEqual(['notifications', 'order-events', 'orders']);
    expect(after.report.unpaired).toEqual([]);
    expect(after.report.entryPoints.every((entry) => entry.inSpan)).toBe(true);
    expect(after.report.score).toBeGreaterThan(before.report.score);
    for (const service of after.report.services) {
      const earlier = before.report.services.find((other) => other.name === service.name)!;
      expect(service.score).toBeGreaterThan(earlier.score);
    }
  });

  it('--fail-under exits 1 below the score and 0 at or above it', async () => {
    const dir = copyFixture();
    const { report } = await reportJson(dir);
    const below = await runInProcess(['report', '--fail-under', String(report.score + 1)], dir, { registry: transforms });
    expect(below.code).toBe(1);
    expect(below.stderr).toBe(`Score ${report.score} is below --fail-under ${report.score + 1}.\n`);
    const atScore = await runInProcess(['report', '--fail-under', String(report.score)], dir, { registry: transforms });
    expect(atScore.code).toBe(0);
    const bad = await runInProcess(['report', '--fail-under', 'high'], dir, { registry: transforms });
    expect(bad.code).toBe(2);
  });

  it('still reports when a path cannot be read, names it and exits 2', async () => {
    const dir = copyFixture();
    symlinkSync(join(dir, 'missing-target.ts'), join(dir, 'services/api/src/broken-link.ts'));
    const { code, report, stderr } = await reportJson(dir);
    expect(code).toBe(2);
    expect(stderr).toBe('failed   services/api/src/broken-link.ts: not found (or a broken symlink)\n');
    expect(report.flows).toHaveLength(3);
  });

  it('prints the text summary on stdout with broken flows first', async () => {
    const run = await runInProcess(['report'], copyFixture(), { registry: transforms });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const brokenAt = run.stdout.indexOf('Broken flows');
    expect(brokenAt).toBeGreaterThan(0);
    expect(run.stdout.indexOf('\nFlows\n')).toBeGreaterThan(brokenAt);
    expect(run.stdout).toContain('@shop/worker → notifications → @shop/notifier');
    expect(run.stdout).toMatch(/^broken {5}notifications {2}@shop\/worker \(amqplib\)/m);
  });

  it('writes one self-contained HTML file with a node per service and destination and broken edges drawn apart', async () => {
    const dir = copyFixture();
    const run = await runInProcess(['report', '--format', 'html', '--out', 'out/report.html'], dir, { registry: transforms });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Report written to .*out\/report\.html \(score \d+\/100\)\n$/);
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    expect(html.match(/class="node service"/g)).toHaveLength(3);
    expect(html.match(/class="node destination"/g)).toHaveLength(3);
    expect(html.match(/class="edge broken"/g)).toHaveLength(1);
    expect(html.match(/class="edge connected"/g)).toHaveLength(5);
    expect(html).toContain('data-where="services/worker/src/notify.ts:9"');
    // Nothing is loaded at view time.
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\((?!#)/);
  });
});
