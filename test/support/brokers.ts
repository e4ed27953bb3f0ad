import { connect as connectTcp } from 'node:net';

/**
 * Where the end-to-end tests find the message brokers. `.ci/start-brokers` starts them on loopback and exports
 * these variables; a developer's machine with brokers on the default ports needs nothing.
 */
export const brokerUrls = {
  redis: process.env.OTEL_CODEMOD_REDIS_URL ?? 'redis://127.0.0.1:6379',
  nats: process.env.OTEL_CODEMOD_NATS_URL ?? 'nats://127.0.0.1:4222',
  amqp: process.env.OTEL_CODEMOD_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
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
 * broker is a failure everywhere, with a message that says how to start one (in CI, where
 * OTEL_CODEMOD_REQUIRE_BROKERS=1 or CI=true, `.ci/start-brokers` was supposed to have done it).
 */
export async function requireBroker(name: BrokerName): Promise<void> {
  const { host, port } = getHostAndPort(name);
  if (await canConnect(host, port, 3000)) return;
  const inCi = process.env.OTEL_CODEMOD_REQUIRE_BROKERS === '1' || process.env.CI === 'true';
  const hint = inCi
    ? 'CI must start it: check the output of .ci/start-brokers'
    : 'start the brokers with `source .ci/start-brokers` (Debian packages from .ci/install-brokers) or point the URL variable at one';
  throw new Error(`${name} is not reachable at ${host}:${port} (${brokerUrls[name]}); ${hint}`);
}
