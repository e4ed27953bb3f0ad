import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AWS_TRACING_WRAPPERS } from '../catalog/messaging/aws.js';
import {
  CONSUME_OPERATIONS,
  PUBLISH_OPERATIONS,
  type BuiltInTracing,
  type ConsumeMatcher,
  type ConsumeOperation,
  type PublishMatcher,
  type PublishOperation,
} from '../catalog/messaging/index.js';
import { getCalleeName, getPropertyName, getStaticKey, getStaticString, isFunctionNode, skipTransparentWrappers } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** A call that publishes a message, matched against the catalog. */
export interface PublishSite {
  operation: PublishOperation;
  /** The node to report: the publish call, or the command's `new` expression. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The arguments the catalog's carrier indexes refer to. */
  arguments: readonly TSESTree.CallExpressionArgument[];
  /** The object the method was called on (`producer` in `producer.send(...)`); undefined for commands. */
  receiver: TSESTree.Expression | undefined;
}

/** A message handler, matched against the catalog. */
export interface ConsumeSite {
  operation: ConsumeOperation;
  /** The handler function, or the `for await` loop whose body handles each message. */
  handler: FunctionNode | TSESTree.ForOfStatement;
  /** The call or `new` expression that registers the handler, when there is one. */
  registration: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
}

const importedModulesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** The module specifiers a file imports: `import`, `import x = require()`, `require()` at the top level. */
export function getImportedModules(program: TSESTree.Program): ReadonlySet<string> {
  const cached = importedModulesCache.get(program);
  if (cached) return cached;
  const modules = new Set<string>();
  const addRequire = (node: TSESTree.Node | null | undefined): void => {
    let current = node ? skipTransparentWrappers(node) : undefined;
    while (current?.type === AST_NODE_TYPES.MemberExpression) current = skipTransparentWrappers(current.object);
    if (current?.type === AST_NODE_TYPES.AwaitExpression) current = skipTransparentWrappers(current.argument);
    if (current?.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'require') {
      const name = getStaticString(current.arguments[0]);
      if (name !== undefined) modules.add(name);
    }
    if (current?.type === AST_NODE_TYPES.ImportExpression) {
      const name = getStaticString(current.source);
      if (name !== undefined) modules.add(name);
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(statement.source.value);
    else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const name = getStaticString(statement.moduleReference.expression);
      if (name !== undefined) modules.add(name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) addRequire(declarator.init);
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      modules.add(statement.source.value);
    }
  }
  importedModulesCache.set(program, modules);
  return modules;
}

function importsAny(program: TSESTree.Program, modules: readonly string[]): boolean {
  const imported = getImportedModules(program);
  return modules.some((name) => imported.has(name));
}

/** The name a receiver goes by: `producer`, `this.producer` → producer, `pubsub.topic('x')` → topic, `getQueue()` → getQueue. */
export function getReceiverName(node: TSESTree.Node): string | undefined {
  const expression = skipTransparentWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return expression.name;
    case AST_NODE_TYPES.MemberExpression:
      return getPropertyName(expression);
    case AST_NODE_TYPES.CallExpression:
      return getCalleeName(skipTransparentWrappers(expression.callee));
    case AST_NODE_TYPES.AwaitExpression:
      return getReceiverName(expression.argument);
    default:
      return undefined;
  }
}

/** Whether `node` is an object literal that has every key in `keys` (spread members do not count). */
function hasObjectKeys(node: TSESTree.Node | undefined, keys: readonly string[]): boolean {
  if (!node) return false;
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const present = new Set<string>();
  for (const property of expression.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      const key = getStaticKey(property);
      if (key !== undefined) present.add(key);
    }
  }
  return keys.every((key) => present.has(key));
}

function isMethodCallOn(
  call: TSESTree.CallExpression,
  methodNames: readonly string[],
  receiver: RegExp,
): call is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getPropertyName(callee);
  if (method === undefined || !methodNames.includes(method)) return false;
  const receiverName = getReceiverName(callee.object);
  return receiverName !== undefined && receiver.test(receiverName);
}

function matchesPublishMethod(
  call: TSESTree.CallExpression,
  matcher: Extract<PublishMatcher, { kind: 'method' }>,
  operation: PublishOperation,
  program: TSESTree.Program,
): boolean {
  if (!isMethodCallOn(call, matcher.methodNames, matcher.receiver)) return false;
  if (call.arguments.length < (matcher.minArguments ?? 1)) return false;
  if (importsAny(program, operation.modules)) return true;
  if (matcher.requireImport || !matcher.requiredKeys) return false;
  return hasObjectKeys(call.arguments[matcher.shapeArgument ?? 0], matcher.requiredKeys);
}

/** Matches `receiver.method(...)` publishes; commands are matched on their `new` expression by {@link getCommandPublishSite}. */
export function getMethodPublishSite(call: TSESTree.CallExpression, context: Context): PublishSite | undefined {
  const program = context.sourceCode.ast;
  for (const operation of PUBLISH_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'method') continue;
      if (matchesPublishMethod(call, matcher, operation, program)) {
        const callee = skipTransparentWrappers(call.callee) as TSESTree.MemberExpression;
        return { operation, node: call, arguments: call.arguments, receiver: callee.object };
      }
    }
  }
  return undefined;
}

