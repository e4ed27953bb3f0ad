import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Type, TypeChecker } from 'typescript';
import {
  BOUNDED_INTERPOLATION_NAMES,
  ENUM_MEMBER_PATTERN,
  HIGH_CARDINALITY_LITERAL_SHAPES,
  NUMBERED_PLACEHOLDER_NAME,
  RAW_PATH_NAME,
  SMALL_LITERAL_RANGE,
  TRPC_PROCEDURE_FIELDS,
  UNBOUNDED_CALLS,
  UNBOUNDED_INTERPOLATION_NAMES,
  VALUE_POSITION_SHAPES,
} from '../catalog/span-names.js';
import { getCalleeName, getPropertyName, getStaticKey, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getTypeServices } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A span name split into its static text and the values interpolated between the pieces. */
export interface SpanNameParts {
  /** Static text pieces; always one more than `expressions`. */
  statics: string[];
  expressions: TSESTree.Node[];
}

export type SpanNameVerdict =
  | { kind: 'generic'; name: string }
  | { kind: 'highCardinality'; name: string; reason: string; node: TSESTree.Node };

export interface SpanNameJudgeOptions {
  /** Generic names, trimmed and case-folded. */
  genericNames: ReadonlySet<string>;
  /** Names accepted as they are (exact text). */
  allowNames: ReadonlySet<string>;
}

/** Stands for an interpolated value in static text: matches no shape in the catalog. */
const PLACEHOLDER = '\u0000';

/** Functions that turn a value into a string without bounding it: judged by their argument. */
const STRING_CONVERSIONS: readonly string[] = ['String', 'encodeURIComponent', 'encodeURI', 'toString', 'toLowerCase', 'toUpperCase', 'trim'];

/**
 * The parts of a span name expression: a string literal, a template literal, a `+` concatenation that
 * contains a string, or a `const` bound to one of those. Undefined for anything else (a parameter, a call).
 */
export function getSpanNameParts(node: TSESTree.Node, context: Context): SpanNameParts | undefined {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal) return typeof expression.value === 'string' ? { statics: [expression.value], expressions: [] } : undefined;
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) return getTemplateParts(expression);
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    const leaves = getConcatenationLeaves(expression);
    if (!leaves.some((leaf) => isStringNode(leaf))) return undefined;
    const parts: SpanNameParts = { statics: [''], expressions: [] };
    for (const leaf of leaves) appendParts(parts, isStringNode(leaf) ? getSpanNameParts(leaf, context)! : { statics: ['', ''], expressions: [leaf] });
    return parts;
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getConstInitializer(expression, context);
    return init && (isStringNode(init) || init.type === AST_NODE_TYPES.BinaryExpression) ? getSpanNameParts(init, context) : undefined;
  }
  return undefined;
}

/** The static name when the parts have no interpolation. */
export function getLiteralName(parts: SpanNameParts): string | undefined {
  return parts.expressions.length === 0 ? parts.statics[0] : undefined;
}

/**
 * The span name an argument gives: the argument itself, or the `name` of an options object
 * (`startSpan({ name: req.path })`, as span helpers of several SDKs take it).
 */
export function getNameExpression(node: TSESTree.Node): TSESTree.Node | undefined {
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return expression;
  const property = expression.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && getStaticKey(p) === 'name');
  return property?.value;
}

/** When the whole name is the raw request path or URL (`req.path`, `new URL(req.url).pathname`, a `const` of one): its text. */
export function getRawPathName(node: TSESTree.Node, context: Context): string | undefined {
  let expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getConstInitializer(expression, context);
    if (!init) return undefined;
    expression = skipTransparentWrappers(init);
  }
  const path = getDottedPath(expression);
  return path !== undefined && RAW_PATH_NAME.pattern.test(path) ? context.sourceCode.getText(node) : undefined;
}

export const RAW_PATH_REASON = `it is ${RAW_PATH_NAME.description}`;

