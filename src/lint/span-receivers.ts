import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SPAN_GETTER_FUNCTIONS, SPAN_TYPE_NAMES } from '../catalog/otel-api.js';
import { SPAN_RECEIVER_NAME, SPAN_RENAME_METHODS } from '../catalog/span-names.js';
import { getCalleeName, getPropertyName, skipTransparentWrappers } from './ast.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * For `span.updateName(name)`: the name argument, when the receiver is a span. A receiver counts when it is
 * a started span followed by the caller (`spans`), is named like a span (`span`, `rootSpan`, `this.span`),
 * comes from `trace.getActiveSpan()`/`trace.getSpan(…)`, or, with type information, has the API's `Span` type.
 */
export function getUpdateNameCall(call: TSESTree.CallExpression, context: Context, spans: ReadonlySet<TSESLint.Scope.Variable>): TSESTree.CallExpressionArgument | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !SPAN_RENAME_METHODS.includes(getPropertyName(callee) ?? '')) return undefined;
  const name = call.arguments[0];
  return name && isSpanReceiver(callee.object, context, spans) ? name : undefined;
}

function isSpanReceiver(node: TSESTree.Node, context: Context, spans: ReadonlySet<TSESLint.Scope.Variable>): boolean {
  const receiver = skipTransparentWrappers(node);
  switch (receiver.type) {
    case AST_NODE_TYPES.Identifier: {
      if (SPAN_RECEIVER_NAME.pattern.test(receiver.name)) return true;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(receiver), receiver.name);
      if (variable && spans.has(variable)) return true;
      break;
    }
    case AST_NODE_TYPES.MemberExpression:
      if (SPAN_RECEIVER_NAME.pattern.test(getPropertyName(receiver) ?? '')) return true;
      break;
    case AST_NODE_TYPES.CallExpression:
      if (SPAN_GETTER_FUNCTIONS.includes(getCalleeName(receiver.callee) ?? '')) return true;
      break;
    default:
      break;
  }
  return hasSpanType(receiver, context);
}

function hasSpanType(node: TSESTree.Node, context: Context): boolean {
  const services = getTypeServices(context);
  if (!services) return false;
  const type = services.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => {
    const symbol = member.getSymbol() ?? member.aliasSymbol;
    return symbol !== undefined && SPAN_TYPE_NAMES.includes(symbol.getName());
  });
}
