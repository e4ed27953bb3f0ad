import { Node, SyntaxKind, type CallExpression, type Identifier, type NewExpression, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { isMessagingCallName, type CallFacts } from '../catalog/messaging/match.js';
import { LOCAL_VALUE, MAX_VALUE_DEPTH, UNKNOWN_VALUE, UNTYPED_PARAMETER, type ArgumentFacts, type ValueFact } from '../catalog/messaging/value-origin.js';
import { getExportRequest, isProjectModule, type ModuleBindingKind } from '../catalog/messaging/project-modules.js';
import { getMemberName } from './object-literal.js';
import { getProjectExportFact } from './project-exports.js';

/**
 * Reads the facts the messaging matchers (src/catalog/messaging/match.ts) decide on from a TypeScript tree, by the
 * rules the lint side follows with ESLint's scope manager (src/lint/messaging-facts.ts): a name is its single
 * declaration in the nearest scope that declares it (an import, a `require()`, or a variable's initializer; a
 * parameter is unknown), `this.x` is the class's one value for `x`, and nothing is followed further than
 * {@link MAX_VALUE_DEPTH} steps. A name imported from another file of the project is followed there
 * (src/transform/project-exports.ts); when that file cannot be read it stays an import. Syntax only: no type checker.
 */

/** Module specifiers the file imports or requires at its top level (`import`, `import x = require()`, `const x = require()`). */
export function getImportedModules(sourceFile: SourceFile): Set<string> {
  const modules = new Set<string>();
  for (const statement of sourceFile.getStatements()) {
    if (Node.isImportDeclaration(statement)) modules.add(statement.getModuleSpecifierValue());
    else if (Node.isImportEqualsDeclaration(statement)) {
      const reference = statement.getModuleReference();
      if (Node.isExternalModuleReference(reference)) {
        const module = reference.getExpression();
        if (module && Node.isStringLiteral(module)) modules.add(module.getLiteralValue());
      }
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const module = getRequiredModule(declaration.getInitializer());
        if (module !== undefined) modules.add(module);
      }
    } else if (Node.isExportDeclaration(statement)) {
      const module = statement.getModuleSpecifierValue();
      if (module !== undefined) modules.add(module);
    }
  }
  return modules;
}

function unwrap(node: Node): Node {
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isTypeAssertion(current)
  ) {
    current = current.getExpression();
  }
  return current;
}

/** The module a `require('m')` (or `require('m').x`, `await import('m')`) reads. */
function getRequiredModule(node: Node | undefined): string | undefined {
  let current = node ? unwrap(node) : undefined;
  while (current && (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current))) current = unwrap(current.getExpression());
  if (current && Node.isAwaitExpression(current)) current = unwrap(current.getExpression());
  if (!current || !Node.isCallExpression(current)) return undefined;
  const callee = current.getExpression();
  const [argument] = current.getArguments();
  const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
  if (!isRequire && callee.getKind() !== SyntaxKind.ImportKeyword) return undefined;
  return argument && (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument)) ? argument.getLiteralValue() : undefined;
}

/** The name a receiver goes by: `channel`, `this.channel`, `ctx.channel` → channel, `pubsub.topic('x')` → topic. */
export function getReceiverName(receiver: Node): string | undefined {
  const expression = unwrap(receiver);
  if (Node.isIdentifier(expression)) return expression.getText();
  if (Node.isPropertyAccessExpression(expression)) return expression.getName();
  if (Node.isAwaitExpression(expression)) return getReceiverName(expression.getExpression());
  if (Node.isCallExpression(expression)) {
    const callee = unwrap(expression.getExpression());
    if (Node.isPropertyAccessExpression(callee)) return callee.getName();
    return Node.isIdentifier(callee) ? callee.getText() : undefined;
  }
  return undefined;
}