/** Matches `new SendMessageCommand(input)` (AWS SDK v3), wherever it is sent from. */
export function getCommandPublishSite(node: TSESTree.NewExpression): PublishSite | undefined {
  const name = getCalleeName(skipTransparentWrappers(node.callee));
  if (name === undefined) return undefined;
  for (const operation of PUBLISH_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind === 'command' && matcher.commandNames.includes(name)) {
        return { operation, node, arguments: node.arguments, receiver: undefined };
      }
    }
  }
  return undefined;
}

/** A function given directly, or through a local name (`eachMessage: handleMessage`). */
function resolveFunction(node: TSESTree.Node | undefined, context: Context): FunctionNode | undefined {
  if (!node) return undefined;
  const expression = skipTransparentWrappers(node);
  if (isFunctionNode(expression)) return expression;
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

function getCallbackFromArgument(argument: TSESTree.Node | undefined, key: string | undefined, context: Context): FunctionNode | undefined {
  if (key === undefined) return resolveFunction(argument, context);
  if (!argument) return undefined;
  const options = skipTransparentWrappers(argument);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === key) {
      // `{ eachMessage }` shorthand resolves through the variable like any other reference.
      return resolveFunction(property.value, context);
    }
  }
  return undefined;
}

function matchCallbackRegistration(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  matcher: Extract<ConsumeMatcher, { kind: 'callback' }>,
  operation: ConsumeOperation,
  context: Context,
): FunctionNode | undefined {
  const call = matcher.call;
  if (call.type === 'constructor') {
    if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const name = getCalleeName(skipTransparentWrappers(node.callee));
    if (name === undefined || !call.constructorNames.includes(name)) return undefined;
    if (!importsAny(context.sourceCode.ast, operation.modules)) return undefined;
  } else {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (!isMethodCallOn(node, call.methodNames, call.receiver)) return undefined;
    if (call.requireImport && !importsAny(context.sourceCode.ast, operation.modules)) return undefined;
  }
  if (matcher.events) {
    const event = getStaticString(node.arguments[0]);
    if (event === undefined || !matcher.events.includes(event)) return undefined;
  }
  return getCallbackFromArgument(node.arguments[matcher.callbackArgument], matcher.callbackKey, context);
}

/** Matches a call or `new` that registers a message handler (`consumer.run({ eachMessage })`, `new Worker(q, fn)`). */
export function getCallbackConsumeSite(node: TSESTree.CallExpression | TSESTree.NewExpression, context: Context): ConsumeSite | undefined {
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'callback') continue;
      const handler = matchCallbackRegistration(node, matcher, operation, context);
      if (handler) return { operation, handler, registration: node };
    }
  }
  return undefined;
}

/** Matches `for await (const msg of nc.subscribe(subject))`, directly or through a variable holding the subscription. */
export function getIteratorConsumeSite(loop: TSESTree.ForOfStatement, context: Context): ConsumeSite | undefined {
  if (!loop.await) return undefined;
  let source = skipTransparentWrappers(loop.right);
  if (source.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(source), source.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
    source = skipTransparentWrappers(definition.node.init);
  }
  if (source.type === AST_NODE_TYPES.AwaitExpression) source = skipTransparentWrappers(source.argument);
  if (source.type !== AST_NODE_TYPES.CallExpression) return undefined;
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'async-iterator') continue;
      if (!isMethodCallOn(source, matcher.methodNames, matcher.receiver)) continue;
      if (matcher.requireImport && !importsAny(context.sourceCode.ast, operation.modules)) continue;
      return { operation, handler: loop, registration: source };
    }
  }
  return undefined;
}

function getTypeReferenceName(type: TSESTree.TypeNode | undefined): string | undefined {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}

/**
 * Matches a Lambda handler by its event parameter's type (`event: SQSEvent`) or its own type (`const h: SQSHandler = …`);
 * in JavaScript, by the JSDoc of a CommonJS export (`/** @param {import('aws-lambda').SQSEvent} event *\/
 * exports.handler = async (event) => …`, or `@type {import('aws-lambda').SQSHandler}`).
 */
