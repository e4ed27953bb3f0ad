import { Node, SyntaxKind, type CallExpression, type NewExpression, type SourceFile } from 'ts-morph';
import { ENTRY_POINT_ATTRIBUTES } from '../../src/catalog/entry-points.js';
import { CONSUME_OPERATIONS, EACH, EACH_IF_ARRAY, type CarrierPath, type ConsumeMatcher, type ConsumeOperation } from '../../src/catalog/messaging/index.js';
import type { WrappableFunction } from '../../src/transform/wrap-body.js';
import {
  getInlineFunction,
  getObjectFunction,
  getReceiverName,
  getStringValue,
  importsAnyModule,
  skippedNote,
  type CarrierGetter,
  type Collected,
  type WrappedValue,
} from './target.js';

type CallbackMatcher = Extract<ConsumeMatcher, { kind: 'callback' }>;

const GETTERS: Partial<Record<string, CarrierGetter>> = {
  'string-map': 'default',
  'string-or-buffer-map': 'buffer-map',
  envelope: 'default',
  'nats-headers': 'nats-headers',
};

/** Message handlers registered with a call or constructor of a library in the messaging catalog. */
export function collectConsumers(sourceFile: SourceFile, isTypeScript: boolean): Collected {
  const collected: Collected = { targets: [], notes: [] };
  for (const operation of CONSUME_OPERATIONS) {
    if (!importsAnyModule(sourceFile, operation.modules)) continue;
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'callback') continue;
      for (const call of findRegistrations(sourceFile, matcher)) collectConsumer(call, operation, matcher, isTypeScript, collected);
    }
  }
  return collected;
}

function findRegistrations(sourceFile: SourceFile, matcher: CallbackMatcher): Array<CallExpression | NewExpression> {
  const { call } = matcher;
  if (call.type === 'constructor') {
    return sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression).filter((expression) => call.constructorNames.includes(expression.getExpression().getText()));
  }
  return sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression).filter((expression) => {
    const callee = expression.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !call.methodNames.includes(callee.getName())) return false;
    const receiver = getReceiverName(callee.getExpression());
    if (receiver === undefined || !call.receiver.test(receiver)) return false;
    const event = getStringValue(expression.getArguments()[0]);
    return !matcher.events || (event !== undefined && matcher.events.includes(event));
  });
}

function collectConsumer(call: CallExpression | NewExpression, operation: ConsumeOperation, matcher: CallbackMatcher, isTypeScript: boolean, collected: Collected): void {
  const argument = call.getArguments()[matcher.callbackArgument];
  const fn = matcher.callbackKey ? getObjectFunction(argument, matcher.callbackKey).fn : getInlineFunction(argument);
  if (!fn) {
    const where = matcher.callbackKey ? `its ${matcher.callbackKey} is` : 'the handler is';
    if (argument && (!matcher.callbackKey || getObjectFunction(argument, matcher.callbackKey).property)) {
      collected.notes.push(skippedNote(call, `${operation.displayName}: ${where} not written inline here; wrap the function where it is defined`));
    }
    return;
  }
  const refuse = (reason: string): void => void collected.notes.push(skippedNote(fn, `${operation.displayName}: ${reason}`));
  if (operation.message.path.some((segment) => segment === EACH || segment === EACH_IF_ARRAY)) {
    refuse('the handler receives a batch; a span per message is not written, wrap the loop over the messages by hand');
    return;
  }
  const carrierLocation = operation.carriers[0];
  const getter = carrierLocation ? GETTERS[carrierLocation.encoding] : undefined;
  if (!carrierLocation || !getter) {
    refuse('its carrier encoding is not one the codemod can read');
    return;
  }
  const message = getParameterPath(fn, operation.message.parameter, operation.message.path);
  if (message === undefined) {
    refuse('the message parameter is missing or destructured without the message, so the carrier cannot be read');
    return;
  }
  const carrier = getCarrierExpression(message, carrierLocation.path, carrierLocation.encoding, carrierLocation.envelopeKey, isTypeScript);
  const destination = getDestination(call, fn, operation);
  collected.targets.push({
    fn,
    name: destination === undefined ? { literal: `process ${operation.system}` } : 'literal' in destination ? { literal: `process ${destination.literal}` } : { prefix: 'process ', expression: destination.expression },
    kind: 'CONSUMER',
    attributes: [
      { key: ENTRY_POINT_ATTRIBUTES.messagingSystem, value: { literal: operation.system } },
      ...(destination ? [{ key: ENTRY_POINT_ATTRIBUTES.messagingDestination, value: destination }] : []),
      { key: ENTRY_POINT_ATTRIBUTES.messagingOperationType, value: { literal: operation.operationName } },
    ],
    extraction: { carrier, getter },
  });
}

