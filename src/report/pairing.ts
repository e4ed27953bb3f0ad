import type { Destination } from './facts.js';
import type { Flow, MessagingSite, UnpairedSite } from './model.js';

/** Suffixes that name the kind of thing an environment variable holds, not the destination itself. */
const ENV_SUFFIXES = /_(QUEUE_URL|QUEUE_ARN|QUEUE_NAME|TOPIC_ARN|TOPIC_NAME|STREAM_NAME|BUS_NAME|QUEUE|TOPIC|STREAM|SUBJECT|EXCHANGE|URL|ARN|NAME)$/i;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[._\s]+/g, '-');
}

/**
 * The key producers and consumers are paired by, whatever the library: an SQS queue URL or an ARN by its last
 * segment (`https://…/123/orders`, `arn:aws:sqs:…:orders` → `orders`); an environment variable by its name without a
 * kind suffix (`ORDERS_QUEUE_URL` → `orders`); a template literal's prefix as `<prefix>*`.
 */
export function getDestinationKey(destination: Destination | null | undefined): string | null {
  if (!destination) return null;
  if (destination.kind === 'env') return normalise(destination.value.replace(ENV_SUFFIXES, ''));
  let value = destination.value;
  if (/^[a-z]+:\/\//i.test(value) || value.startsWith('arn:')) value = value.split(/[/:]/).filter(Boolean).at(-1) ?? value;
  return destination.kind === 'prefix' ? `${normalise(value)}*` : normalise(value);
}

function matches(producerKey: string, consumerKey: string): boolean {
  if (producerKey === consumerKey) return true;
  if (producerKey.endsWith('*') && !consumerKey.endsWith('*')) return consumerKey.startsWith(producerKey.slice(0, -1));
  if (consumerKey.endsWith('*') && !producerKey.endsWith('*')) return producerKey.startsWith(consumerKey.slice(0, -1));
  return false;
}

const UNKNOWN_REASON = 'the code does not show whether it carries the trace context (built or passed on elsewhere)';
const STATUS_ORDER: Record<Flow['status'], number> = { broken: 0, unknown: 1, connected: 2 };

/** Pairs every producer with every consumer of the same destination; what has no partner is listed with why. */
export function pairFlows(sites: readonly MessagingSite[]): { flows: Flow[]; unpaired: UnpairedSite[] } {
  const producers = sites.filter((site) => site.kind === 'publish');
  const consumers = sites.filter((site) => site.kind === 'consume');
  const flows: Flow[] = [];
  const paired = new Set<MessagingSite>();
  for (const producer of producers) {
    if (producer.destinationKey === null) continue;
    for (const consumer of consumers) {
      if (consumer.destinationKey === null || !matches(producer.destinationKey, consumer.destinationKey)) continue;
      paired.add(producer).add(consumer);
      const ends = [producer, consumer];
      const reasons = ends.filter((end) => end.context !== 'carried').map((end) => `${end.kind === 'publish' ? 'producer' : 'consumer'} (${end.file}:${end.line}): ${end.reason ?? UNKNOWN_REASON}`);
      const status = ends.some((end) => end.context === 'missing') ? 'broken' : ends.every((end) => end.context === 'carried') ? 'connected' : 'unknown';
      flows.push({ destination: producer.destinationKey, status, reasons, producer, consumer });
    }
  }
  const unpaired: UnpairedSite[] = sites
    .filter((site) => !paired.has(site))
    .map((site) => ({
      site,
      why: site.destinationKey === null ? 'destination not shown in the code' : site.kind === 'publish' ? 'no consumer found' : 'no producer found',
    }));
  // Broken flows first: they are what the report is read for.
  flows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.destination.localeCompare(b.destination));
  return { flows, unpaired };
}
