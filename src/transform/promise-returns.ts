import { Node, type ClassDeclaration, type ClassExpression, type Expression } from 'ts-morph';
import { skipTransparentWrappers } from './expression-names.js';

/**
 * Whether a function that is not `async` hands back a promise: the span around it must then be an async callback that
 * awaits the result, or it ends when the function returns, before the work is done.
 */

/** A function-like node, as the wrap code handles them (kept structural so this file needs nothing of wrap-body). */
interface FunctionLike extends Node {
  isAsync(): boolean;
  getBody(): Node | undefined;
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** The value under transparent wrappers and `await` (an awaited promise is still the promise the function hands back). */
function unwrap(expression: Node): Node {
  let current = skipTransparentWrappers(expression);
  while (Node.isAwaitExpression(current)) current = skipTransparentWrappers(current.getExpression());
  return current;
}

/** Declared `async`, or with a written `Promise<…>` return type. */
function isPromiseFunction(node: Node | undefined): boolean {
  if (!node) return false;
  const fn = Node.isVariableDeclaration(node) ? node.getInitializer() : node;
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return false;
  return fn.isAsync() || /^Promise\s*</.test(fn.getReturnTypeNode()?.getText() ?? '');
}

function getEnclosingClass(node: Node): ClassDeclaration | ClassExpression | undefined {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isClassDeclaration(current) || Node.isClassExpression(current)) return current;
  }
  return undefined;
}

/**
 * What the function returns is visibly a promise: a chain (`.then(…)`), `new Promise(…)`, `Promise.all(…)`, or a call
 * of an async method of its own class (`this.handleJob(job)`) or of an async function of its file (`handle(job)`).
 */
export function isPromiseExpression(expression: Node): boolean {
  const value = unwrap(expression);
  if (Node.isNewExpression(value)) return value.getExpression().getText() === 'Promise';
  if (!Node.isCallExpression(value)) return false;
  const callee = skipTransparentWrappers(value.getExpression());
  if (Node.isPropertyAccessExpression(callee)) {
    if (PROMISE_METHODS.has(callee.getName()) || callee.getExpression().getText() === 'Promise') return true;
    if (Node.isThisExpression(callee.getExpression())) {
      const owner = getEnclosingClass(value);
      return isPromiseFunction(owner?.getMethod(callee.getName()) ?? owner?.getProperty(callee.getName()));
    }
    return false;
  }
  if (!Node.isIdentifier(callee)) return false;
  const sourceFile = value.getSourceFile();
  return isPromiseFunction(sourceFile.getFunction(callee.getText()) ?? sourceFile.getVariableDeclaration(callee.getText()));
}

/** The expressions the function returns, its own (not those of functions nested in it); an expression body is one. */
function getReturnedExpressions(body: Node): { returned: Expression[]; bare: boolean } {
  if (!Node.isBlock(body)) return { returned: [body as Expression], bare: false };
  const returned: Expression[] = [];
  let bare = false;
  body.forEachDescendant((node, traversal) => {
    if (Node.isFunctionLikeDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) {
      traversal.skip();
      return;
    }
    if (!Node.isReturnStatement(node)) return;
    const expression = node.getExpression();
    if (expression) returned.push(expression);
    else bare = true;
  });
  return { returned, bare };
}

/** A sync function that returns a promise on some path (`return db.query().then(…)`). */
export function returnsPromiseWithoutAsync(fn: FunctionLike): boolean {
  const body = fn.getBody();
  if (!body || fn.isAsync()) return false;
  return getReturnedExpressions(body).returned.some(isPromiseExpression);
}

/**
 * A sync function that returns a promise on every path: an expression body that is one, or a block whose last statement
 * returns and whose every `return` gives one. Its callback can be async and await the result without changing what its
 * caller gets (a promise either way).
 */
export function returnsPromiseOnEveryPath(fn: FunctionLike): boolean {
  const body = fn.getBody();
  if (!body || fn.isAsync()) return false;
  if (Node.isBlock(body) && !Node.isReturnStatement(body.getStatements().at(-1))) return false;
  const { returned, bare } = getReturnedExpressions(body);
  return !bare && returned.length > 0 && returned.every(isPromiseExpression);
}
