import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CodePathTracker, mergeListeners, type CodePath, type CodePathSegment } from '../src/lint/code-path-tracker.js';
import { createRule } from '../src/lint/create-rule.js';
import { findUncoveredThrowingNode, isInsideEndingFinally } from '../src/lint/exception-paths.js';
import { getSpanStartCall } from '../src/lint/otel-calls.js';
import { describeJump, findLeakingPath, type JumpNode } from '../src/lint/span-paths.js';
import { getSpanDisplayName, getSpanUsage, getTrackedSpan, getUnassignedStartFate, type TrackedSpan } from '../src/lint/span-usage.js';
import { buildTryFinallyFix, getFollowingStatements } from '../src/lint/wrap-in-try-finally.js';

export type Options = [
  {
    checkExceptionPaths?: boolean;
    startSpanFunctions?: string[];
    endSpanFunctions?: string[];
  },
];
export type MessageId = 'neverEnded' | 'discarded' | 'notEndedOnPath' | 'notEndedOnThrow' | 'notEndedOnException' | 'wrapInTryFinally';

interface PendingSpan extends TrackedSpan {
  /** Where the report goes: the callee of the start call (`tracer.startSpan`). */
  reportNode: TSESTree.Node;
  codePath: CodePath;
  startSegments: CodePathSegment[];
}

