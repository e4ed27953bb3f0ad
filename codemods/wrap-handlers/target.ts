import { Node, SyntaxKind, ts, type ForOfStatement, type SourceFile } from 'ts-morph';
import type { CarrierPath } from '../../src/catalog/messaging/index.js';
import type { TextEdit } from '../../src/transform/text-edits.js';
import type { TransformNote } from '../../src/transform/types.js';
import type { InlineCarrierReader } from '../inject-propagation/helper-functions.js';
import type { TriggerSpan } from './lambda-triggers.js';
import { getDescendantsOfKinds } from '../../src/transform/descendants-of-kinds.js';
import { getJumpOutOfBlock, type WrappableFunction } from '../../src/transform/wrap-body.js';

/** A value written into the generated code: a constant, or an expression already in scope in the handler. */
export type WrappedValue = { literal: string } | { expression: string };

/** How a message's carrier is read: with the API's default getter, or with one for its encoding. */
export type CarrierGetter = 'default' | 'buffer-map' | 'nats-headers' | 'lambda-sqs' | 'lambda-sns' | 'sqs-message';

/** A carrier decoded out of the message (see INLINE_CARRIER_READERS): the reader, and the expression it decodes. */
export interface CarrierDecoding {
  reader: InlineCarrierReader;
  argument: string;
}

/** HTTP routes: what the handler sees of the request and the response, beyond the headers it extracts from. */
export interface HttpFacts {
  /** Express: the response parameter; the span records its status code once the handler has answered. */
  response?: string;
  /** Express: the `next` parameter; an error handed to `next(err)` is recorded on the span there. */
  next?: string;
  /**
   * Koa (`ctx.status`) and Fastify (`reply.statusCode`): where the answer's status code is once the handler has
   * returned without throwing; an async handler's span records it, and a 5xx is an error.
   */
  answeredStatus?: string;
  /**
   * Hono and Next.js: the handler's result is the fetch `Response`, whose `status` is the answer's; the framework awaits
   * it, so the span's callback is async even around a sync handler.
   */
  resultIsResponse?: boolean;
  /** Where the project's errors carry an HTTP status (see error-statuses.ts); a thrown 4xx is not the server's error. */
  errorStatusFields?: readonly string[];
  /** Nest: the request headers are not a parameter yet, so a `@Headers()` parameter of this name is added. */
  headersParameter?: string;
}

/** One handler to run inside a span, and what the span looks like. */
export interface WrapTarget {
  /** The handler; for a loop target, the function the loop is in (none for a loop at a module's top level). */
  fn: WrappableFunction | undefined;
  /** A loop over received messages whose body gets a span per iteration, instead of the function's body. */
  loop?: ForOfStatement;
  /** Span name: a constant, or a constant prefix and an expression (`process ${topic}`). */
  name: { literal: string } | { prefix: string; expression: string };
  /** `http` becomes SERVER or INTERNAL depending on the project's HTTP auto-instrumentation. */
  kind: 'http' | 'SERVER' | 'CONSUMER';
  attributes: ReadonlyArray<{ key: string; value: WrappedValue }>;
  /** Consumers: the span's parent is extracted from this carrier expression. */
  extraction?: { carrier: string; getter: CarrierGetter; decoding?: CarrierDecoding };
  /** HTTP routes (see HttpFacts). */
  http?: HttpFacts;
  /** A Lambda invoked over HTTP: its result is the response, whose status code the span records. */
  returnsHttpResponse?: boolean;
  /**
   * Edits outside the handler that its span needs: the consumer's registration asking the broker for the carrier
   * (sqs-consumer's `messageAttributeNames`). Made only when the handler is wrapped.
   */
  registrationEdits?: readonly TextEdit[];
  /** Batches: the span links to the context extracted from each `record` of `records` (carrier written in terms of `record`). */
  links?: { records: string; carrier: string; getter: CarrierGetter; decoding?: CarrierDecoding };
  /**
   * A Lambda handler that serves several triggers: its span's options and parent are chosen at run time from these
   * (see lambda-triggers.ts), given the handler's `event` parameter.
   */
  triggers?: { event: string; spans: readonly TriggerSpan[] };
}

