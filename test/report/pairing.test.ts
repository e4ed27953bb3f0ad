import { describe, expect, it } from 'vitest';
import type { MessagingSite } from '../../src/report/model.js';
import { pairFlows } from '../../src/report/pairing.js';

function site(kind: MessagingSite['kind'], service: string, key: string | null, context: MessagingSite['context'], line: number): MessagingSite {
  return {
    service,
    kind,
    operation: kind === 'publish' ? 'kafkajs:producer.send' : 'kafkajs:consumer.run.eachMessage',
    library: 'kafkajs',
    system: 'kafka',
    destination: key === null ? null : { kind: 'literal', value: key },
    destinationKey: key,
    context,
    ...(context === 'missing' ? { reason: 'no carrier' } : {}),
    file: `${service}/index.ts`,
    line,
  };
}

describe('pairFlows', () => {
  it('pairs every producer with every consumer of a key: broken when an end misses the context, unknown when an end does not show it', () => {
    const sites = [
      site('publish', 'api', 'orders', 'carried', 1),
      site('publish', 'admin', 'orders', 'missing', 2),
      site('consume', 'worker', 'orders', 'carried', 3),
      site('publish', 'api', 'audit', 'unknown', 4),
      site('consume', 'auditor', 'audit', 'carried', 5),
      site('publish', 'api', 'lonely', 'carried', 6),
      site('consume', 'worker', null, 'carried', 7),
    ];
    const { flows, unpaired } = pairFlows(sites);
    expect(flows.map((flow) => [flow.status, flow.destination, flow.producer.line, flow.consumer.line, flow.reasons])).toEqual([
      ['broken', 'orders', 2, 3, ['producer (admin/index.ts:2): no carrier']],
      ['unknown', 'audit', 4, 5, ['producer (api/index.ts:4): the code does not show whether it carries the trace context (built or passed on elsewhere)']],
      ['connected', 'orders', 1, 3, []],
    ]);
    expect(unpaired.map(({ site: { line }, why }) => [line, why])).toEqual([
      [6, 'no consumer found'],
      [7, 'destination not shown in the code'],
    ]);
  });
});
