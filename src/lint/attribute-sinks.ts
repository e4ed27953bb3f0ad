import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  isAttributeSinkMethod,
  LOGGER_FACTORY_METHODS,
  LOGGER_NAME_PATTERN,
  LOGGER_TYPE_NAMES,
  matchAttributeSinkCall,
  METER_INSTRUMENT_FACTORIES,
  METER_OBSERVABLE_FACTORIES,
  METRIC_INSTRUMENT_NAME_PATTERN,
  METRIC_INSTRUMENT_TYPE_NAMES,
  OBSERVABLE_CALLBACK_METHOD,
  type AttributeReceiverKind,
  type AttributeSinkCall,
  type AttributeSinkKind,
} from '../catalog/attribute-sinks.js';
import { getCalleeName, getCallTakingCallback, getPropertyName, getStaticKey, getStaticString, getTypeAnnotationName, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getSpanStartCall } from './otel-calls.js';
import { getSemconvValue } from './semconv-values.js';
import { isSpanExpression } from './span-receivers.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** One attribute attached to telemetry, with its key resolved to a string. */
export interface AttributeOccurrence {
  /** The key as written: a property key, or the first argument of `setAttribute`. */
  keyNode: TSESTree.Node;
  /** The key's string value (`ATTR_HTTP_REQUEST_METHOD` → `http.request.method`). */
  key: string;
  valueNode: TSESTree.Node;
  sink: AttributeSinkKind;
  /** The call that attaches the attribute: `span.setAttribute(…)`, `counter.add(…)`, `tracer.startSpan(…)`. */
  sinkCall: TSESTree.CallExpression;
  /** The object property holding the attribute; undefined for `setAttribute(key, value)`. */
  property: TSESTree.Property | undefined;
}

export type AttributeCallback = (attribute: AttributeOccurrence) => void;

/**
 * What a sink receives that is not an object literal the visitor can read: a whole object given as the attributes
 * (`span.setAttributes(req.headers)`, `{ ...row }`), or a `setAttribute` pair whose key is built at run time
 * (`` span.setAttribute(`http.request.header.${name}`, value) ``).
 */
export interface OpaqueAttributes {
  /** `object`: `node` is a whole attributes object or a spread in one; `pair`: a key/value pair with a computed key. */
  kind: 'object' | 'pair';
  node: TSESTree.Node;
  /** For a pair: the key expression and the value. */
  keyNode?: TSESTree.Node;
  sink: AttributeSinkKind;
  sinkCall: TSESTree.CallExpression;
}

export type OpaqueCallback = (opaque: OpaqueAttributes) => void;

/** How many variables, spreads and nested references are followed before giving up. */
const MAX_DEPTH = 6;

/**
 * A listener that calls `onAttribute` for every attribute the file attaches to a span, span event,
 * metric instrument or log record. Attributes from a local object shared by several sinks of the same
 * kind are reported once.
 */
export function createAttributeVisitor(context: Context, onAttribute: AttributeCallback, onOpaque?: OpaqueCallback): TSESLint.RuleListener {
  const seen = new Map<TSESTree.Node, Set<AttributeSinkKind>>();
  return {
    CallExpression(node) {
      forEachAttribute(
        context,
        node,
        (attribute) => {
          const sinks = seen.get(attribute.keyNode) ?? new Set<AttributeSinkKind>();
          if (sinks.has(attribute.sink)) return;
          sinks.add(attribute.sink);
          seen.set(attribute.keyNode, sinks);
          onAttribute(attribute);
        },
        onOpaque,
      );
    },
  };
}

/** What a sink call attaches, in source order: read once per call and shared by every rule that asks. */
type AttributeEvent = { attribute: AttributeOccurrence; opaque?: undefined } | { attribute?: undefined; opaque: OpaqueAttributes };

const eventsByCall = new WeakMap<TSESTree.CallExpression, readonly AttributeEvent[]>();

/** Calls `onAttribute` for every attribute `call` attaches, if it is an attribute sink (the catalog's list decides). */
export function forEachAttribute(context: Context, call: TSESTree.CallExpression, onAttribute: AttributeCallback, onOpaque?: OpaqueCallback): void {
  let events = eventsByCall.get(call);
  if (!events) {
    const collected: AttributeEvent[] = [];
    collectAttributes(context, call, (attribute) => collected.push({ attribute }), (opaque) => collected.push({ opaque }));
    eventsByCall.set(call, collected);
    events = collected;
  }
  for (const event of events) {
    if (event.attribute) onAttribute(event.attribute);
    else onOpaque?.(event.opaque);
  }
}

