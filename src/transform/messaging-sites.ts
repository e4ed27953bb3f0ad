import { Node, SyntaxKind, type CallExpression, type ForOfStatement, type NewExpression, type SourceFile } from 'ts-morph';
import type { ConsumeMatcher, ConsumeOperation, PublishOperation } from '../catalog/messaging/index.js';
import {
  isConsumeTracedByLibrary,
  isPublishTracedByLibrary,
  isWrappedByTracingHelper,
  matchCallbackConsume,
  matchIteratorConsume,
  matchLambdaHandler,
  matchPublish,
  explainCarrierArgument,
  type ConsumeMatch,
  type MatchReason,
} from '../catalog/messaging/match.js';
import { getDescendantsOfKinds } from './descendants-of-kinds.js';
import { getHandlerReference } from './handler-reference.js';
import { getCallFacts, getImportedModules, getValueFact, getVariableInitializer, resolveFunction } from './messaging-facts.js';
import { getPropertyInitializer } from './object-literal.js';

export { getImportedModules, getReceiverName } from './messaging-facts.js';

/** A publish call the catalog recognises: the call, and the argument list the carrier locations index into. */
export interface PublishSite {
  operation: PublishOperation;
  /** The publish call (`channel.sendToQueue(...)`) or, for AWS SDK v3 commands, the `new XCommand(input)`. */
  call: CallExpression | NewExpression;
  /** For a command, the `client.send(...)` call it is passed to, when it is passed directly. */
  sendCall?: CallExpression;
  /**
   * The carrier travels without this codemod: the receiver was made with the library's own tracing option (BullMQ
   * `new Queue(name, { telemetry })`, decided per receiver), or the AWS client is wrapped by X-Ray.
   */
  tracedByLibrary: boolean;
  /** Why the argument that holds the carrier cannot take one at the call (params built elsewhere, an opaque payload), when the facts say so. */
  carrierArgumentReason: MatchReason | undefined;
}

/** A function the catalog recognises as a message handler, and where the message is inside it. */
export interface ConsumerHandler {
  operation: ConsumeOperation;
  /** The handler function, or for an async iterator the `for await` loop. */
  node: Node;
  /** The body the handler's code is in. */
  body: Node;
  /** The identifier naming the message (or the value the message path starts from); undefined when destructured. */
  parameterName: string | undefined;
  /** The registering call (`channel.consume(queue, cb)`), when there is one: the destination is read from it. */
  registration?: CallExpression | NewExpression;
  /** The registering constructor turns the library's own tracing on (BullMQ `new Worker(q, fn, { telemetry })`). */
  tracedByLibrary: boolean;
  /**
   * A handler passed by name that runs for other callers too (see getHandlerReference): why its body must not be
   * edited for this registration alone.
   */
  shared?: string;
}

// The only nodes each search looks at: a publish is a call or a `new`, a registration also a `for await` loop, and a
// Lambda handler a typed function or the variable holding one.
const CALL_KINDS = [SyntaxKind.CallExpression, SyntaxKind.NewExpression];
const REGISTRATION_KINDS = [...CALL_KINDS, SyntaxKind.ForOfStatement];
const HANDLER_KINDS = [...REGISTRATION_KINDS, SyntaxKind.VariableDeclaration, SyntaxKind.ArrowFunction, SyntaxKind.FunctionExpression, SyntaxKind.FunctionDeclaration];

