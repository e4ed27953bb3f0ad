/**
 * The report's 0–100 score (docs/report.md, "Score"): a weighted mean of
 * - the share of entry points that run inside a span (weight 0.4),
 * - the share of messaging flows that are connected (weight 0.4),
 * - a findings term, 1 − (lint findings per 1,000 lines) / 10, floored at 0 (weight 0.2).
 * A term with nothing to measure (no entry points, no flows, no lines) is left out and the others keep their
 * proportions; with nothing at all to measure the score is 100.
 */
export const SCORE_WEIGHTS = { entryPoints: 0.4, flows: 0.4, findings: 0.2 } as const;
/** Findings per 1,000 lines at which the findings term reaches 0. */
export const FINDINGS_PER_KLOC_FOR_ZERO = 10;

export interface ScoreInputs {
  entryPoints: { total: number; inSpan: number };
  flows: { total: number; connected: number };
  findings: number;
  lines: number;
}

export function getFindingsPerThousandLines(findings: number, lines: number): number {
  return lines === 0 ? 0 : Math.round((findings / lines) * 1000 * 10) / 10;
}

export function computeScore(inputs: ScoreInputs): number {
  const terms: Array<[number, number]> = [];
  if (inputs.entryPoints.total > 0) terms.push([SCORE_WEIGHTS.entryPoints, inputs.entryPoints.inSpan / inputs.entryPoints.total]);
  if (inputs.flows.total > 0) terms.push([SCORE_WEIGHTS.flows, inputs.flows.connected / inputs.flows.total]);
  if (inputs.lines > 0) {
    const perKloc = (inputs.findings / inputs.lines) * 1000;
    terms.push([SCORE_WEIGHTS.findings, Math.max(0, 1 - perKloc / FINDINGS_PER_KLOC_FOR_ZERO)]);
  }
  const weight = terms.reduce((sum, [w]) => sum + w, 0);
  if (weight === 0) return 100;
  return Math.round((terms.reduce((sum, [w, value]) => sum + w * value, 0) / weight) * 100);
}