/** What declares a name: an import, a variable, a function or class, or a parameter (whose value is not known). */
type Declaration =
  | { kind: 'import'; module: string; name: string | undefined; typeOnly: boolean; binding: ModuleBindingKind }
  | { kind: 'variable'; initializer: Node | undefined }
  | { kind: 'function'; node: Node }
  | { kind: 'parameter'; type: Node | undefined }
  | { kind: 'global' }
  | { kind: 'other' };

const FUNCTION_KINDS = new Set([
  SyntaxKind.ArrowFunction,
  SyntaxKind.FunctionExpression,
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

function bindsName(nameNode: Node, name: string): boolean {
  if (Node.isIdentifier(nameNode)) return nameNode.getText() === name;
  return nameNode.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => {
    const parent = identifier.getParent();
    return identifier.getText() === name && Node.isBindingElement(parent) && parent.getNameNode() === identifier;
  });
}

/** Every declaration of `name` made directly by one statement of a block or the file. */
function getStatementDeclarations(statement: Node, name: string): Declaration[] {
  if (Node.isVariableStatement(statement)) {
    return statement.getDeclarations().flatMap((declaration): Declaration[] => {
      const nameNode = declaration.getNameNode();
      if (!bindsName(nameNode, name)) return [];
      const initializer = declaration.getInitializer();
      if (Node.isIdentifier(nameNode)) return [{ kind: 'variable', initializer }];
      // `const { Queue } = require('bullmq')`
      const module = getRequiredModule(initializer);
      const element = nameNode.getDescendantsOfKind(SyntaxKind.BindingElement).find((candidate) => candidate.getNameNode().getText() === name);
      const imported = element?.getPropertyNameNode()?.getText() ?? element?.getName();
      return module !== undefined && imported !== undefined ? [{ kind: 'import', module, name: imported, typeOnly: false, binding: 'named' }] : [{ kind: 'other' }];
    });
  }
  if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.getName() === name) return [{ kind: 'function', node: statement }];
  if (Node.isImportDeclaration(statement)) {
    const typeOnly = statement.isTypeOnly();
    const module = statement.getModuleSpecifierValue();
    const found: Declaration[] = [];
    if (statement.getDefaultImport()?.getText() === name) found.push({ kind: 'import', module, name: undefined, typeOnly, binding: 'default' });
    if (statement.getNamespaceImport()?.getText() === name) found.push({ kind: 'import', module, name: undefined, typeOnly, binding: 'namespace' });
    for (const specifier of statement.getNamedImports()) {
      if ((specifier.getAliasNode()?.getText() ?? specifier.getName()) === name) {
        found.push({ kind: 'import', module, name: specifier.getName(), typeOnly: typeOnly || specifier.isTypeOnly(), binding: 'named' });
      }
    }
    return found;
  }
  if (Node.isImportEqualsDeclaration(statement) && statement.getName() === name) {
    const reference = statement.getModuleReference();
    const module = Node.isExternalModuleReference(reference) ? reference.getExpression() : undefined;
    return [module && Node.isStringLiteral(module) ? { kind: 'import', module: module.getLiteralValue(), name: undefined, typeOnly: false, binding: 'require' } : { kind: 'other' }];
  }
  return [];
}

/**
 * The declaration a name refers to: the nearest enclosing scope that declares it, when it declares it once;
 * `global` when no scope declares it.
 */
