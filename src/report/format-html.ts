import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import dagre from '@dagrejs/dagre';
import type { MessagingSite, Report } from './model.js';

/**
 * One self-contained HTML page: the service/destination graph as inline SVG (laid out by dagre here, so the page
 * needs no script and loads nothing), then the tables. Services are boxes, destinations are ellipses; an edge is drawn
 * solid green when its end carries the trace context, dashed red when it breaks it, dash-dotted amber when the code
 * does not show it, and links to its file and line.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const CHAR_WIDTH = 7.5;
const NODE_HEIGHT = 40;

interface GraphEdge {
  from: string;
  to: string;
  status: 'connected' | 'broken' | 'unknown' | 'unpaired';
  site: MessagingSite;
}

function serviceId(name: string): string {
  return `service:${name}`;
}

function destinationId(key: string): string {
  return `destination:${key}`;
}

function getEdges(report: Report): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const add = (site: MessagingSite, status: GraphEdge['status']): void => {
    const destination = destinationId(site.destinationKey!);
    const service = serviceId(site.service);
    const [from, to] = site.kind === 'publish' ? [service, destination] : [destination, service];
    if (!edges.some((edge) => edge.site === site)) edges.push({ from, to, status, site });
  };
  for (const flow of report.flows) {
    for (const end of [flow.producer, flow.consumer]) add(end, end.context === 'carried' ? 'connected' : end.context === 'missing' ? 'broken' : 'unknown');
  }
  for (const { site } of report.unpaired) if (site.destinationKey !== null) add(site, 'unpaired');
  return edges;
}

function siteLink(root: string, site: MessagingSite): string {
  return `${pathToFileURL(join(root, site.file)).href}#L${site.line}`;
}

function renderGraph(report: Report, root: string): string {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const service of report.services) graph.setNode(serviceId(service.name), { label: service.name, width: service.name.length * CHAR_WIDTH + 30, height: NODE_HEIGHT });
  const edges = getEdges(report);
  for (const edge of edges) {
    for (const id of [edge.from, edge.to]) {
      if (id.startsWith('destination:') && !graph.hasNode(id)) {
        const label = id.slice('destination:'.length);
        graph.setNode(id, { label, width: label.length * CHAR_WIDTH + 40, height: NODE_HEIGHT });
      }
    }
  }
  edges.forEach((edge, index) => graph.setEdge(edge.from, edge.to, {}, String(index)));
  dagre.layout(graph);
  const size = graph.graph();
  const width = Math.ceil(size.width ?? 400);
  const height = Math.ceil(size.height ?? 200);
  const parts: string[] = [];
  edges.forEach((edge, index) => {
    const points = graph.edge({ v: edge.from, w: edge.to, name: String(index) })?.points ?? [];
    const path = (points as Array<{ x: number; y: number }>).map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
    const where = `${edge.site.file}:${edge.site.line}`;
    const title = `${edge.site.kind} ${edge.site.operation} (${edge.status}) at ${where}${edge.site.reason ? `: ${edge.site.reason}` : ''}`;
    parts.push(
      `<a class="edge-link" href="${escapeHtml(siteLink(root, edge.site))}"><path class="edge ${edge.status}" data-where="${escapeHtml(where)}" d="${path}" marker-end="url(#arrow-${edge.status})"><title>${escapeHtml(title)}</title></path></a>`,
    );
  });
  for (const id of graph.nodes()) {
    const node = graph.node(id);
    const label = escapeHtml(String((node as { label?: string }).label ?? id));
    const isService = id.startsWith('service:');
    const shape = isService
      ? `<rect x="${(node.x - node.width / 2).toFixed(1)}" y="${(node.y - node.height / 2).toFixed(1)}" width="${node.width.toFixed(1)}" height="${node.height}" rx="4"/>`
      : `<ellipse cx="${node.x.toFixed(1)}" cy="${node.y.toFixed(1)}" rx="${(node.width / 2).toFixed(1)}" ry="${node.height / 2}"/>`;
    parts.push(
      `<g class="node ${isService ? 'service' : 'destination'}" data-id="${escapeHtml(id)}">${shape}<text x="${node.x.toFixed(1)}" y="${(node.y + 4).toFixed(1)}" text-anchor="middle">${label}</text></g>`,
    );
  }
  const marker = (status: string) =>
    `<marker id="arrow-${status}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow ${status}" d="M0,0 L10,5 L0,10 z"/></marker>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="services and destinations" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${['connected', 'broken', 'unknown', 'unpaired'].map(marker).join('')}</defs>${parts.join('')}</svg>`;
}

function tableHtml(header: string[], rows: string[][]): string {
  const head = header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
.node rect { fill: #ddf4ff; stroke: #0969da; } .node ellipse { fill: #fff8c5; stroke: #9a6700; } .node text { font: 12px system-ui, sans-serif; }
.edge { fill: none; stroke-width: 2; } .edge.connected { stroke: #1a7f37; } .edge.broken { stroke: #cf222e; stroke-dasharray: 6 4; } .edge.unknown { stroke: #bf8700; stroke-dasharray: 10 3 2 3; } .edge.unpaired { stroke: #8c959f; stroke-dasharray: 2 3; }
.arrow.connected { fill: #1a7f37; } .arrow.broken { fill: #cf222e; } .arrow.unknown { fill: #bf8700; } .arrow.unpaired { fill: #8c959f; }
.broken-status { color: #cf222e; font-weight: 600; } .unknown-status { color: #9a6700; } .connected-status { color: #1a7f37; }
.legend span { margin-right: 16px; }
`;

/** The report as one HTML file; `root` is the folder the report's paths are relative to (for the file links). */
export function formatReportHtml(report: Report, root: string): string {
  const link = (site: MessagingSite) => `<a href="${escapeHtml(siteLink(root, site))}">${escapeHtml(`${site.file}:${site.line}`)}</a>`;
  const flows = tableHtml(
    ['status', 'destination', 'producer', 'consumer', 'why'],
    report.flows.map((flow) => [
      `<span class="${flow.status}-status">${flow.status}</span>`,
      escapeHtml(flow.destination),
      `${escapeHtml(flow.producer.service)} (${escapeHtml(flow.producer.library)}) ${link(flow.producer)}`,
      `${escapeHtml(flow.consumer.service)} (${escapeHtml(flow.consumer.library)}) ${link(flow.consumer)}`,
      escapeHtml(flow.reasons.join(' ')),
    ]),
  );
  const services = tableHtml(
    ['score', 'service', 'folder', 'entry points in a span', 'flows connected', 'findings', 'per 1k lines', 'lines'],
    report.services.map((service) =>
      [
        String(service.score),
        service.name,
        service.folder,
        `${service.entryPoints.inSpan}/${service.entryPoints.total}`,
        `${service.flows.connected}/${service.flows.total}`,
        String(service.findings.total),
        String(service.findings.perThousandLines),
        String(service.lines),
      ].map(escapeHtml),
    ),
  );
  const entryPoints = tableHtml(
    ['service', 'kind', 'name', 'in a span', 'at'],
    report.entryPoints.map((entry) => [entry.service, entry.kind, entry.name, entry.inSpan ? 'yes' : 'no', `${entry.file}:${entry.line}`].map(escapeHtml)),
  );
  const unpaired = tableHtml(
    ['service', 'kind', 'operation', 'destination', 'why', 'at'],
    report.unpaired.map(({ site, why }) => [escapeHtml(site.service), site.kind, escapeHtml(site.operation), escapeHtml(site.destination?.value ?? '?'), why, link(site)]),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>otel-codemod report: score ${report.score}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Where traces break: score ${report.score}/100</h1>
<p class="legend"><span class="connected-status">── carries the trace context</span><span class="broken-status">- - breaks the trace</span><span class="unknown-status">-·- not shown in the code</span><span>··· no partner found</span></p>
${renderGraph(report, root)}
<h2>Flows</h2>
${flows}
<h2>Services</h2>
${services}
<h2>Entry points</h2>
${entryPoints}
<h2>Unpaired publishes and consumers</h2>
${unpaired}
<p>Schema version ${report.schemaVersion}, ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}.</p>
</body>
</html>
`;
}
