import { Node, SyntaxKind, type Identifier, type ImportDeclaration, type SourceFile } from 'ts-morph';
import { matchAttributeSinkCall, type AttributeReceiverKind } from '../catalog/attribute-sinks.js';
import { isLoggerNode, isMetricInstrumentNode } from './attribute-receivers.js';
import { SEMCONV_CONSTANT_MAPS, SEMCONV_MODULE, SEMCONV_MODULES } from '../catalog/semconv.js';
import { DEPRECATED_SEMCONV_CONSTANTS, DEPRECATED_SEMCONV_KEYS, type DeprecatedSemconvConstant } from '../catalog/semconv-deprecations.js';
import { isSpanNode } from './span-receivers.js';
import { isTracerNode } from './tracer-receivers.js';

/** A use of a deprecated constant: the expression to replace and how the file reaches the package. */
export interface ConstantUse {
  node: Node;
  name: string;
  entry: DeprecatedSemconvConstant;
  /** Local name of the namespace import for `ns.X` uses. */
  namespace: string | undefined;
}

export interface SkippedSite {
  node: Node;
  message: string;
}

function getTableEntry(name: string): DeprecatedSemconvConstant | undefined {
  return Object.hasOwn(DEPRECATED_SEMCONV_CONSTANTS, name) ? DEPRECATED_SEMCONV_CONSTANTS[name] : undefined;
}

/** ES imports of either semantic-conventions entry point (type-only ones hold no values to rename). */
export function getSemconvImports(sourceFile: SourceFile): ImportDeclaration[] {
  return sourceFile.getImportDeclarations().filter((d) => SEMCONV_MODULES.includes(d.getModuleSpecifierValue()) && !d.isTypeOnly());
}

/** Identifiers in the file that refer to the binding `binding` declares (same symbol), other than the binding itself. */
function getReferences(sourceFile: SourceFile, binding: Identifier): Identifier[] {
  const symbol = binding.getSymbol();
  const name = binding.getText();
  if (!symbol) return [];
  return sourceFile
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((identifier) => identifier !== binding && identifier.getText() === name && !isPropertyNamePosition(identifier) && identifier.getSymbol() === symbol);
}

function isPropertyNamePosition(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  return (
    (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) ||
    (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) ||
    Node.isImportSpecifier(parent)
  );
}

/** Every use of a deprecated constant reached through an ES import of the package. */
export function getConstantUses(sourceFile: SourceFile): ConstantUse[] {
  const uses: ConstantUse[] = [];
  for (const declaration of getSemconvImports(sourceFile)) {
    const namespace = declaration.getNamespaceImport();
    if (namespace) {
      for (const reference of getReferences(sourceFile, namespace)) {
        const access = reference.getParent();
        if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== reference) continue;
        const member = access.getName();
        const outer = access.getParent();
        if (SEMCONV_CONSTANT_MAPS.includes(member)) {
          if (!Node.isPropertyAccessExpression(outer) || outer.getExpression() !== access) continue;
          const entry = getTableEntry(`${member}.${outer.getName()}`);
          if (entry) uses.push({ node: outer, name: `${member}.${outer.getName()}`, entry, namespace: reference.getText() });
        } else {
          const entry = getTableEntry(member);
          if (entry) uses.push({ node: access, name: member, entry, namespace: reference.getText() });
        }
      }
    }
    for (const specifier of declaration.getNamedImports()) {
      if (specifier.isTypeOnly()) continue;
      const imported = specifier.getName();
      const binding = specifier.getAliasNode() ?? specifier.getNameNode();
      if (!Node.isIdentifier(binding)) continue;
      for (const reference of getReferences(sourceFile, binding)) {
        if (Node.isExportSpecifier(reference.getParent())) continue;
        if (SEMCONV_CONSTANT_MAPS.includes(imported)) {
          const access = reference.getParent();
          if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== reference) continue;
          const entry = getTableEntry(`${imported}.${access.getName()}`);
          if (entry) uses.push({ node: access, name: `${imported}.${access.getName()}`, entry, namespace: undefined });
        } else {
          const entry = getTableEntry(imported);
          if (entry) uses.push({ node: reference, name: imported, entry, namespace: undefined });
        }
      }
    }
  }
  return uses;
}

