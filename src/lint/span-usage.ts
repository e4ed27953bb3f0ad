import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SPAN_BORROWING_FUNCTIONS, SPAN_END_METHODS } from '../catalog/otel-api.js';
import { getCalleeName, getPropertyName, skipTransparentWrappers } from './ast.js';
import type { SpanStartCall } from './otel-calls.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

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
}

export interface SpanUsageOptions {
  endSpanFunctions: readonly string[];
}

/** The nearest enclosing function, or the program. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  let current = node.parent;
  while (current) {
    if (
      current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.Program
    ) {
      return current;
    }
    current = current.parent;
  }
  throw new Error('node outside a program');
}

/** Classifies every reference to the span: the calls that end it, and whether ownership leaves the scope. */
export function getSpanUsage(span: TrackedSpan, options: SpanUsageOptions): SpanUsage {
  const endCalls: TSESTree.CallExpression[] = [];
  let escape: string | undefined;
  for (const reference of span.variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (reference.init || identifier.range[0] < span.startNode.range[0]) continue;
    if (reference.isWrite() && !reference.isRead()) continue;
    if (getEnclosingFunction(identifier) !== span.scopeNode) {
      escape ??= 'captured by a function';
      continue;
    }
    const verdict = classifyReference(identifier, options);
    if (verdict.kind === 'end') endCalls.push(verdict.call);
    else if (verdict.kind === 'escape') escape ??= verdict.reason;
  }
  return { endCalls, escape };
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
      if (name !== undefined && SPAN_BORROWING_FUNCTIONS.includes(name)) return { kind: 'use' };
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
  return sourceCode.getText(argument).slice(0, 40);
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
