import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ERROR_CALLBACK_NAMES } from '../catalog/error-flow.js';
import {
  CALLBACK_VALUE_METHODS,
  ERROR_CLASS_PATTERN,
  FOREIGN_CODE_METHODS,
  LIKELY_NON_THROWING_CALLS,
  LOGGER_METHODS,
  LOGGER_RECEIVER_PATTERN,
  NON_THROWING_CALLS,
  NON_THROWING_VALUE_METHODS,
  THROWING_CONSTRUCTORS,
} from '../catalog/exception-sources.js';
import { SPAN_SAFE_METHODS } from '../catalog/otel-api.js';
import { forEachOwnNode, type FunctionNode, getCalleeName, getPropertyName, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getLocalFunction } from './local-functions.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `likely`: only what can fail in practice opens an exception path (await, yield, unknown calls, code received from
 * elsewhere); `all`: every call, `new`, `await` and `yield` does, except the few that cannot fail at all.
 */
export type ExceptionPolicy = 'likely' | 'all';

/** A node that may throw past a span's end: a call, `new`, `await`, `yield` or `for await`. */
export type ThrowingNode = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AwaitExpression | TSESTree.YieldExpression | TSESTree.ForOfStatement;

export function isThrowCandidate(node: TSESTree.Node): node is ThrowingNode {
  return (
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.NewExpression ||
    node.type === AST_NODE_TYPES.AwaitExpression ||
    node.type === AST_NODE_TYPES.YieldExpression ||
    (node.type === AST_NODE_TYPES.ForOfStatement && node.await)
  );
}

/**
 * Decides whether a node can throw, under a policy. Same-file functions are looked into (memoised), so a pure
 * helper called between start and end does not count.
 */
export function createThrowClassifier(policy: ExceptionPolicy, context: Context): (node: ThrowingNode, spanName: string) => boolean {
  const functionVerdicts = new Map<TSESTree.Node, boolean>();

  function isThrowing(node: ThrowingNode, spanName: string): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.ForOfStatement:
        return true;
      case AST_NODE_TYPES.AwaitExpression:
        // Under `all`, `await work()` is reported on the call; under `likely` the await is the exception path.
        return policy === 'likely' || skipTransparentWrappers(node.argument).type !== AST_NODE_TYPES.CallExpression;
      case AST_NODE_TYPES.NewExpression:
        return isThrowingNew(node);
      case AST_NODE_TYPES.CallExpression:
        return isThrowingCall(node, spanName);
    }
  }

  function isThrowingNew(node: TSESTree.NewExpression): boolean {
    if (isInTable(node, NON_THROWING_CALLS)) return false;
    if (policy === 'all') return true;
    const callee = skipTransparentWrappers(node.callee);
    const name = getCalleeName(callee);
    return name !== undefined && THROWING_CONSTRUCTORS.includes(name) && !ERROR_CLASS_PATTERN.test(name);
  }

  function isThrowingCall(call: TSESTree.CallExpression, spanName: string): boolean {
    if (isInTable(call, NON_THROWING_CALLS) || isMethodOf(call, spanName, SPAN_SAFE_METHODS)) return false;
    if (policy === 'all') return true;
    if (isInTable(call, LIKELY_NON_THROWING_CALLS) || isSpanMethodArgument(call)) return false;
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (ERROR_CALLBACK_NAMES.includes(callee.name) || callee.name === 'resolve') return false;
      const local = getLocalFunction(callee, context);
      return local ? canFunctionThrow(local) : true;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const method = getPropertyName(callee);
    if (method === undefined || FOREIGN_CODE_METHODS.includes(method)) return true;
    const receiver = skipTransparentWrappers(callee.object);
    if (receiver.type === AST_NODE_TYPES.ThisExpression) {
      const local = resolveClassMethod(callee, method);
      if (local) return canFunctionThrow(local);
    }
    if (LOGGER_METHODS.includes(method) && LOGGER_RECEIVER_PATTERN.test(getReceiverName(receiver) ?? '')) return false;
    if (NON_THROWING_VALUE_METHODS.includes(method)) return false;
    if (CALLBACK_VALUE_METHODS.includes(method)) return call.arguments.some((argument) => isThrowingCallback(argument));
    return true;
  }

  /** A callback handed to `find`/`map`/…: inline and unable to throw, or a same-file function that cannot. */
  function isThrowingCallback(argument: TSESTree.CallExpressionArgument): boolean {
    const value = skipTransparentWrappers(argument);
    if (isFunctionNode(value)) return canFunctionThrow(value);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const local = getLocalFunction(value, context);
      return local ? canFunctionThrow(local) : true;
    }
    return false;
  }

  /** A function can throw when it (not its nested functions) holds a `throw` or a node that can. Async ones only reject. */
  function canFunctionThrow(fn: FunctionNode): boolean {
    if (fn.async) return false;
    const known = functionVerdicts.get(fn);
    if (known !== undefined) return known;
    // Recursion: a function that only calls itself adds no exception of its own.
    functionVerdicts.set(fn, false);
    let throws = false;
    forEachOwnNode(fn.body, context.sourceCode, (node) => {
      if (node.type === AST_NODE_TYPES.ThrowStatement || (isThrowCandidate(node) && isThrowing(node, ''))) {
        throws = true;
        return 'stop';
      }
    });
    functionVerdicts.set(fn, throws);
    return throws;
  }

  return isThrowing;
}

