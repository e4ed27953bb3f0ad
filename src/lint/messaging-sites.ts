import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  isConsumeTracedByLibrary,
  isPublishTracedByLibrary,
  isWrappedByTracingHelper as isClientWrappedByTracingHelper,
  matchCallbackConsume,
  matchIteratorConsume,
  matchLambdaHandler,
  matchPublish,
  explainCarrierArgument,
  type CallFacts,
  type MatchReason,
} from '../catalog/messaging/match.js';
import type { ConsumeOperation, PublishOperation } from '../catalog/messaging/index.js';
import type { ValueFact } from '../catalog/messaging/value-origin.js';
import { getPropertyName, getStaticKey, skipTransparentWrappers } from './ast.js';
import { getCallFacts, getValueFact, resolveFunction, type FunctionNode } from './messaging-facts.js';

export { getImportedModules, getReceiverName, type FunctionNode } from './messaging-facts.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A call that publishes a message, matched against the catalog. */
export interface PublishSite {
  operation: PublishOperation;
  /** The node to report: the publish call, or the command's `new` expression. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The arguments the catalog's carrier indexes refer to. */
  arguments: readonly TSESTree.CallExpressionArgument[];
  /** The object the method was called on (`producer` in `producer.send(...)`); undefined for commands. */
  receiver: TSESTree.Expression | undefined;
  /** Where the receiver's value comes from (for commands: the client the command is sent with, when seen). */
  receiverValue: ValueFact | undefined;
  /** Why the argument that holds the carrier cannot take one at the call (params built elsewhere, an opaque payload), when the facts say so. */
  carrierArgumentReason: MatchReason | undefined;
}

/** A message handler, matched against the catalog. */
export interface ConsumeSite {
  operation: ConsumeOperation;
  /** The handler function, or the `for await` loop whose body handles each message. */
  handler: FunctionNode | TSESTree.ForOfStatement;
  /** The call or `new` expression that registers the handler, when there is one. */
  registration: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  registrationFacts?: CallFacts;
}

/** Matches `receiver.method(...)` publishes; commands are matched on their `new` expression by {@link getCommandPublishSite}. */
export function getMethodPublishSite(call: TSESTree.CallExpression, context: Context): PublishSite | undefined {
  const facts = getCallFacts(call, context);
  if (facts?.kind !== 'method') return undefined;
  const match = matchPublish(facts);
  if (!match) return undefined;
  const callee = skipTransparentWrappers(call.callee) as TSESTree.MemberExpression;
  const carrierArgumentReason = explainCarrierArgument(match.operation, facts.arguments[match.operation.carriers[0]?.argument ?? 0]);
  return { operation: match.operation, node: call, arguments: call.arguments, receiver: callee.object, receiverValue: facts.receiver.value, carrierArgumentReason };
}

/** Matches `new SendMessageCommand(input)` (AWS SDK v3), wherever it is sent from. */
export function getCommandPublishSite(node: TSESTree.NewExpression, context: Context): PublishSite | undefined {
  const facts = getCallFacts(node, context);
  const match = facts && matchPublish(facts);
  if (!match) return undefined;
  const client = getCommandClient(node, context);
  const carrierArgumentReason = explainCarrierArgument(match.operation, facts!.arguments[match.operation.carriers[0]?.argument ?? 0]);
  return { operation: match.operation, node, arguments: node.arguments, receiver: undefined, receiverValue: client && getValueFact(client, context), carrierArgumentReason };
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

/** Matches a call or `new` that registers a message handler (`consumer.run({ eachMessage })`, `new Worker(q, fn)`). */
export function getCallbackConsumeSite(node: TSESTree.CallExpression | TSESTree.NewExpression, context: Context): ConsumeSite | undefined {
  const facts = getCallFacts(node, context);
  if (!facts) return undefined;
  for (const { operation, matcher } of matchCallbackConsume(facts)) {
    if (matcher.kind !== 'callback') continue;
    const handler = getCallbackFromArgument(node.arguments[matcher.callbackArgument], matcher.callbackKey, context);
    if (handler) return { operation, handler, registration: node, registrationFacts: facts };
  }
  return undefined;
}

/** Matches `for await (const msg of nc.subscribe(subject))`, directly or through a variable holding the subscription. */
export function getIteratorConsumeSite(loop: TSESTree.ForOfStatement, context: Context): ConsumeSite | undefined {
  if (!loop.await) return undefined;
  const source = getIteratedCall(loop.right, context);
  const facts = source && getCallFacts(source, context);
  const match = facts && matchIteratorConsume(facts);
  return match && source ? { operation: match.operation, handler: loop, registration: source, registrationFacts: facts } : undefined;
}

/** The call a loop iterates over: `nc.subscribe(s)`, or the initializer of the variable holding it. */
function getIteratedCall(node: TSESTree.Node, context: Context): TSESTree.CallExpression | undefined {
  let source = skipTransparentWrappers(node);
  if (source.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(source), source.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
    source = skipTransparentWrappers(definition.node.init);
  }
  if (source.type === AST_NODE_TYPES.AwaitExpression) source = skipTransparentWrappers(source.argument);
  return source.type === AST_NODE_TYPES.CallExpression ? source : undefined;
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
  const operation = matchLambdaHandler({ parameterType, handlerType });
  return operation ? { operation, handler: fn, registration: undefined } : undefined;
}

/**
 * Whether the library's own tracing is on for this site, decided per receiver: the receiver was created with the
 * tracing option (`const queue = new Queue('q', { telemetry })`), or the handler is registered by such a constructor.
 */
export function hasBuiltInTracing(site: PublishSite | ConsumeSite): boolean {
  if ('handler' in site) return isConsumeTracedByLibrary(site.operation, site.registrationFacts);
  return isPublishTracedByLibrary(site.operation, site.receiverValue);
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
export function isWrappedByTracingHelper(site: PublishSite): boolean {
  return isClientWrappedByTracingHelper(site.operation, site.receiverValue);
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
