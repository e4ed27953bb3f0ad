import type { FileNote, FileStatus } from './process-file.js';
import type { SkipReason } from './discover.js';

export interface RunSummary {
  transforms: string[];
  /** `write` changes files; `dry` (--dry, --diff, --print) and `check` write nothing. */
  mode: 'write' | 'dry' | 'check';
  /** Worker threads used; 0 when the files ran on the main thread. */
  workers: number;
  found: number;
  parsed: number;
  /** Files changed, or that would change when nothing is written. */
  changed: number;
  unchanged: number;
  skipped: Partial<Record<SkipReason, number>>;
  failed: number;
  elapsedMs: number;
  interrupted: boolean;
  /** Files changed or failed, and any file with notes. */
  files: Array<{ path: string; status: FileStatus; reason?: string; notes: FileNote[]; diff?: string }>;
}

function formatSkipped(skipped: RunSummary['skipped']): string {
  const entries = Object.entries(skipped).filter(([, count]) => count > 0);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '0';
  return `${total} (${entries.map(([reason, count]) => `${reason}: ${count}`).join(', ')})`;
}

/** The closing lines on stderr: counts and time. */
export function formatSummary(summary: RunSummary): string {
  const changedLabel = summary.mode === 'write' ? 'changed' : 'would change';
  const lines = [
    `${summary.interrupted ? 'Interrupted. ' : ''}${summary.transforms.join(',')}: ${summary.found} files found, ${summary.parsed} parsed`,
    `  ${changedLabel}: ${summary.changed}`,
    `  unchanged: ${summary.unchanged}`,
    `  skipped: ${formatSkipped(summary.skipped)}`,
    `  failed: ${summary.failed}`,
    `  time: ${(summary.elapsedMs / 1000).toFixed(2)}s`,
  ];
  if (summary.mode === 'check' && summary.changed > 0) lines.push(`${summary.changed} file(s) need changes: run without --check to apply them.`);
  return `${lines.join('\n')}\n`;
}
