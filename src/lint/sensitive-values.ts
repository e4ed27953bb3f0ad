import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CREDENTIAL_VALUE_PATTERNS,
  DEFAULT_REDACTOR_PATTERN,
  DESCRIPTIVE_PREFIX_WORDS,
  DESCRIPTIVE_SUFFIX_WORDS,
  REQUEST_BAG_NAMES,
  REQUEST_OBJECT_NAMES,
} from '../catalog/sensitive-patterns.js';
import { getCalleeName, getPropertyName, getStaticString, skipTransparentWrappers } from './ast.js';
import { getConstantInit } from './attribute-sinks.js';
import { findSensitiveWordPattern, getNameChain, getTailWords, splitWords } from './attribute-words.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const MAX_DEPTH = 6;

/** String methods whose result still holds the data they are called on. */
const PRESERVING_METHODS = ['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'valueOf', 'normalize'];
/** Calls that serialize or encode their argument without hiding it. */
const PRESERVING_FUNCTIONS = ['String', 'stringify', 'encodeURIComponent', 'encodeURI', 'btoa', 'from', 'inspect'];
/** Calls that turn data into a yes/no or a number. */
const NON_DATA_FUNCTIONS = ['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isEmpty', 'isNil', 'has', 'includes', 'startsWith', 'endsWith', 'test'];

export interface SensitiveFinding {
  /** What the data is: "an email address", "a whole request body". */
  description: string;
  /** The part of the value that reads it. */
  node: TSESTree.Node;
  /** `name`: the value reads a sensitive name; `literal`: a literal shaped like a credential. */
  kind: 'name' | 'literal';
}

/** Whether `call` hides its argument: a redactor by the default pattern or one of the configured names. */
export function isRedactorCall(call: TSESTree.CallExpression, redactors: readonly string[]): boolean {
  for (let callee: TSESTree.Node = skipTransparentWrappers(call.callee); ; ) {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(callee) : undefined;
    if (name !== undefined && (redactors.includes(name) || DEFAULT_REDACTOR_PATTERN.test(name))) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression) callee = skipTransparentWrappers(callee.object);
    else if (callee.type === AST_NODE_TYPES.CallExpression) callee = skipTransparentWrappers(callee.callee);
    else return false;
  }
}

/** Whether the value is a call to a redactor: `hash(user.email)`. */
export function isRedactedValue(node: TSESTree.Node, redactors: readonly string[]): boolean {
  const expression = skipTransparentWrappers(node);
  return expression.type === AST_NODE_TYPES.CallExpression && isRedactorCall(expression, redactors);
}

/**
 * What sensitive thing `node` reads, if any: a name like `user.email`, `req.headers.authorization`,
 * `process.env.STRIPE_SECRET_KEY`, a whole request body or header bag, or a literal shaped like a credential.
 * Redacted values, and what a call turns into something else, are not sensitive.
 */
export function getSensitiveValue(node: TSESTree.Node, context: Context, redactors: readonly string[], depth = 0): SensitiveFinding | undefined {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return undefined;
  const literal = getStaticString(expression);
  if (literal !== undefined) {
    const credential = CREDENTIAL_VALUE_PATTERNS.find((pattern) => pattern.pattern.test(literal));
    return credential ? { description: credential.description, node: expression, kind: 'literal' } : undefined;
  }
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const init = getConstantInit(expression, context);
      if (init && isLiteralLike(init)) return getSensitiveValue(init, context, redactors, depth + 1);
      return getSensitiveName([expression.name], expression);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const chain = getNameChain(expression);
      return chain ? getSensitiveName(chain, expression) : undefined;
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      for (const part of expression.expressions) {
        const found = getSensitiveValue(part, context, redactors, depth + 1);
        if (found) return found;
      }
      const text = expression.quasis.map((quasi) => quasi.value.cooked ?? '').join('x');
      const credential = CREDENTIAL_VALUE_PATTERNS.find((pattern) => pattern.pattern.test(text));
      return credential && expression.expressions.length === 0 ? { description: credential.description, node: expression, kind: 'literal' } : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      if (isRedactorCall(expression, redactors)) return undefined;
      const callee = skipTransparentWrappers(expression.callee);
      const name = getCalleeName(callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && name !== undefined && PRESERVING_METHODS.includes(name)) {
        return getSensitiveValue(callee.object, context, redactors, depth + 1);
      }
      const argument = expression.arguments[0];
      if (name !== undefined && PRESERVING_FUNCTIONS.includes(name) && argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
        return getSensitiveValue(argument, context, redactors, depth + 1);
      }
      return undefined;
    }
    case AST_NODE_TYPES.LogicalExpression:
      return expression.operator === '&&'
        ? getSensitiveValue(expression.right, context, redactors, depth + 1)
        : getSensitiveValue(expression.left, context, redactors, depth + 1) ?? getSensitiveValue(expression.right, context, redactors, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return getSensitiveValue(expression.consequent, context, redactors, depth + 1) ?? getSensitiveValue(expression.alternate, context, redactors, depth + 1);
    case AST_NODE_TYPES.BinaryExpression:
      if (expression.operator !== '+') return undefined;
      return getSensitiveValue(expression.left, context, redactors, depth + 1) ?? getSensitiveValue(expression.right, context, redactors, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return getSensitiveValue(expression.argument, context, redactors, depth + 1);
    default:
      return undefined;
  }
}

