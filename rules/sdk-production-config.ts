import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ALWAYS_ON_SAMPLERS, DEFAULT_DEVELOPMENT_FILES, RATIO_SAMPLERS, SDK_MODULE_PREFIX, SDK_START_METHODS, SIMPLE_PROCESSORS } from '../src/catalog/sdk-setup.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { mentionsText } from '../src/lint/file-gates.js';
import { matchesAnyGlob } from '../src/lint/file-globs.js';
import { getImportOrigin, type ImportedName } from '../src/lint/import-origins.js';
import { getSdkClass, getSdkLifecycle, isBehindEnvironmentCheck, isBufferingSetUp, isChosenAtRunTime, isLocalExporter, isNetworkExporter, isSigtermListener } from '../src/lint/sdk-setup.js';

export type Options = [
  {
    developmentFiles?: string[];
    testFiles?: string[];
  },
];
export type MessageId = 'simpleProcessor' | 'keepsEveryTrace' | 'noShutdownOnSigterm' | 'useBatchProcessor';

export default createRule<Options, MessageId>({
  name: 'sdk-production-config',
  meta: {
    type: 'problem',
    docs: {
      description: 'Catch OpenTelemetry SDK set-up that is fine on a laptop and wrong in production',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      simpleProcessor: '{{processor}} exports every {{item}} as it ends and waits on the network each time: use {{batch}}.',
      keepsEveryTrace: '{{sampler}} keeps every trace in production: sample a ratio, or put it behind an environment check.',
      noShutdownOnSigterm: '{{sdk}} is started but not shut down on SIGTERM: what it still buffers is lost when the process is stopped.',
      useBatchProcessor: 'Use {{batch}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          developmentFiles: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Globs (relative to the working directory) of files that set up the SDK for development only (examples, samples, demos, scripts); they are not checked. Replaces the default list.',
          },
          testFiles: testFilesOptionSchema('a test sets up an SDK for itself, never for production'),
        },
      },
    ],
  },
  defaultOptions: [{ developmentFiles: [...DEFAULT_DEVELOPMENT_FILES], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    const skipped = [...(options.developmentFiles ?? DEFAULT_DEVELOPMENT_FILES), ...(options.testFiles ?? DEFAULT_TEST_FILES)];
    // Every SDK class is imported from an @opentelemetry/ package: a file that names none has nothing to check.
    if (!mentionsText(context.sourceCode, SDK_MODULE_PREFIX) || matchesAnyGlob(context.filename, context.cwd, skipped)) return {};
    const sdks: Array<{ node: TSESTree.NewExpression; name: string }> = [];
    let hasSigtermListener = false;
    // Whether something in the file buffers telemetry (a batch processor, a metric reader, a network exporter
    // outside a simple processor); with only simple processors around the console, a lost shutdown loses nothing.
    let buffers = false;
    let simpleLocalProcessors = 0;

    function getBatchSuggestion(node: TSESTree.NewExpression, simple: ImportedName, batch: string): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const callee = node.callee;
      const data = { batch };
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        // sdk.tracing.SimpleSpanProcessor → sdk.tracing.BatchSpanProcessor: same namespace, same package.
        return [{ messageId: 'useBatchProcessor', data, fix: (fixer) => fixer.replaceText(callee.property, batch) }];
      }
      if (callee.type !== AST_NODE_TYPES.Identifier) return [];
      const batchVariable = ASTUtils.findVariable(context.sourceCode.getScope(node), batch);
      const batchIdentifier = batchVariable?.identifiers[0];
      const batchOrigin = batchIdentifier && getImportOrigin(batchIdentifier, context);
      if (batchOrigin?.module === simple.module && batchOrigin.imported === batch) {
        return [{ messageId: 'useBatchProcessor', data, fix: (fixer) => fixer.replaceText(callee, batch) }];
      }
      const specifier = simple.origin.specifier;
      const onlyUse = simple.origin.variable.references.length === 1;
      if (batchVariable || !onlyUse || specifier?.type !== AST_NODE_TYPES.ImportSpecifier || specifier.local.range[0] !== specifier.imported.range[0]) return [];
      return [{ messageId: 'useBatchProcessor', data, fix: (fixer) => [fixer.replaceText(specifier, batch), fixer.replaceText(callee, batch)] }];
    }

    function checkSampler(node: TSESTree.NewExpression, name: string): void {
      const ratio = node.arguments[0];
      const keepsAll =
        ALWAYS_ON_SAMPLERS.includes(name) ||
        (RATIO_SAMPLERS.includes(name) && ratio?.type === AST_NODE_TYPES.Literal && typeof ratio.value === 'number' && ratio.value >= 1);
      if (!keepsAll || isBehindEnvironmentCheck(node, context) || isChosenAtRunTime(node, context)) return;
      context.report({ node, messageId: 'keepsEveryTrace', data: { sampler: context.sourceCode.getText(node).replace(/^new\s+/, '') } });
    }

    return {
      NewExpression(node) {
        const sdkClass = getSdkClass(node, context);
        if (!sdkClass) return;
        const batch = SIMPLE_PROCESSORS[sdkClass.name];
        if (batch && isLocalExporter(node.arguments[0], context)) simpleLocalProcessors++;
        else if (isBufferingSetUp(node, sdkClass.name, context)) buffers = true;
        // A simple processor chosen at run time (`useBatch ? new Batch…(e) : new Simple…(e)`) is a choice, like a sampler.
        if (batch && isNetworkExporter(node.arguments[0], context) && !isChosenAtRunTime(node, context)) {
          context.report({ node, messageId: 'simpleProcessor', data: { processor: sdkClass.name, batch, item: /LogRecord/.test(sdkClass.name) ? 'log record' : 'span' }, suggest: getBatchSuggestion(node, sdkClass, batch) });
        }
        checkSampler(node, sdkClass.name);
        if (Object.hasOwn(SDK_START_METHODS, sdkClass.name)) sdks.push({ node, name: sdkClass.name });
      },
      CallExpression(node) {
        if (isSigtermListener(node)) hasSigtermListener = true;
      },
      'Program:exit'() {
        for (const sdk of sdks) {
          const lifecycle = getSdkLifecycle(sdk.node, sdk.name, context);
          if (!lifecycle.start || lifecycle.handedOff || (lifecycle.shutdown && hasSigtermListener)) continue;
          if (simpleLocalProcessors > 0 && !buffers) continue;
          context.report({ node: lifecycle.start, messageId: 'noShutdownOnSigterm', data: { sdk: sdk.name } });
        }
      },
    };
  },
});
