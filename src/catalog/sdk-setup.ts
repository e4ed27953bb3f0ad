/** What OpenTelemetry SDK set-up code looks like, for otel/sdk-production-config. */

/** SDK classes are only recognised when imported from a module with this prefix. */
export const SDK_MODULE_PREFIX = '@opentelemetry/';

/** Processors that export each span (or log record) as it ends and block on the export → their batching twin. */
export const SIMPLE_PROCESSORS: Readonly<Record<string, string>> = {
  SimpleSpanProcessor: 'BatchSpanProcessor',
  SimpleLogRecordProcessor: 'BatchLogRecordProcessor',
};

/** Exporters that send over the network (by exported class name, from any module). Console and in-memory ones are fine. */
export const NETWORK_EXPORTERS: readonly string[] = [
  'OTLPTraceExporter',
  'OTLPLogExporter',
  'ZipkinExporter',
  'JaegerExporter',
  'CollectorTraceExporter',
  'TraceExporter', // @google-cloud/opentelemetry-cloud-trace-exporter
  'AzureMonitorTraceExporter',
  'AzureMonitorLogExporter',
  'AWSXRaySpanExporter',
];

/** Modules whose `TraceExporter` export is a network exporter (the name alone is too common). */
export const GENERIC_EXPORTER_MODULES: Readonly<Record<string, readonly string[]>> = {
  TraceExporter: ['@google-cloud/opentelemetry-cloud-trace-exporter'],
};

/** Samplers that keep every trace. */
export const ALWAYS_ON_SAMPLERS: readonly string[] = ['AlwaysOnSampler'];

/** Samplers whose first argument is the ratio of traces kept (1 keeps all). */
export const RATIO_SAMPLERS: readonly string[] = ['TraceIdRatioBasedSampler'];

/** SDK classes that buffer telemetry until shut down → the methods that start or install them. */
export const SDK_START_METHODS: Readonly<Record<string, readonly string[]>> = {
  NodeSDK: ['start'],
  NodeTracerProvider: ['register'],
  // 2.x has no register(): started by trace.setGlobalTracerProvider(provider) (GLOBAL_PROVIDER_SETTERS).
  BasicTracerProvider: [],
};

/** Functions that install a provider globally, which counts as starting it: `trace.setGlobalTracerProvider(p)`. */
export const GLOBAL_PROVIDER_SETTERS: readonly string[] = ['setGlobalTracerProvider'];

export const SDK_SHUTDOWN_METHOD = 'shutdown';

/** The signal orchestrators (Kubernetes, ECS, systemd, docker stop) send before killing the process. */
export const SHUTDOWN_SIGNAL = 'SIGTERM';

/** `process.on(signal, handler)` and its siblings. */
export const PROCESS_LISTENER_METHODS: readonly string[] = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];

/** Names in a condition that make it an environment check: `process.env.X`, `isDevelopment`, `config.env`. */
export const ENVIRONMENT_CHECK_NAME = /env|^is(?:dev|prod|local|test|debug|ci)|development|production|debug|staging/i;

/**
 * Example, sample, demo and script files: development set-up, not what runs in production. Relative to the working
 * directory; a glob without `/` matches the file name in any folder.
 */
export const DEFAULT_DEVELOPMENT_FILES: readonly string[] = [
  '**/{example,examples,sample,samples,demo,demos,scripts}/**',
  // sample-app/, examples-node/: a folder named for its purpose first. Not `*-demo/`: that is also how whole
  // repositories are named (opentelemetry-demo), and their services run in production.
  '**/{example,examples,sample,samples,demo,demos}-*/**',
  '*.{example,sample,demo}.*',
];

/** Exporters that print or keep spans in memory: a simple processor around one has nothing buffered to lose. */
export const LOCAL_EXPORTERS: readonly string[] = ['ConsoleSpanExporter', 'InMemorySpanExporter', 'ConsoleLogRecordExporter', 'InMemoryLogRecordExporter'];

/** SDK classes that buffer telemetry before export: any of them in the file makes a shutdown matter. */
export const BUFFERING_CLASSES: readonly string[] = ['BatchSpanProcessor', 'BatchLogRecordProcessor', 'PeriodicExportingMetricReader'];

