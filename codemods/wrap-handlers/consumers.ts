import { findVariableInitializer } from '../../src/transform/syntax-scope.js';
import { Node, VariableDeclarationKind, type CallExpression, type ForOfStatement, type NewExpression, type SourceFile } from 'ts-morph';
import { ENTRY_POINT_ATTRIBUTES, URL_DESTINATION_KEYS } from '../../src/catalog/entry-points.js';
import { DEFAULT_ENVELOPE_CARRIER_KEY, EACH, EACH_IF_ARRAY, type ConsumeMatcher, type ConsumeOperation } from '../../src/catalog/messaging/index.js';
import { detectFileStyle, type FileStyle } from '../../src/transform/file-style.js';
import { describeUnresolvedHandler, getHandlerReference, isSameBinding, type HandlerReference, type NamedFunction } from '../../src/transform/handler-reference.js';
import { findConsumerRegistrations } from '../../src/transform/messaging-sites.js';
import { getPropertyInitializer } from '../../src/transform/object-literal.js';
import { planRequestedCarrierKeys } from '../../src/transform/requested-carrier-keys.js';
import { isWrappableFunction, type WrappableFunction } from '../../src/transform/wrap-body.js';
import {
  getAccessPath,
  getCarrierExpression,
  getInlineFunction,
  getLoopMessage,
  getObjectFunction,
  getParameterPath,
  getStringValue,
  skippedNote,
  type CarrierDecoding,
  type CarrierGetter,
  type Collected,
  type WrapTarget,
  type WrappedValue,
} from './target.js';

type CallbackMatcher = Extract<ConsumeMatcher, { kind: 'callback' }>;

const GETTERS: Partial<Record<string, CarrierGetter>> = {
  'string-map': 'default',
  'string-or-buffer-map': 'buffer-map',
  envelope: 'default',
  'nats-headers': 'nats-headers',
  'json-in-string-field': 'default',
  'sqs-message-attributes': 'sqs-message',
};

/**
 * Message handlers registered with a call or constructor of a library in the messaging catalog, and `for await`
 * loops over a subscription: the sites are the shared matcher's (src/transform/messaging-sites.ts), so a receiver
 * is recognised by its origin, by its name only where the origin cannot be seen.
 */
export function collectConsumers(sourceFile: SourceFile, isTypeScript: boolean, quote: string): Collected {
  const collected: Collected = { targets: [], notes: [] };
  let style: FileStyle | undefined;
  const file = { isTypeScript, quote, getStyle: () => (style ??= detectFileStyle(sourceFile.getFullText())) };
  for (const found of findConsumerRegistrations(sourceFile)) {
    if (found.kind === 'async-iterator') {
      collectIteratorLoop(found.loop, found.registration, found.match.operation, file, collected);
      continue;
    }
    for (const { operation, matcher } of found.matches) {
      if (matcher.kind === 'callback') collectConsumer(found.registration, operation, matcher, file, collected);
    }
  }
  return collected;
}

/** The expression in the handler position: the callback argument, or the value under its key in an options object. */
function getHandlerPosition(argument: Node | undefined, matcher: CallbackMatcher): Node | undefined {
  if (matcher.callbackKey === undefined) return argument;
  const { property } = getObjectFunction(argument, matcher.callbackKey);
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  return Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
}

/**
 * Consumer handlers passed by name whose function other callers share (exported, called directly, registered twice):
 * the reference becomes an inline function that calls it, and that function is wrapped instead, so the span covers
 * this registration's messages only. It is a `function`, not an arrow, so the `this` and every argument the library
 * passes reach the handler as they did when it was passed by name; it awaits the handler when the handler is async,
 * so the span ends after its work, and it stays synchronous otherwise, so a synchronous throw stays one.
 */
export function getSharedConsumerReferences(sourceFile: SourceFile, file: { isTypeScript: boolean; semicolons: boolean }): Array<{ node: Node; text: string }> {
  const references: Array<{ node: Node; text: string }> = [];
  for (const found of findConsumerRegistrations(sourceFile)) {
    if (found.kind !== 'callback') continue;
    const matcher = found.matches.map((match) => match.matcher).find((candidate): candidate is CallbackMatcher => candidate.kind === 'callback');
    if (!matcher) continue;
    const position = getHandlerPosition(found.registration.getArguments()[matcher.callbackArgument], matcher);
    const reference = getHandlerReference(position);
    // A method other code may call is left to a note (see collectConsumer): `this` would need the instance's type.
    if (!position || reference?.at !== 'registration' || Node.isMethodDeclaration(reference.fn)) continue;
    const node = Node.isShorthandPropertyAssignment(position.getParent()) ? position.getParent()! : position;
    const call = `${reference.name}.apply(this, args)`;
    const async = isAsyncFunction(reference.fn);
    const parameters = file.isTypeScript ? `this: unknown, ...args: Parameters<typeof ${reference.name}>` : '...args';
    const fn = `${async ? 'async ' : ''}function (${parameters}) { return ${async ? 'await ' : ''}${call}${file.semicolons ? ';' : ''} }`;
    references.push({ node, text: node === position ? fn : `${matcher.callbackKey}: ${fn}` });
  }
  return references;
}

