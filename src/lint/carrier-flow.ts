import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  DEFAULT_ENVELOPE_CARRIER_KEY,
  EACH,
  EACH_IF_ARRAY,
  PROPAGATION_INJECT_METHODS,
  TRACE_CONTEXT_KEYS,
  type CarrierPath,
  type PublishCarrierLocation,
} from '../catalog/messaging/index.js';
import { getCalleeName, getPropertyName, getStaticKey, getStaticString, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { mayInjectContext } from './file-gates.js';
import { callsLocalHelperThat } from './local-helpers.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Variable = TSESLint.Scope.Variable;

/**
 * What is known about the carrier at one location of a publish:
 * - `carried`: a carrier filled by `propagation.inject` (or an `injectFunctions` helper) reaches it, or a W3C key is
 *   written there by hand;
 * - `missing`: the location is fully visible (literals and local constants) and holds no carrier;
 * - `unknown`: some part comes from elsewhere (a parameter, a call, a mutated object), so nothing is claimed.
 * `entries` is the largest number of entries seen in the container, when every container was a literal.
 */
export interface CarrierVerdict {
  verdict: 'carried' | 'missing' | 'unknown';
  entries?: number;
}

const CARRIED: CarrierVerdict = { verdict: 'carried' };
const UNKNOWN: CarrierVerdict = { verdict: 'unknown' };

/** Objects whose `inject` method is the propagation API: `propagation`, `api.propagation`, a `W3CTraceContextPropagator`. */
const PROPAGATOR_NAME = /^propagation$|propagator/i;

/** Calls that read their argument without keeping or changing it. */
const PURE_FUNCTIONS = new Set(['JSON.stringify', 'Buffer.from', 'String', 'Number', 'Object.keys', 'Object.values', 'Object.entries', 'Object.freeze']);
/** Methods that mutate their receiver in ways we cannot see into. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);
/** Methods that set one entry (`headers.set(key, value)`): harmless unless the key is a trace key or unknown. */
const SETTER_METHODS = new Set(['set', 'append']);
/** Calls whose result is the JSON text or the bytes of their first argument. */
const ENCODING_FUNCTIONS = new Set(['JSON.stringify', 'Buffer.from', 'encode']);

export interface CarrierFlowOptions {
  /** Functions that fill or return a carrier, counted as `propagation.inject`. */
  injectFunctions: readonly string[];
}

function getQualifiedCalleeName(callee: TSESTree.Node): string | undefined {
  const expression = skipTransparentWrappers(callee);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const property = getPropertyName(expression);
  const object = skipTransparentWrappers(expression.object);
  if (object.type === AST_NODE_TYPES.Identifier) return `${object.name}.${property ?? ''}`;
  return property;
}

function isTraceKey(key: string | undefined): boolean {
  return key !== undefined && TRACE_CONTEXT_KEYS.includes(key.toLowerCase());
}

/** The variable an expression is rooted in: `msg.headers` → msg. */
function getRootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparentWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** `propagation.inject(ctx, carrier, setter?)` and the like. */
export function isInjectCall(call: TSESTree.CallExpression): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getPropertyName(callee);
  if (method === undefined || !PROPAGATION_INJECT_METHODS.includes(method)) return false;
  const object = skipTransparentWrappers(callee.object);
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(object) : undefined;
  return objectName !== undefined && PROPAGATOR_NAME.test(objectName);
}

/**
 * Follows trace context carriers through one file. Feed it every call and assignment (`noteCall`,
 * `noteAssignment`), then ask for verdicts at publish sites once the file has been walked.
 */
export class CarrierFlow {
  private readonly tainted = new Set<Variable>();
  private readonly referencesCache = new Map<Variable, boolean>();

  constructor(
    private readonly context: Context,
    private readonly options: CarrierFlowOptions,
  ) {}

  private findVariable(identifier: TSESTree.Identifier): Variable | undefined {
    return ASTUtils.findVariable(this.context.sourceCode.getScope(identifier), identifier.name) ?? undefined;
  }

  private taint(node: TSESTree.Node | undefined): void {
    const root = node && getRootIdentifier(node);
    const variable = root && this.findVariable(root);
    if (variable) this.tainted.add(variable);
  }

  private isInjectFunctionCall(call: TSESTree.CallExpression): boolean {
    const name = getCalleeName(skipTransparentWrappers(call.callee));
    if (name !== undefined && this.options.injectFunctions.includes(name)) return true;
    // Cheap first: no helper of this file injects when the file never names an inject method.
    return mayInjectContext(this.context.sourceCode) && callsLocalHelperThat(call, this.context, isInjectCall);
  }

