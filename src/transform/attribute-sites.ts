import { Node, SyntaxKind, VariableDeclarationKind, type Identifier, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { matchAttributeSinkCall, type AttributeReceiverKind } from '../catalog/attribute-sinks.js';
import { isLoggerNode, isMetricInstrumentNode } from './attribute-receivers.js';
import { skipTransparentWrappers } from './expression-names.js';
import { isSpanNode } from './span-receivers.js';
import { isTracerNode } from './tracer-receivers.js';

/**
 * Where the file's attribute sinks (the catalog's ATTRIBUTE_SINK_CALLS) take their attributes, read from the TypeScript
 * tree as src/lint/attribute-sinks.ts reads ESTree: the key of a (key, value) pair, the attributes object, and the
 * options object of a span start that holds them. Spans, tracers, metric instruments and loggers are told as the lint
 * rule tells them. A name in one of these places is followed to the variable of the file that holds its value.
 */

/** What a sink call takes attributes from: a (key, value) pair's key, an attributes object, or span start options holding one. */
interface SinkArgument {
  kind: 'key' | 'object' | 'options';
  node: Node;
  /** For options: the property holding the attributes. */
  property?: string;
}

/** A variable of the file holding an attributes object or a key, and what else the file does with it. */
export interface HeldValue {
  name: string;
  /** Its initializer, without `as const` and other wrappers. */
  value: Node;
  /** Why its value cannot be changed for the sinks alone; undefined when it can. */
  readonly refusal: string | undefined;
}

/** An object literal whose keys become attribute keys, and the variable that keeps them from being renamed, if any. */
export interface AttributesObject {
  object: ObjectLiteralExpression;
  refusedBy: HeldValue | undefined;
}

export interface AttributeSources {
  objects: AttributesObject[];
  /** Key expressions: pair keys of sink calls and computed keys of the objects no variable refuses. */
  keys: Node[];
}

/** How many variables and spreads are followed from one sink argument (as on the lint side). */
const MAX_DEPTH = 6;

/**
 * The attribute objects and keys of the file's sinks. An object is read in place, through a variable of the file, in
 * a span start's options (themselves in place or in a variable) and through spreads in another attributes object,
 * as the rule reads them. A variable refuses a rename when it is not a `const`, is exported, or is used anywhere but
 * in one of these places; an object reached through a refusing variable is refused too.
 */
export function getAttributeSources(sourceFile: SourceFile, fromFile: string | undefined): AttributeSources {
  const starts = getSinkArguments(sourceFile, fromFile);
  // First the places a variable may be used as attributes, then each variable's refusal against all of them.
  const uses: Node[] = [];
  walkAttributeObjects(starts, uses, undefined);
  for (const start of starts) if (start.kind !== 'options') uses.push(skipTransparentWrappers(start.node));
  const objects: AttributesObject[] = [];
  walkAttributeObjects(starts, [...uses], (object, refusedBy) => {
    const known = objects.find((candidate) => candidate.object === object);
    if (!known) objects.push({ object, refusedBy });
    else known.refusedBy ??= refusedBy;
  });
  const keys = starts.filter((start) => start.kind === 'key').map((start) => skipTransparentWrappers(start.node));
  for (const { object, refusedBy } of objects) if (!refusedBy) keys.push(...getComputedKeys(object));
  return { objects, keys };
}

/** Visits every attributes object the sinks reach, pushing each place a variable is used as attributes onto `uses`; without `onObject`, only that. */
function walkAttributeObjects(starts: readonly SinkArgument[], uses: Node[], onObject: ((object: ObjectLiteralExpression, refusedBy: HeldValue | undefined) => void) | undefined): void {
  const reach = (node: Node, inherited: HeldValue | undefined): { object: ObjectLiteralExpression; refusedBy: HeldValue | undefined } | undefined => {
    const expression = skipTransparentWrappers(node);
    uses.push(expression);
    if (Node.isObjectLiteralExpression(expression)) return { object: expression, refusedBy: inherited };
    const held = getHeldValue(expression, uses);
    if (!held || !Node.isObjectLiteralExpression(held.value)) return undefined;
    return { object: held.value, refusedBy: inherited ?? (onObject && held.refusal !== undefined ? held : undefined) };
  };
  const visit = (node: Node, inherited: HeldValue | undefined, depth: number) => {
    const reached = depth <= MAX_DEPTH ? reach(node, inherited) : undefined;
    if (!reached) return;
    onObject?.(reached.object, reached.refusedBy);
    for (const property of reached.object.getProperties()) {
      if (Node.isSpreadAssignment(property)) visit(property.getExpression(), reached.refusedBy, depth + 1);
    }
  };
  for (const start of starts) {
    if (start.kind === 'object') visit(start.node, undefined, 0);
    if (start.kind !== 'options') continue;
    const options = reach(start.node, undefined);
    const attributes = options && getObjectPropertyValue(options.object, start.property!);
    if (attributes) visit(attributes, options.refusedBy, 1);
  }
}

function getComputedKeys(object: ObjectLiteralExpression): Node[] {
  return object.getProperties().flatMap((property) => {
    const name = Node.isPropertyAssignment(property) ? property.getNameNode() : undefined;
    return name && Node.isComputedPropertyName(name) ? [skipTransparentWrappers(name.getExpression())] : [];
  });
}

/** Every argument a sink of the file takes attributes from; `fromFile` is the file's path on disk (tracers in relative imports). */
function getSinkArguments(sourceFile: SourceFile, fromFile: string | undefined): SinkArgument[] {
  const found: SinkArgument[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const receiver = callee.getExpression();
    const sink = matchAttributeSinkCall({ method: callee.getName(), isReceiver: (kind) => isReceiverOfKind(receiver, kind, fromFile) });
    const argument = sink && call.getArguments()[sink.argumentIndex];
    if (!sink || !argument) continue;
    if (sink.shape === 'pair') found.push({ kind: 'key', node: argument });
    else if (sink.property === undefined) found.push({ kind: 'object', node: argument });
    else found.push({ kind: 'options', node: argument, property: sink.property });
  }
  return found;
}

function isReceiverOfKind(receiver: Node, kind: AttributeReceiverKind, fromFile: string | undefined): boolean {
  switch (kind) {
    case 'span':
      return isSpanNode(receiver, fromFile);
    case 'metric-instrument':
      return isMetricInstrumentNode(receiver);
    case 'logger':
      return isLoggerNode(receiver);
    case 'tracer':
      return isTracerNode(receiver, fromFile);
  }
}

/** The value of a key of an object literal, the last one winning as at run time (`{ attributes }` shorthand included). */
function getObjectPropertyValue(object: ObjectLiteralExpression, name: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.getProperties()) {
    if (Node.isPropertyAssignment(property) && getPropertyKey(property) === name) found = property.getInitializer();
    else if (Node.isShorthandPropertyAssignment(property) && property.getName() === name) found = property.getNameNode();
  }
  return found;
}

