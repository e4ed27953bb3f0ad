import { Node } from 'ts-morph';
import { getCalleeName, getTypeReferenceName, skipTransparentWrappers } from './expression-names.js';
import { isSpanReceiver, type SpanReceiverFacts } from '../catalog/span-receivers.js';
import { isTracerSpanStart } from './tracer-receivers.js';

/**
 * Whether a receiver is a span: the facts are read from the TypeScript tree here, the catalog decides. `fromFile` is
 * the file's path on disk, for following a tracer into a relative import (src/transform/tracer-receivers.ts).
 */
export function isSpanNode(node: Node, fromFile?: string): boolean {
  return isSpanReceiver(getSpanReceiverFacts(node, fromFile));
}

/**
 * What the tree and the symbol table say about a value that may be a span (the lint side reads the same facts): a
 * span is started only by a tracer's `startSpan`, told as src/catalog/tracer-receivers.ts tells a tracer.
 */
export function getSpanReceiverFacts(node: Node, fromFile?: string): SpanReceiverFacts {
  const expression = skipTransparentWrappers(node);
  if (Node.isCallExpression(expression)) {
    return { name: undefined, isStartedSpan: isTracerSpanStart(expression, 'startSpan', fromFile), producer: getCalleeName(expression) };
  }
  if (Node.isPropertyAccessExpression(expression)) return { name: expression.getName() };
  if (!Node.isIdentifier(expression)) return { name: undefined };
  const declaration = expression.getSymbol()?.getDeclarations()[0];
  if (Node.isParameterDeclaration(declaration)) {
    return { name: expression.getText(), annotation: getTypeReferenceName(declaration.getTypeNode()), isStartedSpan: isStartActiveSpanCallbackParameter(declaration, fromFile) };
  }
  if (!Node.isVariableDeclaration(declaration)) return { name: expression.getText() };
  const init = declaration.getInitializer();
  const value = init && skipTransparentWrappers(init);
  const producer = value && Node.isCallExpression(value) ? getCalleeName(value) : undefined;
  return {
    name: expression.getText(),
    annotation: getTypeReferenceName(declaration.getTypeNode()),
    isStartedSpan: value !== undefined && isTracerSpanStart(value, 'startSpan', fromFile),
    producer,
  };
}

/** `tracer.startActiveSpan(name, (span) => …)`: the first parameter of the callback. */
function isStartActiveSpanCallbackParameter(parameter: Node, fromFile: string | undefined): boolean {
  const fn = parameter.getParent();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || fn.getParameters()[0] !== parameter) return false;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || call.getArguments().at(-1) !== fn) return false;
  return isTracerSpanStart(call, 'startActiveSpan', fromFile);
}
