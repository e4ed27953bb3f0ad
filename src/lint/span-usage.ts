import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { FAILURE_EVENTS, LISTENER_METHODS, PROMISE_FAILURE_METHODS, PROMISE_SUCCESS_METHODS, SUCCESS_EVENTS } from '../catalog/error-flow.js';
import { CONTEXT_BORROWING_CALLS, CONTEXT_RUNNING_METHODS, SPAN_BORROWING_FUNCTIONS, SPAN_END_METHODS, SPAN_GETTER_FUNCTIONS } from '../catalog/otel-api.js';
import { forEachDescendant, type FunctionNode, getCalleeName, getPropertyName, getStaticString, isFunctionNode, skipTransparentWrappers } from './ast.js';
import type { SpanStartCall } from './otel-calls.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A span held in a local variable, and the function whose paths must end it. */
export interface TrackedSpan {
  variable: TSESLint.Scope.Variable;
  /** Where the span starts: the start call, or the callback for `startActiveSpan`. */
  startNode: TSESTree.Node;
  /** The function (or program) whose code path must end the span. */
  scopeNode: FunctionNode | TSESTree.Program;
  /** Readable name for messages: the span name literal or the call text. */
  displayName: string;
}

export interface SpanUsage {
  /** Calls that end the span in the scope itself (not in nested functions). */
  endCalls: TSESTree.CallExpression[];
  /** Why the span's ownership leaves the scope, if it does (returned, stored, passed, captured). */
  escape: string | undefined;
  /** Ends inside callbacks that run only when the work succeeds, when nothing ends the span on failure. */
  successOnlyEnds: SuccessOnlyEnd[];
}

/** An end inside a success-only continuation: `.then(ok)`, a stream's 'end' listener, a listed helper. */
export interface SuccessOnlyEnd {
  call: TSESTree.CallExpression;
  /** The call that registers the continuation: `p.then(ok)`, `res.on('end', …)`. */
  continuation: TSESTree.CallExpression;
  kind: 'promise' | 'event' | 'helper';
}

export interface SpanUsageOptions {
  /** For scope look-ups and tree walks. */
  sourceCode: Readonly<TSESLint.SourceCode>;
  endSpanFunctions: readonly string[];
  /** Project helpers whose callback runs only on success (`thenUnwrap(promise, ok)`). */
  successOnlyFunctions?: readonly string[];
}

/** The nearest enclosing function, or the program. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.Program) return current;
    current = current.parent;
  }
  throw new Error('node outside a program');
}

/**
 * Classifies every reference to the span's value: the calls that end it, and whether ownership leaves the scope.
 * A re-assigned variable holds a new span from its next write on, so only references before that write count.
 */
export function getSpanUsage(span: TrackedSpan, options: SpanUsageOptions): SpanUsage {
  const endCalls: TSESTree.CallExpression[] = [];
  const successOnlyEnds: SuccessOnlyEnd[] = [];
  let failureEnds = 0;
  let escape: string | undefined;
  const startOffset = span.startNode.range[1];
  const nextWrite = Math.min(
    ...span.variable.references
      .filter((reference) => reference.isWrite() && !reference.init && reference.identifier.range[0] > startOffset && getEnclosingFunction(reference.identifier as TSESTree.Node) === span.scopeNode)
      .map((reference) => reference.identifier.range[0]),
  );
  for (const reference of span.variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (reference.init || identifier.range[0] < span.startNode.range[0] || identifier.range[0] >= nextWrite) continue;
    if (reference.isWrite() && !reference.isRead()) continue;
    const verdict = classifyReference(identifier, options);
    if (getEnclosingFunction(identifier) !== span.scopeNode) {
      const continuation = getContinuation(identifier, span.scopeNode, options);
      if (!continuation) escape ??= 'captured by a function';
      else if (verdict.kind === 'escape') escape ??= verdict.reason;
      else if (verdict.kind === 'end' && continuation.runs === 'on-failure') failureEnds++;
      else if (verdict.kind === 'end') successOnlyEnds.push({ call: verdict.call, continuation: continuation.call, kind: continuation.kind });
      continue;
    }
    if (verdict.kind === 'end') endCalls.push(verdict.call);
    else if (verdict.kind === 'escape') escape ??= verdict.reason;
  }
  // A failure callback that ends the span hands it to the chain: whoever wrote it owns both outcomes.
  if (failureEnds > 0) escape ??= 'ended in a promise chain';
  return { endCalls, escape, successOnlyEnds: escape ? [] : successOnlyEnds };
}