/**
 * Why a handler position was left, and what to do: a method other code may call gets its span from an arrow written
 * in its place; anything else where it is defined, parented by the context extracted from the message's carrier.
 */
function getUnwrappedHandlerAdvice(position: Node | undefined, reference: HandlerReference | undefined, operation: ConsumeOperation): string {
  const carrier = operation.carriers[0]?.description;
  const parent = carrier ? `, parented by the context extracted from ${carrier}` : '';
  if (reference?.at === 'registration') {
    return `${reference.reason}; register an arrow that calls it (\`(...args) => ${reference.name}(...args)\`) and run the codemod again, or wrap its body in a CONSUMER span by hand${parent}`;
  }
  return `${describeUnresolvedHandler(position)}; wrap the function where it is defined in a CONSUMER span${parent}`;
}

/** Async by keyword, or declared to return a promise. */
function isAsyncFunction(fn: NamedFunction): boolean {
  return fn.isAsync() || /^Promise\s*</.test(fn.getReturnTypeNode()?.getText() ?? '');
}

interface FileFacts {
  isTypeScript: boolean;
  quote: string;
  /** The file's style, read once when an edit outside a handler needs it. */
  getStyle: () => FileStyle;
}

function collectConsumer(call: CallExpression | NewExpression, operation: ConsumeOperation, matcher: CallbackMatcher, file: FileFacts, collected: Collected): void {
  const argument = call.getArguments()[matcher.callbackArgument];
  const inline = matcher.callbackKey ? getObjectFunction(argument, matcher.callbackKey).fn : getInlineFunction(argument);
  const reference = getHandlerReference(getHandlerPosition(argument, matcher));
  // A function of this file that only this registration uses is wrapped where it is defined (see getHandlerReference);
  // one that other callers share was replaced by an inline function at the registration before this parse.
  const fn = inline ?? (reference?.at === 'definition' ? reference.fn : undefined);
  if (!fn) {
    const position = getHandlerPosition(argument, matcher);
    if (argument && (!matcher.callbackKey || getObjectFunction(argument, matcher.callbackKey).property)) {
      collected.notes.push(skippedNote(call, `${operation.displayName}: not wrapped, ${getUnwrappedHandlerAdvice(position, reference, operation)}`));
    }
    return;
  }
  const refuse = (reason: string): void => void collected.notes.push(skippedNote(fn, `${operation.displayName}: ${reason}`));
  const carrierLocation = operation.carriers[0];
  const getter = carrierLocation ? GETTERS[carrierLocation.encoding] : undefined;
  const isBatch = operation.message.path.some((segment) => segment === EACH || segment === EACH_IF_ARRAY);
  if (isBatch && !isBatchParameter(operation)) {
    refuse('the handler receives a batch; a span per message is not written, wrap the loop over the messages by hand');
    return;
  }
  if (!carrierLocation || !getter) {
    refuse('its carrier encoding is not one the codemod can read');
    return;
  }
  if (isBatch) {
    collectBatchConsumer(call, fn, operation, { location: carrierLocation, getter }, file, collected);
    return;
  }
  const message = getParameterPath(fn, operation.message.parameter, operation.message.path, file.quote);
  if (message === undefined) {
    refuse('the message parameter is missing or destructured without the message, so the carrier cannot be read');
    return;
  }
  const carrier =
    carrierLocation.encoding === 'json-in-string-field'
      ? getJsonCarrierExpression(getAccessPath(message, carrierLocation.path, false, file.quote), carrierLocation.envelopeKey ?? DEFAULT_ENVELOPE_CARRIER_KEY)
      : getCarrierExpression(message, carrierLocation.path, getter, carrierLocation.envelopeKey, file.isTypeScript, file.quote);
  const read = getDestination(call, fn, operation, file.quote);
  const destination = operation.destination.kind === 'parameter' ? read : getVisibleDestination(read, call, fn);
  if (read && !destination) {
    collected.notes.push({ line: fn.getStartLineNumber(), kind: 'review', message: `${operation.displayName}: the span is named after the system: the destination (\`${'expression' in read ? read.expression : ''}\`) is not in scope where the handler is defined` });
  }
  const messageId = operation.messageId && getParameterPath(fn, operation.message.parameter, [...operation.message.path, ...operation.messageId], file.quote);
  collected.targets.push({
    fn,
    name: getConsumerName(operation, destination),
    kind: 'CONSUMER',
    attributes: [...getConsumerAttributes(operation, destination), ...(messageId ? [{ key: ENTRY_POINT_ATTRIBUTES.messagingMessageId, value: { expression: messageId } }] : [])],
    extraction: { carrier, getter, ...getBodyFallback(carrierLocation, message) },
    ...getCarrierRequest(call, operation, file, collected),
  });
}

