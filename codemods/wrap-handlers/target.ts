import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { TransformNote } from '../../src/transform/types.js';
import type { WrappableFunction } from '../../src/transform/wrap-body.js';

/** A value written into the generated code: a constant, or an expression already in scope in the handler. */
export type WrappedValue = { literal: string } | { expression: string };

/** How a message's carrier is read: with the API's default getter, or with one for its encoding. */
export type CarrierGetter = 'default' | 'buffer-map' | 'nats-headers';

/** One handler to run inside a span, and what the span looks like. */
export interface WrapTarget {
  fn: WrappableFunction;
  /** Span name: a constant, or a constant prefix and an expression (`process ${topic}`). */
  name: { literal: string } | { prefix: string; expression: string };
  /** `http` becomes SERVER or INTERNAL depending on the project's HTTP auto-instrumentation. */
  kind: 'http' | 'SERVER' | 'CONSUMER';
  attributes: ReadonlyArray<{ key: string; value: WrappedValue }>;
  /** Consumers: the span's parent is extracted from this carrier expression. */
  extraction?: { carrier: string; getter: CarrierGetter };
}

export interface Collected {
  targets: WrapTarget[];
  notes: TransformNote[];
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
  if (sourceFile.getImportDeclarations().some((declaration) => matches(declaration.getModuleSpecifierValue()))) return true;
  return sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    if (call.getExpression().getText() !== 'require') return false;
    return matches(getStringValue(call.getArguments()[0]) ?? '');
  });
}

/** The function a handler position holds: an inline function, or a method/property of that name in an object literal. */
export function getInlineFunction(node: Node | undefined): WrappableFunction | undefined {
  if (!node) return undefined;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return node;
  if (Node.isParenthesizedExpression(node)) return getInlineFunction(node.getExpression());
  return undefined;
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
