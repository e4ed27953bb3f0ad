import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CONTEXT_WITH_METHODS, PROPAGATION_EXTRACT_METHODS } from '../catalog/messaging/index.js';
import { API_NAMESPACES } from '../catalog/otel-api.js';
import { getCalleeName, getPropertyName, getStaticKey, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { mayExtractContext } from './file-gates.js';
import { callsLocalHelperThat } from './local-helpers.js';
import { getSpanStartCall, type SpanStartCall } from './otel-calls.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * How a span started inside a message handler gets its parent:
 * - `extracted`: the context extracted from the message (as the context argument, through `context.with`, or as a link);
 * - `nested`: inside another span's callback or a `context.with` of something else: judged at that outer span;
 * - `notExtracted`: the ambient context (or `ROOT_CONTEXT`), with nothing in the handler making the message's context active;
 * - `unknown`: an explicit parent we cannot trace, so nothing is claimed.
 */
export type SpanParentVerdict = 'extracted' | 'nested' | 'notExtracted' | 'unknown';

export interface ExtractionOptions {
  /** Functions that return a context extracted from a message, counted as `propagation.extract`. */
  extractFunctions: readonly string[];
}

const PROPAGATOR_NAME = /^propagation$|propagator/i;
/** `trace.setSpan(ctx, span)` and friends return a context derived from their first argument. */
const CONTEXT_DERIVING_FUNCTIONS = new Set(['setSpan', 'setSpanContext', 'deleteSpan']);
/** `ctx.setValue(key, value)` derives from its receiver. */
const CONTEXT_METHODS = new Set(['setValue', 'deleteValue']);
const ROOT_CONTEXT_NAMES = new Set(['ROOT_CONTEXT']);

function getObjectName(node: TSESTree.Node): string | undefined {
  const object = skipTransparentWrappers(node);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name;
  if (object.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(object);
  return undefined;
}

/** `propagation.extract(ctx, carrier, getter?)` and the like. */
export function isExtractCall(call: TSESTree.CallExpression): boolean {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getPropertyName(callee);
  if (method === undefined || !PROPAGATION_EXTRACT_METHODS.includes(method)) return false;
  const objectName = getObjectName(callee.object);
  return objectName !== undefined && PROPAGATOR_NAME.test(objectName);
}

/** `context.active()`. */
function isActiveContextCall(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparentWrappers(expression.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getPropertyName(callee) === 'active' && getObjectName(callee.object) === API_NAMESPACES.context;
}

/** `context.with(ctx, fn)`: the `ctx` argument when `fn` is the given function. */
function getContextWithArgument(fn: TSESTree.Node): TSESTree.Node | undefined {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[1] !== fn) return undefined;
  const callee = skipTransparentWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = getPropertyName(callee);
  if (method === undefined || !CONTEXT_WITH_METHODS.includes(method) || getObjectName(callee.object) !== API_NAMESPACES.context) return undefined;
  return parent.arguments[0];
}

export class ExtractedContextTracker {
  constructor(
    private readonly context: Context,
    private readonly options: ExtractionOptions,
  ) {}

  /** Whether `node` evaluates to a context extracted from a message (directly, through locals, or derived from one). */
  isExtractedContext(node: TSESTree.Node, seen = new Set<TSESLint.Scope.Variable>()): boolean {
    const expression = skipTransparentWrappers(node);
    switch (expression.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.isExtractedContext(expression.argument, seen);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isExtractedContext(expression.consequent, seen) || this.isExtractedContext(expression.alternate, seen);
      case AST_NODE_TYPES.LogicalExpression:
        return this.isExtractedContext(expression.left, seen) || this.isExtractedContext(expression.right, seen);
      case AST_NODE_TYPES.CallExpression: {
        if (isExtractCall(expression)) return true;
        const callee = skipTransparentWrappers(expression.callee);
        const name = getCalleeName(callee);
        if (name !== undefined && this.options.extractFunctions.includes(name)) return true;
        if (mayExtractContext(this.context.sourceCode) && callsLocalHelperThat(expression, this.context, isExtractCall)) return true;
        if (name !== undefined && CONTEXT_DERIVING_FUNCTIONS.has(name) && expression.arguments[0]) return this.isExtractedContext(expression.arguments[0], seen);
        if (name !== undefined && CONTEXT_METHODS.has(name) && callee.type === AST_NODE_TYPES.MemberExpression) return this.isExtractedContext(callee.object, seen);
        return false;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(expression), expression.name);
        if (!variable || seen.has(variable)) return false;
        seen.add(variable);
        return variable.references.some((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && this.isExtractedContext(reference.writeExpr, seen));
      }
      default:
        return false;
    }
  }

  /** Whether `node` is a parent we can read: `context.active()`, `ROOT_CONTEXT`, or an extracted context. */
  private classifyExplicitParent(node: TSESTree.Node): 'extracted' | 'active' | 'root' | 'unknown' {
    if (this.isExtractedContext(node)) return 'extracted';
    if (isActiveContextCall(node)) return 'active';
    const expression = skipTransparentWrappers(node);
    if (expression.type === AST_NODE_TYPES.Identifier && ROOT_CONTEXT_NAMES.has(expression.name)) return 'root';
    if (expression.type === AST_NODE_TYPES.MemberExpression && ROOT_CONTEXT_NAMES.has(getPropertyName(expression) ?? '')) return 'root';
    return 'unknown';
  }

  /** `links: [...]` in the span options, when it is not an empty literal. Options we cannot see are `unknown`. */
  private getLinksState(options: TSESTree.Node | undefined): 'linked' | 'none' | 'unknown' {
    if (!options) return 'none';
    let expression = skipTransparentWrappers(options);
    if (expression.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(expression), expression.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return 'unknown';
      expression = skipTransparentWrappers(definition.node.init);
    }
    if (expression.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
    for (const member of expression.properties) {
      if (member.type !== AST_NODE_TYPES.Property) return 'unknown';
      if (getStaticKey(member) !== 'links') continue;
      const links = skipTransparentWrappers(member.value);
      return links.type === AST_NODE_TYPES.ArrayExpression && links.elements.length === 0 ? 'none' : 'linked';
    }
    return 'none';
  }

  /** How the span started by `start` gets its parent, looking outwards no further than `boundary` (the handler). */
  getSpanParentVerdict(start: SpanStartCall, boundary: TSESTree.Node): SpanParentVerdict {
    const links = this.getLinksState(start.optionsArgument);
    if (links === 'linked') return 'extracted';
    if (start.contextArgument) {
      const parent = this.classifyExplicitParent(start.contextArgument);
      if (parent === 'extracted') return 'extracted';
      if (parent === 'unknown') return 'unknown';
      if (parent === 'root') return links === 'unknown' ? 'unknown' : 'notExtracted';
    }
    for (let node: TSESTree.Node | undefined = start.call.parent; node && node !== boundary; node = node.parent) {
      if (!isFunctionNode(node)) continue;
      const activeContext = getContextWithArgument(node);
      if (activeContext) {
        if (this.isExtractedContext(activeContext)) return 'extracted';
        if (isActiveContextCall(activeContext)) continue;
        return 'nested';
      }
      const outer: SpanStartCall | undefined = node.parent?.type === AST_NODE_TYPES.CallExpression ? getSpanStartCall(node.parent, this.context) : undefined;
      if (outer?.callback === node) return 'nested';
    }
    return links === 'unknown' ? 'unknown' : 'notExtracted';
  }
}
