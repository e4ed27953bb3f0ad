import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CLIENT_ADDRESS_IN_ID,
  HEADER_ATTRIBUTE_KEY_PREFIX,
  OBJECT_FILTER_WORDS,
  SENSITIVE_HEADER_NAMES,
  SENSITIVE_KEY_PATTERNS,
  WHOLE_OBJECT_PATTERNS,
  type SensitiveKeyPattern,
  type WholeObjectPattern,
} from '../catalog/sensitive-objects.js';
import { getCalleeName, getPropertyName, getStaticString, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getConstantInit } from './attribute-sinks.js';
import { findEnding, getNameChain, splitWords } from './attribute-words.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const MAX_DEPTH = 6;

export interface WholeObjectFinding {
  pattern: WholeObjectPattern;
  /** The expression standing for the whole object. */
  node: TSESTree.Node;
}

/** Calls that hand back the same object, or a copy of all of it: `Object.fromEntries(headers)`, `{ ...row }`. */
const COPYING_CALLS = ['fromEntries', 'assign', 'entries', 'structuredClone', 'toJSON', 'from', 'values', 'flatten', 'flattenObject', 'toObject'];
/** Array methods whose result is still (a part of) the entries they are called on. */
const SUBSET_METHODS = ['filter', 'slice', 'sort', 'concat', 'flat'];
/** Calls that turn a whole object into one string: `JSON.stringify(user)`, `util.inspect(row)`. */
const STRINGIFYING_CALLS = ['stringify', 'inspect', 'flatten', 'flattenObject', 'flat', 'serialize'];