interface Continuation {
  call: TSESTree.CallExpression;
  kind: SuccessOnlyEnd['kind'];
  runs: 'on-success' | 'on-failure';
}

/**
 * The continuation that the function holding `node` (the outermost one inside the span's scope) is registered as:
 * `.then(ok)` runs on success, `.catch`/`.finally`/`.then(_, fail)` and 'error' listeners on failure. Undefined for any
 * other function, which takes the span over as far as this rule can tell.
 */
function getContinuation(node: TSESTree.Node, scopeNode: TSESTree.Node, options: SpanUsageOptions): Continuation | undefined {
  let fn: TSESTree.Node = getEnclosingFunction(node);
  while (fn.type !== AST_NODE_TYPES.Program && getEnclosingFunction(fn) !== scopeNode) fn = getEnclosingFunction(fn);
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if (index < 0) return undefined;
  const callee = skipTransparentWrappers(call.callee);
  const method = getCalleeName(callee);
  if (method === undefined) return undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (PROMISE_SUCCESS_METHODS.includes(method) && index <= 1) return { call, kind: 'promise', runs: index === 0 ? 'on-success' : 'on-failure' };
    if (PROMISE_FAILURE_METHODS.includes(method)) return { call, kind: 'promise', runs: 'on-failure' };
    if (LISTENER_METHODS.includes(method) && index === 1) {
      const event = getStaticString(call.arguments[0]);
      if (event !== undefined && SUCCESS_EVENTS.includes(event)) return { call, kind: 'event', runs: 'on-success' };
      if (event !== undefined && FAILURE_EVENTS.includes(event)) return { call, kind: 'event', runs: 'on-failure' };
      return undefined;
    }
  }
  if (options.successOnlyFunctions?.includes(method)) return { call, kind: 'helper', runs: 'on-success' };
  return undefined;
}

type ReferenceVerdict =
  | { kind: 'end'; call: TSESTree.CallExpression }
  | { kind: 'escape'; reason: string }
  | { kind: 'use' };

function classifyReference(identifier: TSESTree.Identifier, options: SpanUsageOptions): ReferenceVerdict {
  let node: TSESTree.Node = identifier;
  // Look through `span!`, `span as Span`, `(span)`.
  while (node.parent && skipTransparentWrappers(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  if (!parent) return { kind: 'use' };
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== node) return { kind: 'use' };
      const call = parent.parent;
      const method = getPropertyName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && method !== undefined && SPAN_END_METHODS.includes(method)) {
        return { kind: 'end', call };
      }
      if (call?.type === AST_NODE_TYPES.ChainExpression) {
        const chained = call.parent;
        if (chained?.type === AST_NODE_TYPES.CallExpression && method !== undefined && SPAN_END_METHODS.includes(method)) return { kind: 'end', call: chained };
      }
      return { kind: 'use' };
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === node) return { kind: 'use' };
      const name = getCalleeName(parent.callee);
      if (parent.type === AST_NODE_TYPES.CallExpression && name !== undefined && options.endSpanFunctions.includes(name)) return { kind: 'end', call: parent };
      if (name !== undefined && SPAN_BORROWING_FUNCTIONS.includes(name)) {
        const handOff = getContextHandOff(parent, options.sourceCode);
        return handOff ? { kind: 'escape', reason: handOff } : { kind: 'use' };
      }
      return { kind: 'escape', reason: 'passed to a function' };
    }
    case AST_NODE_TYPES.ReturnStatement:
      return { kind: 'escape', reason: 'returned' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node ? { kind: 'escape', reason: 'returned' } : { kind: 'use' };
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node ? { kind: 'escape', reason: 'stored' } : { kind: 'use' };
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node ? { kind: 'escape', reason: 'aliased' } : { kind: 'use' };
    case AST_NODE_TYPES.Property:
      return parent.value === node ? { kind: 'escape', reason: 'stored in an object' } : { kind: 'use' };
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
      return { kind: 'escape', reason: 'stored in a collection' };
    case AST_NODE_TYPES.YieldExpression:
      return { kind: 'escape', reason: 'yielded' };
    case AST_NODE_TYPES.PropertyDefinition:
      return { kind: 'escape', reason: 'stored' };
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
      // `return cond ? span : other`: follow the value upwards once.
      return parent.parent && (parent.parent.type === AST_NODE_TYPES.ReturnStatement || parent.parent.type === AST_NODE_TYPES.AssignmentExpression || parent.parent.type === AST_NODE_TYPES.VariableDeclarator)
        ? { kind: 'escape', reason: 'returned or stored' }
        : { kind: 'use' };
    default:
      return { kind: 'use' };
  }
}