function collectAttributes(context: Context, call: TSESTree.CallExpression, onAttribute: AttributeCallback, onOpaque: OpaqueCallback): void {
  const callee = skipTransparentWrappers(call.callee);
  const method = getCalleeName(callee);
  if (method === undefined || callee.type !== AST_NODE_TYPES.MemberExpression || !isAttributeSinkMethod(method)) return;
  const receiver = callee.object;
  let start: ReturnType<typeof getSpanStartCall>;
  const sink = matchAttributeSinkCall({
    method,
    isReceiver: (kind) => {
      if (kind !== 'tracer') return isReceiverOfKind(receiver, kind, context);
      start = getSpanStartCall(call, context);
      return start !== undefined;
    },
  });
  if (!sink) return;
  const state: VisitState = { context, sink: sink.sink, sinkCall: call, onAttribute, onOpaque };
  // startActiveSpan(name, fn) has no options: the span start call says where they are, not a fixed index.
  const argument = sink.receiver === 'tracer' ? start?.optionsArgument : call.arguments[sink.argumentIndex];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
  if (sink.property !== undefined) {
    const holder = resolveObject(argument, context);
    const attributes = holder && getObjectPropertyValue(holder, sink.property, context);
    if (attributes) visitAttributesObject(attributes, state);
    return;
  }
  visitArguments(call, sink, state);
}

function isReceiverOfKind(receiver: TSESTree.Node, kind: Exclude<AttributeReceiverKind, 'tracer'>, context: Context): boolean {
  switch (kind) {
    case 'span':
      return isSpanExpression(receiver, context);
    case 'metric-instrument':
      return isMetricInstrumentExpression(receiver, context);
    case 'logger':
      return isLoggerExpression(receiver, context);
  }
}

interface VisitState {
  context: Context;
  sink: AttributeSinkKind;
  sinkCall: TSESTree.CallExpression;
  onAttribute: AttributeCallback;
  onOpaque: OpaqueCallback | undefined;
}

function visitArguments(call: TSESTree.CallExpression, sink: AttributeSinkCall, state: VisitState): void {
  const { context } = state;
  const argument = call.arguments[sink.argumentIndex];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
  if (sink.shape === 'pair') {
    const value = call.arguments[sink.argumentIndex + 1];
    if (!value || value.type === AST_NODE_TYPES.SpreadElement) return;
    const key = resolveAttributeKey(argument, context);
    if (key !== undefined) state.onAttribute({ keyNode: argument, key, valueNode: value, sink: sink.sink, sinkCall: call, property: undefined });
    else state.onOpaque?.({ kind: 'pair', node: value, keyNode: argument, sink: sink.sink, sinkCall: call });
    return;
  }
  visitAttributesObject(argument, state);
}

/**
 * An attributes object: read when it is a literal (or a local one), handed to `onOpaque` as a whole otherwise. A local
 * one also gets what `Object.assign(attributes, …)` merges into it.
 */
function visitAttributesObject(node: TSESTree.Node, state: VisitState, depth = 0): void {
  const object = resolveObject(node, state.context);
  if (object) visitObject(object, state);
  else state.onOpaque?.({ kind: 'object', node, sink: state.sink, sinkCall: state.sinkCall });
  const expression = skipTransparentWrappers(node);
  if (depth >= MAX_DEPTH || expression.type !== AST_NODE_TYPES.Identifier || !object) return;
  for (const source of getAssignedSources(expression, state.context)) visitAttributesObject(source, state, depth + 1);
}

/** The objects merged into a local with `Object.assign(local, a, b)`. */
function getAssignedSources(identifier: TSESTree.Identifier, context: Context): TSESTree.Node[] {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name);
  const sources: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== reference.identifier) continue;
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== 'assign') continue;
    if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object') continue;
    for (const argument of call.arguments.slice(1)) if (argument.type !== AST_NODE_TYPES.SpreadElement) sources.push(argument);
  }
  return sources;
}

function visitObject(object: TSESTree.ObjectExpression, state: VisitState, depth = 0, visited = new Set<TSESTree.Node>()): void {
  if (depth > MAX_DEPTH || visited.has(object)) return;
  visited.add(object);
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = resolveObject(property.argument, state.context, depth + 1);
      if (spread) visitObject(spread, state, depth + 1, visited);
      else state.onOpaque?.({ kind: 'object', node: property.argument, sink: state.sink, sinkCall: state.sinkCall });
      continue;
    }
    if (property.kind !== 'init' || property.method) continue;
    const key = property.computed ? resolveAttributeKey(property.key, state.context) : getStaticKey(property);
    const value = property.value;
    if (isFunctionNode(value) || value.type === AST_NODE_TYPES.AssignmentPattern) continue;
    if (key === undefined) {
      state.onOpaque?.({ kind: 'pair', node: value, keyNode: property.key, sink: state.sink, sinkCall: state.sinkCall });
      continue;
    }
    state.onAttribute({ keyNode: property.key, key, valueNode: value, sink: state.sink, sinkCall: state.sinkCall, property });
  }
}

