import { Node, SyntaxKind, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type Identifier, type MethodDeclaration } from 'ts-morph';
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
export type HandlerReference =
  | { at: 'definition'; fn: NamedFunction | MethodDeclaration; name: string }
  | { at: 'registration'; fn: NamedFunction | MethodDeclaration; name: string; reason: string };

/**
 * The decision for an identifier in a handler position, or for a method of the enclosing class (`this.handle`,
 * `this.handle.bind(this)`); undefined when it names no function of this file.
 */
export function getHandlerReference(reference: Node | undefined): HandlerReference | undefined {
  const method = reference && getThisMethodReference(reference);
  if (method) return method;
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

/**
 * `this.handle` or `this.handle.bind(this)` in a member of a class, naming a method of that class. Its body runs only
 * as this handler, and can be wrapped where it is defined, when the method is private (`private`, or `#handle`), not
 * static or decorated, and this is the only place the file names it; otherwise other code may call it too.
 */
function getThisMethodReference(reference: Node): HandlerReference | undefined {
  let access: Node = reference;
  if (Node.isCallExpression(access)) {
    const callee = access.getExpression();
    const [bound, ...rest] = access.getArguments();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'bind' || !bound || !Node.isThisExpression(bound) || rest.length > 0) return undefined;
    access = callee.getExpression();
  }
  if (!Node.isPropertyAccessExpression(access) || !Node.isThisExpression(access.getExpression())) return undefined;
  const methodName = access.getName();
  const owner = getThisClass(access);
  const method = owner?.getInstanceMethod(methodName);
  if (!method || !method.getBody() || method.getOverloads().length > 0) return undefined;
  const name = `this.${methodName}`;
  if (!methodName.startsWith('#') && !method.hasModifier(SyntaxKind.PrivateKeyword)) {
    return { at: 'registration', fn: method, name, reason: `${methodName} is a ${method.hasModifier(SyntaxKind.ProtectedKeyword) ? 'protected' : 'public'} method, which other code may call` };
  }
  if (method.getDecorators().length > 0) return { at: 'registration', fn: method, name, reason: `${methodName} is decorated` };
  const uses = reference
    .getSourceFile()
    .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
    .filter((candidate) => candidate.getName() === methodName).length;
  if (uses > 1) return { at: 'registration', fn: method, name, reason: `${methodName} is named ${uses} times in this file` };
  return { at: 'definition', fn: method, name };
}

/** The class whose instance `this` is at `node`: the class of the nearest enclosing member, when no `function` comes between. */
function getThisClass(node: Node) {
  for (let scope = node.getParent(); scope; scope = scope.getParent()) {
    if (Node.isFunctionDeclaration(scope) || Node.isFunctionExpression(scope)) return undefined;
    if (Node.isMethodDeclaration(scope) || Node.isConstructorDeclaration(scope) || Node.isPropertyDeclaration(scope) || Node.isGetAccessorDeclaration(scope) || Node.isSetAccessorDeclaration(scope)) {
      if (!Node.isConstructorDeclaration(scope) && scope.isStatic()) return undefined;
      const owner = scope.getParent();
      return Node.isClassDeclaration(owner) || Node.isClassExpression(owner) ? owner : undefined;
    }
  }
  return undefined;
}

/**
 * Why a handler position names nothing the codemod can change, for the note that says so: a function imported from
 * another module (`onOrder`, `handlers.onOrder`), or something else that is not a function of this file.
 */
export function describeUnresolvedHandler(reference: Node | undefined): string {
  let root = reference;
  while (root && Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (reference && root && Node.isIdentifier(root)) {
    const name = root.getText();
    const sourceFile = root.getSourceFile();
    // Syntax only: the name is bound by an import at the top of the file, and nothing nearer declares it.
    const imported = getDeclaringScope(name, root) === sourceFile ? sourceFile.getImportDeclarations().find((declaration) => declaresName(declaration, name)) : undefined;
    if (imported) return `${reference.getText()} is imported from '${imported.getModuleSpecifierValue()}', whose code the codemod does not change from here`;
  }
  return `${reference?.getText() ?? 'the handler'} is not a function of this file`;
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
  if (Node.isImportDeclaration(scope)) {
    const clause = [scope.getDefaultImport(), scope.getNamespaceImport(), ...scope.getNamedImports().map((specifier) => specifier.getAliasNode() ?? specifier.getNameNode())];
    return clause.some((binding) => binding?.getText() === name);
  }
  if (Node.isFunctionDeclaration(scope) || Node.isFunctionExpression(scope) || Node.isArrowFunction(scope) || Node.isMethodDeclaration(scope) || Node.isConstructorDeclaration(scope)) {
    return scope.getParameters().some((parameter) => bindsName(parameter.getNameNode(), name));
  }
  if (!Node.isBlock(scope) && !Node.isSourceFile(scope) && !Node.isModuleBlock(scope)) return false;
  return scope.getStatements().some((statement) => {
    if (Node.isVariableStatement(statement)) return statement.getDeclarations().some((declaration) => bindsName(declaration.getNameNode(), name));
    if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement) || Node.isEnumDeclaration(statement)) return statement.getName() === name;
    return Node.isImportDeclaration(statement) && declaresName(statement, name);
  });
}

function bindsName(nameNode: Node, name: string): boolean {
  if (Node.isIdentifier(nameNode)) return nameNode.getText() === name;
  return nameNode.getDescendantsOfKind(SyntaxKind.BindingElement).some((element) => element.getNameNode().getText() === name);
}
