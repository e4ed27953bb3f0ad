import { Node } from 'ts-morph';
import { getCalleeName, getTypeReferenceName, skipTransparentWrappers } from './expression-names.js';
import {
  LOGGER_FACTORY_METHODS,
  LOGGER_NAME_PATTERN,
  METER_INSTRUMENT_FACTORIES,
  METER_OBSERVABLE_FACTORIES,
  METRIC_INSTRUMENT_NAME_PATTERN,
  METRIC_INSTRUMENT_TYPE_NAMES,
  OBSERVABLE_CALLBACK_METHOD,
} from '../catalog/attribute-sinks.js';

/**
 * Metric instruments and loggers as receivers of attribute sinks, read from the TypeScript tree by the rules the lint
 * side reads them from ESTree (src/lint/attribute-sinks.ts, without type information): the origin first (a meter's
 * factory, `logs.getLogger(…)`, a written type, an observable instrument's callback), the name only where nothing
 * else says what the value is.
 */

/** `counter` in `counter.add(1, attributes)`: a metric instrument, or the result an observable instrument's callback gets. */
export function isMetricInstrumentNode(node: Node): boolean {
  const expression = skipTransparentWrappers(node);
  if (Node.isCallExpression(expression)) return isInstrumentFactoryCall(expression);
  if (Node.isPropertyAccessExpression(expression)) {
    const name = expression.getName();
    if (METRIC_INSTRUMENT_NAME_PATTERN.test(name)) return true;
    return Node.isThisExpression(expression.getExpression()) && isInstrumentClassField(expression, name);
  }
  if (!Node.isIdentifier(expression)) return false;
  const declaration = expression.getSymbol()?.getDeclarations()[0];
  if (Node.isParameterDeclaration(declaration) && isObservableCallbackParameter(declaration)) return true;
  const annotated = Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration) ? getTypeReferenceName(declaration.getTypeNode()) : undefined;
  if (annotated !== undefined) return METRIC_INSTRUMENT_TYPE_NAMES.includes(annotated);
  const init = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  if (init && isInstrumentFactoryCall(skipTransparentWrappers(init))) return true;
  return METRIC_INSTRUMENT_NAME_PATTERN.test(expression.getText());
}

/** `logger` in `logger.emit({ attributes })`: from a `getLogger(…)` call, or named like a logger. */
export function isLoggerNode(node: Node): boolean {
  const expression = skipTransparentWrappers(node);
  if (Node.isCallExpression(expression)) return isLoggerFactoryCall(expression);
  if (Node.isPropertyAccessExpression(expression)) return LOGGER_NAME_PATTERN.test(expression.getName());
  if (!Node.isIdentifier(expression)) return false;
  const declaration = expression.getSymbol()?.getDeclarations()[0];
  const init = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  if (init && isLoggerFactoryCall(skipTransparentWrappers(init))) return true;
  return LOGGER_NAME_PATTERN.test(expression.getText());
}

function isInstrumentFactoryCall(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const name = getCalleeName(node);
  return name !== undefined && (METER_INSTRUMENT_FACTORIES.includes(name) || METER_OBSERVABLE_FACTORIES.includes(name));
}

function isLoggerFactoryCall(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const name = getCalleeName(node);
  return name !== undefined && LOGGER_FACTORY_METHODS.includes(name);
}

/** `this.requests` where the class declares `requests = meter.createCounter(…)` or assigns it in its constructor. */
function isInstrumentClassField(member: Node, name: string): boolean {
  const owner = member.getFirstAncestor((node) => Node.isClassDeclaration(node) || Node.isClassExpression(node));
  if (!owner || !(Node.isClassDeclaration(owner) || Node.isClassExpression(owner))) return false;
  for (const property of owner.getProperties()) {
    const value = property.getInitializer();
    if (property.getName() === name && value) return isInstrumentFactoryCall(skipTransparentWrappers(value));
  }
  for (const constructor of owner.getConstructors()) {
    for (const statement of constructor.getStatements()) {
      if (!Node.isExpressionStatement(statement)) continue;
      const assignment = statement.getExpression();
      if (!Node.isBinaryExpression(assignment) || assignment.getOperatorToken().getText() !== '=') continue;
      const left = assignment.getLeft();
      if (Node.isPropertyAccessExpression(left) && Node.isThisExpression(left.getExpression()) && left.getName() === name) {
        return isInstrumentFactoryCall(skipTransparentWrappers(assignment.getRight()));
      }
    }
  }
  return false;
}

/** The first parameter of `observable.addCallback((result) => …)` on an observable instrument. */
function isObservableCallbackParameter(parameter: Node): boolean {
  const fn = parameter.getParent();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || fn.getParameters()[0] !== parameter) return false;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || call.getArguments()[0] !== fn) return false;
  const callee = skipTransparentWrappers(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== OBSERVABLE_CALLBACK_METHOD) return false;
  const instrument = callee.getExpression();
  return isMetricInstrumentNode(instrument) || /observable/i.test(getNameOf(instrument) ?? '');
}

/** The name an expression goes by: an identifier's or a member's. */
function getNameOf(node: Node): string | undefined {
  const expression = skipTransparentWrappers(node);
  if (Node.isIdentifier(expression)) return expression.getText();
  return Node.isPropertyAccessExpression(expression) ? expression.getName() : undefined;
}