/** Whether a span name is generic or high-cardinality; undefined when it is fine or cannot be judged. */
export function judgeSpanName(parts: SpanNameParts, nameNode: TSESTree.Node, context: Context, options: SpanNameJudgeOptions): SpanNameVerdict | undefined {
  const literal = getLiteralName(parts);
  if (literal !== undefined) {
    if (options.allowNames.has(literal)) return undefined;
    const folded = literal.trim().toLowerCase();
    if (options.genericNames.has(folded) || NUMBERED_PLACEHOLDER_NAME.pattern.test(folded)) return { kind: 'generic', name: literal };
  }
  const display = getDisplayName(parts, context);
  // Each static piece on its own: a value interpolated into a query or SQL statement is judged below, at the value.
  const shape = HIGH_CARDINALITY_LITERAL_SHAPES.find((candidate) => parts.statics.some((piece) => candidate.pattern.test(piece)));
  if (shape) return { kind: 'highCardinality', name: display, reason: `it contains ${shape.description}`, node: nameNode };
  const types = getTypeServices(context);
  for (const [index, expression] of parts.expressions.entries()) {
    const prefix = parts.statics.slice(0, index + 1).join(PLACEHOLDER);
    const reason = getUnboundedReason(expression, prefix, context, types);
    if (reason) return { kind: 'highCardinality', name: display, reason, node: expression };
  }
  return undefined;
}

/** Why an interpolated value makes the name unbounded, or undefined when it is bounded or cannot be judged. */
function getUnboundedReason(node: TSESTree.Node, prefix: string, context: Context, types: ParserServicesWithTypeInformation | undefined): string | undefined {
  const expression = skipTransparentWrappers(node);
  const typeVerdict = types ? getTypeVerdict(expression, types) : undefined;
  if (typeVerdict === 'bounded') return undefined;
  const nameVerdict = getValueVerdict(expression, context);
  if (nameVerdict.kind === 'bounded') return undefined;
  const position = VALUE_POSITION_SHAPES.find((shape) => shape.pattern.test(prefix));
  if (position) return `it interpolates ${describe(expression, context)} as ${position.description}`;
  if (typeVerdict === 'number') return `it interpolates ${describe(expression, context)}, a number`;
  if (nameVerdict.kind === 'unbounded') return `it interpolates ${describe(expression, context)}, which looks like ${nameVerdict.description}`;
  return undefined;
}

type ValueVerdict = { kind: 'bounded' } | { kind: 'unbounded'; description: string } | { kind: 'unknown' };

/** Judges an interpolated value by its syntax and name. */
function getValueVerdict(node: TSESTree.Node, context: Context): ValueVerdict {
  const expression = skipTransparentWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return { kind: 'bounded' };
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 0 ? { kind: 'bounded' } : combine(expression.expressions.map((inner) => getValueVerdict(inner, context)));
    case AST_NODE_TYPES.ConditionalExpression:
      return combine([getValueVerdict(expression.consequent, context), getValueVerdict(expression.alternate, context)]);
    case AST_NODE_TYPES.LogicalExpression:
      return combine([getValueVerdict(expression.left, context), getValueVerdict(expression.right, context)]);
    case AST_NODE_TYPES.NewExpression: {
      const path = getDottedPath(expression);
      return path !== undefined && UNBOUNDED_CALLS.pattern.test(path) ? { kind: 'unbounded', description: UNBOUNDED_CALLS.description } : { kind: 'unknown' };
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTransparentWrappers(expression.callee);
      const name = getCalleeName(callee);
      // `getDate().toISOString()`: the object has no path, the method still decides.
      const path = getDottedPath(callee) ?? (callee.type === AST_NODE_TYPES.MemberExpression && name !== undefined ? `….${name}` : undefined);
      if (path !== undefined && UNBOUNDED_CALLS.pattern.test(path)) return { kind: 'unbounded', description: UNBOUNDED_CALLS.description };
      if (name !== undefined && STRING_CONVERSIONS.includes(name)) {
        const subject = callee.type === AST_NODE_TYPES.MemberExpression && name !== 'String' ? callee.object : expression.arguments[0];
        return subject ? getValueVerdict(subject, context) : { kind: 'unknown' };
      }
      return name === undefined ? { kind: 'unknown' } : getNameVerdict(name);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const path = getDottedPath(expression);
      if (path !== undefined && (ENUM_MEMBER_PATTERN.pattern.test(path) || hasRouteSegment(path))) return { kind: 'bounded' };
      if (isTrpcOptionsField(expression, context)) return { kind: 'bounded' };
      const name = getPropertyName(expression);
      return name === undefined ? { kind: 'unknown' } : getNameVerdict(name);
    }
    case AST_NODE_TYPES.Identifier: {
      if (isTrpcField(expression, context) || isSmallRangeCounter(expression, context)) return { kind: 'bounded' };
      const verdict = getNameVerdict(expression.name);
      if (verdict.kind !== 'unknown') return verdict;
      // const path = req.path; `GET ${path}`: judged by what it holds.
      const init = getConstInitializer(expression, context);
      return init ? getValueVerdict(init, context) : verdict;
    }
    default:
      return { kind: 'unknown' };
  }
}