/** Every publish call of the catalog in the file, in source order; each call matches its first operation. */
export function findPublishSites(sourceFile: SourceFile): PublishSite[] {
  const imported = getImportedModules(sourceFile);
  const sites: PublishSite[] = [];
  for (const node of getDescendantsOfKinds(sourceFile, CALL_KINDS)) {
    if (!Node.isNewExpression(node) && !Node.isCallExpression(node)) continue;
    const facts = getCallFacts(node, imported);
    const match = facts && matchPublish(facts);
    if (!facts || !match) continue;
    const operation = match.operation;
    const carrierArgumentReason = explainCarrierArgument(operation, facts.arguments[operation.carriers[0]?.argument ?? 0]);
    if (facts.kind === 'new') {
      const parent = node.getParent();
      const sendCall = Node.isCallExpression(parent) && parent.getArguments()[0] === node ? parent : undefined;
      const sendCallee = sendCall?.getExpression();
      const client = sendCallee && Node.isPropertyAccessExpression(sendCallee) ? getValueFact(sendCallee.getExpression()) : undefined;
      sites.push({ operation, call: node, sendCall, tracedByLibrary: isWrappedByTracingHelper(operation, client), carrierArgumentReason });
      continue;
    }
    if (facts.kind !== 'method') continue;
    const receiver = facts.receiver.value;
    sites.push({ operation, call: node, tracedByLibrary: isPublishTracedByLibrary(operation, receiver) || isWrappedByTracingHelper(operation, receiver), carrierArgumentReason });
  }
  return sites;
}

function getFunctionBody(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) {
    return node.getBody();
  }
  return undefined;
}

function getParameterName(fn: Node, index: number): string | undefined {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn) && !Node.isFunctionDeclaration(fn) && !Node.isMethodDeclaration(fn)) return undefined;
  const nameNode = fn.getParameters()[index]?.getNameNode();
  return nameNode && Node.isIdentifier(nameNode) ? nameNode.getText() : undefined;
}

/**
 * The handler a callback matcher names in a registering call's arguments: a function written there, or a same-file
 * function passed by name, with the reason its body is shared when it runs for other callers too.
 */
function getCallbackFunction(args: Node[], matcher: Extract<ConsumeMatcher, { kind: 'callback' }>): { fn: Node; shared?: string } | undefined {
  const argument = args[matcher.callbackArgument];
  let handler: Node | undefined = argument;
  if (matcher.callbackKey !== undefined) {
    if (!argument || !Node.isObjectLiteralExpression(argument)) return undefined;
    const property = argument.getProperty(matcher.callbackKey);
    if (property && Node.isMethodDeclaration(property)) return { fn: property };
    handler = getPropertyInitializer(argument, matcher.callbackKey);
  }
  const reference = getHandlerReference(handler);
  if (reference) return reference.at === 'definition' ? { fn: reference.fn } : { fn: reference.fn, shared: reference.reason };
  const fn = resolveFunction(handler);
  return fn ? { fn } : undefined;
}

function getTypeName(node: Node | undefined): string | undefined {
  if (!node || !Node.isTypeReference(node)) return undefined;
  return node.getTypeName().getText().split('.').pop();
}

/** Every message handler of the catalog in the file. */
export function findConsumerHandlers(sourceFile: SourceFile): ConsumerHandler[] {
  const imported = getImportedModules(sourceFile);
  const handlers: ConsumerHandler[] = [];
  const seen = new Set<Node>();
  const add = (handler: ConsumerHandler) => {
    if (seen.has(handler.node)) return;
    seen.add(handler.node);
    handlers.push(handler);
  };
  for (const node of getDescendantsOfKinds(sourceFile, HANDLER_KINDS)) {
    const registration = getConsumerRegistration(node, imported);
    if (registration?.kind === 'callback') {
      for (const { operation, matcher } of registration.matches) {
        if (matcher.kind !== 'callback') continue;
        const found = getCallbackFunction(registration.registration.getArguments(), matcher);
        const fn = found?.fn;
        const body = getFunctionBody(fn);
        if (!fn || !body) continue;
        const tracedByLibrary = isConsumeTracedByLibrary(operation, registration.facts);
        add({ operation, node: fn, body, parameterName: getParameterName(fn, operation.message.parameter), registration: registration.registration, tracedByLibrary, ...(found.shared ? { shared: found.shared } : {}) });
        break;
      }
    } else if (registration?.kind === 'async-iterator') {
      const { loop } = registration;
      const declaration = loop.getInitializer();
      const variable = Node.isVariableDeclarationList(declaration) ? declaration.getDeclarations()[0]?.getNameNode() : undefined;
      add({ operation: registration.match.operation, node: loop, body: loop.getStatement(), parameterName: variable && Node.isIdentifier(variable) ? variable.getText() : undefined, registration: registration.registration, tracedByLibrary: false });
    } else if (!registration) {
      const lambda = getLambdaHandler(node);
      const body = getFunctionBody(lambda?.fn);
      if (lambda && body) add({ operation: lambda.operation, node: lambda.fn, body, parameterName: getParameterName(lambda.fn, lambda.operation.message.parameter), tracedByLibrary: false });
    }
  }
  return handlers;
}