function getDeclaration(identifier: Identifier): Declaration | undefined {
  const name = identifier.getText();
  for (const ancestor of identifier.getAncestors()) {
    let found: Declaration[] = [];
    if (FUNCTION_KINDS.has(ancestor.getKind())) {
      const fn = ancestor as Node & { getParameters(): Array<Node & { getNameNode(): Node; getTypeNode(): Node | undefined }> };
      const parameter = fn.getParameters().find((candidate) => bindsName(candidate.getNameNode(), name));
      if (parameter) found.push(Node.isIdentifier(parameter.getNameNode()) ? { kind: 'parameter', type: parameter.getTypeNode() } : { kind: 'other' });
    } else if (Node.isBlock(ancestor) || Node.isSourceFile(ancestor) || Node.isModuleBlock(ancestor) || Node.isCaseClause(ancestor) || Node.isDefaultClause(ancestor)) {
      found = ancestor.getStatements().flatMap((statement) => getStatementDeclarations(statement, name));
    } else if (Node.isForOfStatement(ancestor) || Node.isForInStatement(ancestor) || Node.isForStatement(ancestor)) {
      const initializer = ancestor.getInitializer();
      if (initializer && Node.isVariableDeclarationList(initializer) && initializer.getDeclarations().some((declaration) => bindsName(declaration.getNameNode(), name))) found.push({ kind: 'other' });
    } else if (Node.isCatchClause(ancestor)) {
      const variable = ancestor.getVariableDeclaration();
      if (variable && bindsName(variable.getNameNode(), name)) found.push({ kind: 'other' });
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return { kind: 'global' };
}

/** A variable's initializer, when the name is declared once in the nearest scope that declares it. */
export function getVariableInitializer(identifier: Identifier): Node | undefined {
  const declaration = getDeclaration(identifier);
  return declaration?.kind === 'variable' && declaration.initializer ? unwrap(declaration.initializer) : undefined;
}

/** The one value a class gives `this.name`: a field initializer, or the only `this.name = …` assignment in its body. */
function getClassFieldValue(member: Node, name: string): Node | undefined {
  const owner = member.getFirstAncestor((node) => Node.isClassDeclaration(node) || Node.isClassExpression(node));
  if (!owner || !(Node.isClassDeclaration(owner) || Node.isClassExpression(owner))) return undefined;
  const values: Node[] = [];
  for (const property of owner.getProperties()) {
    const initializer = property.getInitializer();
    if (!property.isStatic() && property.getName() === name && initializer) values.push(initializer);
  }
  for (const assignment of owner.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const left = unwrap(assignment.getLeft());
    if (Node.isPropertyAccessExpression(left) && left.getExpression().getKind() === SyntaxKind.ThisKeyword && left.getName() === name) values.push(assignment.getRight());
  }
  return values.length === 1 ? values[0] : undefined;
}

/** `require('./m')` itself (not a member of it). */
function getDirectRequire(node: Node): string | undefined {
  const call = unwrap(node);
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const [argument] = call.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument) return undefined;
  return Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument) ? argument.getLiteralValue() : undefined;
}

/** How a name or a `require()` is bound to a file of the project (`import { x } from './m'`, `const m = require('./m')`). */
function getModuleBinding(node: Node): { module: string; kind: ModuleBindingKind; name: string | undefined } | undefined {
  const expression = unwrap(node);
  const required = getDirectRequire(expression);
  if (required !== undefined) return isProjectModule(required) ? { module: required, kind: 'require', name: undefined } : undefined;
  if (!Node.isIdentifier(expression)) return undefined;
  const declaration = getDeclaration(expression);
  if (declaration?.kind === 'import' && !declaration.typeOnly && isProjectModule(declaration.module)) return { module: declaration.module, kind: declaration.binding, name: declaration.name };
  if (declaration?.kind !== 'variable' || !declaration.initializer) return undefined;
  const module = getDirectRequire(declaration.initializer);
  return module !== undefined && isProjectModule(module) ? { module, kind: 'require', name: undefined } : undefined;
}

/** The value a project module gives a name bound to it, or `.property` read on that name; undefined when it cannot be read. */
function getModuleBindingFact(node: Node, property?: string): ValueFact | undefined {
  const binding = getModuleBinding(node);
  const request = binding && getExportRequest(binding.kind, binding.name, property);
  return request && getProjectExportFact(node.getSourceFile().compilerNode.fileName, binding.module, request, (value) => getValueFact(value));
}