  /** Records `propagation.inject(ctx, carrier)`, `helper(carrier)` and `headers.set('traceparent', …)`. */
  noteCall(call: TSESTree.CallExpression): void {
    if (isInjectCall(call)) {
      this.taint(call.arguments[1]);
      return;
    }
    if (this.isInjectFunctionCall(call)) {
      for (const argument of call.arguments) this.taint(argument);
      return;
    }
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && SETTER_METHODS.has(getPropertyName(callee) ?? '') && isTraceKey(getStaticString(call.arguments[0]))) {
      this.taint(callee.object);
    }
  }

  /** Records `headers.traceparent = value` and `headers['traceparent'] = value`. */
  noteAssignment(assignment: TSESTree.AssignmentExpression): void {
    const left = assignment.left;
    if (left.type === AST_NODE_TYPES.MemberExpression && isTraceKey(getPropertyName(left))) this.taint(left.object);
  }

  /** Whether a carrier reaches `node`: a tainted variable, an inject helper's result or a hand-written trace key. */
  referencesCarrier(node: TSESTree.Node): boolean {
    let found = false;
    const visit = (current: TSESTree.Node): void => {
      if (found) return;
      switch (current.type) {
        case AST_NODE_TYPES.Identifier: {
          if (this.isReferencingIdentifier(current)) {
            const variable = this.findVariable(current);
            if (variable && this.variableCarries(variable)) found = true;
          }
          return;
        }
        case AST_NODE_TYPES.CallExpression:
          if (isInjectCall(current) || this.isInjectFunctionCall(current)) {
            found = true;
            return;
          }
          break;
        case AST_NODE_TYPES.Property:
          if (isTraceKey(getStaticKey(current))) {
            found = true;
            return;
          }
          break;
        default:
          break;
      }
      for (const child of this.getChildren(current)) visit(child);
    };
    visit(node);
    return found;
  }

  private getChildren(node: TSESTree.Node): TSESTree.Node[] {
    const keys = this.context.sourceCode.visitorKeys[node.type] ?? [];
    const children: TSESTree.Node[] = [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && 'type' in item) children.push(item as TSESTree.Node);
      } else if (value && typeof value === 'object' && 'type' in value) {
        children.push(value as TSESTree.Node);
      }
    }
    return children;
  }

  private isReferencingIdentifier(identifier: TSESTree.Identifier): boolean {
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) return false;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === identifier && !parent.computed && !parent.shorthand) return false;
    return true;
  }

  private variableCarries(variable: Variable): boolean {
    if (this.tainted.has(variable)) return true;
    const cached = this.referencesCache.get(variable);
    if (cached !== undefined) return cached;
    this.referencesCache.set(variable, false); // cycles read as "no"
    let result = false;
    for (const reference of variable.references) {
      const written = reference.writeExpr;
      if (written && reference.identifier.parent?.type !== AST_NODE_TYPES.AssignmentPattern && this.referencesCarrier(written)) {
        result = true;
        break;
      }
    }
    this.referencesCache.set(variable, result);
    return result;
  }

  /**
   * Whether a local object could be changed out of sight before it is sent: passed to a call that may fill it,
   * reassigned, or written through a key we cannot read. Uses inside `site` (the publish itself) do not count.
   */
  private isEscaped(variable: Variable, site: TSESTree.Node): boolean {
    for (const reference of variable.references) {
      if (reference.init) continue;
      if (reference.isWrite()) return true;
      const identifier = reference.identifier;
      if (identifier.range[0] >= site.range[0] && identifier.range[1] <= site.range[1]) continue;
      let top: TSESTree.Node = identifier;
      let depth = 0;
      while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) {
        top = top.parent;
        depth += 1;
      }
      const parent = top.parent;
      if (!parent) continue;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === top) {
        const key = top.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(top) : undefined;
        if (depth !== 1 || key === undefined) return true;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === top && top.type === AST_NODE_TYPES.MemberExpression) {
        const method = getPropertyName(top) ?? '';
        if (MUTATING_METHODS.has(method)) return true;
        if (SETTER_METHODS.has(method) && getStaticString(parent.arguments[0]) === undefined) return true;
        continue;
      }
      if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(top as TSESTree.CallExpressionArgument)) {
        const name = getQualifiedCalleeName(parent.callee);
        if (name === undefined || !PURE_FUNCTIONS.has(name)) return true;
      }
    }
    return false;
  }

  /** A local constant's value, through variables; `undefined` when the value comes from elsewhere or may change. */
  private resolveValue(node: TSESTree.Node, site: TSESTree.Node, seen = new Set<Variable>()): TSESTree.Node | undefined {
    const expression = skipTransparentWrappers(node);
    if (expression.type !== AST_NODE_TYPES.Identifier) return expression;
    if (expression.name === 'undefined') return expression;
    const variable = this.findVariable(expression);
    if (!variable || seen.has(variable) || variable.defs.length !== 1) return undefined;
    const definition = variable.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
    if (this.isEscaped(variable, site)) return undefined;
    seen.add(variable);
    return this.resolveValue(definition.node.init, site, seen);
  }

  /** The verdict for one carrier location of a publish whose arguments are `args`. */
  getVerdictAt(location: PublishCarrierLocation, args: readonly TSESTree.CallExpressionArgument[], site: TSESTree.Node): CarrierVerdict {
    const argument = args[location.argument];
    if (!argument) return location.path.length === 0 || location.argument > 0 ? { verdict: 'missing' } : UNKNOWN;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
    return this.walk(argument, location.path, location, site);
  }

  private walk(node: TSESTree.Node, path: CarrierPath, location: PublishCarrierLocation, site: TSESTree.Node): CarrierVerdict {
    const expression = skipTransparentWrappers(node);
    // Literals are followed member by member, so one entry's carrier does not vouch for its neighbours.
    if (expression.type === AST_NODE_TYPES.Identifier) {
      const variable = this.findVariable(expression);
      if (variable && this.tainted.has(variable)) return CARRIED;
      const value = this.resolveValue(expression, site);
      if (!value) return path.length === 0 && location.encoding === 'envelope' ? this.inspectPayloadType(expression) : UNKNOWN;
      if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return this.walkValue(value, path, location, site);
      return this.walk(value, path, location, site);
    }
    if (expression.type !== AST_NODE_TYPES.ObjectExpression && expression.type !== AST_NODE_TYPES.ArrayExpression && this.referencesCarrier(expression)) {
      return CARRIED;
    }
    return this.walkValue(expression, path, location, site);
  }

  private walkValue(value: TSESTree.Node, path: CarrierPath, location: PublishCarrierLocation, site: TSESTree.Node): CarrierVerdict {
    const [segment, ...rest] = path;
    if (segment === undefined) return this.inspectContainer(value, location, site);
    if (segment === EACH || segment === EACH_IF_ARRAY) {
      const elements = this.getElements(value);
      if (elements === 'not-array') return segment === EACH_IF_ARRAY ? this.walkValue(value, rest, location, site) : UNKNOWN;
      if (elements === undefined) return UNKNOWN;
      return combineAll(elements.map((element) => (element ? this.walk(element, rest, location, site) : UNKNOWN)));
    }
    if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return { verdict: 'missing' };
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
    return this.walkProperty(value, segment, rest, location, site);
  }

  private walkProperty(object: TSESTree.ObjectExpression, key: string, rest: CarrierPath, location: PublishCarrierLocation, site: TSESTree.Node): CarrierVerdict {
    // The last write of a key wins, so read the members from the end.
    for (const member of [...object.properties].reverse()) {
      if (member.type === AST_NODE_TYPES.Property) {
        const memberKey = getStaticKey(member);
        if (memberKey === undefined) return UNKNOWN;
        if (memberKey === key) return this.walk(member.value, rest, location, site);
        continue;
      }
      if (this.referencesCarrier(member.argument)) return CARRIED;
      const spread = this.resolveValue(member.argument, site);
      if (spread?.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
      const inner = this.walkProperty(spread, key, rest, location, site);
      if (inner.verdict !== 'missing' || inner.entries !== undefined) return inner;
    }
    return { verdict: 'missing' };
  }

  /**
   * The elements of an array literal, or the objects a `.map(cb)` callback returns (one per return).
   * `'not-array'` for an object literal; undefined when the elements cannot be seen.
   */
  private getElements(value: TSESTree.Node): (TSESTree.Node | undefined)[] | 'not-array' | undefined {
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      return value.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? element : undefined));
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression) return 'not-array';
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(value.callee);
      const callback = value.arguments[0] ? skipTransparentWrappers(value.arguments[0]) : undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression && getPropertyName(callee) === 'map' && callback && isFunctionNode(callback)) {
        return getReturnedExpressions(callback);
      }
    }
    return undefined;
  }

  /** The container itself: does it hold a trace key, and how many entries does it have? */
  private inspectContainer(value: TSESTree.Node, location: PublishCarrierLocation, site: TSESTree.Node): CarrierVerdict {
    switch (location.encoding) {
      case 'json-in-string-field':
      case 'json-in-bytes-field':
        return this.inspectEncodedPayload(value, site);
      case 'envelope':
        return this.inspectEnvelope(value, site);
      case 'xray-trace-header':
        return value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined' ? { verdict: 'missing' } : CARRIED;
      default:
        return this.inspectMap(value, site);
    }
  }

  private inspectMap(value: TSESTree.Node, site: TSESTree.Node): CarrierVerdict {
    if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return { verdict: 'missing', entries: 0 };
    if (value.type === AST_NODE_TYPES.CallExpression) {
      // `headers()` from nats: an empty header set unless written to (writes are followed through the variable).
      const name = getCalleeName(skipTransparentWrappers(value.callee));
      if (name === 'headers' && value.arguments.length === 0) return { verdict: 'missing', entries: 0 };
      return UNKNOWN;
    }
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
    if (this.referencesCarrier(value)) return CARRIED;
    let entries = 0;
    let countKnown = true;
    for (const member of value.properties) {
      if (member.type === AST_NODE_TYPES.Property) {
        if (getStaticKey(member) === undefined) return UNKNOWN;
        entries += 1;
        continue;
      }
      const spread = this.resolveValue(member.argument, site);
      if (spread?.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
      const inner = this.inspectMap(spread, site);
      if (inner.verdict !== 'missing') return inner;
      if (inner.entries === undefined) countKnown = false;
      else entries += inner.entries;
    }
    return countKnown ? { verdict: 'missing', entries } : { verdict: 'missing' };
  }

  /** JSON text or bytes: `JSON.stringify(payload)`, `Buffer.from(JSON.stringify(payload))`, a string literal. */
  private inspectEncodedPayload(value: TSESTree.Node, site: TSESTree.Node): CarrierVerdict {
    if (value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)) return { verdict: 'missing' };
    if (value.type === AST_NODE_TYPES.TemplateLiteral) return { verdict: 'missing' };
    const call = value.type === AST_NODE_TYPES.NewExpression ? undefined : value.type === AST_NODE_TYPES.CallExpression ? value : undefined;
    if (!call) return UNKNOWN;
    const name = getCalleeName(skipTransparentWrappers(call.callee));
    const qualified = getQualifiedCalleeName(call.callee);
    if (!ENCODING_FUNCTIONS.has(qualified ?? '') && !(name === 'encode')) return UNKNOWN;
    const inner = call.arguments[0];
    if (!inner || inner.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
    if (this.referencesCarrier(inner)) return CARRIED;
    const resolved = this.resolveValue(inner, site);
    if (qualified === 'JSON.stringify') {
      if (!resolved || resolved.type === AST_NODE_TYPES.MemberExpression) return this.inspectOpaquePayload(inner, site);
      return this.inspectEnvelope(resolved, site);
    }
    return resolved ? this.inspectEncodedPayload(resolved, site) : UNKNOWN;
  }

  /**
   * A payload serialised at the publish whose value the file does not show (`JSON.stringify(detail)` with `detail` a
   * parameter, `JSON.stringify(event.order)`): nothing puts a carrier into the JSON, so it is missing, unless the code
   * visibly does something to that value first: a carrier assigned into it (`detail._trace = carrier`), or the value
   * handed to a function that may fill it. With type information, a payload type that declares a trace key or the
   * envelope key is taken to carry one. The result of a call (`JSON.stringify(build(order))`) stays unknown.
   */
  private inspectOpaquePayload(node: TSESTree.Node, site: TSESTree.Node): CarrierVerdict {
    const root = getRootIdentifier(node);
    const expression = skipTransparentWrappers(node);
    if (!root || (expression.type !== AST_NODE_TYPES.Identifier && expression.type !== AST_NODE_TYPES.MemberExpression)) return UNKNOWN;
    const variable = this.findVariable(root);
    if (!variable || variable.defs.length === 0) return UNKNOWN;
    if (this.tainted.has(variable) || this.receivesCarrier(variable)) return CARRIED;
    if (this.isEscaped(variable, site)) return UNKNOWN;
    return this.declaresCarrierType(node) ? UNKNOWN : { verdict: 'missing' };
  }

  /** Whether some `value.key = …` writes a carrier into the variable's object (`detail._trace = carrier`). */
  private receivesCarrier(variable: Variable): boolean {
    return variable.references.some((reference) => {
      let top: TSESTree.Node = reference.identifier;
      while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) top = top.parent;
      const parent = top.parent;
      return top !== reference.identifier && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === top && this.referencesCarrier(parent.right);
    });
  }

  /** With type information: the payload's type declares a trace key or the envelope key, so the caller may have filled it. */
  private declaresCarrierType(node: TSESTree.Node): boolean {
    const services = getTypeServices(this.context);
    if (!services) return false;
    const checker = services.program.getTypeChecker();
    const type = services.getTypeAtLocation(node);
    return checker.getPropertiesOfType(type).some((property) => isTraceKey(property.getName()) || property.getName() === DEFAULT_ENVELOPE_CARRIER_KEY);
  }

  /**
   * With type information only: a payload we cannot see (a parameter, a call's result) whose type is an object of
   * primitive-valued properties, without an index signature, has no room for a carrier (`email: { to: string }`).
   */
  private inspectPayloadType(node: TSESTree.Node): CarrierVerdict {
    const services = getTypeServices(this.context);
    if (!services) return UNKNOWN;
    const checker = services.program.getTypeChecker();
    const type = services.getTypeAtLocation(node);
    if (isOpenType(checker, type) || type.isUnion() || type.getCallSignatures().length > 0) return UNKNOWN;
    if (checker.getIndexInfosOfType(type).length > 0) return UNKNOWN;
    const properties = checker.getPropertiesOfType(type);
    if (properties.length === 0) return UNKNOWN;
    for (const property of properties) {
      if (isTraceKey(property.getName())) return UNKNOWN;
      const propertyType = checker.getTypeOfSymbol(property);
      if (!isPrimitiveType(checker, propertyType)) return UNKNOWN;
    }
    return { verdict: 'missing' };
  }

  /** A payload object that should hold the carrier under some key: only literals (and their spreads) can be judged. */
  private inspectEnvelope(value: TSESTree.Node, site: TSESTree.Node): CarrierVerdict {
    if (value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.TemplateLiteral || value.type === AST_NODE_TYPES.ArrayExpression) {
      return { verdict: 'missing' };
    }
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
    if (this.referencesCarrier(value)) return CARRIED;
    for (const member of value.properties) {
      if (member.type === AST_NODE_TYPES.Property) {
        if (getStaticKey(member) === undefined) return UNKNOWN;
        continue;
      }
      const spread = this.resolveValue(member.argument, site);
      if (spread?.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
      const inner = this.inspectEnvelope(spread, site);
      if (inner.verdict !== 'missing') return inner;
    }
    return { verdict: 'missing' };
  }
}

