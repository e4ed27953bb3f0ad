/** Unified diffs (as `diff -u` and git print them) of two versions of a file, line by line, with Myers' algorithm. */

type Op = { kind: ' ' | '-' | '+'; line: string };

export interface DiffOptions {
  /** Lines of context around each change (3, like diff -u). */
  context?: number;
  /** ANSI colours for a terminal. */
  color?: boolean;
}

// Past this many edits the exact shortest script is not worth its memory: the middle is shown as replaced.
const MAX_EDIT_DISTANCE = 4000;

/** Lines with their terminators, so that "last line without a newline" differs from the same line with one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function shortestEditScript(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(endA).map((line) => ({ kind: ' ', line }));
  return [...head, ...myers(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, offset);
    }
  }
  // Too different to be worth the exact script: everything removed, then everything added.
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

function backtrack(a: string[], b: string[], trace: Int32Array[], offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : v[offset + previousK]!;
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (x === previousX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  return ops.reverse();
}

function range(start: number, count: number): string {
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * A path for a diff header, quoted as git quotes it when it holds a quote, a backslash or a control character
 * (a newline in a file name would otherwise end the header line and break every tool that reads the diff).
 */
export function quoteDiffPath(prefix: string, path: string): string {
  const full = `${prefix}${path}`;
  if (!/["\\\x00-\x1f\x7f]/.test(full)) return full;
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' };
  const body = full.replace(/["\\\x00-\x1f\x7f]/g, (char) => escapes[char] ?? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return `"${body}"`;
}

const COLORS = { '-': '\x1b[31m', '+': '\x1b[32m', hunk: '\x1b[36m', header: '\x1b[1m', reset: '\x1b[0m' } as const;

/**
 * The unified diff turning `before` into `after`, with `a/` and `b/` headers naming `path`; empty when they are equal.
 * `before === undefined` means a new file (`--- /dev/null`).
 */
export function createUnifiedDiff(path: string, before: string | undefined, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const paint = (color: string, text: string) => (options.color ? `${color}${text}${COLORS.reset}` : text);
  const ops = shortestEditScript(splitLines(before ?? ''), splitLines(after));
  const out: string[] = [
    paint(COLORS.header, `--- ${before === undefined ? '/dev/null' : quoteDiffPath('a/', path)}`),
    paint(COLORS.header, `+++ ${quoteDiffPath('b/', path)}`),
  ];
  // Positions (in `ops`) of changes, grouped into hunks whose context overlaps.
  const changes = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  let i = 0;
  while (i < changes.length) {
    let last = i;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! <= 2 * context + 1) last++;
    const from = Math.max(0, changes[i]! - context);
    const to = Math.min(ops.length, changes[last]! + context + 1);
    let oldStart = 0;
    let newStart = 0;
    for (const op of ops.slice(0, from)) {
      if (op.kind !== '+') oldStart++;
      if (op.kind !== '-') newStart++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(paint(COLORS.hunk, `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`));
    for (const op of hunk) {
      const text = `${op.kind}${op.line.replace(/\n$/, '')}`;
      out.push(op.kind === ' ' ? text : paint(COLORS[op.kind], text));
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    i = last + 1;
  }
  return `${out.join('\n')}\n`;
}