/** The object literal an expression stands for: an inline literal or a local variable that is never reassigned. */
export function resolveObject(node: TSESTree.Node, context: Context, depth = 0): TSESTree.ObjectExpression | undefined {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression;
  if (depth > MAX_DEPTH) return undefined;
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(expression, context);
    return init ? resolveObject(init, context, depth + 1) : undefined;
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const object = resolveObject(expression.object, context, depth + 1);
    const name = getPropertyName(expression);
    const value = object && name !== undefined ? getObjectPropertyValue(object, name, context) : undefined;
    return value ? resolveObject(value, context, depth + 1) : undefined;
  }
  return undefined;
}

/** The value of a named property of an object literal, the last one winning as at run time. */
function getObjectPropertyValue(object: TSESTree.ObjectExpression, name: string, context: Context): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = property.computed ? resolveAttributeKey(property.key, context) : getStaticKey(property);
    if (key === name) found = property.value;
  }
  return found;
}

/** The initializer of a local variable that is written only once, where it is declared. */
export function getConstantInit(identifier: TSESTree.Identifier, context: Context): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const init = definition.node.init;
  if (!init) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return init;
}

/**
 * The string an attribute key expression stands for: literals, expression-free templates, local constants,
 * semantic-convention constants (`ATTR_X`, `SEMATTRS_X`, `SemanticAttributes.X`, `semconv.ATTR_X`), and
 * templates or `+` concatenations of those.
 */
export function resolveAttributeKey(node: TSESTree.Node, context: Context, depth = 0): string | undefined {
  const expression = skipTransparentWrappers(node);
  const literal = getStaticString(expression);
  if (literal !== undefined) return literal;
  if (depth > MAX_DEPTH) return undefined;
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveIdentifierKey(expression, context, depth);
    case AST_NODE_TYPES.MemberExpression:
      return resolveMemberKey(expression, context, depth);
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = expression.quasis[0]?.value.cooked ?? '';
      for (const [index, part] of expression.expressions.entries()) {
        const value = resolveAttributeKey(part, context, depth + 1);
        if (value === undefined) return undefined;
        text += value + (expression.quasis[index + 1]?.value.cooked ?? '');
      }
      return text;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (expression.operator !== '+') return undefined;
      const left = resolveAttributeKey(expression.left, context, depth + 1);
      const right = left === undefined ? undefined : resolveAttributeKey(expression.right, context, depth + 1);
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    default:
      return undefined;
  }
}

function resolveIdentifierKey(identifier: TSESTree.Identifier, context: Context, depth: number): string | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name);
  if (!variable) return getSemconvValue(identifier.name);
  const definition = variable.defs[0];
  if (!definition) return getSemconvValue(identifier.name);
  if (definition.node.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = definition.node.imported;
    return getSemconvValue(imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value);
  }
  const init = getConstantInit(identifier, context);
  return init ? resolveAttributeKey(init, context, depth + 1) : undefined;
}

function resolveMemberKey(member: TSESTree.MemberExpression, context: Context, depth: number): string | undefined {
  const property = getPropertyName(member);
  if (property === undefined) return undefined;
  const object = skipTransparentWrappers(member.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(object), object.name);
    const definition = variable?.defs[0];
    if (!variable || !definition) return getSemconvValue(`${object.name}.${property}`);
    // import * as semconv from '@opentelemetry/semantic-conventions'; semconv.ATTR_X
    if (definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return getSemconvValue(property);
    // import { SemanticAttributes } from '@opentelemetry/semantic-conventions'; SemanticAttributes.HTTP_METHOD
    if (definition.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = definition.node.imported;
      return getSemconvValue(`${imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value}.${property}`);
    }
  }
  // const KEYS = { EMAIL: 'user.email' } as const; KEYS.EMAIL
  const container = resolveObject(object, context, depth + 1);
  const value = container && getObjectPropertyValue(container, property, context);
  return value ? resolveAttributeKey(value, context, depth + 1) : undefined;
}

