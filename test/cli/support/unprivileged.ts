import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtBin, testTransformsModule, type CliRun } from './harness.js';

/** The user the permission tests run the CLI as: `nobody` on Debian. */
export const NOBODY = 65534;

export const isRoot = process.getuid?.() === 0;

/**
 * Gives `dir` and everything under it to `nobody`, so that the CLI run as `nobody` owns its project as a user does.
 * mkdtemp made the folder 0700; it is opened so that the tests can still look.
 */
export function giveToNobody(dir: string): void {
  chmodSync(dir, 0o755);
  if (!isRoot) return;
  const visit = (path: string) => {
    chownSync(path, NOBODY, NOBODY);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
}

/** Takes a file or folder away from the unprivileged user: root's and closed to others (as root), or mode 000. */
export function takeAway(path: string, mode: number): void {
  if (isRoot) chownSync(path, 0, 0);
  chmodSync(path, isRoot ? mode : 0);
}

/** Gives a folder taken away back, so that the test's clean-up can remove it. */
export function giveBack(path: string): void {
  chmodSync(path, 0o755);
}

/**
 * Runs the built CLI as an unprivileged user. Root ignores file permissions, so a test about an unreadable folder
 * or file run as root would prove nothing: as root it drops to `nobody` (setpriv, util-linux); as any other user it
 * runs as that user, for whom the permissions already hold.
 */
export function runBuiltUnprivileged(argv: string[], cwd: string): CliRun {
  const env = { ...process.env, OTEL_CODEMOD_TRANSFORMS_MODULE: testTransformsModule, NO_COLOR: '1', HOME: cwd, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const command = isRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [process.execPath];
  const result = spawnSync(command[0]!, [...command.slice(1), builtBin, ...argv], { cwd, encoding: 'utf8', env });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
