import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AttributeSinkKind } from '../catalog/attribute-sinks.js';
import {
  LOW_CARDINALITY_NAME_WORDS,
  MEASUREMENT_NAME_WORDS,
  TRUNCATING_METHODS,
  UNBOUNDED_KEY_PATTERNS,
  UNBOUNDED_VALUE_PATTERNS,
  type UnboundedKeyPattern,
  type UnboundedSinks,
  type UnboundedValuePattern,
} from '../catalog/unbounded-patterns.js';
import { getCalleeName, getStaticString, skipTransparentWrappers } from './ast.js';
import { getConstantInit } from './attribute-sinks.js';
import { findEnding, getNameChain, getTailWords, splitWords } from './attribute-words.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const MAX_DEPTH = 6;

/** String methods whose result is as unbounded as the string they are called on. */
const PRESERVING_METHODS = ['toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'valueOf', 'normalize', 'toISOString', 'toJSON'];
const PRESERVING_FUNCTIONS = ['String'];

export interface UnboundedFinding {
  pattern: UnboundedValuePattern;
  /** The part of the value that is unbounded. */
  node: TSESTree.Node;
}

export interface UnboundedOptions {
  sink: AttributeSinkKind;
  truncators: readonly string[];
  /** Patterns to look for; all of the catalog's by default. */
  patterns?: readonly UnboundedValuePattern[];
}

function appliesTo(sinks: UnboundedSinks, sink: AttributeSinkKind): boolean {
  return sinks === 'all' || sink === 'metric';
}

/** `Date.now` for `Date.now`, `process.hrtime.bigint` for `process.hrtime.bigint`; undefined for computed callees. */
function getCalleePath(callee: TSESTree.Node): string | undefined {
  const chain = getNameChain(callee);
  return chain?.join('.');
}

function matchesCall(path: string, entry: string): boolean {
  return path === entry || (!entry.includes('.') && path.endsWith(`.${entry}`));
}

/** `process.env.X` and `SCREAMING_CASE` names are configuration constants: bounded. */
function isConstantName(chain: readonly string[]): boolean {
  const last = chain.at(-1) ?? '';
  return (chain[0] === 'process' && chain[1] === 'env') || (/^[A-Z][A-Z0-9_]*$/.test(last) && last.length > 1);
}

/** `text.slice(0, 100)`, `text.substring(0, n)`, `truncate(text, …)`: the expression it bounds, if it is one. */
function getTruncatedExpression(call: TSESTree.CallExpression, truncators: readonly string[]): TSESTree.Node | undefined {
  const callee = skipTransparentWrappers(call.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return undefined;
  const [first, second] = call.arguments;
  if (callee.type === AST_NODE_TYPES.MemberExpression && TRUNCATING_METHODS.includes(name) && second && first?.type === AST_NODE_TYPES.Literal && first.value === 0) {
    return callee.object;
  }
  if (truncators.includes(name) && first && first.type !== AST_NODE_TYPES.SpreadElement) return first;
  return undefined;
}

/**
 * The unbounded thing a value reads, if any: the clock, randomness, serialized data, a whole payload,
 * free text not truncated, and on metrics also ids, emails, IPs, URLs and interpolated templates.
 */
export function getUnboundedValue(node: TSESTree.Node, context: Context, options: UnboundedOptions, depth = 0): UnboundedFinding | undefined {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return undefined;
  const patterns = (options.patterns ?? UNBOUNDED_VALUE_PATTERNS).filter((pattern) => appliesTo(pattern.sinks, options.sink));
  const next = (child: TSESTree.Node): UnboundedFinding | undefined => getUnboundedValue(child, context, options, depth + 1);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      if (isConstantName([expression.name])) return undefined;
      const init = getConstantInit(expression, context);
      if (init) {
        const found = next(init);
        return found ? { pattern: found.pattern, node: expression } : undefined;
      }
      return getUnboundedName([expression.name], expression, patterns);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const chain = getNameChain(expression);
      if (!chain || isConstantName(chain)) return undefined;
      return getUnboundedName(chain, expression, patterns);
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      for (const part of expression.expressions) {
        const found = next(part);
        if (found) return found;
      }
      const interpolated = patterns.find((pattern) => pattern.interpolatedTemplates);
      if (interpolated && expression.expressions.some((part) => !isBoundedLooking(part))) return { pattern: interpolated, node: expression };
      return undefined;
    }
    case AST_NODE_TYPES.NewExpression: {
      const name = expression.callee.type === AST_NODE_TYPES.Identifier ? expression.callee.name : undefined;
      const pattern = name === undefined ? undefined : findConstructorPattern(patterns, name, expression, options.sink);
      return pattern ? { pattern, node: expression } : undefined;
    }
    case AST_NODE_TYPES.CallExpression:
      return getUnboundedCall(expression, context, options, patterns, depth);
    case AST_NODE_TYPES.BinaryExpression:
      // `Date.now() - start` is a duration; comparisons are booleans.
      if (!['+', '*', '/', '%', '**'].includes(expression.operator) || expression.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
      return next(expression.left) ?? next(expression.right);
    case AST_NODE_TYPES.LogicalExpression:
      if (expression.operator === '&&') return next(expression.right);
      // Off metrics, `params.scheduledAt ?? new Date()` records the given value; the clock is only its default.
      return options.sink === 'metric' ? next(expression.left) ?? next(expression.right) : next(expression.left);
    case AST_NODE_TYPES.ConditionalExpression:
      return next(expression.consequent) ?? next(expression.alternate);
    default:
      return undefined;
  }
}

function getUnboundedCall(
  call: TSESTree.CallExpression,
  context: Context,
  options: UnboundedOptions,
  patterns: readonly UnboundedValuePattern[],
  depth: number,
): UnboundedFinding | undefined {
  const next = (child: TSESTree.Node): UnboundedFinding | undefined => getUnboundedValue(child, context, options, depth + 1);
  const truncated = getTruncatedExpression(call, options.truncators);
  if (truncated) {
    const found = next(truncated);
    if (!found || (options.sink !== 'metric' && found.pattern.truncatable)) return undefined;
    return found;
  }
  const callee = skipTransparentWrappers(call.callee);
  const name = getCalleeName(callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // new Date(…).toISOString() is as unbounded as the date; .getFullYear() is not.
    const object = skipTransparentWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.NewExpression && object.callee.type === AST_NODE_TYPES.Identifier) {
      const pattern = findConstructorPattern(patterns, object.callee.name, object, options.sink);
      if (pattern) return name !== undefined && pattern.boundedMethods?.includes(name) ? undefined : { pattern, node: call };
    }
    if (name !== undefined && PRESERVING_METHODS.includes(name)) return next(callee.object);
  }
  const argument = call.arguments[0];
  if (name !== undefined && PRESERVING_FUNCTIONS.includes(name) && callee.type === AST_NODE_TYPES.Identifier && argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
    return next(argument);
  }
  const path = getCalleePath(callee);
  if (path === undefined) return undefined;
  const pattern = patterns.find((candidate) => candidate.calls?.some((entry) => matchesCall(path, entry)));
  if (!pattern) return undefined;
  if (pattern.argumentMustBeData && (!argument || isLiteralValue(argument))) return undefined;
  return { pattern, node: call };
}

