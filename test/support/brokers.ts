import { connect as connectTcp } from 'node:net';
import { inject } from 'vitest';

/**
 * Where the end-to-end tests find the message brokers: the URLs the global set-up (test/support/brokers-global-setup.ts)
 * provides, which are the OTEL_CODEMOD_*_URL variables where set and brokers it started on free ports otherwise.
 * The defaults only serve a test file run outside that set-up.
 */
const provided = inject('brokers')?.urls;
export const brokerUrls = {
  redis: provided?.redis ?? process.env.OTEL_CODEMOD_REDIS_URL ?? 'redis://127.0.0.1:6379',
  nats: provided?.nats ?? process.env.OTEL_CODEMOD_NATS_URL ?? 'nats://127.0.0.1:4222',
  amqp: provided?.amqp ?? process.env.OTEL_CODEMOD_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
};

export type BrokerName = keyof typeof brokerUrls;

const DEFAULT_PORTS: Record<BrokerName, number> = { redis: 6379, nats: 4222, amqp: 5672 };

function getHostAndPort(name: BrokerName): { host: string; port: number } {
  const url = new URL(brokerUrls[name]);
  return { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : DEFAULT_PORTS[name] };
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves when the broker accepts TCP connections; otherwise throws. The end-to-end tests never skip: a missing
 * broker is a failure everywhere, with a message that says where it was expected.
 */
export async function requireBroker(name: BrokerName): Promise<void> {
  const { host, port } = getHostAndPort(name);
  if (await canConnect(host, port, 3000)) return;
  const hint = process.env.OTEL_CODEMOD_REQUIRE_BROKERS === '1'
    ? 'CI must start it: check the output of .ci/start-brokers'
    : 'npm test starts the brokers whose OTEL_CODEMOD_*_URL variable is unset (test/support/brokers-global-setup.ts); a set variable must point at a running one';
  throw new Error(`${name} is not reachable at ${host}:${port} (${brokerUrls[name]}); ${hint}`);
}
