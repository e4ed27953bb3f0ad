import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { PROMISE_CATCH_METHODS } from '../src/catalog/error-flow.js';
import { OTEL_API_MODULE, STATUS_CODE_ENUM, STATUS_CODE_ERROR_MEMBER } from '../src/catalog/otel-api.js';
import { getPropertyName, isFunctionNode } from '../src/lint/ast.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { getLocalFunction } from '../src/lint/local-functions.js';
import { mayStartSpans } from '../src/lint/file-gates.js';
import { getErrorPropagation, getSpanErrorHandling, setsErrorStatusFromResponse } from '../src/lint/error-handling.js';
import { getSpanStartCall } from '../src/lint/otel-calls.js';
import { getEnclosingFunction, getTrackedSpan, type TrackedSpan } from '../src/lint/span-usage.js';

export type Options = [
  {
    startSpanFunctions?: string[];
    tracerModules?: string[];
    testFiles?: string[];
  },
];
export type MessageId = 'missingErrorStatus' | 'missingRecordException' | 'missingBoth' | 'addErrorRecording';

type Handler = { node: TSESTree.Node; body: TSESTree.Node; errorName: string | undefined; site: TSESTree.Node };

export default createRule<Options, MessageId>({
  name: 'span-error-status',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a catch that passes an error on to record it on the span and set an ERROR status',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      missingBoth: 'This catch {{how}} but span {{name}} gets neither recordException(…) nor setStatus({ code: SpanStatusCode.ERROR }): the trace will show a successful span.',
      missingRecordException: 'This catch {{how}} but span {{name}} gets no recordException(…): the error and its stack are lost from the trace.',
      missingErrorStatus: 'This catch {{how}} but span {{name}} gets no setStatus({ code: SpanStatusCode.ERROR }): the span will not show as failed.',
      addErrorRecording: 'Record the error on {{span}} and set its status to ERROR.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          startSpanFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra function or method names that return a span (e.g. `startInactiveSpan`).',
          },
          tracerModules: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Packages besides `@opentelemetry/*` whose tracers hand out OpenTelemetry spans.',
          },
          testFiles: testFilesOptionSchema('a failing call already fails the test'),
        },
      },
    ],
  },
  defaultOptions: [{ startSpanFunctions: [], tracerModules: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    /** A same-file function called by name: its body, for closures that record the error on the span. */
    const resolveClosureBody = (callee: TSESTree.Identifier): TSESTree.Node | undefined => getLocalFunction(callee, context)?.body;
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // Only started spans are followed: no start in the text, nothing to check.
    if (!mayStartSpans(context.sourceCode, options.startSpanFunctions)) return {};
    const spans: TrackedSpan[] = [];
    const isTypeScript = /\.[mc]?tsx?$/i.test(context.filename);

    /** The open span whose lifetime holds `site`: started before it in the same function, not ended before it. */
    function getOpenSpan(site: TSESTree.Node): TrackedSpan | undefined {
      const scope = getEnclosingFunction(site);
      const candidates = spans.filter((span) => span.scopeNode === scope && span.startNode.range[0] < site.range[0] && !isEndedBefore(span, site));
      return candidates.at(-1);
    }

    function isEndedBefore(span: TrackedSpan, site: TSESTree.Node): boolean {
      return span.variable.references.some((reference) => {
        const member = reference.identifier.parent;
        return (
          member?.type === AST_NODE_TYPES.MemberExpression &&
          getPropertyName(member) === 'end' &&
          member.parent?.type === AST_NODE_TYPES.CallExpression &&
          getEnclosingFunction(member) === span.scopeNode &&
          member.range[1] < site.range[0]
        );
      });
    }

    /**
     * An enclosing try (inside the span's lifetime) whose own catch records the error covers a rethrow. An error
     * handed to a callback (`next(err)`) never reaches that catch, so it is not covered.
     */
    function isHandledByOuterCatch(site: TSESTree.Node, span: TrackedSpan): boolean {
      let child: TSESTree.Node = site;
      for (let current = site.parent; current && current !== span.scopeNode; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.TryStatement || child !== current.block || !current.handler) continue;
        const handling = getSpanErrorHandling(current.handler.body, span.variable.name, context.sourceCode, resolveClosureBody);
        if (handling.delegated || (handling.recordsException && handling.setsErrorStatus)) return true;
      }
      return false;
    }

    /**
     * A `finally` around the handler (inside the span's lifetime) that sets ERROR from the response's status code: the
     * answer decides the status (an Express error handler may answer an error handed to `next(err)` with a 4xx), so a
     * catch that records the error has done its part.
     */
    function isStatusDecidedByResponse(site: TSESTree.Node, span: TrackedSpan): boolean {
      let child: TSESTree.Node | undefined;
      for (let current: TSESTree.Node | undefined = site; current && current !== span.scopeNode; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.TryStatement || !current.finalizer || child === current.finalizer) continue;
        if (setsErrorStatusFromResponse(current.finalizer, span.variable.name, context.sourceCode)) return true;
      }
      return false;
    }

    function checkHandler(handler: Handler): void {
      const span = getOpenSpan(handler.site);
      if (!span) return;
      const how = getErrorPropagation(handler.body, handler.errorName, context.sourceCode);
      if (!how) return;
      const handling = getSpanErrorHandling(handler.body, span.variable.name, context.sourceCode, resolveClosureBody);
      if (handling.delegated || (handling.recordsException && handling.setsErrorStatus)) return;
      if (!how.startsWith('passes it to') && isHandledByOuterCatch(handler.site, span)) return;
      if (handling.recordsException && isStatusDecidedByResponse(handler.site, span)) return;
      const messageId = !handling.recordsException && !handling.setsErrorStatus ? 'missingBoth' : handling.recordsException ? 'missingErrorStatus' : 'missingRecordException';
      context.report({
        node: handler.node,
        messageId,
        data: { how, name: span.displayName },
        suggest: getSuggestion(handler, span, handling),
      });
    }

    function getSuggestion(handler: Handler, span: TrackedSpan, handling: { recordsException: boolean; setsErrorStatus: boolean }): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statusRef = getStatusCodeReference(handler.body);
      if (handler.body.type !== AST_NODE_TYPES.BlockStatement || !handler.errorName || (!handling.setsErrorStatus && !statusRef)) return [];
      const error = handler.errorName;
      const lines: string[] = [];
      if (!handling.recordsException) lines.push(`${span.variable.name}.recordException(${isTypeScript ? `${error} as Error` : error});`);
      if (!handling.setsErrorStatus) lines.push(`${span.variable.name}.setStatus({ code: ${statusRef}.${STATUS_CODE_ERROR_MEMBER}, message: ${error} instanceof Error ? ${error}.message : String(${error}) });`);
      const body = handler.body;
      const text = context.sourceCode.text;
      const first = body.body[0];
      const lineStart = text.lastIndexOf('\n', (first ?? body).range[0] - 1) + 1;
      const indent = first ? /^[ \t]*/.exec(text.slice(lineStart))![0] : `${/^[ \t]*/.exec(text.slice(lineStart))![0]}  `;
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const insertion = lines.map((line) => `${eol}${indent}${line}`).join('');
      return [{ messageId: 'addErrorRecording', data: { span: span.variable.name }, fix: (fixer) => fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], insertion) }];
    }

    /** How the file refers to SpanStatusCode, when it is in scope: `SpanStatusCode` or `api.SpanStatusCode`. */
    function getStatusCodeReference(node: TSESTree.Node): string | undefined {
      for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node); scope; scope = scope.upper) {
        if (scope.set.has(STATUS_CODE_ENUM)) return STATUS_CODE_ENUM;
        for (const variable of scope.variables) {
          const definition = variable.defs[0];
          const parent = definition?.type === 'ImportBinding' ? definition.parent : undefined;
          if (definition?.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier && parent?.type === AST_NODE_TYPES.ImportDeclaration && parent.source.value === OTEL_API_MODULE) {
            return `${variable.name}.${STATUS_CODE_ENUM}`;
          }
        }
      }
      return undefined;
    }

    return {
      CallExpression(node) {
        const start = getSpanStartCall(node, context, { startSpanFunctions: options.startSpanFunctions, tracerModules: options.tracerModules });
        const span = start && getTrackedSpan(start, context);
        if (span) spans.push(span);
        // promise.catch((error) => { …; throw error; })
        const callee = node.callee;
        const callback = node.arguments[0];
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          PROMISE_CATCH_METHODS.includes(getPropertyName(callee) ?? '') &&
          callback &&
          isFunctionNode(callback)
        ) {
          const parameter = callback.params[0];
          checkHandler({ node: callee.property, body: callback.body, errorName: parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : undefined, site: node });
        }
      },
      CatchClause(node) {
        const parameter = node.param;
        checkHandler({ node: node, body: node.body, errorName: parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : undefined, site: node.parent });
      },
    };
  },
});
