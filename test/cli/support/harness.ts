import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from 'eslint';
import { runCli } from '../../../src/cli/program.js';
import type { CodemodTransform } from '../../../src/transform/types.js';
import { testRegistry } from './test-transforms.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtBin = join(repoRoot, 'dist/src/cli/bin.js');
export const testTransformsModule = fileURLToPath(new URL('./transforms.mjs', import.meta.url));

const made: string[] = [];

/** A fresh temporary folder holding `files` (path → text or bytes). */
export function makeProject(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-codemod-cli-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Sets a file's mtime well in the past, so that a rewrite would show. */
export function ageFile(path: string): number {
  const past = new Date('2020-01-01T00:00:00Z');
  utimesSync(path, past, past);
  return statSync(path).mtimeMs;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with the test transforms (or the given ones). */
export async function runInProcess(
  argv: string[],
  cwd: string,
  extra: { registry?: Record<string, CodemodTransform>; lintPreset?: Linter.Config; signal?: AbortSignal; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text), isTTY: extra.tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: extra.tty },
    registry: extra.registry ?? testRegistry,
    lintPreset: extra.lintPreset,
    signal: extra.signal,
    env: {},
  });
  return { code, stdout, stderr };
}

/**
 * Runs a command and returns its stdout. When it fails, the error says which command, in which folder, how it ended,
 * and carries everything it printed: a failing set-up step must explain itself in the test report.
 */
export function runChecked(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): string {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return result.stdout;
  const ending = result.error ? `could not run (${result.error.message})` : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
  throw new Error(`\`${[command, ...args].join(' ')}\` in ${options.cwd} ${ending}\n--- stdout\n${result.stdout ?? ''}\n--- stderr\n${result.stderr ?? ''}`);
}

export function git(cwd: string, ...args: string[]): string {
  return runChecked('git', args, { cwd });
}

/** Makes `dir` a git repository with everything in it committed. */
export function commitAll(dir: string): void {
  if (!existsSync(join(dir, '.git'))) git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'fixture');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than the sources. Test files run in parallel, so the build is guarded
 * by a lock folder: the first file builds, the others wait for it.
 */
export function ensureBuilt(): void {
  const sourcesNewest = Math.max(...['src', 'rules', 'codemods', 'scripts'].map((dir) => newestMtime(join(repoRoot, dir))));
  const isFresh = () => existsSync(builtBin) && statSync(builtBin).mtimeMs >= sourcesNewest;
  if (isFresh()) return;
  const lock = join(repoRoot, '.tmp', 'build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    runChecked('npm', ['run', 'build', '--silent'], { cwd: repoRoot });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs the built `otel-codemod` as users do, with the spawned-process test transforms available. */
export function runBuilt(argv: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [builtBin, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OTEL_CODEMOD_TRANSFORMS_MODULE: testTransformsModule, NO_COLOR: '1', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
