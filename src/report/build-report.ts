import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../package-info.js';
import { DEFAULT_MAX_FILE_SIZE, discoverFiles, type FileProblem } from '../cli/discover.js';
import { dropNonFindings, getZeroConfig, loadZeroConfigParts } from '../cli/lint.js';
import { getHttpAndLambdaEntryPoints } from './entry-points.js';
import type { MessagingFact } from './facts.js';
import factsRule, { FACTS_RULE_ID } from './facts-rule.js';
import { getServerlessSqsQueue } from './lambda-sources.js';
import { REPORT_SCHEMA_VERSION, type EntryPoint, type MessagingSite, type Report, type ServiceReport } from './model.js';
import { getDestinationKey, pairFlows } from './pairing.js';
import { computeScore, getFindingsPerThousandLines } from './score.js';
import { createServiceFinder, type ServiceUnit } from './services.js';

export interface ReportOptions {
  cwd: string;
  paths: string[];
  ignore?: string[];
  maxFileSize?: number;
  /** The lint preset; the plugin's recommended config when not given. */
  preset?: Linter.Config;
}

export interface ReportBuild {
  report: Report;
  /** Paths that could not be read (the CLI prints them and exits 2). */
  problems: FileProblem[];
}

/** Registers the facts collector next to the recommended rules, so one lint pass gives both findings and facts. */
const FACTS_CONFIG: Linter.Config = {
  plugins: { 'otel-report': { rules: { 'messaging-facts': factsRule as never } } },
  rules: { [FACTS_RULE_ID]: 'warn' },
};

function toDisplay(cwd: string, absolute: string): string {
  return relative(cwd, absolute).split(sep).join('/');
}

interface ServiceTally {
  unit: ServiceUnit;
  files: number;
  lines: number;
  byRule: Record<string, number>;
}

/** Lints the paths once (recommended rules + facts), finds entry points, pairs flows and scores each service. */
export async function buildReport(options: ReportOptions): Promise<ReportBuild> {
  const { cwd } = options;
  const discovery = discoverFiles({ cwd, paths: options.paths, ignore: options.ignore, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
  const parts = await loadZeroConfigParts(options.preset);
  const eslint = new parts.ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...getZeroConfig(parts.tsParser, parts.preset), FACTS_CONFIG], errorOnUnmatchedPattern: false });
  const targets = discovery.files.map((file) => resolve(cwd, file.displayPath));
  const results: ESLint.LintResult[] = targets.length > 0 ? await eslint.lintFiles(targets) : [];
  dropNonFindings(results, false);

  const findService = createServiceFinder(cwd);
  const tallies = new Map<string, ServiceTally>();
  const tally = (unit: ServiceUnit): ServiceTally => {
    const key = `${unit.folder}\0${unit.name}`;
    let entry = tallies.get(key);
    if (!entry) tallies.set(key, (entry = { unit, files: 0, lines: 0, byRule: {} }));
    return entry;
  };
  const sites: MessagingSite[] = [];
  const entryPoints: EntryPoint[] = [];
  const parseErrors: Report['parseErrors'] = [];

  for (const result of results) {
    const unit = findService(result.filePath);
    const service = tally(unit);
    const file = toDisplay(cwd, result.filePath);
    const source = result.source ?? readFileSync(result.filePath, 'utf8');
    service.files += 1;
    service.lines += source.split('\n').length;
    for (const message of result.messages) {
      if (message.fatal) parseErrors.push({ file, message: `${message.line}:${message.column} ${message.message}` });
      else if (message.ruleId === FACTS_RULE_ID) {
        const fact = JSON.parse(message.message) as Omit<MessagingFact, 'file' | 'line'>;
        let destination = fact.destination ?? null;
        if (!destination && fact.operation === 'aws-lambda:sqs') destination = getServerlessSqsQueue(unit.root) ?? null;
        sites.push({
          service: unit.name,
          kind: fact.kind,
          operation: fact.operation,
          library: fact.library,
          system: fact.system,
          destination,
          destinationKey: getDestinationKey(destination),
          context: fact.context,
          ...(fact.reason ? { reason: fact.reason } : {}),
          file,
          line: message.line,
        });
        if (fact.kind === 'consume') {
          entryPoints.push({ service: unit.name, kind: 'consumer', name: fact.operation, inSpan: fact.inSpan ?? false, context: fact.context, file, line: message.line });
        }
      } else if (message.ruleId) service.byRule[message.ruleId] = (service.byRule[message.ruleId] ?? 0) + 1;
    }
    for (const entry of getHttpAndLambdaEntryPoints(result.filePath, source, file)) entryPoints.push({ service: unit.name, ...entry });
  }

  const { flows, unpaired } = pairFlows(sites);
  const services: ServiceReport[] = [...tallies.values()].map(({ unit, files, lines, byRule }) => {
    const own = entryPoints.filter((entry) => entry.service === unit.name);
    const touching = flows.filter((flow) => flow.producer.service === unit.name || flow.consumer.service === unit.name);
    const findings = Object.values(byRule).reduce((sum, count) => sum + count, 0);
    const entryCounts = { total: own.length, inSpan: own.filter((entry) => entry.inSpan).length };
    const connected = touching.filter((flow) => flow.status === 'connected').length;
    const broken = touching.filter((flow) => flow.status === 'broken').length;
    return {
      name: unit.name,
      folder: unit.folder,
      files,
      lines,
      score: computeScore({ entryPoints: entryCounts, flows: { total: touching.length, connected }, findings, lines }),
      entryPoints: entryCounts,
      flows: { total: touching.length, connected, broken, unknown: touching.length - connected - broken },
      findings: { total: findings, perThousandLines: getFindingsPerThousandLines(findings, lines), byRule },
    };
  });
  services.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  const totalLines = services.reduce((sum, service) => sum + service.lines, 0);
  const totalFindings = services.reduce((sum, service) => sum + service.findings.total, 0);
  const score = computeScore({
    entryPoints: { total: entryPoints.length, inSpan: entryPoints.filter((entry) => entry.inSpan).length },
    flows: { total: flows.length, connected: flows.filter((flow) => flow.status === 'connected').length },
    findings: totalFindings,
    lines: totalLines,
  });
  entryPoints.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    report: { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: packageInfo.name, version: packageInfo.version }, score, services, entryPoints, flows, unpaired, parseErrors },
    problems: discovery.problems,
  };
}