function getIdentifierFact(identifier: Identifier, depth: number): ValueFact {
  const imported = getModuleBindingFact(identifier);
  if (imported) return imported;
  const declaration = getDeclaration(identifier);
  if (declaration?.kind === 'global' || declaration?.kind === 'function') return LOCAL_VALUE;
  if (declaration?.kind === 'import') return declaration.typeOnly ? UNKNOWN_VALUE : { kind: 'import', module: declaration.module, name: declaration.name };
  if (declaration?.kind === 'parameter') return getParameterTypeFact(declaration.type);
  if (declaration?.kind === 'variable') return getValueFact(declaration.initializer, depth + 1);
  return UNKNOWN_VALUE;
}

/** A name used in a type, by the import that brings it (type-only imports included). */
function getTypeImportFact(identifier: Identifier): ValueFact {
  const declaration = getDeclaration(identifier);
  return declaration?.kind === 'import' ? { kind: 'import', module: declaration.module, name: declaration.name } : UNKNOWN_VALUE;
}

/** A parameter annotated with an imported type (`queue: Queue`, `channel: amqp.Channel`). */
function getParameterTypeFact(type: Node | undefined): ValueFact {
  if (!type) return UNTYPED_PARAMETER;
  if (!Node.isTypeReference(type)) return UNKNOWN_VALUE;
  const name = type.getTypeName();
  if (Node.isIdentifier(name)) return { kind: 'typed', type: getTypeImportFact(name), name: name.getText() };
  const left = name.getLeft();
  if (!Node.isIdentifier(left)) return UNKNOWN_VALUE;
  const right = name.getRight().getText();
  return { kind: 'typed', type: { kind: 'member', object: getTypeImportFact(left), name: right }, name: right };
}

/** What an expression is, by origin (see ValueFact in src/catalog/messaging/value-origin.ts). */
export function getValueFact(node: Node | undefined, depth = 0): ValueFact {
  if (!node || depth > MAX_VALUE_DEPTH) return UNKNOWN_VALUE;
  let expression = unwrap(node);
  if (Node.isAwaitExpression(expression)) expression = unwrap(expression.getExpression());
  if (Node.isIdentifier(expression)) return getIdentifierFact(expression, depth);
  if (Node.isPropertyAccessExpression(expression)) {
    const name = expression.getName();
    if (expression.getExpression().getKind() === SyntaxKind.ThisKeyword) {
      const value = getClassFieldValue(expression, name);
      return value ? getValueFact(value, depth + 1) : UNKNOWN_VALUE;
    }
    const imported = getModuleBindingFact(expression.getExpression(), name);
    if (imported) return imported;
    return { kind: 'member', object: getValueFact(expression.getExpression(), depth + 1), name };
  }
  if (Node.isNewExpression(expression)) {
    const callee = unwrap(expression.getExpression());
    const name = getCalleeName(callee);
    if (name === undefined) return UNKNOWN_VALUE;
    return { kind: 'new', callee: getValueFact(callee, depth + 1), name, arguments: expression.getArguments().map(getArgumentFacts) };
  }
  if (Node.isCallExpression(expression)) {
    const module = getRequiredModule(expression);
    if (module !== undefined) return getModuleBindingFact(expression) ?? { kind: 'import', module, name: undefined };
    const callee = unwrap(expression.getExpression());
    const [first] = expression.getArguments();
    const argument = first ? getValueFact(first, depth + 1) : undefined;
    if (Node.isPropertyAccessExpression(callee)) return { kind: 'call', callee: undefined, object: getValueFact(callee.getExpression(), depth + 1), name: callee.getName(), argument };
    if (Node.isIdentifier(callee)) return { kind: 'call', callee: getValueFact(callee, depth + 1), object: undefined, name: callee.getText(), argument };
  }
  return UNKNOWN_VALUE;
}

/** The name a callee goes by: `Queue`, `sqs.SendMessageCommand` → SendMessageCommand. */
function getCalleeName(callee: Node): string | undefined {
  if (Node.isIdentifier(callee)) return callee.getText();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  return undefined;
}

