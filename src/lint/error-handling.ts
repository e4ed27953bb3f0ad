import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ERROR_CALLBACK_NAMES, RESPONSE_STATUS_PROPERTIES } from '../catalog/error-flow.js';
import {
  RECORD_EXCEPTION_METHOD,
  SET_STATUS_METHOD,
  STATUS_CODE_ERROR_MEMBER,
  STATUS_CODE_ERROR_VALUE,
} from '../catalog/otel-api.js';
import { forEachOwnNode, someDescendant, type FunctionNode, getCalleeName, getPropertyName, getStaticKey, isFunctionNode, skipTransparentWrappers } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a catch handler does with the span: the two calls the guides require, or a helper that takes the span. */
export interface SpanErrorHandling {
  recordsException: boolean;
  setsErrorStatus: boolean;
  /** The span is passed to some other function, which may record the error: not ours to judge. */
  delegated: boolean;
}

/**
 * Like forEachOwnNode, and also into the executor of `new Promise((resolve, reject) => …)`, which runs at once:
 * a catch callback that returns such a promise handles the error in there.
 */
function forEachHandlerNode(root: TSESTree.Node, sourceCode: SourceCode, visit: (node: TSESTree.Node) => void): void {
  forEachOwnNode(root, sourceCode, (node) => {
    visit(node);
    const executor = getPromiseExecutor(node);
    if (executor) forEachHandlerNode(executor.body, sourceCode, visit);
  });
}

function getPromiseExecutor(node: TSESTree.Node): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return undefined;
  const executor = node.arguments[0];
  return executor && isFunctionNode(executor) ? executor : undefined;
}

/**
 * How a catch handler passes the error on, if it does: a `throw`, a returned `Promise.reject(…)`, or an error-first
 * callback (`callback(err)`, `next(err)`, `reject(err)`). Undefined when the handler swallows the error.
 */
export function getErrorPropagation(handlerBody: TSESTree.Node, errorName: string | undefined, sourceCode: SourceCode): string | undefined {
  let how: string | undefined;
  if (handlerBody.type !== AST_NODE_TYPES.BlockStatement && isPromiseReject(handlerBody)) return 'returns a rejected promise';
  forEachHandlerNode(handlerBody, sourceCode, (node) => {
    if (how) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) {
      how = node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === errorName ? 'rethrows it' : 'throws a new error';
    } else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseReject(node.argument)) {
      how = 'returns a rejected promise';
    } else if (node.type === AST_NODE_TYPES.CallExpression && errorName !== undefined) {
      const callee = getCalleeName(node.callee);
      const passesError = node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === errorName);
      if (callee !== undefined && node.callee.type === AST_NODE_TYPES.Identifier && ERROR_CALLBACK_NAMES.includes(callee) && passesError) how = `passes it to ${callee}()`;
    }
  });
  return how;
}

function isPromiseReject(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  return (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    expression.callee.object.type === AST_NODE_TYPES.Identifier &&
    expression.callee.object.name === 'Promise' &&
    getPropertyName(expression.callee) === 'reject'
  );
}

/** Finds the body of a same-file function a plain call refers to (`fail(error)` → `const fail = (e) => { … }`). */
export type LocalFunctionResolver = (callee: TSESTree.Identifier) => TSESTree.Node | undefined;

/**
 * What `body` does with the span named `spanName` (or the active span, through `trace.getActiveSpan()`), including
 * what a local closure it calls does (`const fail = (e) => { span.recordException(e); … }`).
 */
export function getSpanErrorHandling(body: TSESTree.Node, spanName: string, sourceCode: SourceCode, resolveLocal?: LocalFunctionResolver, depth = 0): SpanErrorHandling {
  const result: SpanErrorHandling = { recordsException: false, setsErrorStatus: false, delegated: false };
  forEachHandlerNode(body, sourceCode, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipTransparentWrappers(node.callee);
    const local = callee.type === AST_NODE_TYPES.Identifier && depth < 2 ? resolveLocal?.(callee) : undefined;
    if (local) {
      const inner = getSpanErrorHandling(local, spanName, sourceCode, resolveLocal, depth + 1);
      result.recordsException ||= inner.recordsException;
      result.setsErrorStatus ||= inner.setsErrorStatus;
      result.delegated ||= inner.delegated;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && isSpanReference(callee.object, spanName)) {
      const method = getPropertyName(callee);
      if (method === RECORD_EXCEPTION_METHOD) result.recordsException = true;
      if (method === SET_STATUS_METHOD && isErrorStatusArgument(node.arguments[0])) result.setsErrorStatus = true;
      return;
    }
    if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === spanName)) result.delegated = true;
  });
  return result;
}

function isSpanReference(node: TSESTree.Node, spanName: string): boolean {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name === spanName;
  // trace.getActiveSpan()?.recordException(…) inside the span's lifetime is the same span.
  return expression.type === AST_NODE_TYPES.CallExpression && getCalleeName(expression.callee) === 'getActiveSpan';
}

/** `{ code: SpanStatusCode.ERROR }`, `{ code: 2 }`, or a status built elsewhere (given the benefit of the doubt). */
function isErrorStatusArgument(argument: TSESTree.CallExpressionArgument | undefined): boolean {
  if (!argument) return false;
  const value = skipTransparentWrappers(argument);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.CallExpression;
  const codeProperty = value.properties.find(
    (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && getStaticKey(property) === 'code',
  );
  if (!codeProperty) return value.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
  const code = skipTransparentWrappers(codeProperty.value);
  if (code.type === AST_NODE_TYPES.Literal) return code.value === STATUS_CODE_ERROR_VALUE;
  if (code.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(code) === STATUS_CODE_ERROR_MEMBER;
  // A variable or a conditional: cannot tell, so do not report.
  return code.type !== AST_NODE_TYPES.TemplateLiteral;
}

/**
 * Whether `root` (a `finally` block, with the response listeners it registers) sets ERROR on the span under a test that
 * reads the response's status code: `if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR })`.
 */
export function setsErrorStatusFromResponse(root: TSESTree.Node, spanName: string, sourceCode: SourceCode): boolean {
  return someDescendant(root, sourceCode, (node) => {
    if (node.type !== AST_NODE_TYPES.IfStatement) return false;
    const readsStatusCode = someDescendant(node.test, sourceCode, (part) => part.type === AST_NODE_TYPES.MemberExpression && RESPONSE_STATUS_PROPERTIES.includes(getPropertyName(part) ?? ''));
    return readsStatusCode && getSpanErrorHandling(node.consequent, spanName, sourceCode).setsErrorStatus;
  });
}