/**
 * `trace.setSpan(ctx, span)` borrows the span, unless the context it makes leaves the function: returned, stored,
 * handed to a function that is not the API's, or run with `context.with` by a callback that ends the context's span.
 */
function getContextHandOff(setSpanCall: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  let node: TSESTree.Node = setSpanCall;
  while (node.parent && skipTransparentWrappers(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return 'returned in a context';
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node ? 'returned in a context' : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.ArrayExpression:
      return 'stored in a context';
    case AST_NODE_TYPES.VariableDeclarator: {
      // `const ctx = trace.setSpan(…)`: follow the context variable's own uses.
      for (const variable of sourceCode.getDeclaredVariables(parent)) {
        for (const reference of variable.references) {
          if (reference.init) continue;
          const handOff = getContextHandOff(reference.identifier as TSESTree.Node, sourceCode);
          if (handOff) return handOff;
        }
      }
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === node) return undefined;
      const name = getCalleeName(skipTransparentWrappers(parent.callee));
      if (name !== undefined && CONTEXT_RUNNING_METHODS.includes(name)) {
        const callback = parent.arguments.find((argument) => isFunctionNode(argument));
        return callback && endsContextSpan(callback, sourceCode) ? 'ended by the callback that runs in its context' : undefined;
      }
      return name !== undefined && CONTEXT_BORROWING_CALLS.includes(name) ? undefined : 'passed on in a context';
    }
    default:
      return undefined;
  }
}

/** Whether a callback ends the span it runs under: `trace.getSpan(ctx)?.end()`, `trace.getActiveSpan()?.end()`. */
function endsContextSpan(callback: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  forEachDescendant(callback, sourceCode, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipTransparentWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !SPAN_END_METHODS.includes(getPropertyName(callee) ?? '')) return;
    const receiver = skipTransparentWrappers(callee.object);
    found = receiver.type === AST_NODE_TYPES.CallExpression && SPAN_GETTER_FUNCTIONS.includes(getCalleeName(receiver.callee) ?? '');
  });
  return found;
}

/** Finds the local variable a span start call's result is assigned to, if any. */
export function getAssignedVariable(call: TSESTree.Node, context: Context): TSESLint.Scope.Variable | undefined {
  let node: TSESTree.Node = call;
  while (node.parent && skipTransparentWrappers(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(context.sourceCode.getScope(parent.id), parent.id) ?? undefined;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(parent.left), parent.left);
    // A span assigned to a variable of an outer function is handed over to that scope: not ours to follow.
    return variable && variable.scope.variableScope.block === getEnclosingFunction(call) ? variable : undefined;
  }
  return undefined;
}

/** How the start call's result is used when it is not kept in a local variable. */
export function getUnassignedStartFate(call: TSESTree.Node): 'discarded' | 'handed-over' {
  let node: TSESTree.Node = call;
  while (node.parent && skipTransparentWrappers(node.parent) !== node.parent) node = node.parent;
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement ? 'discarded' : 'handed-over';
}

/** A readable span name for messages: the literal name, or the start of the name expression's text. */
export function getSpanDisplayName(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const argument = call.arguments[0];
  if (!argument) return '(unnamed)';
  if (argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return `'${argument.value}'`;
  if (argument.type === AST_NODE_TYPES.TemplateLiteral && argument.expressions.length === 0) return `'${argument.quasis[0]?.value.cooked ?? ''}'`;
  const text = sourceCode.getText(argument).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The span a start call gives to the code around it, when it is held in a local:
 * `const span = tracer.startSpan(…)`, or the first parameter of an inline `startActiveSpan` callback.
 */
export function getTrackedSpan(start: SpanStartCall, context: Context): TrackedSpan | undefined {
  const displayName = getSpanDisplayName(start.call, context.sourceCode);
  if (start.kind === 'startActiveSpan') {
    const callback = start.callback;
    const parameter = callback?.params[0];
    if (!callback || parameter?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = context.sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === parameter.name);
    return variable ? { variable, startNode: callback, scopeNode: callback, displayName } : undefined;
  }
  const variable = getAssignedVariable(start.call, context);
  return variable ? { variable, startNode: start.call, scopeNode: getEnclosingFunction(start.call), displayName } : undefined;
}