/**
 * String keys in attribute sinks (the catalog's ATTRIBUTE_SINK_CALLS) that the package marks deprecated. Spans,
 * tracers, metric instruments and loggers are told as the lint rule tells them (src/transform/span-receivers.ts,
 * src/transform/tracer-receivers.ts, src/transform/attribute-receivers.ts). `fromFile` is the file's path on disk,
 * for following a tracer into a relative import.
 */
export function getDeprecatedKeyLiterals(sourceFile: SourceFile, fromFile?: string): Node[] {
  const literals: Node[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const receiver = callee.getExpression();
    const sink = matchAttributeSinkCall({ method: callee.getName(), isReceiver: (kind) => isReceiverOfKind(receiver, kind, fromFile) });
    if (sink) {
      let argument: Node | undefined = call.getArguments()[sink.argumentIndex];
      if (argument && sink.property) argument = getObjectProperty(argument, sink.property);
      if (!argument) continue;
      if (sink.shape === 'pair') {
        if (isDeprecatedKeyLiteral(argument)) literals.push(argument);
      } else if (Node.isObjectLiteralExpression(argument)) {
        for (const property of argument.getProperties()) {
          if (!Node.isPropertyAssignment(property)) continue;
          const name = property.getNameNode();
          const key = Node.isComputedPropertyName(name) ? name.getExpression() : name;
          if (isDeprecatedKeyLiteral(key)) literals.push(key);
        }
      }
    }
  }
  return literals;
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

function getObjectProperty(node: Node, name: string): Node | undefined {
  if (!Node.isObjectLiteralExpression(node)) return undefined;
  const property = node.getProperty(name);
  return property && Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}

export function getStringValue(node: Node): string | undefined {
  return Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralValue() : undefined;
}

function isDeprecatedKeyLiteral(node: Node): boolean {
  const value = getStringValue(node);
  return value !== undefined && Object.hasOwn(DEPRECATED_SEMCONV_KEYS, value);
}

/** The literal written with the same quotes, holding `value`. */
export function requote(node: Node, value: string): string {
  const quote = node.getText()[0] ?? "'";
  return `${quote}${value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
}

/** Keys of the object literal a key literal is a property name of (for clash checks). */
export function getSiblingKeys(literal: Node): string[] | undefined {
  let property = literal.getParent();
  if (Node.isComputedPropertyName(property)) property = property.getParent();
  if (!Node.isPropertyAssignment(property)) return undefined;
  const object = property.getParent();
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  return object.getProperties().flatMap((p) => {
    if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p)) return [];
    const name = p.getNameNode();
    const key = Node.isComputedPropertyName(name) ? getStringValue(name.getExpression()) : (getStringValue(name) ?? name.getText());
    return key === undefined ? [] : [key];
  });
}

/** The local name under which the stable entry point's `name` is already imported, if it is. */
export function getImportedStableName(sourceFile: SourceFile, name: string): string | undefined {
  for (const declaration of getSemconvImports(sourceFile)) {
    for (const specifier of declaration.getNamedImports()) {
      if (!specifier.isTypeOnly() && specifier.getName() === name) return specifier.getAliasNode()?.getText() ?? name;
    }
  }
  return undefined;
}

/** Drops named imports of deprecated constants that nothing refers to any more, and declarations left empty; returns whether it did. */
export function removeUnusedDeprecatedImports(sourceFile: SourceFile): boolean {
  let removed = false;
  for (const declaration of getSemconvImports(sourceFile)) {
    const unused = declaration.getNamedImports().filter((specifier) => {
      const name = specifier.getName();
      if (getTableEntry(name) === undefined && !SEMCONV_CONSTANT_MAPS.includes(name)) return false;
      const binding = specifier.getAliasNode() ?? specifier.getNameNode();
      return Node.isIdentifier(binding) && getReferences(sourceFile, binding).length === 0;
    });
    if (unused.length === 0) continue;
    removed = true;
    if (unused.length === declaration.getNamedImports().length && !declaration.getDefaultImport() && !declaration.getNamespaceImport()) declaration.remove();
    else for (const specifier of unused) specifier.remove();
  }
  return removed;
}

export { SEMCONV_MODULE };
