import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { NON_THROWING_CALLS, SPAN_SAFE_METHODS } from '../catalog/otel-api.js';
import { getCalleeName, getPropertyName, skipTransparentWrappers } from './ast.js';
import type { TrackedSpan } from './span-usage.js';

type ThrowingNode = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AwaitExpression | TSESTree.YieldExpression;

/**
 * ESLint's code path graph has no edge for an exception thrown by a call outside a `try`, so "start; work(); end"
 * looks safe to it. This pass finds the first call, `new`, `await` or `yield` after the start and before the last end
 * that is not covered by a `try` that catches, or whose `finally` ends the span.
 */
export function findUncoveredThrowingNode(span: TrackedSpan, endCalls: readonly TSESTree.CallExpression[]): ThrowingNode | undefined {
  if (endCalls.length === 0) return undefined;
  const from = span.startNode.type === AST_NODE_TYPES.CallExpression ? span.startNode.range[1] : getBodyStart(span.startNode);
  const until = Math.max(...endCalls.map((call) => call.range[0]));
  const body = span.scopeNode.type === AST_NODE_TYPES.Program ? span.scopeNode : span.scopeNode.body;
  let found: ThrowingNode | undefined;
  walkOwnNodes(body, (node) => {
    if (found) return false;
    if (node.range[1] <= from || node.range[0] >= until) return node.range[0] < until && node.range[1] > from;
    if (endCalls.some((call) => call === node || contains(call, node))) return false;
    if (node.range[0] >= from && isThrowingNode(node, span) && !isCovered(node, span, endCalls)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

function getBodyStart(node: TSESTree.Node): number {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) return node.body.range[0];
  return node.range[0];
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Visits the nodes that run as part of this function: nested functions and classes only run later. */
function walkOwnNodes(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && (isFunctionLike(node) || node.type === AST_NODE_TYPES.ClassBody)) continue;
    if (!visit(node)) continue;
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'typeAnnotation' || key === 'returnType' || key === 'typeArguments' || key === 'typeParameters') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    // Source order: pop from the end, so push reversed.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

function isThrowingNode(node: TSESTree.Node, span: TrackedSpan): node is ThrowingNode {
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression:
      return !isNonThrowingCall(node);
    case AST_NODE_TYPES.YieldExpression:
      return true;
    case AST_NODE_TYPES.AwaitExpression:
      // `await work()`: the call is reported, not the await.
      return skipTransparentWrappers(node.argument).type !== AST_NODE_TYPES.CallExpression;
    case AST_NODE_TYPES.CallExpression:
      return !isSpanMethodCall(node, span) && !isNonThrowingCall(node);
    default:
      return false;
  }
}

/** `span.setAttribute(...)` and the other span methods never throw. */
function isSpanMethodCall(call: TSESTree.CallExpression, span: TrackedSpan): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparentWrappers(callee.object);
  const method = getPropertyName(callee);
  return object.type === AST_NODE_TYPES.Identifier && object.name === span.variable.name && method !== undefined && SPAN_SAFE_METHODS.includes(method);
}

function isNonThrowingCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return NON_THROWING_CALLS['']?.includes(callee.name) ?? false;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparentWrappers(callee.object);
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(object) : undefined;
  const method = getCalleeName(callee);
  const allowed = objectName === undefined ? undefined : NON_THROWING_CALLS[objectName];
  return allowed !== undefined && method !== undefined && (allowed.includes('*') || allowed.includes(method));
}

/** Inside a `try` that catches (the catch's paths are in ESLint's graph), or whose `finally` ends the span. */
function isCovered(node: TSESTree.Node, span: TrackedSpan, endCalls: readonly TSESTree.CallExpression[]): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== span.scopeNode; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.TryStatement) continue;
    const finallyEnds = current.finalizer !== null && endCalls.some((call) => contains(current.finalizer!, call));
    if (child === current.block && (current.handler !== null || finallyEnds)) return true;
    if (child === current.handler && finallyEnds) return true;
  }
  return false;
}

/**
 * Whether `node` sits in a `try` block (or its catch) whose `finally` ends the span. ESLint routes `return` and
 * `throw` through `finally` but not `break` and `continue`, so jumps covered this way are treated as ending.
 */
export function isInsideEndingFinally(node: TSESTree.Node, scopeNode: TSESTree.Node, endCalls: readonly TSESTree.CallExpression[]): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== scopeNode; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.TryStatement || current.finalizer === null || child === current.finalizer) continue;
    if (endCalls.some((call) => contains(current.finalizer!, call))) return true;
  }
  return false;
}
