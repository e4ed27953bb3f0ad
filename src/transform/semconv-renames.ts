import { Node, SyntaxKind, type Identifier, type ImportDeclaration, type SourceFile } from 'ts-morph';
import { getAttributeSources, getHeldValue, type HeldValue } from './attribute-sites.js';
import { skipTransparentWrappers } from './expression-names.js';
import { SEMCONV_CONSTANT_MAPS, SEMCONV_MODULE, SEMCONV_MODULES } from '../catalog/semconv.js';
import { DEPRECATED_SEMCONV_CONSTANTS, DEPRECATED_SEMCONV_KEYS, type DeprecatedSemconvConstant } from '../catalog/semconv-deprecations.js';

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

/** Where deprecated keys of attribute sinks are written: the literals to rename, and the sites left with a reason. */
export interface DeprecatedKeySites {
  literals: Node[];
  skipped: SkippedSite[];
}

/**
 * String keys in attribute sinks (the catalog's ATTRIBUTE_SINK_CALLS) that the package marks deprecated, found as the
 * lint rule finds them (src/transform/attribute-sites.ts): written in place, in an attributes object held by a `const`
 * of the file, or as the string of a `const` the key is read from. A held key is renamed where it is declared only
 * when that variable is used as attributes and nowhere else; otherwise the site is skipped with the reason.
 * `fromFile` is the file's path on disk, for following a tracer into a relative import.
 */
export function getDeprecatedKeySites(sourceFile: SourceFile, fromFile?: string): DeprecatedKeySites {
  const { objects, keys } = getAttributeSources(sourceFile, fromFile);
  const literals = new Set<Node>();
  const skipped: SkippedSite[] = [];
  const skip = (node: Node, message: string) => {
    if (!skipped.some((site) => site.node === node)) skipped.push({ node, message });
  };
  const skipHeld = (node: Node, key: string, held: HeldValue) => skip(node, `'${key}' is held in ${held.name}: ${held.refusal!}`);
  const visitKey = (node: Node) => {
    const expression = skipTransparentWrappers(node);
    if (isDeprecatedKeyLiteral(expression)) {
      literals.add(expression);
      return;
    }
    const tabled = getTableEntryValue(expression);
    if (tabled && isDeprecatedKeyLiteral(tabled.value)) {
      // `KEYS.METHOD` of `const KEYS = { METHOD: 'http.method' }`: a table of keys is read in more ways than a sink's.
      skip(node, `'${getStringValue(tabled.value)!}' is held in ${tabled.name}, a table of keys: rename it where it is declared`);
      return;
    }
    const held = getHeldValue(expression, keys);
    if (!held || !isDeprecatedKeyLiteral(held.value)) return;
    if (held.refusal === undefined) literals.add(held.value);
    else skipHeld(node, getStringValue(held.value)!, held);
  };
  for (const { object, refusedBy } of objects) {
    for (const property of object.getProperties()) {
      if (!Node.isPropertyAssignment(property)) continue;
      const name = property.getNameNode();
      const key = Node.isComputedPropertyName(name) ? name.getExpression() : name;
      if (refusedBy && isDeprecatedKeyLiteral(key)) skipHeld(key, getStringValue(key)!, refusedBy);
      else if (Node.isComputedPropertyName(name) || isDeprecatedKeyLiteral(key)) visitKey(key);
    }
  }
  for (const key of keys) visitKey(key);
  return { literals: [...literals], skipped: skipped.sort((a, b) => a.node.getStart() - b.node.getStart()) };
}

/** `TABLE.NAME` where a variable of the file holds the object literal `TABLE`: the value it gives `NAME`, last one winning. */
function getTableEntryValue(node: Node): { name: string; value: Node } | undefined {
  if (!Node.isPropertyAccessExpression(node)) return undefined;
  const table = getHeldValue(node.getExpression(), []);
  if (!table || !Node.isObjectLiteralExpression(table.value)) return undefined;
  const entry = table.value.getProperties().findLast((property) => Node.isPropertyAssignment(property) && property.getName() === node.getName());
  const value = entry && Node.isPropertyAssignment(entry) ? entry.getInitializer() : undefined;
  return value ? { name: `${table.name}.${node.getName()}`, value: skipTransparentWrappers(value) } : undefined;
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
