import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { getCalleeName, getTypeReferenceName, skipTransparentWrappers } from './expression-names.js';
import { parseProjectModule } from './project-exports.js';
import { isProjectModule } from '../catalog/messaging/project-modules.js';
import { ACTIVE_SPAN_START_METHODS, SPAN_START_METHODS } from '../catalog/otel-api.js';
import {
  getLocalClassOrigin,
  getTracerModuleOrigin,
  isTracerReceiver,
  UNKNOWN_TRACER_ORIGIN,
  type TracerOrigin,
  type TracerReceiverFacts,
} from '../catalog/tracer-receivers.js';

/**
 * Tracers read from the TypeScript tree by the rules src/catalog/tracer-receivers.ts states and the lint side follows
 * with ESLint's scope manager (src/lint/tracer-origin.ts, src/lint/otel-calls.ts). Syntax and symbols only: no type
 * checker. `fromFile` is the file's path on disk, for the one hop into a relative import; without it that hop is not
 * taken and the name decides.
 */

/** Whether a receiver is an OpenTelemetry tracer: the facts are read here, the catalog decides. */
export function isTracerNode(node: Node, fromFile: string | undefined): boolean {
  return isTracerReceiver(getTracerReceiverFacts(node, fromFile));
}

/** `x.startSpan(…)` on a tracer: the call's method is a span start and its receiver a tracer. */
export function isTracerSpanStart(call: Node, kind: 'startSpan' | 'startActiveSpan', fromFile: string | undefined): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = skipTransparentWrappers(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const methods = kind === 'startSpan' ? SPAN_START_METHODS : ACTIVE_SPAN_START_METHODS;
  return methods.includes(callee.getName()) && isTracerNode(callee.getExpression(), fromFile);
}

export function getTracerReceiverFacts(node: Node, fromFile: string | undefined): TracerReceiverFacts {
  const expression = skipTransparentWrappers(node);
  const origin = getTracerOrigin(expression, fromFile);
  if (Node.isIdentifier(expression)) {
    const declarations = expression.getSymbol()?.getDeclarations() ?? [];
    return {
      origin,
      name: expression.getText(),
      annotations: declarations.flatMap((declaration) => (Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration) ? (getTypeReferenceName(declaration.getTypeNode()) ?? []) : [])),
      producers: declarations.flatMap((declaration) => {
        const init = getDeclaratorInitializer(declaration);
        return init && Node.isCallExpression(init) ? (getCalleeName(init) ?? []) : [];
      }),
    };
  }
  if (Node.isPropertyAccessExpression(expression)) return { origin, name: expression.getName() };
  if (Node.isElementAccessExpression(expression)) {
    const argument = expression.getArgumentExpression();
    return { origin, name: argument && Node.isStringLiteral(argument) ? argument.getLiteralValue() : undefined };
  }
  if (Node.isCallExpression(expression)) {
    const name = getCalleeName(expression);
    return { origin, name, producers: name === undefined ? [] : [name] };
  }
  return { origin, name: undefined };
}

/** Where a tracer comes from: a call's callee, or a name's one declaration (an import, a typed parameter, a variable). */
function getTracerOrigin(expression: Node, fromFile: string | undefined): TracerOrigin {
  if (Node.isCallExpression(expression)) return getRootOrigin(expression.getExpression());
  if (!Node.isIdentifier(expression)) return UNKNOWN_TRACER_ORIGIN;
  const declaration = getOnlyDeclaration(expression);
  if (!declaration) return UNKNOWN_TRACER_ORIGIN;
  if (isImportBinding(declaration)) {
    const module = getImportModule(declaration);
    const origin = getTracerModuleOrigin(module);
    if (origin.kind !== 'unknown' || module === undefined || !Node.isImportSpecifier(declaration) || fromFile === undefined) return origin;
    // `import { tracer } from './tracer'`: one plain hop into the project's own module.
    const exported = getExportedCreatorModule(fromFile, module, declaration.getName());
    return exported === undefined ? origin : getTracerModuleOrigin(exported);
  }
  if (Node.isParameterDeclaration(declaration)) {
    const type = declaration.getTypeNode();
    return Node.isIdentifier(declaration.getNameNode()) && Node.isTypeReference(type) ? getRootOrigin(type.getTypeName()) : UNKNOWN_TRACER_ORIGIN;
  }
  const init = getDeclaratorInitializer(declaration);
  if (init && (Node.isCallExpression(init) || Node.isNewExpression(init))) {
    const required = getRequiredRoot(init);
    return required === undefined ? getRootOrigin(init.getExpression()) : getTracerModuleOrigin(required);
  }
  return UNKNOWN_TRACER_ORIGIN;
}

