// `npm test` brings up the brokers the end-to-end tests need (test/support/brokers-global-setup.ts): private servers on
// free loopback ports for every OTEL_CODEMOD_*_URL variable that is unset, stopped afterwards, loud when one fails.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { getFreePorts, isPortOpen, startRedis, startServer } from '../support/broker-servers.js';
import { brokerUrls, requireBroker } from '../support/brokers.js';

const DEFAULT_PORTS = { redis: 6379, nats: 4222, amqp: 5672 };

describe('the end-to-end tests\' brokers', () => {
  it('come from the global set-up: the URL variables where set, private servers on free ports otherwise', async () => {
    const brokers = inject('brokers');
    expect(brokers, 'the e2e project runs test/support/brokers-global-setup.ts').toBeDefined();
    expect(brokerUrls).toEqual(brokers.urls);
    for (const name of ['redis', 'nats', 'amqp'] as const) {
      await requireBroker(name);
      const variable = process.env[`OTEL_CODEMOD_${name === 'amqp' ? 'AMQP' : name.toUpperCase()}_URL`];
      if (brokers.started.includes(name)) {
        // A server of its own: not the one a developer may already run on the default port.
        expect(Number(new URL(brokers.urls[name]).port)).not.toBe(DEFAULT_PORTS[name]);
      } else {
        expect(brokers.urls[name]).toBe(variable);
      }
    }
  });
});

describe('startServer', () => {
  it('starts a server in a temporary folder on a free port, and stop() ends it and removes the folder', async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await isPortOpen(redis.port)).toBe(true);
    expect(existsSync(redis.dir)).toBe(true);
    await redis.stop();
    expect(await isPortOpen(redis.port)).toBe(false);
    expect(existsSync(redis.dir)).toBe(false);
  });

  it('fails, never skips, when a server cannot start, and shows the end of its log', async () => {
    const [port] = await getFreePorts(1);
    const dir = mkdtempSync(join(tmpdir(), 'otel-codemod-redis-'));
    const start = startServer({
      name: 'redis',
      command: 'redis-server',
      args: ['--port', String(port), '--no-such-directive', 'x'],
      port: port!,
      url: `redis://127.0.0.1:${port}`,
      dir,
      timeoutMs: 30_000,
    });
    await expect(start).rejects.toThrow(/^redis \(redis-server --port \d+ --no-such-directive x\) exited with code 1\. Its logs, kept in .*\n--- .*console\.log\n[\s\S]*Bad directive or wrong number of arguments/);
    rmSync(dir, { recursive: true, force: true });
  });
});
