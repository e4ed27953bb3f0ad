import { Node, SyntaxKind, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type Identifier } from 'ts-morph';
import { resolveFunction } from './messaging-facts.js';
import { isExportedByName } from './syntax-scope.js';

/** A function of the file that a handler position names: `eachMessage: handleOrder`, `new Worker('q', processJob)`. */
export type NamedFunction = FunctionDeclaration | ArrowFunction | FunctionExpression;

/**
 * Where a handler passed by name can be changed so that the change holds for every call the library makes and for no
 * other call:
 * - `definition`: the function is declared in this file, not exported, and this is its only use, so its body runs
 *   only as this handler; editing the body is exact.
 * - `registration`: the function is declared in this file but also used elsewhere (called directly, exported,
 *   registered twice): editing its body would also change those other calls, so only the registration may change.
 */
export type HandlerReference = { at: 'definition'; fn: NamedFunction; name: string } | { at: 'registration'; fn: NamedFunction; name: string; reason: string };

/** The decision for an identifier in a handler position, or undefined when it names no function of this file. */
export function getHandlerReference(reference: Node | undefined): HandlerReference | undefined {
  if (!reference || !Node.isIdentifier(reference)) return undefined;
  const fn = resolveFunction(reference);
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const name = reference.getText();
  const declaration = Node.isFunctionDeclaration(fn) ? fn : fn.getParentIfKind(SyntaxKind.VariableDeclaration);
  // A function expression passed through something else (`const h = wrap(async () => …)`) is not the handler itself.
  if (!declaration) return undefined;
  const statement = Node.isFunctionDeclaration(declaration) ? declaration : declaration.getVariableStatement();
  if (statement && isExportedByName(reference.getSourceFile(), statement, name)) return { at: 'registration', fn, name, reason: `${name} is exported` };
  const uses = getUses(reference, fn);
  if (uses > 1) return { at: 'registration', fn, name, reason: `${name} is used ${uses} times in this file` };
  return { at: 'definition', fn, name };
}

/** Identifiers of the file that name the same function (in any position other than a property name). */
function getUses(reference: Identifier, fn: Node): number {
  const name = reference.getText();
  let uses = 0;
  for (const identifier of reference.getSourceFile().getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (identifier.getText() !== name || isDeclarationOrPropertyName(identifier)) continue;
    if (identifier === reference || resolveFunction(identifier) === fn) uses += 1;
  }
  return uses;
}

function isDeclarationOrPropertyName(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  if ((Node.isFunctionDeclaration(parent) || Node.isVariableDeclaration(parent)) && parent.getNameNode() === identifier) return true;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === identifier;
  return (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isPropertyDeclaration(parent) || Node.isPropertySignature(parent)) && parent.getNameNode() === identifier;
}

/**
 * Whether `name` means the same binding at `elsewhere` as at `here` (syntax only): a handler wrapped where it is
 * defined can only read a value from its registration (`channel.consume(queue, handle)`) when the name is in scope at
 * the definition too, and not shadowed there.
 */
export function isSameBinding(name: string, here: Node, elsewhere: Node): boolean {
  return getDeclaringScope(name, here) === getDeclaringScope(name, elsewhere);
}

/** The nearest function or block around `node` that declares `name`; undefined for a global. */
function getDeclaringScope(name: string, node: Node): Node | undefined {
  for (let scope: Node | undefined = node; scope; scope = scope.getParent()) {
    if (declaresName(scope, name)) return scope;
  }
  return undefined;
}

function declaresName(scope: Node, name: string): boolean {
  if (Node.isFunctionDeclaration(scope) || Node.isFunctionExpression(scope) || Node.isArrowFunction(scope) || Node.isMethodDeclaration(scope) || Node.isConstructorDeclaration(scope)) {
    return scope.getParameters().some((parameter) => bindsName(parameter.getNameNode(), name));
  }
  if (!Node.isBlock(scope) && !Node.isSourceFile(scope) && !Node.isModuleBlock(scope)) return false;
  return scope.getStatements().some((statement) => {
    if (Node.isVariableStatement(statement)) return statement.getDeclarations().some((declaration) => bindsName(declaration.getNameNode(), name));
    if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement) || Node.isEnumDeclaration(statement)) return statement.getName() === name;
    if (Node.isImportDeclaration(statement)) {
      const clause = [statement.getDefaultImport(), statement.getNamespaceImport(), ...statement.getNamedImports().map((specifier) => specifier.getAliasNode() ?? specifier.getNameNode())];
      return clause.some((binding) => binding?.getText() === name);
    }
    return false;
  });
}

function bindsName(nameNode: Node, name: string): boolean {
  if (Node.isIdentifier(nameNode)) return nameNode.getText() === name;
  return nameNode.getDescendantsOfKind(SyntaxKind.BindingElement).some((element) => element.getNameNode().getText() === name);
}