type TypeChecker = ReturnType<ParserServicesWithTypeInformation['program']['getTypeChecker']>;
type CheckerType = ReturnType<TypeChecker['getStringType']>;

/** `any` and `unknown` could be anything, a carrier included. */
function isOpenType(checker: TypeChecker, type: CheckerType): boolean {
  const text = checker.typeToString(type);
  return text === 'any' || text === 'unknown';
}

/** Strings, numbers, booleans, bigints, null and undefined, and unions of them: nothing a carrier object fits in. */
function isPrimitiveType(checker: TypeChecker, type: CheckerType): boolean {
  if (isOpenType(checker, type)) return false;
  const members = type.isUnion() ? type.types : [type];
  const primitives = [checker.getStringType(), checker.getNumberType(), checker.getBigIntType(), checker.getBooleanType(), checker.getNullType(), checker.getUndefinedType()];
  return members.every((member) => primitives.some((primitive) => checker.isTypeAssignableTo(member, primitive)));
}

/** Across the elements of a batch: any missing entry is a finding; otherwise unknown wins over carried. */
function combineAll(verdicts: CarrierVerdict[]): CarrierVerdict {
  if (verdicts.length === 0) return UNKNOWN;
  const entries = verdicts.every((v) => v.entries !== undefined) ? Math.max(...verdicts.map((v) => v.entries ?? 0)) : undefined;
  if (verdicts.some((v) => v.verdict === 'missing')) return entries === undefined ? { verdict: 'missing' } : { verdict: 'missing', entries };
  if (verdicts.some((v) => v.verdict === 'unknown')) return UNKNOWN;
  return CARRIED;
}

/** Across a publish's alternative carrier locations: one carrying location is enough. */
export function combineAlternatives(verdicts: CarrierVerdict[]): CarrierVerdict {
  if (verdicts.some((v) => v.verdict === 'carried')) return CARRIED;
  if (verdicts.some((v) => v.verdict === 'unknown')) return UNKNOWN;
  return verdicts[0] ?? UNKNOWN;
}

/** What a function returns: its expression body, or the argument of each `return` in its own body. */
function getReturnedExpressions(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): (TSESTree.Node | undefined)[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const results: (TSESTree.Node | undefined)[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      results.push(node.argument ?? undefined);
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && 'type' in item && item !== node.parent) visit(item as TSESTree.Node);
      } else if (value && typeof value === 'object' && 'type' in value && value !== node.parent) {
        visit(value as TSESTree.Node);
      }
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return results.length > 0 ? results : [undefined];
}
