import type { ContextVerdict, Destination, EntryPointFact } from './facts.js';

/** The JSON `otel-codemod report --format json` prints; docs/report.md documents it. Bump on a breaking change. */
export const REPORT_SCHEMA_VERSION = 1;

export interface MessagingSite {
  service: string;
  kind: 'publish' | 'consume';
  operation: string;
  library: string;
  system: string;
  destination: Destination | null;
  /** What the destination is paired by: lower case, separators as `-`, URL/ARN reduced to their last segment. */
  destinationKey: string | null;
  /** Whether it carries the trace context: `unknown` where the code does not show it. */
  context: ContextVerdict;
  reason?: string;
  file: string;
  line: number;
}

export interface Flow {
  destination: string;
  /** `connected`: both ends carry the context; `broken`: one end does not; `unknown`: the code does not show it for an end. */
  status: 'connected' | 'broken' | 'unknown';
  /** Why a flow is not connected: the producer's and/or the consumer's reason. */
  reasons: string[];
  producer: MessagingSite;
  consumer: MessagingSite;
}

export interface UnpairedSite {
  site: MessagingSite;
  why: 'no consumer found' | 'no producer found' | 'destination not shown in the code';
}

export interface ServiceReport {
  name: string;
  folder: string;
  files: number;
  lines: number;
  score: number;
  entryPoints: { total: number; inSpan: number };
  flows: { total: number; connected: number; broken: number; unknown: number };
  findings: { total: number; perThousandLines: number; byRule: Record<string, number> };
}

export interface EntryPoint extends EntryPointFact {
  service: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  score: number;
  services: ServiceReport[];
  entryPoints: EntryPoint[];
  flows: Flow[];
  unpaired: UnpairedSite[];
  /** Files the lint pass could not parse: their facts are missing from the report. */
  parseErrors: Array<{ file: string; message: string }>;
}