export interface Collected {
  targets: WrapTarget[];
  notes: TransformNote[];
  /**
   * Handlers passed by reference that are wrapped where they are registered: the reference is replaced by `text`, an
   * inline function that calls it, which is then wrapped like any inline handler. Routes from another module in
   * frameworks that await every handler (`router.get('/x', ctrl.get)` → `async (ctx, next) => ctrl.get(ctx, next)`),
   * and consumer handlers whose body other callers run too (see consumers.ts).
   */
  references?: Array<{ node: Node; text: string }>;
}

export function skippedNote(node: Node, message: string): TransformNote {
  return { line: node.getStartLineNumber(), kind: 'skipped', message };
}

/** The value of a string literal or of a template literal without substitutions. */
export function getStringValue(node: Node | undefined): string | undefined {
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return node.getLiteralValue();
  return undefined;
}

/** The name a call's receiver goes by: `app` in `app.get`, `router` in `this.router.get` or `api.router.get`. */
export function getReceiverName(receiver: Node): string | undefined {
  if (Node.isIdentifier(receiver)) return receiver.getText();
  if (Node.isPropertyAccessExpression(receiver)) return receiver.getName();
  return undefined;
}

/** Whether the file imports or requires one of the modules (or a subpath of one). */
export function importsAnyModule(sourceFile: SourceFile, modules: readonly string[]): boolean {
  const matches = (specifier: string): boolean => modules.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  return getImportedSpecifiers(sourceFile).some(matches);
}

// Keyed by the compiler's tree, which an edit replaces: the catalog asks once per module entry, the file is walked once.
const importedSpecifiers = new WeakMap<object, string[]>();

function isRequireCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require';
}

/** The module specifiers of the file's imports, then of its `require(…)` calls, in source order. */
function getImportedSpecifiers(sourceFile: SourceFile): string[] {
  const cached = importedSpecifiers.get(sourceFile.compilerNode);
  if (cached) return cached;
  const specifiers = sourceFile.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierValue());
  for (const call of getDescendantsOfKinds(sourceFile, [SyntaxKind.CallExpression], isRequireCall)) {
    if (Node.isCallExpression(call)) specifiers.push(getStringValue(call.getArguments()[0]) ?? '');
  }
  importedSpecifiers.set(sourceFile.compilerNode, specifiers);
  return specifiers;
}

/** The function a handler position holds: an inline function, or a method/property of that name in an object literal. */
export function getInlineFunction(node: Node | undefined): WrappableFunction | undefined {
  if (!node) return undefined;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return node;
  if (Node.isParenthesizedExpression(node)) return getInlineFunction(node.getExpression());
  return undefined;
}

/**
 * A handler passed by name (`handler: onGetArticles`) that is a function of the same file: a function declaration, or
 * a `const` holding a function. It is wrapped where it is defined; only functions no other route or code path shares
 * are safe, so a function referenced more than once is left alone.
 */
export function getFunctionByReference(node: Node | undefined): WrappableFunction | undefined {
  const value = Node.isPropertyAssignment(node) ? node.getInitializer() : Node.isShorthandPropertyAssignment(node) ? node.getNameNode() : node;
  if (!value || !Node.isIdentifier(value)) return undefined;
  const name = value.getText();
  const sourceFile = value.getSourceFile();
  const uses = sourceFile.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => identifier.getText() === name);
  const declarations = uses.filter((identifier) => {
    const parent = identifier.getParent();
    return (Node.isFunctionDeclaration(parent) || Node.isVariableDeclaration(parent)) && parent.getNameNode() === identifier;
  });
  if (declarations.length !== 1 || uses.length !== 2) return undefined;
  const declaration = declarations[0]!.getParent()!;
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  return Node.isVariableDeclaration(declaration) ? getInlineFunction(declaration.getInitializer()) : undefined;
}