export default createRule<Options, MessageId>({
  name: 'span-must-end',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every started span to be ended on every path, including thrown errors',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      neverEnded: 'Span {{name}} is started but never ended: it will never be exported.',
      discarded: 'Span {{name}} is started and thrown away: nothing can end it.',
      notEndedOnPath: 'Span {{name}} is not ended on the path that leaves at line {{line}} ({{how}}).',
      notEndedOnThrow: 'Span {{name}} is not ended when the error thrown at line {{line}} leaves the function.',
      notEndedOnException: 'Span {{name}} is not ended if {{what}} at line {{line}} throws: end it in a finally block.',
      wrapInTryFinally: 'Wrap the work after the start in try { … } finally { {{variable}}.end() }.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkExceptionPaths: {
            type: 'boolean',
            description: 'Report calls, `new`, `await` and `yield` between start and end that may throw past the end.',
          },
          startSpanFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra function or method names that return a span the caller must end (e.g. `startInactiveSpan`).',
          },
          endSpanFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Helpers that end the span passed to them (e.g. `finishSpan`).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkExceptionPaths: true, startSpanFunctions: [], endSpanFunctions: [] }],
  create(context, [options]) {
    const endSpanFunctions = options.endSpanFunctions ?? [];
    const usageOptions = { endSpanFunctions };
    const pending: PendingSpan[] = [];
    const segmentsByCall = new Map<TSESTree.Node, CodePathSegment[]>();
    const jumpsBySegment = new Map<CodePathSegment, JumpNode[]>();

    const pendingCallbacks = new Map<TSESTree.Node, TrackedSpan & { reportNode: TSESTree.Node }>();
    const tracker = new CodePathTracker(
      (codePath) => {
        for (const span of pending.filter((candidate) => candidate.codePath === codePath)) checkSpan(span);
      },
      (codePath, node) => {
        // A startActiveSpan callback's span is bound when the callback's own code path begins.
        const span = pendingCallbacks.get(node);
        if (span) pending.push({ ...span, codePath, startSegments: [codePath.initialSegment] });
      },
    );

    function recordJump(node: JumpNode): void {
      for (const segment of tracker.getCurrentSegments()) {
        const jumps = jumpsBySegment.get(segment) ?? [];
        jumps.push(node);
        jumpsBySegment.set(segment, jumps);
      }
    }

    function checkSpan(span: PendingSpan): void {
      const usage = getSpanUsage(span, usageOptions);
      if (usage.escape) return;
      const data = { name: span.displayName };
      const reportNode = span.reportNode;
      if (usage.endCalls.length === 0) {
        context.report({ node: reportNode, messageId: 'neverEnded', data, suggest: getSuggestions(span) });
        return;
      }
      const endingSegments = new Set(usage.endCalls.flatMap((call) => segmentsByCall.get(call) ?? []));
      for (const [segment, jumps] of jumpsBySegment) {
        if (jumps.some((jump) => isLoopJump(jump) && isInsideEndingFinally(jump, span.scopeNode, usage.endCalls))) endingSegments.add(segment);
      }
      const startOffset = span.startNode.range[0];
      const leak = findLeakingPath(span.codePath, span.startSegments, endingSegments, jumpsBySegment, startOffset);
      // ESLint's own throw edge out of a try block is an exception path: the pass below names the call.
      if (leak && (!leak.throws || leak.jump?.type === AST_NODE_TYPES.ThrowStatement)) {
        const line = leak.jump?.loc.start.line ?? span.scopeNode.loc.end.line;
        const messageId = leak.throws ? 'notEndedOnThrow' : 'notEndedOnPath';
        context.report({ node: reportNode, messageId, data: { name: span.displayName, line, how: describeJump(leak.jump) }, suggest: getSuggestions(span) });
        return;
      }
      if (options.checkExceptionPaths === false) return;
      const throwing = findUncoveredThrowingNode(span, usage.endCalls);
      if (throwing) {
        const text = context.sourceCode.getText(throwing).split('\n')[0]!;
        const what = text.length > 40 ? `${text.slice(0, 39)}…` : text;
        context.report({ node: reportNode, messageId: 'notEndedOnException', data: { name: span.displayName, what: `\`${what}\``, line: throwing.loc.start.line }, suggest: getSuggestions(span) });
      }
    }

    function isLoopJump(jump: JumpNode): boolean {
      return jump.type === AST_NODE_TYPES.BreakStatement || jump.type === AST_NODE_TYPES.ContinueStatement;
    }

    function getSuggestions(span: PendingSpan): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statements = getWrappableStatements(span);
      const fix = statements ? buildTryFinallyFix(context.sourceCode, statements, span.variable.name) : undefined;
      return fix ? [{ messageId: 'wrapInTryFinally', data: { variable: span.variable.name }, fix }] : [];
    }

    function getWrappableStatements(span: PendingSpan): TSESTree.ProgramStatement[] | undefined {
      if (span.startNode.type === AST_NODE_TYPES.CallExpression) {
        const declaration = span.startNode.parent;
        const statement = declaration?.parent;
        if (declaration?.type !== AST_NODE_TYPES.VariableDeclarator || statement?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
        return getFollowingStatements(statement);
      }
      if ((span.startNode.type === AST_NODE_TYPES.ArrowFunctionExpression || span.startNode.type === AST_NODE_TYPES.FunctionExpression) && span.startNode.body.type === AST_NODE_TYPES.BlockStatement) {
        return span.startNode.body.body;
      }
      return undefined;
    }

    function trackStart(call: TSESTree.CallExpression): void {
      const start = getSpanStartCall(call, context, { startSpanFunctions: options.startSpanFunctions });
      const codePath = tracker.getCurrentCodePath();
      if (!start || !codePath) return;
      const span = getTrackedSpan(start, context);
      if (span && start.kind === 'startActiveSpan') {
        pendingCallbacks.set(span.startNode, { ...span, reportNode: call.callee });
      } else if (span) {
        pending.push({ ...span, reportNode: call.callee, codePath, startSegments: tracker.getCurrentSegments() });
      } else if (start.kind !== 'startActiveSpan' && getUnassignedStartFate(call) === 'discarded') {
        context.report({ node: call.callee, messageId: 'discarded', data: { name: getSpanDisplayName(call, context.sourceCode) } });
      }
    }

    return mergeListeners(tracker.getListeners(), {
      CallExpression(node) {
        segmentsByCall.set(node, tracker.getCurrentSegments());
        trackStart(node);
      },
      ReturnStatement: recordJump,
      ThrowStatement: recordJump,
      BreakStatement: recordJump,
      ContinueStatement: recordJump,
    });
  },
});