/** The sensitive whole object `node` stands for: `req.headers`, `c.req.header()`, `result.rows[0]`, `currentUser`. */
export function getWholeObject(node: TSESTree.Node, context: Context, depth = 0): WholeObjectFinding | undefined {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return undefined;
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const init = getConstantInit(expression, context);
      if (init) {
        const found = getWholeObject(init, context, depth + 1);
        if (found) return found;
      }
      return matchName([expression.name], expression);
    }
    case AST_NODE_TYPES.MemberExpression: {
      // rows[0], rows[i]: an element of the rows.
      if (expression.computed && getPropertyName(expression) === undefined) return getWholeObject(expression.object, context, depth + 1);
      const chain = getNameChain(expression);
      return chain ? matchName(chain, expression) : undefined;
    }
    case AST_NODE_TYPES.LogicalExpression:
      // headers ?? {}
      return getWholeObject(expression.left, context, depth + 1);
    case AST_NODE_TYPES.ArrayExpression: {
      // [...message.headers]
      for (const element of expression.elements) {
        if (element?.type !== AST_NODE_TYPES.SpreadElement) continue;
        const found = getWholeObject(element.argument, context, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case AST_NODE_TYPES.ObjectExpression: {
      for (const property of expression.properties) {
        if (property.type !== AST_NODE_TYPES.SpreadElement) continue;
        const found = getWholeObject(property.argument, context, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTransparentWrappers(expression.callee);
      const name = getCalleeName(callee);
      if (name === undefined) return undefined;
      if (expression.arguments.length === 0 && callee.type === AST_NODE_TYPES.MemberExpression) {
        const pattern = WHOLE_OBJECT_PATTERNS.find((candidate) => candidate.wholeObjectMethods?.includes(name));
        if (pattern) return { pattern, node: expression };
        // headers.entries(), row.toJSON()
        if (COPYING_CALLS.includes(name)) return getWholeObject(callee.object, context, depth + 1);
      }
      // Object.entries(headers).filter(…): a part of the whole, chosen by a condition the rule does not judge.
      if (callee.type === AST_NODE_TYPES.MemberExpression && SUBSET_METHODS.includes(name)) return getWholeObject(callee.object, context, depth + 1);
      if (!COPYING_CALLS.includes(name)) return undefined;
      for (const argument of expression.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const found = getWholeObject(argument, context, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function matchName(chain: readonly string[], node: TSESTree.Node): WholeObjectFinding | undefined {
  const words = splitWords(chain.at(-1) ?? '');
  const owner = chain.at(-2);
  for (const pattern of WHOLE_OBJECT_PATTERNS) {
    if (!pattern.nameEndings || findEnding(words, pattern.nameEndings) === -1) continue;
    if (pattern.owners && (owner === undefined || !pattern.owners.includes(owner))) continue;
    return { pattern, node };
  }
  return undefined;
}

/** A whole object turned into one attribute value: `JSON.stringify(req.headers)`, `util.inspect(user)`. */
export function getStringifiedObject(value: TSESTree.Node, context: Context): WholeObjectFinding | undefined {
  const expression = skipTransparentWrappers(value);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const name = getCalleeName(skipTransparentWrappers(expression.callee));
  const argument = expression.arguments[0];
  if (name === undefined || !STRINGIFYING_CALLS.includes(name) || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return getWholeObject(argument, context);
}

/**
 * The whole object a value was taken from by iterating it: `v` of `for (const [k, v] of Object.entries(headers))`,
 * of `headers.forEach((v, k) => …)`, `headers[k]` of `for (const k in headers)` or `Object.keys(headers).forEach`.
 */
export function getIteratedObject(value: TSESTree.Node, context: Context): WholeObjectFinding | undefined {
  for (const leaf of getValueLeaves(value)) {
    const source = leaf.type === AST_NODE_TYPES.Identifier ? getIterationSource(leaf, context) : getIndexedSource(leaf, context);
    const found = source && getWholeObject(source, context);
    if (found) return found;
  }
  return undefined;
}

/** The names a value is made of, through `String(v)`, `` `${v}` ``, `v.join(',')`, `a ? b : c`. */
function getValueLeaves(node: TSESTree.Node, depth = 0): TSESTree.Node[] {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return [];
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return [expression];
    case AST_NODE_TYPES.MemberExpression:
      return expression.computed ? [expression] : [];
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.flatMap((part) => getValueLeaves(part, depth + 1));
    case AST_NODE_TYPES.ConditionalExpression:
      return [...getValueLeaves(expression.consequent, depth + 1), ...getValueLeaves(expression.alternate, depth + 1)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...getValueLeaves(expression.left, depth + 1), ...getValueLeaves(expression.right, depth + 1)];
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTransparentWrappers(expression.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) return getValueLeaves(callee.object, depth + 1);
      const argument = expression.arguments[0];
      return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? getValueLeaves(argument, depth + 1) : [];
    }
    default:
      return [];
  }
}

/** What the variable iterates: the right side of its `for…of`, or the receiver of the `forEach` it is a parameter of. */
function getIterationSource(identifier: TSESTree.Identifier, context: Context): TSESTree.Node | undefined {
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (!definition) return undefined;
  if (definition.type === 'Variable') {
    const declaration = definition.node.parent;
    const loop = declaration?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) return loop.right;
    return undefined;
  }
  if (definition.type === 'Parameter' && isFunctionNode(definition.node)) {
    const call = definition.node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== definition.node) return undefined;
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['forEach', 'map', 'reduce', 'flatMap'].includes(getPropertyName(callee) ?? '')) return callee.object;
  }
  return undefined;
}

/** `object[key]` where `key` runs over the object's own keys (`for (const key in object)`, `Object.keys(object)`). */
function getIndexedSource(member: TSESTree.Node, context: Context): TSESTree.Node | undefined {
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = member.property;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(key), key.name)?.defs[0];
  const declaration = definition?.type === 'Variable' ? definition.node.parent : undefined;
  const loop = declaration?.parent;
  if (loop?.type === AST_NODE_TYPES.ForInStatement && loop.left === declaration) return member.object;
  const iterated = loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration ? loop.right : definition?.type === 'Parameter' ? getIterationSource(key, context) : undefined;
  return iterated ? member.object : undefined;
}

const SENSITIVE_HEADER = new RegExp(`(?<![\\w-])(?:${SENSITIVE_HEADER_NAMES.map((name) => name.replace(/-/g, '[-_]?')).join('|')})(?![\\w-])`, 'i');

/**
 * Whether a whole object is filtered on its way into attributes: the function around the sink, or the one around the
 * object's own expression (where an entries list is filtered before a callback records it), names a sensitive header
 * (removing it, skipping it, overriding it) or an allow-list, a redactor, `omit`/`pick`.
 */
export function isFilteredFlow(sink: TSESTree.Node, object: TSESTree.Node, context: Context): boolean {
  return isFilteringScope(sink, context) || isFilteringScope(object, context);
}

function isFilteringScope(node: TSESTree.Node, context: Context): boolean {
  let scope: TSESTree.Node = node;
  while (scope.parent && !isFunctionNode(scope)) scope = scope.parent;
  const text = context.sourceCode.getText(scope);
  return SENSITIVE_HEADER.test(text) || [...text.matchAll(/[A-Za-z_$][\w$]*/g)].some((match) => splitWords(match[0]).some((word) => OBJECT_FILTER_WORDS.includes(word)));
}

/** The key pattern (bound query parameters) a key or the static start of a computed key matches. */
export function getSensitiveKeyPattern(key: string): SensitiveKeyPattern | undefined {
  return SENSITIVE_KEY_PATTERNS.find((pattern) =>
    pattern.keys.some((entry) => (entry.endsWith('.*') ? key.startsWith(entry.slice(0, -1)) && key.length > entry.length - 1 : key === entry)),
  );
}

/** The static start of a computed key: `` `db.query.parameter.${i}` `` → `db.query.parameter.`. */
export function getKeyPrefix(keyNode: TSESTree.Node): string | undefined {
  const expression = skipTransparentWrappers(keyNode);
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) return `${expression.quasis[0]?.value.cooked ?? ''}\u0000`;
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    const left = getStaticString(expression.left);
    return left === undefined ? undefined : `${left}\u0000`;
  }
  return undefined;
}

/** Whether an id-like key (`ratelimit.key`) is built from the client's IP address; the part that reads it. */
export function getClientAddressInId(key: string, value: TSESTree.Node, context: Context): TSESTree.Node | undefined {
  if (findEnding(splitWords(key), CLIENT_ADDRESS_IN_ID.keyEndings) === -1) return undefined;
  const expression = skipTransparentWrappers(value);
  const parts =
    expression.type === AST_NODE_TYPES.TemplateLiteral
      ? expression.expressions
      : expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+'
        ? [expression.left, expression.right]
        : [];
  for (const part of parts) {
    const found = readsClientAddress(part, context);
    if (found) return found;
  }
  return undefined;
}

function readsClientAddress(node: TSESTree.Node, context: Context, depth = 0): TSESTree.Node | undefined {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return undefined;
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(expression, context);
    if (init) return readsClientAddress(init, context, depth + 1) ? expression : undefined;
  }
  const chain = getNameChain(expression);
  if (chain) {
    const last = chain.at(-1) ?? '';
    if (CLIENT_ADDRESS_IN_ID.addressHeaders.includes(last.toLowerCase())) return expression;
    return findEnding(splitWords(last), CLIENT_ADDRESS_IN_ID.addressNameEndings) === -1 ? undefined : expression;
  }
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const header = getStaticString(expression.arguments[0]);
    if (header !== undefined && CLIENT_ADDRESS_IN_ID.addressHeaders.includes(header.toLowerCase())) return expression;
    const callee = skipTransparentWrappers(expression.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) return readsClientAddress(callee.object, context, depth + 1) ? expression : undefined;
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression || expression.type === AST_NODE_TYPES.LogicalExpression) {
    return readsClientAddress(expression.left, context, depth + 1) ?? readsClientAddress(expression.right, context, depth + 1);
  }
  return undefined;
}

/**
 * For a template that builds one attribute key per header (`` `ai.request.headers.${key}` ``) from the keys of a
 * whole headers object being iterated: that object.
 */
export function getHeaderKeyTemplateSource(template: TSESTree.TemplateLiteral, context: Context): WholeObjectFinding | undefined {
  if (template.expressions.length !== 1 || !HEADER_ATTRIBUTE_KEY_PREFIX.test(template.quasis[0]?.value.cooked ?? '')) return undefined;
  const found = getIteratedObject(template.expressions[0]!, context);
  return found?.pattern.id === 'headers' || found?.pattern.id === 'hono-headers' ? found : undefined;
}
