import { Node } from 'ts-morph';
import { getCalleeName, getTypeReferenceName, skipTransparentWrappers } from './expression-names.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_START_METHODS } from '../catalog/otel-api.js';
import { isSpanReceiver, type SpanReceiverFacts } from '../catalog/span-receivers.js';

/** Whether a receiver is a span: the facts are read from the TypeScript tree here, the catalog decides. */
export function isSpanNode(node: Node): boolean {
  return isSpanReceiver(getSpanReceiverFacts(node));
}

/** What the tree and the symbol table say about a value that may be a span (the lint side reads the same facts). */
export function getSpanReceiverFacts(node: Node): SpanReceiverFacts {
  const expression = skipTransparentWrappers(node);
  if (Node.isCallExpression(expression)) {
    const producer = getCalleeName(expression);
    return { name: undefined, isStartedSpan: producer !== undefined && SPAN_START_METHODS.includes(producer), producer };
  }
  if (Node.isPropertyAccessExpression(expression)) return { name: expression.getName() };
  if (!Node.isIdentifier(expression)) return { name: undefined };
  const declaration = expression.getSymbol()?.getDeclarations()[0];
  if (Node.isParameterDeclaration(declaration)) {
    return { name: expression.getText(), annotation: getTypeReferenceName(declaration.getTypeNode()), isStartedSpan: isStartActiveSpanCallbackParameter(declaration) };
  }
  if (!Node.isVariableDeclaration(declaration)) return { name: expression.getText() };
  const init = declaration.getInitializer();
  const value = init && skipTransparentWrappers(init);
  const producer = value && Node.isCallExpression(value) ? getCalleeName(value) : undefined;
  return {
    name: expression.getText(),
    annotation: getTypeReferenceName(declaration.getTypeNode()),
    isStartedSpan: producer !== undefined && SPAN_START_METHODS.includes(producer),
    producer,
  };
}

/** `tracer.startActiveSpan(name, (span) => …)`: the first parameter of the callback. */
function isStartActiveSpanCallbackParameter(parameter: Node): boolean {
  const fn = parameter.getParent();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || fn.getParameters()[0] !== parameter) return false;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || call.getArguments().at(-1) !== fn) return false;
  const name = getCalleeName(call);
  return name !== undefined && ACTIVE_SPAN_START_METHODS.includes(name);
}
