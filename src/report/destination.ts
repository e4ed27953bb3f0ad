import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { EACH, EACH_IF_ARRAY, type CarrierPath, type DestinationLocation } from '../catalog/messaging/index.js';
import { forEachDescendant, getPropertyName, getStaticKey, isFunctionNode, skipTransparentWrappers } from '../lint/ast.js';
import type { Destination } from './facts.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Follows a local `const` to its initialiser, once per variable. */
function getConstInit(node: TSESTree.Identifier, context: Context): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = definition.node.parent;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return undefined;
  return definition.node.init ?? undefined;
}

/**
 * What a class field holds when the class gives it one value: `this.queue = new Queue('q')` in one place (the
 * constructor, usually), or `queue = new Queue('q')` as a field initialiser.
 */
function getFieldValue(node: TSESTree.MemberExpression, context: Context): TSESTree.Node | undefined {
  if (skipTransparentWrappers(node.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = getPropertyName(node);
  let owner: TSESTree.Node | undefined = node.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner || name === undefined) return undefined;
  const values: TSESTree.Node[] = [];
  for (const member of owner.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && getStaticKey(member) === name && member.value) values.push(member.value);
  }
  forEachDescendant(owner, context.sourceCode, (candidate) => {
    if (candidate.type !== AST_NODE_TYPES.AssignmentExpression || candidate.operator !== '=' || candidate.left.type !== AST_NODE_TYPES.MemberExpression) return;
    if (candidate.left.object.type === AST_NODE_TYPES.ThisExpression && getPropertyName(candidate.left) === name) values.push(candidate.right);
  });
  return values.length === 1 ? values[0] : undefined;
}

/** `process.env.X` / `process.env['X']`: the variable's name. */
function getEnvName(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = skipTransparentWrappers(node.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(object) !== 'env') return undefined;
  const root = skipTransparentWrappers(object.object);
  if (root.type !== AST_NODE_TYPES.Identifier || root.name !== 'process') return undefined;
  return getPropertyName(node);
}

/**
 * What the code shows of a destination value: a string literal, a const, a `process.env.X` name (with `?? 'default'`
 * or `|| 'default'` the name wins: it is what the deployment sets), or a template literal's literal prefix.
 */
export function resolveDestinationValue(node: TSESTree.Node | undefined, context: Context, depth = 0): Destination | undefined {
  if (!node || depth > 8) return undefined;
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') return { kind: 'literal', value: expression.value };
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
    const prefix = expression.quasis[0]?.value.cooked ?? '';
    if (expression.expressions.length === 0) return { kind: 'literal', value: prefix };
    return prefix ? { kind: 'prefix', value: prefix } : undefined;
  }
  if (expression.type === AST_NODE_TYPES.Identifier) return resolveDestinationValue(getConstInit(expression, context), context, depth + 1);
  if (expression.type === AST_NODE_TYPES.LogicalExpression && (expression.operator === '??' || expression.operator === '||')) {
    return resolveDestinationValue(expression.left, context, depth + 1) ?? resolveDestinationValue(expression.right, context, depth + 1);
  }
  const env = getEnvName(expression);
  if (env !== undefined) return { kind: 'env', value: env };
  if (expression.type === AST_NODE_TYPES.MemberExpression) return resolveDestinationValue(getFieldValue(expression, context), context, depth + 1);
  return undefined;
}

/** Walks a property path through object literals (and the first element of array literals for `[]`). */
function followPath(node: TSESTree.Node | undefined, path: CarrierPath, context: Context, depth = 0): TSESTree.Node | undefined {
  if (!node || depth > 8) return undefined;
  let current = skipTransparentWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier && path.length > 0) {
    const init = getConstInit(current, context);
    return init ? followPath(init, path, context, depth + 1) : undefined;
  }
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    current = skipTransparentWrappers(current);
    if (current.type === AST_NODE_TYPES.Identifier) return followPath(current, path.slice(index), context, depth + 1);
    if (segment === EACH || segment === EACH_IF_ARRAY) {
      if (current.type === AST_NODE_TYPES.ArrayExpression) {
        const first = current.elements[0];
        if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
        current = first;
      } else if (segment === EACH) return undefined;
      continue;
    }
    if (current.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = current.properties.find(
      (member): member is TSESTree.Property => member.type === AST_NODE_TYPES.Property && getStaticKey(member) === segment,
    );
    if (!property) return undefined;
    current = property.value;
  }
  return current;
}

/** The receiver's factory call: `pubsub.topic('orders')` in `pubsub.topic('orders').publishMessage(…)`, directly or through a const. */
function getFactoryArgument(receiver: TSESTree.Node | undefined, argument: number, context: Context): TSESTree.Node | undefined {
  if (!receiver) return undefined;
  let expression = skipTransparentWrappers(receiver);
  const holder = expression.type === AST_NODE_TYPES.Identifier ? getConstInit(expression, context) : expression.type === AST_NODE_TYPES.MemberExpression ? getFieldValue(expression, context) : expression;
  if (!holder) return undefined;
  expression = skipTransparentWrappers(holder);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipTransparentWrappers(expression.argument);
  if (expression.type === AST_NODE_TYPES.CallExpression || expression.type === AST_NODE_TYPES.NewExpression) return expression.arguments[argument];
  return undefined;
}

/** kafkajs: `consumer.subscribe({ topic })` / `({ topics: [...] })` in the same file names what `eachMessage` receives. */
function getSubscribedTopic(program: TSESTree.Program, context: Context): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  forEachDescendant(program, context.sourceCode, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipTransparentWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== 'subscribe') return;
    found = followPath(node.arguments[0], ['topic'], context) ?? followPath(node.arguments[0], ['topics', EACH], context);
  });
  return found;
}

export interface DestinationSource {
  destination: DestinationLocation;
  /** Publish: the call's (or command constructor's) arguments; consume: the registration's. */
  arguments: readonly TSESTree.Node[] | undefined;
  receiver: TSESTree.Node | undefined;
  handler: TSESTree.Node | undefined;
}

/** The destination of a publish or a consumer, where the code shows it. */
export function resolveDestination(source: DestinationSource, context: Context): Destination | undefined {
  const location = source.destination;
  switch (location.kind) {
    case 'argument':
      return resolveDestinationValue(followPath(source.arguments?.[location.argument], location.path, context), context);
    case 'constructor':
      return resolveDestinationValue(source.arguments?.[location.argument], context);
    case 'receiver-factory':
      return resolveDestinationValue(getFactoryArgument(source.receiver, location.argument, context), context);
    case 'parameter': {
      // The message names its topic only at run time; a kafkajs consumer's subscription in the same file names it now.
      const isEachMessage = source.handler && isFunctionNode(source.handler) && location.path.at(-1) === 'topic';
      return isEachMessage ? resolveDestinationValue(getSubscribedTopic(context.sourceCode.ast, context), context) : undefined;
    }
    default:
      return undefined;
  }
}