function getPropertyKey(property: Node): string | undefined {
  if (!Node.isPropertyAssignment(property)) return undefined;
  const name = property.getNameNode();
  if (Node.isIdentifier(name)) return name.getText();
  return Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) ? name.getLiteralValue() : undefined;
}

/**
 * The variable of the file a name (or a `{ name }` shorthand) refers to, with its initializer, when it has exactly
 * one declaration with one. `uses` are the places where using the variable is using it as attributes: any other
 * reference, an export, or a declaration other than `const` is a refusal.
 */
export function getHeldValue(node: Node, uses: readonly Node[]): HeldValue | undefined {
  const expression = skipTransparentWrappers(node);
  if (!Node.isIdentifier(expression)) return undefined;
  const shorthand = expression.getParent();
  const symbol = Node.isShorthandPropertyAssignment(shorthand) && shorthand.getNameNode() === expression ? shorthand.getValueSymbol() : expression.getSymbol();
  const declarations = symbol?.getDeclarations() ?? [];
  const declaration = declarations.length === 1 ? declarations[0] : undefined;
  if (!Node.isVariableDeclaration(declaration) || !Node.isIdentifier(declaration.getNameNode())) return undefined;
  const init = declaration.getInitializer();
  if (!init) return undefined;
  const name = declaration.getName();
  const statement = declaration.getVariableStatement();
  let refusal: string | undefined | null = null;
  // Read only when asked: finding every reference walks the whole file.
  const getRefusal = (): string | undefined => {
    if (statement?.getDeclarationKind() !== VariableDeclarationKind.Const) return `${name} is not a const`;
    if (statement.hasExportKeyword() || isExportedByName(declaration.getSourceFile(), name)) return `${name} is exported`;
    const references = getReferences(declaration.getNameNode() as Identifier, symbol!);
    return references.some((reference) => !uses.includes(reference)) ? `${name} is also used other than as attributes` : undefined;
  };
  return {
    name,
    value: skipTransparentWrappers(init),
    get refusal() {
      if (refusal === null) refusal = getRefusal();
      return refusal;
    },
  };
}

function isExportedByName(sourceFile: SourceFile, name: string): boolean {
  return sourceFile.getExportDeclarations().some((declaration) => !declaration.getModuleSpecifier() && declaration.getNamedExports().some((specifier) => specifier.getName() === name));
}

/** The identifiers of the file that refer to a variable, `{ name }` shorthands included, other than its declaration. */
function getReferences(binding: Identifier, symbol: NonNullable<ReturnType<Identifier['getSymbol']>>): Identifier[] {
  const name = binding.getText();
  return binding
    .getSourceFile()
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((identifier) => {
      if (identifier === binding || identifier.getText() !== name) return false;
      const parent = identifier.getParent();
      if (Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === identifier) return parent.getValueSymbol() === symbol;
      if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
      if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) return false;
      return identifier.getSymbol() === symbol;
    });
}