/** The object literal (or array of them) an argument is, directly or through its variable's initializer. */
function getLiteralValue(node: Node): Node {
  const expression = unwrap(node);
  if (!Node.isIdentifier(expression)) return expression;
  const declaration = getDeclaration(expression);
  return declaration?.kind === 'variable' && declaration.initializer ? unwrap(declaration.initializer) : expression;
}

function getObjectKeys(object: ObjectLiteralExpression): Record<string, boolean> {
  const keys: Record<string, boolean> = {};
  for (const member of object.getProperties()) {
    const key = getMemberName(member);
    if (key === undefined) continue;
    const value = Node.isPropertyAssignment(member) ? member.getInitializer() : Node.isShorthandPropertyAssignment(member) ? member.getNameNode() : undefined;
    const inner = value ? unwrap(value) : undefined;
    const off = inner !== undefined && (inner.getKind() === SyntaxKind.FalseKeyword || (Node.isIdentifier(inner) && inner.getText() === 'undefined'));
    keys[key] = !off;
  }
  return keys;
}

/** What is visible of one argument: a static string, or the keys of an object literal (of every element of an array literal). */
export function getArgumentFacts(node: Node): ArgumentFacts {
  const value = getLiteralValue(node);
  if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return { string: value.getLiteralValue() };
  if (Node.isObjectLiteralExpression(value)) {
    const spread = value.getProperties().some((member) => Node.isSpreadAssignment(member));
    return spread ? { keys: getObjectKeys(value), spread } : { keys: getObjectKeys(value) };
  }
  if (Node.isIdentifier(value)) {
    const declaration = getDeclaration(value);
    if (declaration?.kind === 'parameter') return { from: 'parameter' };
    if (declaration?.kind === 'import' && !declaration.typeOnly) return { from: 'import' };
  }
  const call = Node.isAwaitExpression(value) ? unwrap(value.getExpression()) : value;
  if (Node.isCallExpression(call)) {
    const resultOf = getCalleeName(unwrap(call.getExpression()));
    return resultOf === undefined ? {} : { resultOf };
  }
  if (Node.isArrayLiteralExpression(value) && value.getElements().length > 0) {
    const objects = value.getElements().map(unwrap);
    if (!objects.every((element): element is ObjectLiteralExpression => Node.isObjectLiteralExpression(element))) return {};
    const [first, ...rest] = objects.map(getObjectKeys);
    return { keys: Object.fromEntries(Object.entries(first!).filter(([key]) => rest.every((other) => key in other))) };
  }
  return {};
}

/** The facts of a method call (`receiver.method(…)`) or a `new` expression; undefined for anything else. */
export function getCallFacts(node: CallExpression | NewExpression, importedModules: ReadonlySet<string>): CallFacts | undefined {
  const callee = unwrap(node.getExpression());
  if (Node.isNewExpression(node)) {
    const name = getCalleeName(callee);
    if (name === undefined || !isMessagingCallName('new', name)) return undefined;
    return { kind: 'new', name, callee: getValueFact(callee), arguments: node.getArguments().map(getArgumentFacts), importedModules };
  }
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  if (!isMessagingCallName('method', name)) return undefined;
  const receiver = callee.getExpression();
  return { kind: 'method', name, receiver: { name: getReceiverName(receiver), value: getValueFact(receiver) }, arguments: node.getArguments().map(getArgumentFacts), importedModules };
}

/** A function given directly, or through a same-file name (`eachMessage: handleMessage`). */
export function resolveFunction(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  const expression = unwrap(node);
  if (Node.isArrowFunction(expression) || Node.isFunctionExpression(expression) || Node.isMethodDeclaration(expression)) return expression;
  if (!Node.isIdentifier(expression)) return undefined;
  const declaration = getDeclaration(expression);
  if (declaration?.kind === 'function') return Node.isFunctionDeclaration(declaration.node) ? declaration.node : undefined;
  if (declaration?.kind !== 'variable' || !declaration.initializer) return undefined;
  const initializer = unwrap(declaration.initializer);
  return Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer) ? initializer : undefined;
}