/** The pattern `new name(…)` matches on this sink: `new Date(stored)` converts a time, and only counts on metrics. */
function findConstructorPattern(patterns: readonly UnboundedValuePattern[], name: string, construction: TSESTree.NewExpression, sink: AttributeSinkKind): UnboundedValuePattern | undefined {
  return patterns.find(
    (candidate) => candidate.constructors?.includes(name) && !(candidate.constructedWithArgumentsOnlyOnMetrics && sink !== 'metric' && construction.arguments.length > 0),
  );
}

function isLiteralValue(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal || getStaticString(expression) !== undefined) return true;
  if (expression.type === AST_NODE_TYPES.ArrayExpression) return expression.elements.every((element) => element !== null && isLiteralValue(element));
  if (expression.type === AST_NODE_TYPES.ObjectExpression) {
    return expression.properties.every((property) => property.type === AST_NODE_TYPES.Property && isLiteralValue(property.value));
  }
  return false;
}

function getUnboundedName(chain: readonly string[], node: TSESTree.Node, patterns: readonly UnboundedValuePattern[]): UnboundedFinding | undefined {
  const { words } = getTailWords(chain);
  for (const pattern of patterns) {
    if (!pattern.nameEndings) continue;
    const start = findEnding(words, pattern.nameEndings);
    if (start === -1) continue;
    const before = words[start - 1];
    if (before !== undefined && pattern.notOn?.includes(before)) continue;
    return { pattern, node };
  }
  return undefined;
}

/** `method`, `req.route`, `region`: a name that says the value has few distinct values. */
function isBoundedLooking(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  if (isLiteralValue(expression)) return true;
  const chain = getNameChain(expression);
  if (!chain) return false;
  if (isConstantName(chain)) return true;
  return splitWords(chain.at(-1) ?? '').some((word) => LOW_CARDINALITY_NAME_WORDS.includes(word));
}

/** The unbounded-key pattern `key` matches on `sink`, if any. */
export function getUnboundedKey(key: string, sink: AttributeSinkKind, patterns: readonly UnboundedKeyPattern[] = UNBOUNDED_KEY_PATTERNS): UnboundedKeyPattern | undefined {
  const words = splitWords(key);
  return patterns.find((pattern) => appliesTo(pattern.sinks, sink) && !pattern.allowKeys?.includes(key) && findEnding(words, pattern.keyEndings) !== -1);
}

/**
 * Whether a value under an unbounded-looking key is bounded after all: a literal, a number sign,
 * a duration (`Date.now() - start`), a comparison, a measurement (`durationMs`, `body.length`),
 * a low-cardinality name (`req.method`, `route`), a configuration constant, or a truncated value on spans.
 */
export function isBoundedValue(node: TSESTree.Node, options: UnboundedOptions): boolean {
  const expression = skipTransparentWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.every((part) => isBoundedValue(part, options));
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return expression.operator !== '+';
    case AST_NODE_TYPES.ConditionalExpression:
      return isBoundedValue(expression.consequent, options) && isBoundedValue(expression.alternate, options);
    case AST_NODE_TYPES.CallExpression: {
      if (options.sink !== 'metric' && getTruncatedExpression(expression, options.truncators)) return true;
      const name = getCalleeName(skipTransparentWrappers(expression.callee));
      return name !== undefined && ['Boolean', 'isNaN', 'includes', 'has', 'startsWith', 'endsWith', 'test'].includes(name);
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      if (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined') return true;
      const chain = getNameChain(expression);
      if (!chain) return false;
      if (isConstantName(chain)) return true;
      const words = splitWords(chain.at(-1) ?? '');
      return words.some((word) => MEASUREMENT_NAME_WORDS.includes(word) || LOW_CARDINALITY_NAME_WORDS.includes(word));
    }
    default:
      return false;
  }
}
