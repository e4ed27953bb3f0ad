import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SPAN_RENAME_METHODS } from '../catalog/span-names.js';
import { isSpanReceiver, type SpanReceiverFacts } from '../catalog/span-receivers.js';
import { getCalleeName, getCallTakingCallback, getPropertyName, getTypeAnnotationName, skipTransparentWrappers } from './ast.js';
import { getSpanStartCall } from './otel-calls.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * For `span.updateName(name)`: the name argument, when the receiver is a span. `spans` are the variables the caller
 * already follows as started spans.
 */
export function getUpdateNameCall(call: TSESTree.CallExpression, context: Context, spans: ReadonlySet<TSESLint.Scope.Variable>): TSESTree.CallExpressionArgument | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !SPAN_RENAME_METHODS.includes(getPropertyName(callee) ?? '')) return undefined;
  const name = call.arguments[0];
  return name && isSpanExpression(callee.object, context, spans) ? name : undefined;
}

/**
 * Whether `node` is, as far as syntax (and type information when present) can tell, a span: the facts are read
 * here, the catalog's `isSpanReceiver` decides.
 */
export function isSpanExpression(node: TSESTree.Node, context: Context, spans?: ReadonlySet<TSESLint.Scope.Variable>): boolean {
  return isSpanReceiver(getSpanReceiverFacts(node, context, spans));
}

/** What the tree and the scope say about a value that may be a span. */
export function getSpanReceiverFacts(node: TSESTree.Node, context: Context, spans?: ReadonlySet<TSESLint.Scope.Variable>): SpanReceiverFacts {
  const expression = skipTransparentWrappers(node);
  const typeNames = getTypeNames(expression, context);
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
      return { name: undefined, typeNames, isStartedSpan: isSpanStartResult(expression, context), producer: getCalleeName(skipTransparentWrappers(expression.callee)) };
    case AST_NODE_TYPES.MemberExpression:
      return { name: getPropertyName(expression), typeNames };
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
      const definition = variable?.defs[0];
      const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? skipTransparentWrappers(definition.node.init) : undefined;
      const isStartedSpan =
        (variable !== null && spans?.has(variable) === true) ||
        (definition?.type === 'Parameter' && isStartActiveSpanCallbackParameter(definition.node, expression.name, context)) ||
        (init?.type === AST_NODE_TYPES.CallExpression && isSpanStartResult(init, context));
      return {
        name: expression.name,
        typeNames,
        isStartedSpan,
        annotation: definition ? getTypeAnnotationName(definition.name) : undefined,
        producer: init?.type === AST_NODE_TYPES.CallExpression ? getCalleeName(skipTransparentWrappers(init.callee)) : undefined,
      };
    }
    default:
      return { name: undefined, typeNames };
  }
}

function isSpanStartResult(call: TSESTree.CallExpression, context: Context): boolean {
  return getSpanStartCall(call, context)?.kind === 'startSpan';
}

/** With type information only: the names of the expression's type, each member of a union. */
function getTypeNames(node: TSESTree.Node, context: Context): string[] | undefined {
  const services = getTypeServices(context);
  if (!services) return undefined;
  const type = services.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.flatMap((member) => {
    const symbol = member.getSymbol() ?? member.aliasSymbol;
    return symbol ? [symbol.getName()] : [];
  });
}

function isStartActiveSpanCallbackParameter(fn: TSESTree.Node, name: string, context: Context): boolean {
  const call = getCallTakingCallback(fn, name);
  const start = call && getSpanStartCall(call, context);
  return start?.kind === 'startActiveSpan' && start.callback === fn;
}