/** A handler whose parameter is the list of messages itself (sqs-consumer `handleMessageBatch(messages)`). */
function isBatchParameter(operation: ConsumeOperation): boolean {
  return operation.message.path.length === 1 && operation.message.path[0] === EACH;
}

/**
 * A handler given the whole batch: one CONSUMER span over it, linked to the context of every message that carries
 * one (the semantic conventions' batch span: many producers, so no single parent), with the batch's size.
 */
function collectBatchConsumer(
  call: CallExpression | NewExpression,
  fn: WrappableFunction,
  operation: ConsumeOperation,
  carrier: { location: ConsumeOperation['carriers'][number]; getter: CarrierGetter },
  file: FileFacts,
  collected: Collected,
): void {
  const messages = getParameterPath(fn, operation.message.parameter, [], file.quote);
  if (messages === undefined) {
    collected.notes.push(skippedNote(fn, `${operation.displayName}: the batch parameter is missing or destructured, so the messages cannot be linked`));
    return;
  }
  const destination = getDestination(call, fn, operation, file.quote);
  collected.targets.push({
    fn,
    name: getConsumerName(operation, destination),
    kind: 'CONSUMER',
    attributes: [...getConsumerAttributes(operation, destination), { key: ENTRY_POINT_ATTRIBUTES.messagingBatchMessageCount, value: { expression: `${messages}.length` } }],
    links: { records: messages, carrier: getCarrierExpression('record', carrier.location.path, carrier.getter, carrier.location.envelopeKey, file.isTypeScript, file.quote), getter: carrier.getter, ...getBodyFallback(carrier.location, 'record') },
    ...getCarrierRequest(call, operation, file, collected),
  });
}

/** The registration's edit that asks the broker for the carrier, or a note where it cannot be made. */
function getCarrierRequest(call: CallExpression | NewExpression, operation: ConsumeOperation, file: FileFacts, collected: Collected): Pick<WrapTarget, 'registrationEdits'> {
  const requested = planRequestedCarrierKeys(call, operation, file.getStyle());
  if (requested?.kind === 'note') collected.notes.push({ line: call.getStartLineNumber(), kind: 'review', message: `${operation.displayName}: ${requested.reason}` });
  return requested?.kind === 'edit' ? { registrationEdits: [{ ...requested.edit, label: `ask for the carrier in ${operation.requestedCarrierKeys!.option}` }] } : {};
}

/** The carrier inside a JSON message; a message that is not JSON (or has none) gives an empty carrier. */
function getJsonCarrierExpression(text: string, envelopeKey: string): string {
  return `(() => { try { return JSON.parse(String(${text}))?.${envelopeKey} ?? {} } catch { return {} } })()`;
}

/** `process <destination>`; `process <system>` when the destination is not known where the handler is. */
export function getConsumerName(operation: ConsumeOperation, destination: WrappedValue | undefined): WrapTarget['name'] {
  if (destination === undefined) return { literal: `process ${operation.system}` };
  return 'literal' in destination ? { literal: `process ${destination.literal}` } : { prefix: 'process ', expression: destination.expression };
}

export function getConsumerAttributes(operation: ConsumeOperation, destination: WrappedValue | undefined): WrapTarget['attributes'] {
  return [
    { key: ENTRY_POINT_ATTRIBUTES.messagingSystem, value: { literal: operation.system } },
    ...(destination ? [{ key: ENTRY_POINT_ATTRIBUTES.messagingDestination, value: destination }] : []),
    { key: ENTRY_POINT_ATTRIBUTES.messagingOperationType, value: { literal: operation.operationName } },
  ];
}

function getDestination(call: CallExpression | NewExpression, fn: WrappableFunction | undefined, operation: ConsumeOperation, quote: string): WrappedValue | undefined {
  const { destination } = operation;
  switch (destination.kind) {
    case 'argument':
      return destination.path.length === 0 ? getValueOf(call.getArguments()[destination.argument]) : getOptionValue(call.getArguments()[destination.argument], destination.path);
    case 'constructor':
      return getValueOf(call.getArguments()[destination.argument]);
    case 'parameter': {
      const expression = fn && getParameterPath(fn, destination.parameter, destination.path, quote);
      return expression === undefined ? undefined : { expression };
    }
    case 'receiver-factory':
      return getReceiverFactoryValue(call, destination.argument);
    case 'none':
      return undefined;
  }
}