/** The origin of the leftmost name of `a.b.c`, `a.b.c()`, `A.B` (a type name): its import, or a class of the file. */
function getRootOrigin(node: Node): TracerOrigin {
  let current = skipTransparentWrappers(node);
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isQualifiedName(current) || Node.isCallExpression(current)) {
    current = skipTransparentWrappers(Node.isQualifiedName(current) ? current.getLeft() : current.getExpression());
  }
  if (!Node.isIdentifier(current)) return UNKNOWN_TRACER_ORIGIN;
  const declaration = getOnlyDeclaration(current);
  if (!declaration) return UNKNOWN_TRACER_ORIGIN;
  if (isImportBinding(declaration)) return getTracerModuleOrigin(getImportModule(declaration));
  // A class or interface of the file itself is not the API's tracer.
  if (Node.isClassDeclaration(declaration) || Node.isInterfaceDeclaration(declaration)) return getLocalClassOrigin(current.getText());
  const init = getDeclaratorInitializer(declaration);
  const required = init && getRequiredRoot(init);
  return required === undefined ? UNKNOWN_TRACER_ORIGIN : getTracerModuleOrigin(required);
}

/** The declaration a name refers to, when there is exactly one. */
function getOnlyDeclaration(identifier: Node): Node | undefined {
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  return declarations.length === 1 ? declarations[0] : undefined;
}

function isImportBinding(declaration: Node): boolean {
  return Node.isImportSpecifier(declaration) || Node.isImportClause(declaration) || Node.isNamespaceImport(declaration) || Node.isImportEqualsDeclaration(declaration);
}

/** The module an import binding reads (`import { x } from 'm'`, `import x from 'm'`, `import * as x from 'm'`); none for `import x = require('m')`, as on the lint side. */
function getImportModule(declaration: Node): string | undefined {
  return declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
}

/** The initializer of the variable a name is declared by, destructured (`const { a } = init`) or not, without wrappers. */
function getDeclaratorInitializer(declaration: Node): Node | undefined {
  const declarator = Node.isVariableDeclaration(declaration) ? declaration : Node.isBindingElement(declaration) ? declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : undefined;
  const init = declarator?.getInitializer();
  return init && skipTransparentWrappers(init);
}

/** `require('m')`, also `require('m').x` → m */
function getRequiredRoot(node: Node): string | undefined {
  let current = node;
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current)) current = current.getExpression();
  if (!Node.isCallExpression(current)) return undefined;
  const callee = current.getExpression();
  const [argument] = current.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require') return undefined;
  return argument && (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument)) ? argument.getLiteralValue() : undefined;
}

/**
 * One hop into a relative import: the module `export const name = [new] Creator…` takes `Creator` from, when the
 * imported module says so plainly. Anything less plain is undefined, and the caller keeps the name fallback.
 */
function getExportedCreatorModule(fromFile: string, specifier: string, exportedName: string): string | undefined {
  if (!isProjectModule(specifier)) return undefined;
  const module = parseProjectModule(fromFile, specifier);
  const init = module && getExportedInitializer(module, exportedName);
  const creator = init && getLeadingName(Node.isNewExpression(init) ? init.getExpression() : init);
  return module && creator !== undefined ? getImportedFrom(module, creator) : undefined;
}

function getExportedInitializer(module: SourceFile, name: string): Node | undefined {
  for (const statement of module.getVariableStatements()) {
    if (!statement.hasExportKeyword()) continue;
    const declaration = statement.getDeclarations().find((candidate) => Node.isIdentifier(candidate.getNameNode()) && candidate.getName() === name);
    if (declaration) return declaration.getInitializer();
  }
  return undefined;
}

/** The name an expression starts with: `trace` of `trace.getTracer('x')`, `AcmeTracer` of `AcmeTracer`. */
function getLeadingName(node: Node): string | undefined {
  let current = node;
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isCallExpression(current) || Node.isNonNullExpression(current) || Node.isAsExpression(current)) {
    current = current.getExpression();
  }
  return Node.isIdentifier(current) ? current.getText() : undefined;
}

/** The module a name of `module` is imported from, by a value import (named, default or namespace). */
function getImportedFrom(module: SourceFile, name: string): string | undefined {
  for (const declaration of module.getImportDeclarations()) {
    if (declaration.isTypeOnly()) continue;
    const bound = [declaration.getDefaultImport(), declaration.getNamespaceImport(), ...declaration.getNamedImports().map((specifier) => specifier.getAliasNode() ?? specifier.getNameNode())];
    if (bound.some((binding) => binding?.getText() === name)) return declaration.getModuleSpecifierValue();
  }
  return undefined;
}
