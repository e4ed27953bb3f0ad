import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CodePathTracker, mergeListeners, type CodePath, type CodePathSegment } from '../src/lint/code-path-tracker.js';
import { DEFAULT_TEST_FILES } from '../src/catalog/test-files.js';
import { isFunctionNode } from '../src/lint/ast.js';
import { isSkippedTestFile, testFilesOptionSchema } from '../src/lint/test-files-option.js';
import { createRule } from '../src/lint/create-rule.js';
import { mayStartSpans } from '../src/lint/file-gates.js';
import { createThrowClassifier, findUncoveredThrowingNode, isInsideEndingFinally, isThrowCandidate, type ExceptionPolicy, type ThrowingNode } from '../src/lint/exception-paths.js';
import { getSpanStartCall } from '../src/lint/otel-calls.js';
import { describeJump, findLeakingPath, isImplicitThrow, type JumpNode } from '../src/lint/span-paths.js';
import { getSpanDisplayName, getSpanUsage, getTrackedSpan, getUnassignedStartFate, type SpanUsage, type TrackedSpan } from '../src/lint/span-usage.js';
import { buildTryFinallyFix, getFollowingStatements } from '../src/lint/wrap-in-try-finally.js';

export type Options = [
  {
    checkExceptionPaths?: boolean | ExceptionPolicy;
    startSpanFunctions?: string[];
    endSpanFunctions?: string[];
    successOnlyFunctions?: string[];
    tracerModules?: string[];
    testFiles?: string[];
  },
];
export type MessageId = 'neverEnded' | 'discarded' | 'notEndedOnPath' | 'notEndedOnThrow' | 'notEndedOnException' | 'notEndedOnFailure' | 'wrapInTryFinally' | 'endOnRejection';

interface PendingSpan extends TrackedSpan {
  /** Where the report goes: the callee of the start call (`tracer.startSpan`). */
  reportNode: TSESTree.Node;
  startSegments: CodePathSegment[];
}

/** What the rule keeps per code path: dropped when the path ends, so nothing is walked file-wide. */
interface PathState {
  spans: PendingSpan[];
  segmentsByNode: Map<TSESTree.Node, CodePathSegment[]>;
  jumpsBySegment: Map<CodePathSegment, JumpNode[]>;
  throwCandidates: ThrowingNode[];
  startsAwaitingExit: Map<TSESTree.CallExpression, PendingSpan>;
}