/** An expression for `path` below the handler's parameter, using the binding names when the parameter is destructured. */
function getParameterPath(fn: WrappableFunction, index: number, path: CarrierPath): string | undefined {
  const parameter = fn.getParameters()[index];
  if (!parameter) return undefined;
  const nameNode = parameter.getNameNode();
  if (Node.isIdentifier(nameNode)) return [nameNode.getText(), ...path].join('.');
  if (!Node.isObjectBindingPattern(nameNode) || path.length === 0) return undefined;
  const element = nameNode.getElements().find((candidate) => (candidate.getPropertyNameNode()?.getText() ?? candidate.getName()) === path[0]);
  if (!element || element.getDotDotDotToken() || !Node.isIdentifier(element.getNameNode())) return undefined;
  return [element.getName(), ...path.slice(1)].join('.');
}

/** `msg?.properties?.headers`; an envelope is read under its key, with a cast in TypeScript (job data is the user's type). */
function getCarrierExpression(message: string, path: CarrierPath, encoding: string, envelopeKey: string | undefined, isTypeScript: boolean): string {
  const container = [message, ...path].join('?.');
  if (encoding !== 'envelope' || !envelopeKey) return encoding === 'string-map' ? `${container} ?? {}` : container;
  if (!isTypeScript) return `${container}?.${envelopeKey} ?? {}`;
  return `(${container} as { ${envelopeKey}?: Record<string, string> } | undefined)?.${envelopeKey} ?? {}`;
}

function getDestination(call: CallExpression | NewExpression, fn: WrappableFunction, operation: ConsumeOperation): WrappedValue | undefined {
  const { destination } = operation;
  switch (destination.kind) {
    case 'argument':
      return destination.path.length === 0 ? getValueOf(call.getArguments()[destination.argument]) : undefined;
    case 'constructor':
      return getValueOf(call.getArguments()[destination.argument]);
    case 'parameter': {
      const expression = getParameterPath(fn, destination.parameter, destination.path);
      return expression === undefined ? undefined : { expression };
    }
    case 'receiver-factory':
      return getReceiverFactoryValue(call, destination.argument);
    case 'none':
      return undefined;
  }
}

/** A string literal's value, or an identifier to read at run time. */
function getValueOf(node: Node | undefined): WrappedValue | undefined {
  const literal = getStringValue(node);
  if (literal !== undefined) return { literal };
  return node && Node.isIdentifier(node) ? { expression: node.getText() } : undefined;
}

/** `pubsub.subscription('orders').on(…)`, or `const subscription = pubsub.subscription('orders')` then `subscription.on(…)`. */
function getReceiverFactoryValue(call: CallExpression | NewExpression, argument: number): WrappedValue | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  let receiver: Node | undefined = callee.getExpression();
  if (Node.isIdentifier(receiver)) {
    const declaration = receiver.getSymbol()?.getValueDeclaration();
    receiver = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  }
  if (!receiver || !Node.isCallExpression(receiver)) return undefined;
  const literal = getStringValue(receiver.getArguments()[argument]);
  return literal === undefined ? undefined : { literal };
}
