import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnifiedDiff } from '../../src/cli/unified-diff.js';
import { makeProject, removeProjects } from './support/harness.js';

afterEach(removeProjects);

/** GNU diff -u's hunks for the same two texts (its exit code 1 means "different"). */
function gnuDiff(before: string, after: string): string {
  const dir = makeProject({});
  writeFileSync(join(dir, 'before'), before);
  writeFileSync(join(dir, 'after'), after);
  try {
    return execFileSync('diff', ['-u', 'before', 'after'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

function hunks(diff: string): string {
  return diff.split('\n').slice(2).join('\n');
}

const lines = (count: number, prefix = 'line') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}\n`).join('');

// Pairs of texts whose diffs must match GNU diff's hunk for hunk.
const cases: Array<[string, string, string]> = [
  ['one changed line in the middle', lines(10), lines(10).replace('line 5\n', 'LINE 5\n')],
  ['changes far apart make two hunks', lines(30), lines(30).replace('line 2\n', 'two\n').replace('line 28\n', 'twenty-eight\n')],
  ['changes close together share a hunk', lines(20), lines(20).replace('line 5\n', 'five\n').replace('line 10\n', 'ten\n')],
  ['lines added at the start', lines(5), `import x;\nimport y;\n${lines(5)}`],
  ['lines added at the end', lines(5), `${lines(5)}end\n`],
  ['lines removed', lines(12), lines(12).replace('line 3\n', '').replace('line 4\n', '')],
  ['a final newline removed', lines(3), lines(3).slice(0, -1)],
  ['a final newline added', lines(3).slice(0, -1), lines(3)],
  ['wrapped in a block (indentation changes)', 'a();\nb();\nc();\n', 'try {\n  a();\n  b();\n} finally {\n  c();\n}\n'],
  ['CRLF lines', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
];

describe('createUnifiedDiff', () => {
  it.each(cases)('%s: same hunks as diff -u', (_name, before, after) => {
    expect(hunks(createUnifiedDiff('f.ts', before, after))).toBe(hunks(gnuDiff(before, after)));
  });

  it('names the file with a/ and b/ and is empty when nothing changed', () => {
    expect(createUnifiedDiff('src/a.ts', 'x\n', 'y\n')).toBe('--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-x\n+y\n');
    expect(createUnifiedDiff('src/a.ts', 'same\n', 'same\n')).toBe('');
  });

  it('shows a new file against /dev/null', () => {
    expect(createUnifiedDiff('h.ts', undefined, 'a\nb\n')).toBe('--- /dev/null\n+++ b/h.ts\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('applies with patch(1) to give the new text', () => {
    const before = lines(40);
    const after = lines(40).replace('line 7\n', 'seven\n').replace('line 33\n', '').concat('tail');
    const dir = makeProject({ 'f.ts': before });
    writeFileSync(join(dir, 'change.diff'), createUnifiedDiff('f.ts', before, after));
    execFileSync('patch', ['-p1', '-s', '-i', 'change.diff'], { cwd: dir });
    expect(execFileSync('cat', ['f.ts'], { cwd: dir, encoding: 'utf8' })).toBe(after);
  });
});
