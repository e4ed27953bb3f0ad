import { resolve } from 'node:path';
import type { Linter } from 'eslint';
import type { Report } from '../report/model.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CliIO } from './output.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';

export type ReportFormat = 'text' | 'json' | 'html';

export interface ReportCliOptions {
  paths: string[];
  format?: ReportFormat;
  /** Write the report to this file instead of stdout. */
  out?: string;
  /** Exit 1 when the overall score is below this. */
  failUnder?: number;
  ignore?: string[];
  maxFileSize?: number;
}

export interface ReportContext extends CliIO {
  preset?: Linter.Config;
}

/** Renders a report in the chosen format; `root` is what its paths are relative to. */
export async function renderReport(report: Report, format: ReportFormat, root: string): Promise<string> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'html') return (await import('../report/format-html.js')).formatReportHtml(report, root);
  return (await import('../report/format-text.js')).formatReportText(report);
}

/** `otel-codemod report [paths…]`: returns the exit code (1 below --fail-under, 2 on unreadable paths or I/O errors; the report is still written). */
export async function runReport(options: ReportCliOptions, context: ReportContext): Promise<number> {
  const { cwd, stdout, stderr } = context;
  let report: Report;
  let problems = 0;
  try {
    const { buildReport } = await import('../report/build-report.js');
    const built = await buildReport({ cwd, paths: options.paths, ignore: options.ignore, maxFileSize: options.maxFileSize, preset: context.preset });
    // Like lint: a path that cannot be read is named and makes the exit code 2, and the rest is still reported.
    for (const problem of built.problems) stderr.write(`failed   ${problem.displayPath}: ${problem.reason}\n`);
    problems = built.problems.length;
    report = built.report;
  } catch (error) {
    stderr.write(`report: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  const text = await renderReport(report, options.format ?? 'text', cwd);
  if (options.out) {
    const target = resolve(cwd, options.out);
    try {
      writeFileAtomic(target, text);
    } catch (error) {
      stderr.write(`report: cannot write ${options.out}: ${(error as Error).message}\n`);
      return EXIT_ERROR;
    }
    stderr.write(`Report written to ${target} (score ${report.score}/100)\n`);
  } else stdout.write(text);
  for (const error of report.parseErrors) stderr.write(`not parsed: ${error.file} ${error.message}\n`);
  if (problems > 0) return EXIT_ERROR;
  if (options.failUnder !== undefined && report.score < options.failUnder) {
    stderr.write(`Score ${report.score} is below --fail-under ${options.failUnder}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
