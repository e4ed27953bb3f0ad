// A run over 1,000 files stopped at random points, by Ctrl-C (SIGINT) and by SIGKILL: every file is either the
// original or the complete result, whatever the moment. A graceful stop leaves no temporary file; SIGKILL can strike
// between writing one and renaming it, and the next run removes that leftover.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTemporaryName } from '../../src/cli/atomic-write.js';
import { builtBin, ensureBuilt, makeProject, removeProjects, runBuilt, testTransformsModule } from './support/harness.js';

beforeAll(ensureBuilt);
afterEach(removeProjects);

const FILES = 1000;
const FOLDERS = 20;

function original(index: number): string {
  return `export function greet${index}(name: string) {\n  return \`hi \${name} ${'x'.repeat(index % 300)}\`;\n}\n`;
}

/** What append-marker writes: the whole original, then the marker. */
function result(index: number): string {
  return `${original(index).trimEnd()}\n// marked\n`;
}

function pathOf(index: number): string {
  return join(`src${index % FOLDERS}`, `f${index}.ts`);
}

function makeTree(): string {
  const dir = makeProject({});
  for (let folder = 0; folder < FOLDERS; folder++) mkdirSync(join(dir, `src${folder}`));
  for (let index = 0; index < FILES; index++) writeFileSync(join(dir, pathOf(index)), original(index));
  return dir;
}

/** Counts the files still original and those rewritten; fails on anything else. Returns the temporary files left. */
function inspect(dir: string, context: string): { rewritten: number; temporary: string[] } {
  let rewritten = 0;
  for (let index = 0; index < FILES; index++) {
    const text = readFileSync(join(dir, pathOf(index)), 'utf8');
    if (text === result(index)) rewritten++;
    else expect(text, `${pathOf(index)} after ${context}`).toBe(original(index));
  }
  const temporary: string[] = [];
  for (let folder = 0; folder < FOLDERS; folder++) {
    const names = readdirSync(join(dir, `src${folder}`));
    temporary.push(...names.filter((name) => !/^f\d+\.ts$/.test(name)));
    // Nothing but our source files and, at most, our own temporary files.
    expect(names.filter((name) => !/^f\d+\.ts$/.test(name) && !isTemporaryName(name)), context).toEqual([]);
  }
  return { rewritten, temporary };
}

/**
 * Runs append-marker and stops it with `signal` once it has reported `afterWrites` files changed, plus a random few
 * milliseconds: a random point in the middle of the writes, however slow the machine is to start.
 */
async function runAndStop(dir: string, signal: 'SIGINT' | 'SIGKILL', afterWrites: number, jitterMs: number, jobs: string): Promise<number | null> {
  const child = spawn(process.execPath, [builtBin, 'append-marker', '--jobs', jobs], {
    cwd: dir,
    env: { ...process.env, OTEL_CODEMOD_TRANSFORMS_MODULE: testTransformsModule, NO_COLOR: '1', APPEND_MARKER_MS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let written = 0;
  let stopping = false;
  child.stderr.on('data', (chunk: Buffer) => {
    written += chunk.toString().match(/^changed /gm)?.length ?? 0;
    if (written < afterWrites || stopping) return;
    stopping = true;
    setTimeout(() => child.kill(signal), jitterMs);
  });
  return closed;
}

describe('stopping a run at random points', () => {
  it(`over ${FILES} files, by SIGINT and SIGKILL: each file is the original or the complete result`, { timeout: 120_000 }, async () => {
    const rounds: Array<{ signal: 'SIGINT' | 'SIGKILL'; jobs: string }> = [
      { signal: 'SIGINT', jobs: '1' },
      { signal: 'SIGKILL', jobs: '1' },
      { signal: 'SIGINT', jobs: '2' },
      { signal: 'SIGKILL', jobs: '2' },
    ];
    let stoppedMidway = 0;
    for (const { signal, jobs } of rounds) {
      const dir = makeTree();
      const afterWrites = 1 + Math.floor(Math.random() * (FILES - 300));
      const jitterMs = Math.floor(Math.random() * 20);
      const context = `${signal} after ${afterWrites} files written + ${jitterMs} ms (--jobs ${jobs})`;
      const code = await runAndStop(dir, signal, afterWrites, jitterMs, jobs);
      const { rewritten, temporary } = inspect(dir, context);
      if (rewritten > 0 && rewritten < FILES) stoppedMidway++;
      if (signal === 'SIGINT') {
        expect([0, 130], context).toContain(code);
        expect(temporary, context).toEqual([]);
      } else {
        // Files are written one at a time: at most the one in hand can be caught between write and rename.
        expect(temporary.length, context).toBeLessThanOrEqual(1);
        // The next run finishes the job and clears what the killed run left.
        expect(runBuilt(['append-marker', '--quiet'], dir).code, context).toBe(0);
        expect(inspect(dir, `the run after ${context}`)).toEqual({ rewritten: FILES, temporary: [] });
      }
      removeProjects();
    }
    // The random points hit runs in progress, or the test proved little. On a loaded machine this test may notice a
    // run's progress late and stop it only once it has finished: most rounds must still land in the middle.
    expect(stoppedMidway).toBeGreaterThanOrEqual(rounds.length / 2);
  });
});