function isLiteralLike(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  return expression.type === AST_NODE_TYPES.Literal || (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length === 0);
}

/** `req.body`, `request.headers`, `ctx.request.body`: a whole request body or header bag. */
function getRequestBag(chain: readonly string[]): string | undefined {
  const bag = chain.at(-1);
  const owner = chain.at(-2);
  if (bag === undefined || owner === undefined || !REQUEST_BAG_NAMES.includes(bag) || !REQUEST_OBJECT_NAMES.includes(owner)) return undefined;
  return /body/i.test(bag) ? 'a whole request body' : /cookie/i.test(bag) ? 'all request cookies' : 'all request headers';
}

function getSensitiveName(chain: readonly string[], node: TSESTree.Node): SensitiveFinding | undefined {
  const bag = getRequestBag(chain);
  if (bag) return { description: bag, node, kind: 'name' };
  const { words, lastStart } = getTailWords(chain);
  const pattern = findSensitiveWordPattern(words, undefined, lastStart);
  return pattern ? { description: pattern.description, node, kind: 'name' } : undefined;
}

/**
 * Whether a value cannot carry the data its key names: booleans, numbers, counts and lengths, comparisons,
 * redacted values, `null`, and string literals that are not shaped like a credential (`'[REDACTED]'`).
 */
export function isNonDataValue(node: TSESTree.Node, context: Context, redactors: readonly string[], depth = 0): boolean {
  const expression = skipTransparentWrappers(node);
  if (depth > MAX_DEPTH) return false;
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expression.value !== 'string' || getSensitiveValue(expression, context, redactors) === undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 0 && getSensitiveValue(expression, context, redactors) === undefined;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return expression.operator !== '+';
    case AST_NODE_TYPES.Identifier: {
      if (expression.name === 'undefined' || expression.name === 'NaN') return true;
      const init = getConstantInit(expression, context);
      if (init && isLiteralLike(init)) return isNonDataValue(init, context, redactors, depth + 1);
      return isDescriptiveName([expression.name]);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const chain = getNameChain(expression);
      return chain !== undefined && isDescriptiveName(chain);
    }
    case AST_NODE_TYPES.CallExpression: {
      if (isRedactorCall(expression, redactors)) return true;
      const name = getCalleeName(skipTransparentWrappers(expression.callee));
      return name !== undefined && NON_DATA_FUNCTIONS.includes(name);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return isNonDataValue(expression.consequent, context, redactors, depth + 1) && isNonDataValue(expression.alternate, context, redactors, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return isNonDataValue(expression.left, context, redactors, depth + 1) && isNonDataValue(expression.right, context, redactors, depth + 1);
    default:
      return false;
  }
}

/** Descriptive last words that still name data, not a yes/no or a number: `user.name`, `email.subject`. */
const DATA_SUFFIX_WORDS = ['name', 'source', 'field', 'fields', 'label', 'subject', 'template'];

/** `tokens.length`, `user.emailVerified`, `hasPassword`, `emailHash`: a name for a yes/no, a number or a redacted form. */
function isDescriptiveName(chain: readonly string[]): boolean {
  const words = splitWords(chain.at(-1) ?? '');
  const first = words[0];
  const last = words.at(-1);
  if (first !== undefined && words.length > 1 && DESCRIPTIVE_PREFIX_WORDS.includes(first)) return true;
  return last !== undefined && DESCRIPTIVE_SUFFIX_WORDS.includes(last) && !DATA_SUFFIX_WORDS.includes(last);
}
