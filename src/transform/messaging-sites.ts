import { Node, SyntaxKind, type CallExpression, type Expression, type NewExpression, type SourceFile } from 'ts-morph';
import {
  CONSUME_OPERATIONS,
  PUBLISH_OPERATIONS,
  type ConsumeMatcher,
  type ConsumeOperation,
  type PublishMatcher,
  type PublishOperation,
} from '../catalog/messaging/index.js';
import { getPropertyInitializer } from './object-literal.js';

/** A publish call the catalog recognises: the call, and the argument list the carrier locations index into. */
export interface PublishSite {
  operation: PublishOperation;
  /** The publish call (`channel.sendToQueue(...)`) or, for AWS SDK v3 commands, the `new XCommand(input)`. */
  call: CallExpression | NewExpression;
  /** For a command, the `client.send(...)` call it is passed to, when it is passed directly. */
  sendCall?: CallExpression;
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
}

/** Module specifiers the file imports or requires, type-only imports included. */
export function getImportedModules(sourceFile: SourceFile): Set<string> {
  const modules = new Set(sourceFile.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()));
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const [argument] = call.getArguments();
    if (call.getExpression().getText() === 'require' && argument && Node.isStringLiteral(argument)) modules.add(argument.getLiteralValue());
  }
  return modules;
}

/** The name a method call's receiver goes by: `channel`, `this.channel`, `ctx.channel` → `channel`. */
export function getReceiverName(receiver: Expression): string | undefined {
  if (Node.isIdentifier(receiver)) return receiver.getText();
  if (Node.isPropertyAccessExpression(receiver)) return receiver.getName();
  if (Node.isCallExpression(receiver)) {
    // `pubsub.topic('orders').publishMessage(...)`: the factory's name stands for the receiver.
    const callee = receiver.getExpression();
    return Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  }
  return undefined;
}

function importsAny(imported: Set<string>, modules: readonly string[]): boolean {
  return modules.some((module) => imported.has(module));
}

/** Whether the argument is an object literal (or an array literal of them: a batch) holding every key. */
function hasRequiredKeys(argument: Node | undefined, keys: readonly string[] | undefined): boolean {
  if (argument && Node.isArrayLiteralExpression(argument)) {
    const elements = argument.getElements();
    return elements.length > 0 && elements.every((element) => hasRequiredKeys(element, keys));
  }
  if (!argument || !Node.isObjectLiteralExpression(argument)) return false;
  return (keys ?? []).every((key) => getPropertyInitializer(argument, key) !== undefined || argument.getProperty(key) !== undefined);
}

function matchesMethodCall(
  call: CallExpression,
  matcher: Extract<PublishMatcher, { kind: 'method' }>,
  operation: PublishOperation,
  imported: Set<string>,
): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !matcher.methodNames.includes(callee.getName())) return false;
  const receiver = getReceiverName(callee.getExpression());
  if (receiver === undefined || !matcher.receiver.test(receiver)) return false;
  if (call.getArguments().length < (matcher.minArguments ?? 0)) return false;
  if (matcher.requireImport) return importsAny(imported, operation.modules);
  return hasRequiredKeys(call.getArguments()[matcher.shapeArgument ?? 0], matcher.requiredKeys);
}

