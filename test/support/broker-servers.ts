// Starts private RabbitMQ, Redis and NATS servers for a test run: each on free loopback ports, with its data and
// logs in a temporary folder, stopped and removed afterwards. Brokers already running on this machine are left alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BrokerName = 'redis' | 'nats' | 'amqp';

/** The program each broker runs; also the name of its Debian package. */
export const BROKER_PROGRAMS: Record<BrokerName, string> = { redis: 'redis-server', nats: 'nats-server', amqp: 'rabbitmq-server' };

export interface RunningServer {
  name: string;
  url: string;
  port: number;
  /** The temporary folder holding its data and logs; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** The port that accepts connections once the server is ready. */
  port: number;
  url: string;
  dir: string;
  timeoutMs: number;
  /** Extra log files to show when it fails (RabbitMQ writes its own next to the console output). */
  logDirs?: string[];
  /** Runs after the process has exited (RabbitMQ's private epmd). */
  afterStop?: () => void;
}

/** Free TCP ports on 127.0.0.1, held together while choosing so that they differ. */
export async function getFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export function isPortOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The last lines of the server's console output and of its own log files, for the error that says it did not start. */
function getLogTail(spec: ServerSpec, consoleLog: string, lines = 40): string {
  const files = [consoleLog, ...(spec.logDirs ?? []).flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((file) => join(dir, file)) : []))];
  return files
    .map((file) => {
      const text = existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : '';
      return `--- ${file}\n${text.split('\n').slice(-lines).join('\n') || '(empty)'}`;
    })
    .join('\n');
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops the server's whole process group: SIGTERM, then SIGKILL when it has not exited within 20 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  if (!(await waitForExit(child, 20_000))) {
    signalGroup('SIGKILL');
    await waitForExit(child, 5_000);
  }
}

/**
 * Starts one server in its own process group and resolves once its port accepts connections. When it exits early
 * or is not ready in time, it is stopped and the error carries the tail of its logs.
 */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const consoleLog = join(spec.dir, 'console.log');
  const out = openSync(consoleLog, 'a');
  const child = spawn(spec.command, spec.args, { cwd: spec.dir, env: { ...process.env, ...spec.env }, stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  child.once('exit', (code, signal) => (exited = signal ? `was killed by ${signal}` : `exited with code ${code}`));
  const stop = async () => {
    await stopProcessGroup(child);
    spec.afterStop?.();
    rmSync(spec.dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + spec.timeoutMs;
  while (!(await isPortOpen(spec.port))) {
    const problem = spawnError ? `could not be run (${spawnError.message})` : exited ?? (Date.now() > deadline ? `did not listen on 127.0.0.1:${spec.port} within ${spec.timeoutMs / 1000} s` : undefined);
    if (problem) {
      const logs = getLogTail(spec, consoleLog);
      await stopProcessGroup(child);
      spec.afterStop?.();
      throw new Error(`${spec.name} (${spec.command} ${spec.args.join(' ')}) ${problem}. Its logs, kept in ${spec.dir}:\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name: spec.name, url: spec.url, port: spec.port, dir: spec.dir, stop };
}

/** The first of `candidates` that is an executable file, or the bare name to find on PATH. */
function findProgram(name: string, candidates: string[]): string {
  return candidates.find((path) => existsSync(path)) ?? name;
}

function makeServerDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `otel-codemod-${name}-`));
}

export async function startRedis(): Promise<RunningServer> {
  const [port] = await getFreePorts(1);
  const dir = makeServerDir('redis');
  return startServer({
    name: 'redis',
    command: findProgram('redis-server', ['/usr/bin/redis-server', '/usr/sbin/redis-server']),
    args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    port: port!,
    url: `redis://127.0.0.1:${port}`,
    dir,
    timeoutMs: 30_000,
  });
}

export async function startNats(): Promise<RunningServer> {
  const [port] = await getFreePorts(1);
  const dir = makeServerDir('nats');
  return startServer({
    name: 'nats',
    command: findProgram('nats-server', ['/usr/sbin/nats-server', '/usr/bin/nats-server']),
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'jetstream')],
    port: port!,
    url: `nats://127.0.0.1:${port}`,
    dir,
    timeoutMs: 30_000,
  });
}

/**
 * RabbitMQ as a node of its own: its own node name, data and log folders, AMQP and distribution ports, Erlang cookie
 * (HOME) and epmd port, so it neither meets nor disturbs a RabbitMQ the machine already runs. Debian's
 * /usr/sbin/rabbitmq-server switches to the rabbitmq user when run as root; the script it wraps runs as whoever calls it.
 */
export async function startRabbitMq(): Promise<RunningServer> {
  const [port, distPort, epmdPort] = await getFreePorts(3);
  const dir = makeServerDir('rabbitmq');
  const nodeName = `otel-codemod-${process.pid}-${port}@localhost`;
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  const env = {
    HOME: dir,
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
  };
  return startServer({
    name: 'rabbitmq',
    command: findProgram('rabbitmq-server', ['/usr/lib/rabbitmq/bin/rabbitmq-server']),
    args: [],
    env,
    port: port!,
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    dir,
    timeoutMs: 120_000,
    logDirs: [join(dir, 'log')],
    // The node started a private epmd on its own port; it outlives the node unless told to stop.
    afterStop: () => {
      spawnSync(findProgram('epmd', ['/usr/bin/epmd']), ['-port', String(epmdPort), '-kill'], { stdio: 'ignore', timeout: 10_000 });
    },
  });
}

export const BROKER_STARTERS: Record<BrokerName, () => Promise<RunningServer>> = { redis: startRedis, nats: startNats, amqp: startRabbitMq };