/** With type information only: the name of the expression's type symbol. */
function getTypeName(node: TSESTree.Node, context: Context): string | undefined {
  const services = getTypeServices(context);
  if (!services) return undefined;
  const type = services.getTypeAtLocation(node);
  return (type.getSymbol() ?? type.aliasSymbol)?.getName();
}

function getVariableDefinition(identifier: TSESTree.Identifier, context: Context): TSESLint.Scope.Definition | undefined {
  return ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name)?.defs[0];
}

function isInstrumentFactoryCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(skipTransparentWrappers(node.callee));
  return name !== undefined && (METER_INSTRUMENT_FACTORIES.includes(name) || METER_OBSERVABLE_FACTORIES.includes(name));
}

/**
 * Whether `node` is a metric instrument (or the result an observable callback gets): a value from
 * `meter.createCounter(…)` and the other factories, a name ending in counter/histogram/gauge, something
 * typed `Counter`/`Histogram`/…, or the parameter of a callback registered with `observable.addCallback`.
 */
export function isMetricInstrumentExpression(node: TSESTree.Node, context: Context): boolean {
  const expression = skipTransparentWrappers(node);
  const typeName = getTypeName(expression, context);
  if (typeName !== undefined && METRIC_INSTRUMENT_TYPE_NAMES.includes(typeName)) return true;
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
      return isInstrumentFactoryCall(expression);
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(expression);
      if (name === undefined) return false;
      if (METRIC_INSTRUMENT_NAME_PATTERN.test(name)) return true;
      return expression.object.type === AST_NODE_TYPES.ThisExpression && isInstrumentClassField(expression, name);
    }
    case AST_NODE_TYPES.Identifier: {
      const definition = getVariableDefinition(expression, context);
      if (definition?.type === 'Parameter' && isObservableCallbackParameter(definition.node, expression.name, context)) return true;
      const annotated = definition ? getTypeAnnotationName(definition.name) : undefined;
      if (annotated !== undefined) return METRIC_INSTRUMENT_TYPE_NAMES.includes(annotated);
      const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
      if (init && isInstrumentFactoryCall(skipTransparentWrappers(init))) return true;
      return METRIC_INSTRUMENT_NAME_PATTERN.test(expression.name);
    }
    default:
      return false;
  }
}

/** `this.requests` where the class declares `requests = meter.createCounter(…)` or assigns it in its constructor. */
function isInstrumentClassField(member: TSESTree.MemberExpression, name: string): boolean {
  let classBody: TSESTree.ClassBody | undefined;
  let current: TSESTree.Node | undefined = member.parent;
  while (current && !classBody) {
    if (current.type === AST_NODE_TYPES.ClassBody) classBody = current;
    current = current.parent;
  }
  if (!classBody) return false;
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && getStaticKey(element) === name && element.value) {
      return isInstrumentFactoryCall(skipTransparentWrappers(element.value));
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && element.value.body) {
      for (const statement of element.value.body.body) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
        const { left, right } = statement.expression;
        if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression && getPropertyName(left) === name) {
          return isInstrumentFactoryCall(skipTransparentWrappers(right));
        }
      }
    }
  }
  return false;
}

/** The first parameter of `observable.addCallback((result) => …)` on an observable instrument. */
function isObservableCallbackParameter(fn: TSESTree.Node, name: string, context: Context): boolean {
  const call = getCallTakingCallback(fn, name);
  if (call?.arguments[0] !== fn) return false;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== OBSERVABLE_CALLBACK_METHOD) return false;
  return isMetricInstrumentExpression(callee.object, context) || /observable/i.test(getCalleeName(callee.object) ?? '');
}

/** Whether `node` is a logs-API logger: from `logs.getLogger(…)`, typed `Logger`, or named like `logger`. */
export function isLoggerExpression(node: TSESTree.Node, context: Context): boolean {
  const expression = skipTransparentWrappers(node);
  const typeName = getTypeName(expression, context);
  if (typeName !== undefined && LOGGER_TYPE_NAMES.includes(typeName)) return true;
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(skipTransparentWrappers(expression.callee));
      return name !== undefined && LOGGER_FACTORY_METHODS.includes(name);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(expression);
      return name !== undefined && LOGGER_NAME_PATTERN.test(name);
    }
    case AST_NODE_TYPES.Identifier: {
      const definition = getVariableDefinition(expression, context);
      const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
      if (init && init.type === AST_NODE_TYPES.CallExpression) {
        const name = getCalleeName(skipTransparentWrappers(init.callee));
        if (name !== undefined && LOGGER_FACTORY_METHODS.includes(name)) return true;
      }
      return LOGGER_NAME_PATTERN.test(expression.name);
    }
    default:
      return false;
  }
}