/** Every publish call of the catalog in the file, in source order; each call matches its first operation. */
export function findPublishSites(sourceFile: SourceFile): PublishSite[] {
  const imported = getImportedModules(sourceFile);
  const sites: PublishSite[] = [];
  sourceFile.forEachDescendant((node) => {
    if (Node.isNewExpression(node)) {
      const name = node.getExpression().getText();
      const operation = PUBLISH_OPERATIONS.find((candidate) =>
        candidate.matchers.some((matcher) => matcher.kind === 'command' && matcher.commandNames.includes(name)) && importsAny(imported, candidate.modules),
      );
      if (!operation) return;
      const parent = node.getParent();
      const sendCall = Node.isCallExpression(parent) && parent.getArguments()[0] === node ? parent : undefined;
      sites.push({ operation, call: node, sendCall });
    } else if (Node.isCallExpression(node)) {
      const operation = PUBLISH_OPERATIONS.find((candidate) =>
        candidate.matchers.some((matcher) => matcher.kind === 'method' && matchesMethodCall(node, matcher, candidate, imported)),
      );
      if (operation) sites.push({ operation, call: node });
    }
  });
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

/** The handler a callback matcher names in a registering call's arguments. */
function getCallbackFunction(args: Node[], matcher: Extract<ConsumeMatcher, { kind: 'callback' }>): Node | undefined {
  const argument = args[matcher.callbackArgument];
  if (matcher.callbackKey === undefined) return argument;
  if (!argument || !Node.isObjectLiteralExpression(argument)) return undefined;
  const property = argument.getProperty(matcher.callbackKey);
  if (property && Node.isMethodDeclaration(property)) return property;
  return getPropertyInitializer(argument, matcher.callbackKey);
}

function matchesConsumeCall(
  node: CallExpression | NewExpression,
  matcher: Extract<ConsumeMatcher, { kind: 'callback' }>,
  operation: ConsumeOperation,
  imported: Set<string>,
): boolean {
  const args = node.getArguments();
  if (matcher.events) {
    const [event] = args;
    if (!event || !Node.isStringLiteral(event) || !matcher.events.includes(event.getLiteralValue())) return false;
  }
  const call = matcher.call;
  if (call.type === 'constructor') {
    return Node.isNewExpression(node) && call.constructorNames.includes(node.getExpression().getText()) && importsAny(imported, operation.modules);
  }
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !call.methodNames.includes(callee.getName())) return false;
  const receiver = getReceiverName(callee.getExpression());
  if (receiver === undefined || !call.receiver.test(receiver)) return false;
  return !call.requireImport || importsAny(imported, operation.modules);
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
  sourceFile.forEachDescendant((node) => {
    for (const operation of CONSUME_OPERATIONS) {
      for (const matcher of operation.matchers) {
        if (matcher.kind === 'callback' && (Node.isCallExpression(node) || Node.isNewExpression(node))) {
          if (!matchesConsumeCall(node, matcher, operation, imported)) continue;
          const fn = getCallbackFunction(node.getArguments(), matcher);
          const body = getFunctionBody(fn);
          if (fn && body) add({ operation, node: fn, body, parameterName: getParameterName(fn, operation.message.parameter), registration: node });
        } else if (matcher.kind === 'async-iterator' && Node.isForOfStatement(node) && node.isAwaited()) {
          const iterable = resolveInitializer(node.getExpression());
          if (!Node.isCallExpression(iterable)) continue;
          const callee = iterable.getExpression();
          if (!Node.isPropertyAccessExpression(callee) || !matcher.methodNames.includes(callee.getName())) continue;
          const receiver = getReceiverName(callee.getExpression());
          if (receiver === undefined || !matcher.receiver.test(receiver)) continue;
          if (matcher.requireImport && !importsAny(imported, operation.modules)) continue;
          const declaration = node.getInitializer();
          const variable = Node.isVariableDeclarationList(declaration) ? declaration.getDeclarations()[0]?.getNameNode() : undefined;
          add({ operation, node, body: node.getStatement(), parameterName: variable && Node.isIdentifier(variable) ? variable.getText() : undefined, registration: iterable });
        } else if (matcher.kind === 'lambda-handler') {
          const fn = getLambdaHandler(node, matcher);
          const body = getFunctionBody(fn);
          if (fn && body) add({ operation, node: fn, body, parameterName: getParameterName(fn, operation.message.parameter) });
        }
      }
    }
  });
  return handlers;
}

function getLambdaHandler(node: Node, matcher: Extract<ConsumeMatcher, { kind: 'lambda-handler' }>): Node | undefined {
  if (Node.isVariableDeclaration(node)) {
    const typeName = getTypeName(node.getTypeNode());
    const init = node.getInitializer();
    if (typeName && matcher.handlerTypeNames.includes(typeName) && init && getFunctionBody(init)) return init;
    return undefined;
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node)) {
    const typeName = getTypeName(node.getParameters()[0]?.getTypeNode());
    if (typeName && matcher.eventTypeNames.includes(typeName)) return node;
  }
  return undefined;
}

/** An identifier's `const` initializer in the same file, else the expression itself. */
function resolveInitializer(expression: Expression): Node {
  if (!Node.isIdentifier(expression)) return expression;
  const name = expression.getText();
  const declaration = expression.getSourceFile().getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((candidate) => candidate.getName() === name);
  return declaration?.getInitializer() ?? expression;
}
