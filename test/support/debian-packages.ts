// Programs the tests run that come from Debian's packages: installed by .ci/install-packages when missing and
// this process may install them (root); otherwise the test run fails saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL_SCRIPT = fileURLToPath(new URL('../../.ci/install-packages', import.meta.url));

/** Whether `program` is on PATH or in the sbin folders Debian puts servers in (not on a normal user's PATH). */
export function hasProgram(program: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.some((dir) => dir !== '' && existsSync(join(dir, program)));
}

export function ensurePrograms(programs: string[]): void {
  const missing = programs.filter((program) => !hasProgram(program));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the tests need ${missing.join(', ')}: install them (sudo bash .ci/install-packages ${missing.join(' ')}) or run the tests as root, which installs them`);
  }
  const result = spawnSync('bash', [INSTALL_SCRIPT, ...missing], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    throw new Error(`bash .ci/install-packages ${missing.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const stillMissing = missing.filter((program) => !hasProgram(program));
  if (stillMissing.length > 0) throw new Error(`${stillMissing.join(', ')} still missing after .ci/install-packages`);
}
