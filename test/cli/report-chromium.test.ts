import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods/index.js';
import { ensurePrograms } from '../support/debian-packages.js';
import { repoRoot, runInProcess } from './support/harness.js';

// The HTML report opened in a real headless Chromium (Debian's `chromium`): it must render offline, log nothing to
// the console, and hold one SVG node per service and per destination.
let dir: string;
let profiles = 0;

beforeAll(() => {
  ensurePrograms(['chromium']);
  dir = mkdtempSync(join(tmpdir(), 'otel-codemod-report-chromium-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs headless Chromium on a page with a fresh profile; fails loudly when it does not start or exits badly. */
function runChromium(page: string, ...args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, `profile-${++profiles}`)}`,
      '--enable-logging=stderr',
      '--v=0',
      ...args,
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error || result.status !== 0) {
    throw new Error(`chromium could not run on ${page} (${result.error?.message ?? `exit ${result.status}, signal ${result.signal}`}):\n${result.stderr}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

/** What the page wrote to its console: Chromium logs each message as a `CONSOLE` line on stderr. */
function getConsoleLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /:CONSOLE[:(]/.test(line));
}

describe('the HTML report in headless Chromium', () => {
  it('sees console errors at all (a control page that logs one)', () => {
    const control = join(dir, 'control.html');
    writeFileSync(control, '<!doctype html><html><body><script>console.error("control page error")</script></body></html>');
    const { stderr } = runChromium(control, '--dump-dom');
    expect(getConsoleLines(stderr)).toEqual([expect.stringContaining('"control page error"')]);
  });

  it('renders the fixture report with no console output, one SVG node per service and destination, and a screenshot', async () => {
    const project = join(dir, 'shop');
    cpSync(join(repoRoot, 'fixtures/report'), project, { recursive: true });
    const page = join(dir, 'report.html');
    const run = await runInProcess(['report', '--format', 'html', '--out', page], project, { registry: transforms });
    expect(run.code).toBe(0);

    const { stdout: dom, stderr } = runChromium(page, '--dump-dom');
    expect(getConsoleLines(stderr)).toEqual([]);
    const svg = /<svg[^>]*>([\s\S]*?)<\/svg>/.exec(dom)?.[1] ?? '';
    expect(svg.match(/<g class="node service"/g)).toHaveLength(3);
    expect(svg.match(/<g class="node destination"/g)).toHaveLength(3);
    for (const name of ['@shop/api', '@shop/worker', '@shop/notifier', 'orders', 'order-events', 'notifications']) expect(svg).toContain(`>${name}</text>`);
    expect(svg.match(/class="edge broken"/g)).toHaveLength(1);

    const screenshot = join(dir, 'report.png');
    runChromium(page, `--screenshot=${screenshot}`, '--window-size=1280,1000', '--hide-scrollbars');
    expect(readFileSync(screenshot).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });
});
