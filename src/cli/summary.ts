import type { FileNote, FileStatus } from './process-file.js';
import type { FolderSkipReason, SkipReason } from './discover.js';

export interface RunSummary {
  transforms: string[];
  /** `write` changes files; `dry` (--dry, --diff, --print) and `check` write nothing. */
  mode: 'write' | 'dry' | 'check';
  /** Worker threads used; 0 when the files ran on the main thread. */
  workers: number;
  /** Files found: changed + unchanged + skipped + failed + notReached. */
  found: number;
  /** Files a transform parsed; the others were ruled out by a quick text check (nothing in them for the transforms). */
  parsed: number;
  /** Parses made in all: at most one per transform that a file went through, one when no transform changed it. */
  parses: number;
  /** Files changed, or that would change when nothing is written. */
  changed: number;
  /** Files left as they were, parsed or not. */
  unchanged: number;
  /** Of the unchanged files, those no transform parsed. */
  notParsed: number;
  /** Files left out on purpose, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Folders left out whole (node_modules, build output, --ignore); their files are not counted in `found`. */
  skippedFolders: Partial<Record<FolderSkipReason, number>>;
  /** Files that could not be read, parsed or written, or were refused. */
  failed: number;
  /** Files not looked at because the run was interrupted. */
  notReached: number;
  elapsedMs: number;
  interrupted: boolean;
  /** Propagation helpers written into more than one file (without `--helper`), with the number of files. */
  repeatedHelpers?: Record<string, number>;
  /** Files changed or failed, and any file with notes. */
  files: Array<{ path: string; status: FileStatus; reason?: string; notes: FileNote[]; diff?: string }>;
}

function formatSkipped(skipped: Record<string, number | undefined>): string {
  const entries = Object.entries(skipped).filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '0';
  return `${total} (${entries.map(([reason, count]) => `${reason}: ${count}`).join(', ')})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The closing lines on stderr: counts that add up to the files found, then the time. */
export function formatSummary(summary: RunSummary): string {
  const changedLabel = summary.mode === 'write' ? 'changed' : 'would change';
  const unparsed = summary.notParsed > 0 ? ` (${summary.notParsed} not parsed: a quick text check found nothing in ${summary.notParsed === 1 ? 'it' : 'them'} for ${summary.transforms.join(',')})` : '';
  const folders = Object.values(summary.skippedFolders).reduce((sum, count) => sum + (count ?? 0), 0);
  const lines = [
    `${summary.interrupted ? 'Interrupted. ' : ''}${summary.transforms.join(',')}: ${plural(summary.found, 'file')} found`,
    `  ${changedLabel}: ${summary.changed}`,
    `  unchanged: ${summary.unchanged}${unparsed}`,
    `  skipped: ${formatSkipped(summary.skipped)}`,
    `  failed: ${summary.failed}`,
    ...(summary.notReached > 0 ? [`  not reached: ${summary.notReached}`] : []),
    ...(folders > 0 ? [`  folders left out (not counted above): ${formatSkipped(summary.skippedFolders)}`] : []),
    `  time: ${(summary.elapsedMs / 1000).toFixed(2)}s`,
  ];
  const repeated = Object.entries(summary.repeatedHelpers ?? {});
  if (repeated.length > 0) {
    const list = repeated.map(([name, count]) => `${name} (${count} files)`).join(', ');
    lines.push(`The same propagation helpers went into several files: ${list}. Pass --helper <path> (such as --helper src/telemetry/propagation.ts) to write them once into that module and import them from there.`);
  }
  if (summary.mode === 'check' && summary.changed > 0) lines.push(`${plural(summary.changed, 'file')} need${summary.changed === 1 ? 's' : ''} changes: run without --check to apply them.`);
  return `${lines.join('\n')}\n`;
}