/** The function under `key` in an object literal: `{ key: (…) => … }` or `{ key(…) { … } }`. */
export function getObjectFunction(object: Node | undefined, key: string): { fn?: WrappableFunction; property?: Node } {
  if (!object || !Node.isObjectLiteralExpression(object)) return {};
  const property = object.getProperty(key);
  if (!property) return {};
  if (Node.isMethodDeclaration(property)) return { fn: property, property };
  if (Node.isPropertyAssignment(property)) return { fn: getInlineFunction(property.getInitializer()), property };
  return { property };
}

/** `base.a.b`, or with `?.` between steps; keys that are not identifiers are written as `['detail-type']`. */
export function getAccessPath(base: string, path: CarrierPath, optional: boolean, quote: string): string {
  return path.reduce((expression, key) => {
    if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${expression}${optional ? '?.' : '.'}${key}`;
    return `${expression}${optional ? '?.' : ''}[${quote}${key}${quote}]`;
  }, base);
}

/** An expression for `path` below a function's parameter, using the binding names when the parameter is destructured. */
export function getParameterPath(fn: WrappableFunction, index: number, path: CarrierPath, quote: string): string | undefined {
  // A `this` parameter is a type annotation, not an argument.
  const parameters = fn.getParameters().filter((candidate) => candidate.getName() !== 'this');
  // `function (...args)`: argument `index` is an element of the rest parameter.
  const rest = parameters.findIndex((candidate) => candidate.isRestParameter());
  if (rest >= 0 && rest <= index) {
    const restName = parameters[rest]!.getNameNode();
    return Node.isIdentifier(restName) ? getAccessPath(`${restName.getText()}[${index - rest}]`, path, false, quote) : undefined;
  }
  const parameter = parameters[index];
  if (!parameter) return undefined;
  const nameNode = parameter.getNameNode();
  if (Node.isIdentifier(nameNode)) return getAccessPath(nameNode.getText(), path, false, quote);
  if (!Node.isObjectBindingPattern(nameNode) || path.length === 0) return undefined;
  const element = nameNode.getElements().find((candidate) => (candidate.getPropertyNameNode()?.getText() ?? candidate.getName()) === path[0]);
  if (!element || element.getDotDotDotToken() || !Node.isIdentifier(element.getNameNode())) return undefined;
  return getAccessPath(element.getName(), path.slice(1), false, quote);
}

/**
 * The carrier expression: `msg?.properties?.headers`, with `?? {}` where the default getter reads it; an envelope is
 * read under its key, with a cast in TypeScript (job data and event details are the user's own types).
 */
export function getCarrierExpression(message: string, path: CarrierPath, getter: CarrierGetter, envelopeKey: string | undefined, isTypeScript: boolean, quote: string): string {
  const container = getAccessPath(message, path, true, quote);
  if (!envelopeKey) return getter === 'default' ? `${container} ?? {}` : container;
  if (!isTypeScript) return `${container}?.${envelopeKey} ?? {}`;
  return `(${container} as { ${envelopeKey}?: Record<string, string> } | undefined)?.${envelopeKey} ?? {}`;
}

/**
 * The message variable of `for (const message of …) { … }` when the body can become a span callback, or why not:
 * the variable is destructured, the body is not a block, or it leaves the loop (`return`, `break`, `continue`).
 */
export function getLoopMessage(loop: ForOfStatement): { message: string } | { refusal: string } {
  const initializer = loop.getInitializer();
  const declaration = Node.isVariableDeclarationList(initializer) ? initializer.getDeclarations()[0] : undefined;
  if (!declaration || !Node.isIdentifier(declaration.getNameNode())) return { refusal: 'the message is destructured' };
  const body = loop.getStatement();
  if (!Node.isBlock(body)) return { refusal: 'the loop body is not a block' };
  const jump = getJumpOutOfBlock(body);
  if (jump) return { refusal: `the loop body leaves the loop with \`${jump.getText().split(/\s/)[0]}\`` };
  return { message: declaration.getName() };
}