/**
 * A destination read from the registration (`channel.consume(queue, handle)`) by a handler wrapped where it is defined:
 * kept only when its name means the same value there; otherwise the span goes without it.
 */
function getVisibleDestination(destination: WrappedValue | undefined, call: Node, fn: WrappableFunction): WrappedValue | undefined {
  if (!destination || 'literal' in destination || call.getAncestors().includes(fn) || fn.getAncestors().includes(call)) return destination;
  const body = fn.getBody();
  return body && isSameBinding(destination.expression, call, body) ? destination : undefined;
}

/** A string literal's value, or an identifier to read at run time. */
function getValueOf(node: Node | undefined): WrappedValue | undefined {
  const literal = getStringValue(node);
  if (literal !== undefined) return { literal };
  return node && Node.isIdentifier(node) ? { expression: node.getText() } : undefined;
}

/**
 * A value under `path` in the registration's options (`{ queueUrl: QUEUE_URL }`) when it is a string literal or a
 * `const` holding one; a queue URL gives its last path segment, the queue's name.
 */
function getOptionValue(options: Node | undefined, path: readonly string[]): WrappedValue | undefined {
  let value: Node | undefined = options;
  for (const key of path) value = value && Node.isObjectLiteralExpression(value) ? getPropertyInitializer(value, key) : undefined;
  if (value && Node.isIdentifier(value)) {
    const initializer = findVariableInitializer(value);
    value = isConstInitializer(initializer) ? initializer : undefined;
  }
  const literal = getStringValue(value);
  if (literal === undefined) return undefined;
  return { literal: URL_DESTINATION_KEYS.includes(path.at(-1) ?? '') ? (literal.split('/').filter(Boolean).pop() ?? literal) : literal };
}

/** Whether a variable initializer belongs to a `const` (a `let` may hold another queue by the time a message comes). */
function isConstInitializer(initializer: Node | undefined): boolean {
  const list = initializer?.getParent()?.getParent();
  return list !== undefined && Node.isVariableDeclarationList(list) && list.getDeclarationKind() === VariableDeclarationKind.Const;
}

/** `pubsub.subscription('orders').on(…)`, or `const subscription = pubsub.subscription('orders')` then `subscription.on(…)`. */
function getReceiverFactoryValue(call: CallExpression | NewExpression, argument: number): WrappedValue | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  let receiver: Node | undefined = callee.getExpression();
  if (Node.isIdentifier(receiver)) {
    receiver = findVariableInitializer(receiver);
  }
  if (!receiver || !Node.isCallExpression(receiver)) return undefined;
  const literal = getStringValue(receiver.getArguments()[argument]);
  return literal === undefined ? undefined : { literal };
}

/**
 * A received SQS message whose carrier may be in its body (another service's message delivered through the queue) is
 * read by a helper that also looks there (readTraceContextFromSqsMessage); the inline form, where the helper's name
 * is taken, reads the attributes only.
 */
function getBodyFallback(location: ConsumeOperation['carriers'][number], message: string): { decoding?: CarrierDecoding } {
  return location.encoding === 'sqs-message-attributes' && location.bodyEnvelopes ? { decoding: { reader: 'sqs-message-with-body', argument: message } } : {};
}

/**
 * `for await (const msg of nc.subscribe('orders')) { … }` (or of a variable holding the subscription): the loop body
 * becomes one CONSUMER span per message.
 */
function collectIteratorLoop(loop: ForOfStatement, subscribe: CallExpression, operation: ConsumeOperation, file: FileFacts, collected: Collected): void {
  const location = operation.carriers[0];
  const getter = location ? GETTERS[location.encoding] : undefined;
  const found = getLoopMessage(loop);
  if (!location || !getter || 'refusal' in found) {
    collected.notes.push(skippedNote(loop, `${operation.displayName}: no span per message: ${'refusal' in found ? found.refusal : 'its carrier encoding is not one the codemod can read'}`));
    return;
  }
  const destination = getDestination(subscribe, undefined, operation, file.quote);
  collected.targets.push({
    fn: loop.getFirstAncestor((node): node is WrappableFunction => isWrappableFunction(node)),
    loop,
    name: getConsumerName(operation, destination),
    kind: 'CONSUMER',
    attributes: getConsumerAttributes(operation, destination),
    extraction: { carrier: getCarrierExpression(found.message, location.path, getter, location.envelopeKey, file.isTypeScript, file.quote), getter },
  });
}
