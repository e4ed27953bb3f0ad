import type { MessagingSite, Report } from './model.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function where(site: MessagingSite): string {
  return `${site.file}:${site.line}`;
}

function describeDestination(site: MessagingSite): string {
  if (!site.destination) return '?';
  const { kind, value } = site.destination;
  return kind === 'env' ? `env ${value}` : kind === 'prefix' ? `${value}…` : value;
}

/** The terminal summary: broken flows first, then every flow, the services with their scores, and what is unpaired. */
export function formatReportText(report: Report): string {
  const out: string[] = [];
  const broken = report.flows.filter((flow) => flow.status === 'broken');
  const unknown = report.flows.filter((flow) => flow.status === 'unknown').length;
  out.push(`otel-codemod report: score ${report.score}/100, ${plural(report.services.length, 'service')}, ${plural(report.flows.length, 'flow')} (${broken.length} broken, ${unknown} not shown)`, '');
  if (broken.length > 0) {
    out.push('Broken flows', '');
    for (const flow of broken) {
      out.push(`  ${flow.producer.service} → ${flow.destination} → ${flow.consumer.service}`);
      for (const reason of flow.reasons) out.push(`    ${reason}`);
    }
    out.push('');
  }
  if (report.flows.length > 0) {
    out.push('Flows', '');
    out.push(
      table(
        ['status', 'destination', 'producer', 'at', 'consumer', 'at'],
        report.flows.map((flow) => [flow.status, flow.destination, `${flow.producer.service} (${flow.producer.library})`, where(flow.producer), `${flow.consumer.service} (${flow.consumer.library})`, where(flow.consumer)]),
      ),
      '',
    );
  }
  out.push('Services', '');
  out.push(
    table(
      ['score', 'service', 'entry points in a span', 'flows connected', 'findings', 'per 1k lines', 'lines'],
      report.services.map((service) => [
        String(service.score),
        service.name,
        `${service.entryPoints.inSpan}/${service.entryPoints.total}`,
        `${service.flows.connected}/${service.flows.total}`,
        String(service.findings.total),
        String(service.findings.perThousandLines),
        String(service.lines),
      ]),
    ),
    '',
  );
  const outside = report.entryPoints.filter((entry) => !entry.inSpan);
  if (outside.length > 0) {
    out.push('Entry points without a span', '');
    out.push(table(['service', 'kind', 'name', 'at'], outside.map((entry) => [entry.service, entry.kind, entry.name, `${entry.file}:${entry.line}`])), '');
  }
  if (report.unpaired.length > 0) {
    out.push('Unpaired publishes and consumers', '');
    out.push(
      table(
        ['service', 'kind', 'library', 'destination', 'why', 'at'],
        report.unpaired.map(({ site, why }) => [site.service, site.kind, site.library, describeDestination(site), why, where(site)]),
      ),
      '',
    );
  }
  const findings = report.services.filter((service) => service.findings.total > 0);
  if (findings.length > 0) {
    out.push('Findings by rule', '');
    const rows = findings.flatMap((service) => Object.entries(service.findings.byRule).map(([rule, count]) => [service.name, rule, String(count)]));
    out.push(table(['service', 'rule', 'count'], rows), '');
  }
  for (const error of report.parseErrors) out.push(`not parsed: ${error.file} ${error.message}`);
  return `${out.join('\n').trimEnd()}\n`;
}
