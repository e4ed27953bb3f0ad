import rule from '../../rules/sdk-production-config.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

const BASE = "import { SimpleSpanProcessor, BatchSpanProcessor, AlwaysOnSampler, TraceIdRatioBasedSampler, ParentBasedSampler, ConsoleSpanExporter, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';";
const OTLP = "import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';";
const SDK = "import { NodeSDK } from '@opentelemetry/sdk-node';";

ruleTester.run('sdk-production-config', rule, {
  valid: [
    // batch processor around a network exporter: the production set-up
    `${BASE}\n${OTLP}\nconst p = new BatchSpanProcessor(new OTLPTraceExporter());`,
    // simple processor around the console exporter: nothing waits on the network
    `${BASE}\nconst p = new SimpleSpanProcessor(new ConsoleSpanExporter());`,
    // simple processor around the in-memory exporter (tests, demos)
    `${BASE}\nconst p = new SimpleSpanProcessor(new InMemorySpanExporter());`,
    // a SimpleSpanProcessor class of the project's own, not the SDK's
    `${OTLP}\nclass SimpleSpanProcessor { constructor(e) {} }\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`,
    // an exporter whose origin is unknown (a parameter): not reported
    `${BASE}\nexport function make(exporter) { return new SimpleSpanProcessor(exporter); }`,
    // an exporter variable that may be reassigned: not followed
    `${BASE}\n${OTLP}\nlet exporter = new OTLPTraceExporter();\nexporter = pick();\nconst p = new SimpleSpanProcessor(exporter);`,
    // a TraceExporter that is not Google Cloud's
    `${BASE}\nimport { TraceExporter } from './my-exporter';\nconst p = new SimpleSpanProcessor(new TraceExporter());`,
    // a ratio below 1
    `${BASE}\nconst s = new TraceIdRatioBasedSampler(0.1);`,
    // a ratio read from configuration
    `${BASE}\nconst s = new TraceIdRatioBasedSampler(Number(process.env.OTEL_RATIO ?? '0.1'));`,
    // AlwaysOnSampler only when NODE_ENV says development
    `${BASE}\nconst s = process.env.NODE_ENV === 'development' ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(0.05);`,
    // AlwaysOnSampler inside an if on the environment
    `${BASE}\nlet sampler;\nif (process.env.DEBUG_TRACING) {\n  sampler = new AlwaysOnSampler();\n}`,
    // in the else branch of an environment check
    `${BASE}\nlet sampler;\nif (isProduction) {\n  sampler = new TraceIdRatioBasedSampler(0.1);\n} else {\n  sampler = new AlwaysOnSampler();\n}`,
    // behind && on a development flag
    `${BASE}\nconst extra = config.isDev && new AlwaysOnSampler();`,
    // import.meta.env check (Vite)
    `${BASE}\nconst s = import.meta.env.DEV ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(0.1);`,
    // switch on the environment
    `${BASE}\nfunction pick(env) {\n  switch (env) {\n    case 'development':\n      return new AlwaysOnSampler();\n    default:\n      return new TraceIdRatioBasedSampler(0.1);\n  }\n}`,
    // an AlwaysOnSampler of the project's own
    `class AlwaysOnSampler {}\nconst s = new AlwaysOnSampler();`,
    // a test file: not production set-up
    { code: `${BASE}\nconst s = new AlwaysOnSampler();`, filename: 'src/tracing.test.ts' },
    // a file under __tests__
    { code: `${BASE}\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`, filename: 'src/__tests__/setup.ts' },
    // a file the option marks as development set-up
    { code: `${BASE}\nconst s = new AlwaysOnSampler();`, filename: 'src/tracing.dev.ts', options: [{ developmentFiles: ['**/*.dev.ts'] }] },
    // a development folder given by a path glob
    { code: `${BASE}\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`, filename: 'scripts/local/otel.ts', options: [{ developmentFiles: ['scripts/local/**'] }] },
    // any condition chooses the sampler at run time: which one runs depends on what the rule cannot read
    `${BASE}\nconst s = retries > 3 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(0.1);`,
    // a switch on the service's own configuration (OTEL_TRACES_SAMPLER read by hand)
    `${BASE}\nfunction createSampler(config) {\n  switch (config.tracing.sampler) {\n    case 'always_on':\n      return new AlwaysOnSampler();\n    case 'traceidratio':\n      return new TraceIdRatioBasedSampler(config.tracing.ratio);\n    default:\n      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.1) });\n  }\n}`,
    // a lookup table from user input to samplers
    `${BASE}\nconst SAMPLERS = {\n  always_on: new AlwaysOnSampler(),\n  ratio: new TraceIdRatioBasedSampler(0.25),\n};\nexport const sampler = SAMPLERS[options.sampler] ?? SAMPLERS.ratio;`,
    // a default when the caller passes none
    `${BASE}\nexport function setup(options) {\n  return { sampler: options.sampler ?? new AlwaysOnSampler() };\n}`,
    // an if on a flag of the service's own
    `${BASE}\nlet sampler = new TraceIdRatioBasedSampler(0.1);\nif (flags.traceEverything) {\n  sampler = new AlwaysOnSampler();\n}`,
    // an examples folder: development set-up
    { code: `${BASE}\nconst s = new AlwaysOnSampler();`, filename: 'examples/express/tracing.ts' },
    // a sample app
    { code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();`, filename: 'sample-app/src/instrumentation.ts' },
    // a demo folder deep in a monorepo
    { code: `${BASE}\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`, filename: 'packages/web/demo/otel.js' },
    // a script run by hand
    { code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();`, filename: 'scripts/send-test-trace.mjs' },
    // an `.example.` file copied by users
    { code: `${BASE}\nconst s = new AlwaysOnSampler();`, filename: 'src/tracing.example.ts' },
    // a test folder deep in a monorepo package
    { code: `${BASE}\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`, filename: 'packages/mcp/test/server.ts' },
    // simple or batch chosen from configuration: a choice, like a sampler
    `${BASE}\n${OTLP}\nconst exporter = new OTLPTraceExporter();\nexport const processor = process.argv.includes('--batch') ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
    // a library creates a provider around its own processor and hands the processor back to flush after each run
    `import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';\nimport { trace } from '@opentelemetry/api';\nimport { RunSpanProcessor } from './processor';\nexport function createProvider() {\n  const processor = new RunSpanProcessor();\n  const provider = new BasicTracerProvider({ spanProcessors: [processor] });\n  if (!trace.setGlobalTracerProvider(provider)) return { success: false };\n  return { success: true, processor };\n}`,
    // every processor is simple and prints to the console: nothing buffered, nothing lost without a shutdown
    `${SDK}\n${BASE}\nconst sdk = new NodeSDK({\n  serviceName: 'worker',\n  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],\n});\nsdk.start();`,
    // a tracer provider with a console exporter held in a const
    `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\n${BASE}\nconst exporter = new ConsoleSpanExporter();\nconst provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });\nprovider.register();`,
    // SDK started and shut down on SIGTERM
    `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nprocess.on('SIGTERM', () => {\n  sdk.shutdown().finally(() => process.exit(0));\n});`,
    // shutdown in a named function registered for SIGTERM with once
    `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nasync function stop() {\n  await sdk.shutdown();\n}\nprocess.once('SIGTERM', stop);`,
    // listeners registered for a list of signals
    `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nfor (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => sdk.shutdown());`,
    // the SDK is exported: its owner shuts it down
    `${SDK}\nexport const sdk = new NodeSDK({});\nsdk.start();`,
    // the SDK is handed to a helper that installs the shutdown
    `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nregisterGracefulShutdown(sdk);`,
    // the SDK is created but never started in this file
    `${SDK}\nconst sdk = new NodeSDK({});\nexport default function start() { return sdk; }`,
    // a provider that is only used to get a tracer, never installed globally
    `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nconst provider = new NodeTracerProvider();\nconst tracer = provider.getTracer('x');`,
    // provider registered and shut down on SIGTERM (globalThis.process)
    `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nconst provider = new NodeTracerProvider();\nprovider.register();\nglobalThis.process.on('SIGTERM', () => provider.shutdown());`,
    // a NodeSDK of another package
    `import { NodeSDK } from './fake-sdk';\nnew NodeSDK().start();`,
    // an early return that is not about the environment does not count, but the sampler is behind an env ternary
    `${BASE}\nfunction sampler(n) {\n  if (n > 3) return undefined;\n  return process.env.ALL ? new AlwaysOnSampler() : undefined;\n}`,
    // a type-only import of the processor class cannot build anything
    `import type { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\ndeclare const P: typeof SimpleSpanProcessor;\nconst p = new P(new OTLPTraceExporter());`,
    // AlwaysOnSampler after an early return guarded by the environment
    `${BASE}\nfunction sampler() {\n  if (process.env.NODE_ENV === 'production') return new TraceIdRatioBasedSampler(0.1);\n  return new AlwaysOnSampler();\n}`,
  ],
  invalid: [
    // SimpleSpanProcessor around the OTLP exporter: blocks on each span
    {
      code: `import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`,
      errors: [
        {
          messageId: 'simpleProcessor',
          data: { processor: 'SimpleSpanProcessor', batch: 'BatchSpanProcessor', item: 'span' },
          line: 3,
          column: 11,
          suggestions: [
            {
              messageId: 'useBatchProcessor',
              data: { batch: 'BatchSpanProcessor' },
              output: `import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst p = new BatchSpanProcessor(new OTLPTraceExporter());`,
            },
          ],
        },
      ],
    },
    // BatchSpanProcessor already imported: only the constructor changes
    {
      code: `${BASE}\n${OTLP}\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`,
      errors: [
        {
          messageId: 'simpleProcessor',
          line: 3,
          column: 11,
          suggestions: [{ messageId: 'useBatchProcessor', data: { batch: 'BatchSpanProcessor' }, output: `${BASE}\n${OTLP}\nconst p = new BatchSpanProcessor(new OTLPTraceExporter());` }],
        },
      ],
    },
    // the exporter through a const
    {
      code: `${BASE}\n${OTLP}\nconst exporter = new OTLPTraceExporter({ url });\nconst p = new SimpleSpanProcessor(exporter);`,
      errors: [{ messageId: 'simpleProcessor', line: 4, column: 11, suggestions: [{ messageId: 'useBatchProcessor', output: `${BASE}\n${OTLP}\nconst exporter = new OTLPTraceExporter({ url });\nconst p = new BatchSpanProcessor(exporter);` }] }],
    },
    // inside the NodeSDK options (spanProcessors array)
    {
      code: `${SDK}\nimport { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';\nimport { ZipkinExporter } from '@opentelemetry/exporter-zipkin';\nexport const sdk = new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(new ZipkinExporter())] });`,
      errors: [
        {
          messageId: 'simpleProcessor',
          line: 4,
          column: 51,
          suggestions: [
            {
              messageId: 'useBatchProcessor',
              output: `${SDK}\nimport { BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';\nimport { ZipkinExporter } from '@opentelemetry/exporter-zipkin';\nexport const sdk = new NodeSDK({ spanProcessors: [new BatchSpanProcessor(new ZipkinExporter())] });`,
            },
          ],
        },
      ],
    },
    // addSpanProcessor on a provider (1.x style), OTLP over gRPC
    {
      code: `import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';\nimport { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';\nexport function setup(provider) {\n  provider.addSpanProcessor(new SimpleSpanProcessor(new OTLPTraceExporter()));\n}`,
      errors: [{ messageId: 'simpleProcessor', line: 4, column: 29, suggestions: [{ messageId: 'useBatchProcessor', output: `import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\nimport { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';\nexport function setup(provider) {\n  provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()));\n}` }] }],
    },
    // through the sdk-node `tracing` namespace
    {
      code: `import { tracing } from '@opentelemetry/sdk-node';\n${OTLP}\nconst p = new tracing.SimpleSpanProcessor(new OTLPTraceExporter());`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [{ messageId: 'useBatchProcessor', output: `import { tracing } from '@opentelemetry/sdk-node';\n${OTLP}\nconst p = new tracing.BatchSpanProcessor(new OTLPTraceExporter());` }] }],
    },
    // a namespace import of sdk-trace-base
    {
      code: `import * as base from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst p = new base.SimpleSpanProcessor(new OTLPTraceExporter());`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [{ messageId: 'useBatchProcessor', output: `import * as base from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst p = new base.BatchSpanProcessor(new OTLPTraceExporter());` }] }],
    },
    // CommonJS require
    {
      code: `const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');\nconst { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');\nconst p = new SimpleSpanProcessor(new OTLPTraceExporter());`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [] }],
    },
    // an aliased import: reported, the suggestion would need the alias resolved, so none
    {
      code: `import { SimpleSpanProcessor as Simple } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst p = new Simple(new OTLPTraceExporter());`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [] }],
    },
    // the processor used twice: the import cannot just be renamed
    {
      code: `import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nconst a = new SimpleSpanProcessor(new OTLPTraceExporter());\nconst b = new SimpleSpanProcessor(console);`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [] }],
    },
    // Google Cloud Trace exporter
    {
      code: `${BASE}\nimport { TraceExporter } from '@google-cloud/opentelemetry-cloud-trace-exporter';\nconst p = new SimpleSpanProcessor(new TraceExporter());`,
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 11, suggestions: [{ messageId: 'useBatchProcessor', output: `${BASE}\nimport { TraceExporter } from '@google-cloud/opentelemetry-cloud-trace-exporter';\nconst p = new BatchSpanProcessor(new TraceExporter());` }] }],
    },
    // logs: SimpleLogRecordProcessor around the OTLP log exporter
    {
      code: `import { SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';\nimport { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';\nconst p = new SimpleLogRecordProcessor(new OTLPLogExporter());`,
      errors: [
        {
          messageId: 'simpleProcessor',
          data: { processor: 'SimpleLogRecordProcessor', batch: 'BatchLogRecordProcessor', item: 'log record' },
          line: 3,
          column: 11,
          suggestions: [{ messageId: 'useBatchProcessor', output: `import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';\nimport { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';\nconst p = new BatchLogRecordProcessor(new OTLPLogExporter());` }],
        },
      ],
    },
    // the exporter behind `as` and a non-null assertion
    {
      code: `${BASE}\n${OTLP}\nconst exporter = new OTLPTraceExporter() as OTLPTraceExporter;\nconst p = new SimpleSpanProcessor(exporter!);`,
      errors: [{ messageId: 'simpleProcessor', line: 4, column: 11, suggestions: [{ messageId: 'useBatchProcessor', output: `${BASE}\n${OTLP}\nconst exporter = new OTLPTraceExporter() as OTLPTraceExporter;\nconst p = new BatchSpanProcessor(exporter!);` }] }],
    },
    // an early return on something other than the environment
    {
      code: `${BASE}\nfunction sampler(n) {\n  if (n > 3) return undefined;\n  return new AlwaysOnSampler();\n}`,
      errors: [{ messageId: 'keepsEveryTrace', line: 4, column: 10 }],
    },
    // AlwaysOnSampler with no environment check
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      errors: [{ messageId: 'keepsEveryTrace', data: { sampler: 'AlwaysOnSampler()' }, line: 2, column: 11 }],
    },
    // AlwaysOnSampler as the root of ParentBasedSampler
    {
      code: `${BASE}\nconst s = new ParentBasedSampler({ root: new AlwaysOnSampler() });`,
      errors: [{ messageId: 'keepsEveryTrace', data: { sampler: 'AlwaysOnSampler()' }, line: 2, column: 42 }],
    },
    // a ratio of 1
    {
      code: `${BASE}\nconst s = new TraceIdRatioBasedSampler(1);`,
      errors: [{ messageId: 'keepsEveryTrace', data: { sampler: 'TraceIdRatioBasedSampler(1)' }, line: 2, column: 11 }],
    },
    // a ratio of 1.0 in the NodeSDK options
    {
      code: `${BASE}\n${SDK}\nexport const sdk = new NodeSDK({ sampler: new TraceIdRatioBasedSampler(1.0) });`,
      errors: [{ messageId: 'keepsEveryTrace', data: { sampler: 'TraceIdRatioBasedSampler(1.0)' }, line: 3, column: 43 }],
    },
    // the environment check guards something else; the sampler is in its condition
    {
      code: `${BASE}\nif (new AlwaysOnSampler() && process.env.X) start();`,
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 5 }],
    },
    // sampler in a file that only looks like a test file by folder name elsewhere
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      filename: 'src/testing-utils/tracing.ts',
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // the testFiles option replaces the defaults
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      filename: 'src/tracing.test.ts',
      options: [{ testFiles: ['e2e/**'] }],
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // developmentFiles that do not match this file
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      filename: 'src/tracing.ts',
      options: [{ developmentFiles: ['**/*.dev.ts'] }],
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // via CommonJS namespace require
    {
      code: `const base = require('@opentelemetry/sdk-trace-base');\nconst s = new base.AlwaysOnSampler();`,
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // a simple console processor next to a batch processor: the batch one still buffers
    {
      code: `${SDK}\n${BASE}\n${OTLP}\nconst sdk = new NodeSDK({\n  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter()), new BatchSpanProcessor(new OTLPTraceExporter())],\n});\nsdk.start();`,
      errors: [{ messageId: 'noShutdownOnSigterm', line: 7, column: 1 }],
    },
    // NodeSDK given an exporter wraps it in a batch processor of its own
    {
      code: `${SDK}\n${BASE}\nconst sdk = new NodeSDK({ traceExporter: new ConsoleSpanExporter(), spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });\nsdk.start();`,
      errors: [{ messageId: 'noShutdownOnSigterm', line: 4, column: 1 }],
    },
    // the option replaces the default development globs: an examples file is checked again
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      filename: 'examples/express/tracing.ts',
      options: [{ developmentFiles: [] }],
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // a repository named like a demo runs its services in production
    {
      code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();`,
      filename: 'open-telemetry/opentelemetry-demo/src/frontend/utils/telemetry/Instrumentation.js',
      errors: [{ messageId: 'noShutdownOnSigterm', line: 3, column: 1 }],
    },
    // a folder merely named like one (examplesite) is not an examples folder
    {
      code: `${BASE}\nconst s = new AlwaysOnSampler();`,
      filename: 'src/examplesite/tracing.ts',
      errors: [{ messageId: 'keepsEveryTrace', line: 2, column: 11 }],
    },
    // the sampler is a plain option of the SDK, not a choice
    {
      code: `${SDK}\n${BASE}\nexport const sdk = new NodeSDK({ sampler: new AlwaysOnSampler() });`,
      errors: [{ messageId: 'keepsEveryTrace', line: 3, column: 43 }],
    },
    // NodeSDK started, no SIGTERM handling at all
    {
      code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();`,
      errors: [{ messageId: 'noShutdownOnSigterm', data: { sdk: 'NodeSDK' }, line: 3, column: 1 }],
    },
    // started inline: nothing can shut it down
    {
      code: `${SDK}\nnew NodeSDK({ serviceName: 'api' }).start();`,
      errors: [{ messageId: 'noShutdownOnSigterm', data: { sdk: 'NodeSDK' }, line: 2, column: 1 }],
    },
    // shutdown only on SIGINT: orchestrators send SIGTERM
    {
      code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nprocess.on('SIGINT', () => sdk.shutdown());`,
      errors: [{ messageId: 'noShutdownOnSigterm', line: 3, column: 1 }],
    },
    // a SIGTERM listener that does not shut the SDK down
    {
      code: `${SDK}\nconst sdk = new NodeSDK({});\nsdk.start();\nprocess.on('SIGTERM', () => server.close());`,
      errors: [{ messageId: 'noShutdownOnSigterm', line: 3, column: 1 }],
    },
    // a tracer provider registered without shutdown
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nconst provider = new NodeTracerProvider({ spanProcessors: [] });\nprovider.register();`,
      errors: [{ messageId: 'noShutdownOnSigterm', data: { sdk: 'NodeTracerProvider' }, line: 3, column: 1 }],
    },
    // a basic provider installed globally without shutdown
    {
      code: `import { trace } from '@opentelemetry/api';\nimport { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';\nconst provider = new BasicTracerProvider();\ntrace.setGlobalTracerProvider(provider);`,
      errors: [{ messageId: 'noShutdownOnSigterm', data: { sdk: 'BasicTracerProvider' }, line: 4, column: 1 }],
    },
    // await sdk.start() inside an async bootstrap
    {
      code: `${SDK}\nconst sdk = new NodeSDK({});\nasync function main() {\n  await sdk.start();\n}`,
      errors: [{ messageId: 'noShutdownOnSigterm', line: 4, column: 9 }],
    },
    // everything at once: three findings
    {
      code: `${BASE}\n${OTLP}\n${SDK}\nconst sdk = new NodeSDK({ sampler: new AlwaysOnSampler(), spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())] });\nsdk.start();`,
      errors: [
        { messageId: 'keepsEveryTrace', line: 4, column: 36 },
        { messageId: 'simpleProcessor', line: 4, column: 76, suggestions: [{ messageId: 'useBatchProcessor', output: `${BASE}\n${OTLP}\n${SDK}\nconst sdk = new NodeSDK({ sampler: new AlwaysOnSampler(), spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });\nsdk.start();` }] },
        { messageId: 'noShutdownOnSigterm', line: 5, column: 1 },
      ],
    },
    // a JavaScript file (espree-compatible syntax) with default export of the processor set-up
    {
      code: `import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nexport default [new SimpleSpanProcessor(new OTLPTraceExporter())];`,
      filename: 'otel.js',
      errors: [{ messageId: 'simpleProcessor', line: 3, column: 17, suggestions: [{ messageId: 'useBatchProcessor', output: `import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\n${OTLP}\nexport default [new BatchSpanProcessor(new OTLPTraceExporter())];` }] }],
    },
  ],
});