function getNameVerdict(name: string): ValueVerdict {
  if (BOUNDED_INTERPOLATION_NAMES.some((entry) => entry.pattern.test(name))) return { kind: 'bounded' };
  const unbounded = UNBOUNDED_INTERPOLATION_NAMES.find((entry) => entry.pattern.test(name));
  return unbounded ? { kind: 'unbounded', description: unbounded.description } : { kind: 'unknown' };
}

/** Unbounded wins, then unknown; bounded only when every branch is. */
function combine(verdicts: ValueVerdict[]): ValueVerdict {
  return verdicts.find((verdict) => verdict.kind === 'unbounded') ?? verdicts.find((verdict) => verdict.kind === 'unknown') ?? { kind: 'bounded' };
}

/** `req.route.path`, `route.name`: any member of a route is its template, not the concrete path. */
function hasRouteSegment(path: string): boolean {
  const route = BOUNDED_INTERPOLATION_NAMES.find((entry) => entry.id === 'route');
  return route !== undefined && path.split('.').slice(0, -1).some((segment) => route.pattern.test(segment));
}

/** `a.b.c` for a chain of identifiers and static members; `new Date` / `new URL` for `new Date(…)` / `new URL(…)` at its root. */
function getDottedPath(node: TSESTree.Node): string | undefined {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (expression.type === AST_NODE_TYPES.NewExpression) {
    const name = getCalleeName(expression.callee);
    return name === 'Date' || name === 'URL' ? `new ${name}` : undefined;
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const object = getDottedPath(expression.object);
    const property = getPropertyName(expression);
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/**
 * With type information: a union of literals, an enum, a boolean or a single literal is bounded whatever
 * its name; a `number` (not a literal) is not. `any`, `unknown` and `string` say nothing.
 */
function getTypeVerdict(node: TSESTree.Node, services: ParserServicesWithTypeInformation): 'bounded' | 'number' | undefined {
  const checker = services.program.getTypeChecker();
  if (typeof checker.isTypeAssignableTo !== 'function') return undefined;
  const type = services.getTypeAtLocation(node);
  // `any`, `unknown`, `string` and unions with `string` accept any string: they say nothing.
  if (checker.isTypeAssignableTo(checker.getStringType(), type)) return undefined;
  const members = type.isUnion() ? type.types : [type];
  if (members.every((member) => isBoundedMember(member, checker))) return 'bounded';
  if (checker.isTypeAssignableTo(type, checker.getNumberType())) return 'number';
  return undefined;
}

function isBoundedMember(type: Type, checker: TypeChecker): boolean {
  return (
    type.isLiteral() ||
    checker.isTypeAssignableTo(type, checker.getBooleanType()) ||
    checker.isTypeAssignableTo(type, checker.getUndefinedType()) ||
    checker.isTypeAssignableTo(type, checker.getNullType())
  );
}

function describe(node: TSESTree.Node, context: Context): string {
  const text = context.sourceCode.getText(node).replace(/\s+/g, ' ');
  return `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``;
}

/** The name as it reads in code, for messages: `GET /users/${id}`. */
function getDisplayName(parts: SpanNameParts, context: Context): string {
  const text = parts.statics.map((piece, index) => {
    const expression = parts.expressions[index];
    return expression ? `${piece}\${${context.sourceCode.getText(expression)}}` : piece;
  }).join('');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function getTemplateParts(template: TSESTree.TemplateLiteral): SpanNameParts {
  return { statics: template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw), expressions: [...template.expressions] };
}

function isStringNode(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  return (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') || expression.type === AST_NODE_TYPES.TemplateLiteral;
}

function getConcatenationLeaves(node: TSESTree.Node): TSESTree.Node[] {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    return [...getConcatenationLeaves(expression.left), ...getConcatenationLeaves(expression.right)];
  }
  return [expression];
}

function appendParts(target: SpanNameParts, next: SpanNameParts): void {
  const [first = '', ...rest] = next.statics;
  target.statics[target.statics.length - 1] += first;
  target.statics.push(...rest);
  target.expressions.push(...next.expressions);
}

/** The initializer of a `const` the identifier refers to, when it has exactly one definition. */
function getConstInitializer(identifier: TSESTree.Identifier, context: Context): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.parent?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  if (definition.parent.kind !== 'const' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return definition.node.init ?? undefined;
}

/** `path` / `type` destructured from tRPC middleware options (`({ path, type, next }) => …`). */
function isTrpcField(identifier: TSESTree.Identifier, context: Context): boolean {
  if (!(TRPC_PROCEDURE_FIELDS.fields as readonly string[]).includes(identifier.name)) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  let pattern: TSESTree.Node | undefined = definition.name.parent;
  while (pattern && pattern.type !== AST_NODE_TYPES.ObjectPattern) pattern = pattern.parent;
  if (!pattern) return false;
  return pattern.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && (TRPC_PROCEDURE_FIELDS.siblings as readonly string[]).includes(getStaticKey(property) ?? ''),
  );
}

/** `opts.path` / `opts.type` where the parameter `opts` is also used for `opts.next(…)`: tRPC middleware options. */
function isTrpcOptionsField(member: TSESTree.MemberExpression, context: Context): boolean {
  const name = getPropertyName(member);
  const object = skipTransparentWrappers(member.object);
  if (name === undefined || !(TRPC_PROCEDURE_FIELDS.fields as readonly string[]).includes(name) || object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(object), object.name);
  if (variable?.defs[0]?.type !== 'Parameter') return false;
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && getPropertyName(parent) === 'next';
  });
}

/**
 * A loop counter over a small literal range: `for (let i = 0; i < 3; i++)`, `for (const n of [1, 2, 3])`,
 * `[a, b].forEach((x, index) => …)`. Its values are as few as the range.
 */
function isSmallRangeCounter(identifier: TSESTree.Identifier, context: Context): boolean {
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (!definition) return false;
  if (definition.type === 'Variable') {
    const declaration = definition.node.parent;
    const loop = declaration?.parent;
    if (loop?.type === AST_NODE_TYPES.ForStatement && loop.init === declaration) return isSmallBound(loop.test, identifier.name);
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) return isSmallArray(loop.right);
    return false;
  }
  if (definition.type === 'Parameter' && isFunctionNode(definition.node)) {
    const call = definition.node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== definition.node) return false;
    const callee = skipTransparentWrappers(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && isSmallArray(callee.object);
  }
  return false;
}

function isSmallBound(test: TSESTree.Expression | null, name: string): boolean {
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || !['<', '<='].includes(test.operator)) return false;
  if (test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== name) return false;
  return test.right.type === AST_NODE_TYPES.Literal && typeof test.right.value === 'number' && test.right.value <= SMALL_LITERAL_RANGE;
}

function isSmallArray(node: TSESTree.Node): boolean {
  const expression = skipTransparentWrappers(node);
  return expression.type === AST_NODE_TYPES.ArrayExpression && expression.elements.length <= SMALL_LITERAL_RANGE;
}