function getLambdaHandler(node: Node): { fn: Node; operation: ConsumeOperation } | undefined {
  if (Node.isVariableDeclaration(node)) {
    const init = node.getInitializer();
    const operation = matchLambdaHandler({ parameterType: undefined, handlerType: getTypeName(node.getTypeNode()) });
    return operation && init && getFunctionBody(init) ? { fn: init, operation } : undefined;
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node)) {
    const operation = matchLambdaHandler({ parameterType: getTypeName(node.getParameters()[0]?.getTypeNode()), handlerType: undefined });
    return operation ? { fn: node, operation } : undefined;
  }
  return undefined;
}

/** The call a `for await` loop iterates over: `nc.subscribe(s)`, or the initializer of the variable holding it. */
function getIteratedCall(expression: Node): CallExpression | undefined {
  let source = expression;
  if (Node.isIdentifier(source)) {
    const initializer = getVariableInitializer(source);
    if (!initializer) return undefined;
    source = initializer;
  }
  if (Node.isAwaitExpression(source)) source = source.getExpression();
  return Node.isCallExpression(source) ? source : undefined;
}

/**
 * A call the catalog recognises as registering a message handler, whether or not its handler can be found here
 * (a handler passed by reference is still a registration): the codemods that write a note for it read this.
 */
export type ConsumerRegistration =
  | {
      kind: 'callback';
      /** `channel.consume(queue, cb)`, `new Worker(queue, processor)`. */
      registration: CallExpression | NewExpression;
      /** Every consume operation the call registers a handler for, in catalog order. */
      matches: ConsumeMatch[];
      /** What the call was matched on (whether the library traces it by itself is read from them). */
      facts: NonNullable<ReturnType<typeof getCallFacts>>;
    }
  | {
      kind: 'async-iterator';
      /** The `for await` loop over the subscription. */
      loop: ForOfStatement;
      /** The subscribe call the loop iterates (`nc.subscribe(subject)`), in the loop or in a variable's initializer. */
      registration: CallExpression;
      match: ConsumeMatch;
    };

/** Every handler registration and subscription loop of the catalog in the file, in source order. */
export function findConsumerRegistrations(sourceFile: SourceFile): ConsumerRegistration[] {
  const imported = getImportedModules(sourceFile);
  const registrations: ConsumerRegistration[] = [];
  for (const node of getDescendantsOfKinds(sourceFile, REGISTRATION_KINDS)) {
    const registration = getConsumerRegistration(node, imported);
    if (registration) registrations.push(registration);
  }
  return registrations;
}

/** The registration a node is (a call or `new` registering a handler, or a `for await` loop over a subscription), if any. */
function getConsumerRegistration(node: Node, imported: ReturnType<typeof getImportedModules>): ConsumerRegistration | undefined {
  if (Node.isCallExpression(node) || Node.isNewExpression(node)) {
    const facts = getCallFacts(node, imported);
    const matches = facts ? matchCallbackConsume(facts) : [];
    return facts && matches.length > 0 ? { kind: 'callback', registration: node, matches, facts } : undefined;
  }
  if (Node.isForOfStatement(node) && node.isAwaited()) {
    const iterable = getIteratedCall(node.getExpression());
    const facts = iterable && getCallFacts(iterable, imported);
    const match = facts && matchIteratorConsume(facts);
    return iterable && match ? { kind: 'async-iterator', loop: node, registration: iterable, match } : undefined;
  }
  return undefined;
}
