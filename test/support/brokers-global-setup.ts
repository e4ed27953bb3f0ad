// Vitest global set-up of the end-to-end tests: brings up the brokers they talk to. A broker whose URL variable is
// set (OTEL_CODEMOD_REDIS_URL, OTEL_CODEMOD_NATS_URL, OTEL_CODEMOD_AMQP_URL) is used as it is; the others are
// started privately on free loopback ports and stopped when the run ends. A broker that cannot start fails the run.
import type { TestProject } from 'vitest/node';
import { BROKER_PROGRAMS, BROKER_STARTERS, type BrokerName, type RunningServer } from './broker-servers.js';
import { ensurePrograms } from './debian-packages.js';

export const BROKER_URL_VARIABLES: Record<BrokerName, string> = {
  redis: 'OTEL_CODEMOD_REDIS_URL',
  nats: 'OTEL_CODEMOD_NATS_URL',
  amqp: 'OTEL_CODEMOD_AMQP_URL',
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each broker is, and which ones this run started itself. */
    brokers: { urls: Record<BrokerName, string>; started: BrokerName[] };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names = Object.keys(BROKER_URL_VARIABLES) as BrokerName[];
  const toStart = names.filter((name) => !process.env[BROKER_URL_VARIABLES[name]]);
  ensurePrograms(toStart.map((name) => BROKER_PROGRAMS[name]));
  const results = await Promise.allSettled(toStart.map((name) => BROKER_STARTERS[name]()));
  const running = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = () => Promise.all(running.map((server: RunningServer) => server.stop())).then(() => undefined);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
  if (failures.length > 0) {
    await stopAll();
    throw new Error(`the end-to-end tests' brokers could not start:\n\n${failures.map((error) => error.message).join('\n\n')}`);
  }
  const urls = Object.fromEntries(names.map((name) => [name, process.env[BROKER_URL_VARIABLES[name]] ?? running[toStart.indexOf(name)]!.url])) as Record<BrokerName, string>;
  project.provide('brokers', { urls, started: toStart });
  return stopAll;
}
