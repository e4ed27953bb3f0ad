// The test helpers' commands: a failing one shows what it printed, so a broken set-up step explains itself.
import { afterEach, describe, expect, it } from 'vitest';
import { git, makeProject, removeProjects, runChecked } from './support/harness.js';

afterEach(removeProjects);

describe('runChecked', () => {
  it('returns the stdout of a command that succeeds', () => {
    expect(runChecked(process.execPath, ['-e', 'process.stdout.write("ok")'], { cwd: process.cwd() })).toBe('ok');
  });

  it('fails with the command, its folder, its exit code, its stdout and its stderr', () => {
    const script = 'process.stdout.write("what it printed"); process.stderr.write("why it failed"); process.exit(3)';
    expect(() => runChecked(process.execPath, ['-e', script], { cwd: '/' })).toThrow(
      new RegExp(`^\`.*node -e .*\` in / exited with code 3\\n--- stdout\\nwhat it printed\\n--- stderr\\nwhy it failed$`),
    );
  });

  it('git(), built on it, shows git\'s own message', () => {
    const dir = makeProject({});
    expect(() => git(dir, 'log')).toThrow(/^`git log` in .* exited with code 128\n--- stdout\n\n--- stderr\nfatal: not a git repository/);
  });
});