export function getLambdaConsumeSite(fn: FunctionNode, sourceCode?: Readonly<TSESLint.SourceCode>): ConsumeSite | undefined {
  const parameter = fn.params[0];
  let parameterType = parameter && 'typeAnnotation' in parameter ? getTypeReferenceName(parameter.typeAnnotation?.typeAnnotation) : undefined;
  let handlerType: string | undefined;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    handlerType = getTypeReferenceName(parent.id.typeAnnotation?.typeAnnotation);
  }
  if (sourceCode && parameterType === undefined && handlerType === undefined) {
    const jsDoc = getCommonJsExportJsDoc(fn, sourceCode);
    parameterType = jsDoc && /@param\s*\{(?:import\(['"][^'"]+['"]\)\.)?(\w+)\}/.exec(jsDoc)?.[1];
    handlerType = jsDoc && /@type\s*\{(?:import\(['"][^'"]+['"]\)\.)?(\w+)\}/.exec(jsDoc)?.[1];
  }
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'lambda-handler') continue;
      const byEvent = parameterType !== undefined && matcher.eventTypeNames.includes(parameterType);
      const byHandler = handlerType !== undefined && matcher.handlerTypeNames.includes(handlerType);
      if (byEvent || byHandler) return { operation, handler: fn, registration: undefined };
    }
  }
  return undefined;
}

/** Whether a constructor call sets the option that turns the library's own tracing on (`{ telemetry }`). */
function setsTracingOption(node: TSESTree.Node, tracing: BuiltInTracing): boolean {
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = getCalleeName(skipTransparentWrappers(expression.callee));
  if (name === undefined || !tracing.constructorNames.includes(name)) return false;
  const options = expression.arguments[tracing.argument];
  if (!options) return false;
  const object = skipTransparentWrappers(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.some((member) => {
    if (member.type !== AST_NODE_TYPES.Property || getStaticKey(member) !== tracing.optionKey) return false;
    const value = skipTransparentWrappers(member.value);
    if (value.type === AST_NODE_TYPES.Literal && value.value === false) return false;
    return !(value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
  });
}

/**
 * Whether the library's own tracing is on for this site: the receiver is a local created with the tracing option
 * (`const queue = new Queue('q', { telemetry })`), or the handler is registered by such a constructor.
 */
export function hasBuiltInTracing(site: PublishSite | ConsumeSite, context: Context): boolean {
  const tracing = site.operation.builtInTracing;
  if (!tracing) return false;
  if ('handler' in site) return site.registration !== undefined && setsTracingOption(site.registration, tracing);
  const receiver = site.receiver && skipTransparentWrappers(site.receiver);
  if (receiver?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(receiver), receiver.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  return setsTracingOption(definition.node.init, tracing);
}

/** The const a client identifier is initialised with, if it is one. */
function getConstInit(node: TSESTree.Node, context: Context): TSESTree.Node | undefined {
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
  return skipTransparentWrappers(definition.node.init);
}

function isCallTo(node: TSESTree.Node | undefined, names: readonly string[]): boolean {
  if (node?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(skipTransparentWrappers(node.callee));
  return name !== undefined && names.includes(name);
}

/** The client a v3 command is sent with: `client.send(new SendMessageCommand(…))`, directly or through a const. */
function getCommandClient(node: TSESTree.Node, context: Context): TSESTree.Node | undefined {
  let command: TSESTree.Node = node;
  const declarator = node.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === node && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = context.sourceCode.getDeclaredVariables(declarator)[0];
    const use = variable?.references.find((reference) => !reference.init);
    if (!use) return undefined;
    command = use.identifier;
  }
  const call = command.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== command) return undefined;
  const callee = skipTransparentWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
}

/**
 * Whether an AWS publish goes through a client wrapped by AWS X-Ray (`AWSXRay.captureAWSv3Client(new SQSClient())`,
 * `new (AWSXRay.captureAWS(require('aws-sdk'))).SQS()` through a const): the wrapper sends the X-Ray trace header.
 */
export function isWrappedByTracingHelper(site: PublishSite, context: Context): boolean {
  if (site.operation.library !== 'aws-sdk') return false;
  const client = site.receiver ?? getCommandClient(site.node, context);
  const init = client && getConstInit(client, context);
  if (!init) return false;
  if (isCallTo(init, AWS_TRACING_WRAPPERS.clientWrappers)) return true;
  if (init.type !== AST_NODE_TYPES.NewExpression) return false;
  const constructor = skipTransparentWrappers(init.callee);
  if (constructor.type !== AST_NODE_TYPES.MemberExpression) return false;
  const sdk = skipTransparentWrappers(constructor.object);
  return isCallTo(sdk, AWS_TRACING_WRAPPERS.sdkWrappers) || isCallTo(getConstInit(sdk, context), AWS_TRACING_WRAPPERS.sdkWrappers);
}

/** The JSDoc block before `exports.handler = fn` / `module.exports.handler = fn` (CommonJS handlers carry their types there). */
function getCommonJsExportJsDoc(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const assignment = fn.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== fn) return undefined;
  const target = assignment.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const owner = target.object;
  const isExports =
    (owner.type === AST_NODE_TYPES.Identifier && owner.name === 'exports') ||
    (owner.type === AST_NODE_TYPES.MemberExpression && owner.object.type === AST_NODE_TYPES.Identifier && owner.object.name === 'module' && getPropertyName(owner) === 'exports');
  const statement = assignment.parent;
  if (!isExports || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const comment = sourceCode.getCommentsBefore(statement).at(-1);
  return comment?.type === 'Block' && comment.value.startsWith('*') ? comment.value : undefined;
}
