import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ACTIVE_SPAN_START_METHODS, OTEL_MODULE_PREFIX, SPAN_START_METHODS, TRACER_TYPE_NAMES } from '../catalog/otel-api.js';
import { isTracerReceiver, UNKNOWN_TRACER_ORIGIN, type TracerReceiverFacts } from '../catalog/tracer-receivers.js';
import { getTracerOrigin } from './tracer-origin.js';
import { getCalleeName, getPropertyName, getTypeAnnotationName, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A recognised call that starts a span. */
export interface SpanStartCall {
  call: TSESTree.CallExpression;
  /** `startSpan`-like: returns the span; `startActiveSpan`: hands it to `callback`. */
  kind: 'startSpan' | 'startActiveSpan' | 'custom';
  nameArgument: TSESTree.CallExpressionArgument | undefined;
  /** The options object argument (`{ kind, attributes, links }`), when present. */
  optionsArgument: TSESTree.CallExpressionArgument | undefined;
  /** The explicit parent context argument, when present. */
  contextArgument: TSESTree.CallExpressionArgument | undefined;
  /** For `startActiveSpan`: the callback that receives the span. */
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined;
}

export interface SpanStartOptions {
  /** Extra function or method names that return a span the caller must end (`startInactiveSpan`). */
  startSpanFunctions?: readonly string[];
  /** Packages besides `@opentelemetry/*` whose tracers follow the API's contract. */
  tracerModules?: readonly string[];
}

/**
 * Whether `node` is, as far as syntax (and type information when the user's config has it) can tell, an
 * OpenTelemetry Tracer. A tracer visibly imported from another package (k6's, an SDK's own class) is not one,
 * unless `tracerModules` lists that package. The facts are read here, the catalog's `isTracerReceiver` decides.
 */
export function isTracerExpression(node: TSESTree.Node, context: Context, tracerModules: readonly string[] = []): boolean {
  return isTracerReceiver(getTracerReceiverFacts(node, context), tracerModules);
}

/** What the tree, the scope (and type information when present) say about a value that may be a tracer. */
function getTracerReceiverFacts(node: TSESTree.Node, context: Context): TracerReceiverFacts {
  const expression = skipTransparentWrappers(node);
  const typeVerdict = getTracerTypeVerdict(expression, context);
  // The type decides alone when it says something: the origin is not read then.
  if (typeVerdict !== undefined) return { typeVerdict, origin: UNKNOWN_TRACER_ORIGIN, name: undefined };
  const origin = getTracerOrigin(expression, context);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const definitions = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name)?.defs ?? [];
      return {
        origin,
        name: expression.name,
        annotations: definitions.flatMap((definition) => getTypeAnnotationName(definition.name) ?? []),
        producers: definitions.flatMap((definition) => {
          const init = definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? skipTransparentWrappers(definition.node.init) : undefined;
          return init?.type === AST_NODE_TYPES.CallExpression ? (getCalleeName(init.callee) ?? []) : [];
        }),
      };
    }
    case AST_NODE_TYPES.MemberExpression:
      return { origin, name: getPropertyName(expression) };
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(expression.callee);
      return { origin, name, producers: name === undefined ? [] : [name] };
    }
    default:
      return { origin, name: undefined };
  }
}

/**
 * With type information only: whether the expression's type is the API's `Tracer` (declared in an
 * `@opentelemetry/` package). Undefined when there is no type information or the type says nothing (`any`).
 */
function getTracerTypeVerdict(node: TSESTree.Node, context: Context): boolean | undefined {
  const services = getTypeServices(context);
  if (!services) return undefined;
  const type = services.getTypeAtLocation(node);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return undefined;
  const declarations = symbol.getDeclarations() ?? [];
  if (!TRACER_TYPE_NAMES.includes(symbol.getName())) return declarations.length > 0 ? false : undefined;
  return declarations.some((declaration) => declaration.getSourceFile().fileName.includes(`/${OTEL_MODULE_PREFIX}`));
}

/** Recognises `tracer.startSpan(...)`, `tracer.startActiveSpan(...)` and the configured custom start functions. */
export function getSpanStartCall(call: TSESTree.CallExpression, context: Context, options: SpanStartOptions = {}): SpanStartCall | undefined {
  const callee = skipTransparentWrappers(call.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return undefined;
  if (options.startSpanFunctions?.includes(name)) {
    return { call, kind: 'custom', nameArgument: call.arguments[0], optionsArgument: call.arguments[1], contextArgument: undefined, callback: undefined };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const isStart = SPAN_START_METHODS.includes(name);
  const isActive = ACTIVE_SPAN_START_METHODS.includes(name);
  if (!isStart && !isActive) return undefined;
  if (!isTracerExpression(callee.object, context, options.tracerModules)) return undefined;
  const args = call.arguments;
  if (isStart) {
    return { call, kind: 'startSpan', nameArgument: args[0], optionsArgument: args[1], contextArgument: args[2], callback: undefined };
  }
  // startActiveSpan(name, fn) | (name, options, fn) | (name, options, context, fn)
  const last = args.at(-1);
  const callback = last && isFunctionNode(last) ? last : undefined;
  const middle = args.slice(1, callback ? -1 : undefined);
  return { call, kind: 'startActiveSpan', nameArgument: args[0], optionsArgument: middle[0], contextArgument: middle[1], callback };
}