/**
 * A call computing an argument of a span method (`span.setAttributes(getAttributes(ctx))`): attribute helpers are
 * not the work the span measures, and real instrumentation never guards them.
 */
function isSpanMethodArgument(call: TSESTree.CallExpression): boolean {
  let child: TSESTree.Node = call;
  for (let current: TSESTree.Node | undefined = call.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && child !== current.callee) {
      const callee = skipTransparentWrappers(current.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && SPAN_SAFE_METHODS.includes(getPropertyName(callee) ?? '');
    }
    if (isFunctionNode(current) || current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclarator) return false;
  }
  return false;
}

/** `this.helper()` → the method `helper` of the enclosing class, when it is a plain method defined there. */
function resolveClassMethod(callee: TSESTree.MemberExpression, method: string): FunctionNode | undefined {
  let current: TSESTree.Node | undefined = callee.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return undefined;
  const members = current.body.filter(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === method,
  );
  const value = members.length === 1 ? members[0]!.value : undefined;
  return value?.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
}

function getReceiverName(receiver: TSESTree.Node): string | undefined {
  if (receiver.type === AST_NODE_TYPES.Identifier) return receiver.name;
  if (receiver.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(receiver);
  return undefined;
}

function isMethodOf(call: TSESTree.CallExpression, objectName: string, methods: readonly string[]): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparentWrappers(callee.object);
  const method = getPropertyName(callee);
  return object.type === AST_NODE_TYPES.Identifier && object.name === objectName && method !== undefined && methods.includes(method);
}

function isInTable(call: TSESTree.CallExpression | TSESTree.NewExpression, table: Readonly<Record<string, readonly string[]>>): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return table['']?.includes(callee.name) ?? false;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparentWrappers(callee.object);
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(object) : undefined;
  const method = getCalleeName(callee);
  const allowed = objectName === undefined ? undefined : table[objectName];
  return allowed !== undefined && method !== undefined && (allowed.includes('*') || allowed.includes(method));
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The first node (in source order) that can throw while the span is still open on its path, and is not covered by a
 * `try` that catches or whose `finally` ends the span. `isOpen` says whether the span is open where a node runs.
 */
export function findUncoveredThrowingNode(
  span: { scopeNode: TSESTree.Node; variable: { name: string } },
  endCalls: readonly TSESTree.CallExpression[],
  candidates: readonly ThrowingNode[],
  isOpen: (node: ThrowingNode) => boolean,
  isThrowing: (node: ThrowingNode, spanName: string) => boolean,
): ThrowingNode | undefined {
  let found: ThrowingNode | undefined;
  for (const node of candidates) {
    if (found && found.range[0] <= node.range[0]) continue;
    if (endCalls.some((call) => contains(call, node))) continue;
    if (!isOpen(node) || !isThrowing(node, span.variable.name) || isCovered(node, span.scopeNode, endCalls)) continue;
    found = node;
  }
  return found;
}

/** Inside a `try` that catches (the catch's paths are in ESLint's graph), or whose `finally` ends the span. */
function isCovered(node: TSESTree.Node, scopeNode: TSESTree.Node, endCalls: readonly TSESTree.CallExpression[]): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== scopeNode; child = current, current = current.parent) {
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