export default createRule<Options, MessageId>({
  name: 'span-must-end',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every started span to be ended on every path, including thrown errors',
      recommended: 'recommended',
      strictOptions: [{ checkExceptionPaths: 'all' }],
    },
    hasSuggestions: true,
    messages: {
      neverEnded: 'Span {{name}} is started but never ended: it will never be exported.',
      discarded: 'Span {{name}} is started and thrown away: nothing can end it.',
      notEndedOnPath: 'Span {{name}} is not ended on the path that leaves at line {{line}} ({{how}}).',
      notEndedOnThrow: 'Span {{name}} is not ended when the error thrown at line {{line}} leaves the function.',
      notEndedOnException: 'Span {{name}} is not ended if {{what}} at line {{line}} throws: end it in a finally block.',
      notEndedOnFailure: 'Span {{name}} is ended only when {{what}} at line {{line}} succeeds: on failure it is never ended and never exported.',
      wrapInTryFinally: 'Wrap the work after the start in try { … } finally { {{variable}}.end() }.',
      endOnRejection: 'End {{variable}} on rejection too: add a rejection handler that ends it and rethrows.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkExceptionPaths: {
            description:
              'Exception paths between start and end: `"likely"` (or `true`) reports what can fail in practice (await, yield, unknown calls); `"all"` also every other call and `new`; `false` checks only explicit paths.',
            oneOf: [
              { type: 'boolean', description: '`true` is `"likely"`; `false` turns the check off.' },
              { type: 'string', enum: ['likely', 'all'], description: 'The exception-path policy.' },
            ],
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
          successOnlyFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Helpers whose callback runs only when the work succeeds (e.g. `thenUnwrap(promise, onOk)`): a span ended only there leaks on failure.',
          },
          tracerModules: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Packages besides `@opentelemetry/*` whose tracers hand out spans the caller must end.',
          },
          testFiles: testFilesOptionSchema('a test leaves spans open on purpose'),
        },
      },
    ],
  },
  defaultOptions: [{ checkExceptionPaths: 'likely', startSpanFunctions: [], endSpanFunctions: [], successOnlyFunctions: [], tracerModules: [], testFiles: [...DEFAULT_TEST_FILES] }],
  create(context, [options]) {
    if (isSkippedTestFile(context, options.testFiles)) return {};
    // No span start anywhere in the text: nothing to follow, and no code paths to track.
    if (!mayStartSpans(context.sourceCode, options.startSpanFunctions)) return {};
    const usageOptions = { sourceCode: context.sourceCode, endSpanFunctions: options.endSpanFunctions ?? [], successOnlyFunctions: options.successOnlyFunctions ?? [] };
    const policy: ExceptionPolicy | undefined = options.checkExceptionPaths === false ? undefined : options.checkExceptionPaths === 'all' ? 'all' : 'likely';
    const isThrowing = policy && createThrowClassifier(policy, context);
    // startActiveSpan callbacks whose span is bound when the callback's own code path begins.
    const pendingCallbacks = new Map<TSESTree.Node, TrackedSpan & { reportNode: TSESTree.Node }>();

    const tracker = new CodePathTracker<PathState>(
      (codePath, node) => {
        const state: PathState = { spans: [], segmentsByNode: new Map(), jumpsBySegment: new Map(), throwCandidates: [], startsAwaitingExit: new Map() };
        const span = pendingCallbacks.get(node);
        if (span) {
          pendingCallbacks.delete(node);
          state.spans.push({ ...span, startSegments: [codePath.initialSegment] });
        }
        return state;
      },
      (codePath, state) => {
        for (const span of state.spans) checkSpan(span, codePath, state);
      },
    );

    function recordJump(node: JumpNode): void {
      const state = tracker.getCurrentState();
      if (!state) return;
      for (const segment of tracker.getCurrentSegments()) {
        const jumps = state.jumpsBySegment.get(segment) ?? [];
        jumps.push(node);
        state.jumpsBySegment.set(segment, jumps);
      }
    }

    function checkSpan(span: PendingSpan, codePath: CodePath, state: PathState): void {
      const usage = getSpanUsage(span, usageOptions);
      if (usage.escape) return;
      const data = { name: span.displayName };
      const reportNode = span.reportNode;
      if (usage.endCalls.length === 0 && usage.successOnlyEnds.length === 0) {
        context.report({ node: reportNode, messageId: 'neverEnded', data, suggest: getSuggestions(span) });
        return;
      }
      const endingSegments = new Set(usage.endCalls.flatMap((call) => state.segmentsByNode.get(call) ?? []));
      for (const [segment, jumps] of state.jumpsBySegment) {
        if (jumps.some((jump) => isLoopJump(jump) && isInsideEndingFinally(jump, span.scopeNode, usage.endCalls))) endingSegments.add(segment);
      }
      const startOffset = span.startNode.range[0];
      const { leak, reached } = findLeakingPath(codePath, span.startSegments, endingSegments, state.jumpsBySegment, startOffset);
      if (usage.successOnlyEnds.length > 0 && (leak || usage.endCalls.length === 0)) {
        reportSuccessOnly(span, usage);
        return;
      }
      if (leak && !isImplicitThrow(leak)) {
        const line = leak.jump?.loc.start.line ?? span.scopeNode.loc.end.line;
        const messageId = leak.throws ? 'notEndedOnThrow' : 'notEndedOnPath';
        context.report({ node: reportNode, messageId, data: { name: span.displayName, line, how: describeJump(leak.jump) }, suggest: getSuggestions(span) });
        return;
      }
      if (!isThrowing) return;
      const firstEndBySegment = getFirstEndBySegment(usage, state, startOffset);
      // A span from a call exists once the call has returned (its own arguments run before); a callback's span at once.
      const openFrom = span.startNode.type === AST_NODE_TYPES.CallExpression ? span.startNode.range[1] : span.startNode.range[0] + 1;
      const isOpen = (node: ThrowingNode): boolean =>
        node.range[0] >= openFrom &&
        (state.segmentsByNode.get(node) ?? []).some((segment) => reached.has(segment) && node.range[0] < (firstEndBySegment.get(segment) ?? Infinity));
      const throwing = findUncoveredThrowingNode(span, usage.endCalls, state.throwCandidates, isOpen, isThrowing);
      if (throwing) {
        const text = context.sourceCode.getText(throwing).split('\n')[0]!;
        const what = text.length > 40 ? `${text.slice(0, 39)}…` : text;
        context.report({ node: reportNode, messageId: 'notEndedOnException', data: { name: span.displayName, what: `\`${what}\``, line: throwing.loc.start.line }, suggest: getSuggestions(span) });
      }
    }

    /** Where in each segment the span is ended: nodes after that offset run with the span already ended. */
    function getFirstEndBySegment(usage: SpanUsage, state: PathState, startOffset: number): Map<CodePathSegment, number> {
      const firstEnd = new Map<CodePathSegment, number>();
      for (const call of usage.endCalls) {
        if (call.range[0] < startOffset) continue;
        for (const segment of state.segmentsByNode.get(call) ?? []) firstEnd.set(segment, Math.min(firstEnd.get(segment) ?? Infinity, call.range[0]));
      }
      return firstEnd;
    }

    function reportSuccessOnly(span: PendingSpan, usage: SpanUsage): void {
      const first = usage.successOnlyEnds[0]!;
      const what = first.kind === 'event' ? `the stream ('${context.sourceCode.getText(first.continuation.arguments[0]!).slice(1, -1)}' listener)` : first.kind === 'promise' ? 'the promise' : `the work given to ${context.sourceCode.getText(first.continuation.callee)}()`;
      const onlyThen = usage.successOnlyEnds.length === 1 && first.kind === 'promise' && first.continuation.arguments.length === 1;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = onlyThen
        ? [
            {
              messageId: 'endOnRejection',
              data: { variable: span.variable.name },
              fix: (fixer) => fixer.insertTextAfter(first.continuation.arguments[0]!, `, (error) => { ${span.variable.name}.end(); throw error; }`),
            },
          ]
        : [];
      context.report({ node: span.reportNode, messageId: 'notEndedOnFailure', data: { name: span.displayName, what, line: first.continuation.loc.start.line }, suggest });
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
      if (isFunctionNode(span.startNode) && span.startNode.body.type === AST_NODE_TYPES.BlockStatement) {
        return span.startNode.body.body;
      }
      return undefined;
    }

    function trackStart(call: TSESTree.CallExpression): void {
      const start = getSpanStartCall(call, context, { startSpanFunctions: options.startSpanFunctions, tracerModules: options.tracerModules });
      const state = tracker.getCurrentState();
      if (!start || !state) return;
      const span = getTrackedSpan(start, context);
      if (span && start.kind === 'startActiveSpan') {
        pendingCallbacks.set(span.startNode, { ...span, reportNode: call.callee });
      } else if (span) {
        // The span exists once the call has returned: its segments are taken at the call's exit (see below).
        const pending = { ...span, reportNode: call.callee, startSegments: [] };
        state.spans.push(pending);
        state.startsAwaitingExit.set(call, pending);
      } else if (start.kind !== 'startActiveSpan' && getUnassignedStartFate(call) === 'discarded') {
        context.report({ node: call.callee, messageId: 'discarded', data: { name: getSpanDisplayName(call, context.sourceCode) } });
      }
    }

    function recordNode(node: TSESTree.Node): void {
      const state = tracker.getCurrentState();
      if (!state) return;
      state.segmentsByNode.set(node, tracker.getCurrentSegments());
      if (isThrowCandidate(node)) state.throwCandidates.push(node);
    }

    return mergeListeners(tracker.getListeners(), {
      CallExpression(node) {
        recordNode(node);
        trackStart(node);
      },
      'CallExpression:exit'(node: TSESTree.CallExpression) {
        const state = tracker.getCurrentState();
        const span = state?.startsAwaitingExit.get(node);
        if (!span) return;
        // Inside a try, ESLint splits the segment at the call's first throwable part: the start segment is the later one.
        span.startSegments = tracker.getCurrentSegments();
        state!.startsAwaitingExit.delete(node);
      },
      NewExpression: recordNode,
      AwaitExpression: recordNode,
      YieldExpression: recordNode,
      ForOfStatement: recordNode,
      ReturnStatement: recordJump,
      ThrowStatement: recordJump,
      BreakStatement: recordJump,
      ContinueStatement: recordJump,
    });
  },
});
