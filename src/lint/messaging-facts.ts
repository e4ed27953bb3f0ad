import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isMessagingCallName, type CallFacts } from '../catalog/messaging/match.js';
import { LOCAL_VALUE, MAX_VALUE_DEPTH, UNKNOWN_VALUE, UNTYPED_PARAMETER, type ArgumentFacts, type ValueFact } from '../catalog/messaging/value-origin.js';
import { getExportRequest, isProjectModule, type ModuleBindingKind } from '../catalog/messaging/project-modules.js';
import { forEachDescendant, getCalleeName, getPropertyName, getStaticKey, getStaticString, isFunctionNode, skipTransparentWrappers } from './ast.js';
import { getProjectExportFact, type FactContext } from './project-exports.js';

/**
 * Reads the facts the messaging matchers (src/catalog/messaging/match.ts) decide on from an ESTree. The codemods read
 * the same facts from a TypeScript tree (src/transform/messaging-facts.ts) by the same rules: a name is its single
 * declaration in scope (an import, a `require()`, or a variable's initializer), `this.x` is the class's one value
 * for `x`, and nothing is followed further than {@link MAX_VALUE_DEPTH} steps. A name imported from another file of
 * the project is followed there (src/lint/project-exports.ts); when that file cannot be read it stays an import.
 */

type Context = FactContext;
type Variable = TSESLint.Scope.Variable;

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

const importedModulesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** The module a `require('m')` (or `require('m').x`, `await import('m')`) reads. */
function getRequiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  let current = node ? skipTransparentWrappers(node) : undefined;
  while (current?.type === AST_NODE_TYPES.MemberExpression) current = skipTransparentWrappers(current.object);
  if (current?.type === AST_NODE_TYPES.AwaitExpression) current = skipTransparentWrappers(current.argument);
  if (current?.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'require') {
    return getStaticString(current.arguments[0]);
  }
  if (current?.type === AST_NODE_TYPES.ImportExpression) return getStaticString(current.source);
  return undefined;
}

/** The module specifiers a file imports: `import`, `import x = require()`, `require()` at the top level. */
export function getImportedModules(program: TSESTree.Program): ReadonlySet<string> {
  const cached = importedModulesCache.get(program);
  if (cached) return cached;
  const modules = new Set<string>();
  const add = (name: string | undefined) => {
    if (name !== undefined) modules.add(name);
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(statement.source.value);
    else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      add(getStaticString(statement.moduleReference.expression));
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) add(getRequiredModule(declarator.init));
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      modules.add(statement.source.value);
    }
  }
  importedModulesCache.set(program, modules);
  return modules;
}

/** The name a receiver goes by: `producer`, `this.producer` → producer, `pubsub.topic('x')` → topic, `getQueue()` → getQueue. */
export function getReceiverName(node: TSESTree.Node): string | undefined {
  const expression = skipTransparentWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return expression.name;
    case AST_NODE_TYPES.MemberExpression:
      return getPropertyName(expression);
    case AST_NODE_TYPES.CallExpression:
      return getCalleeName(skipTransparentWrappers(expression.callee));
    case AST_NODE_TYPES.AwaitExpression:
      return getReceiverName(expression.argument);
    default:
      return undefined;
  }
}

function findVariable(identifier: TSESTree.Identifier, context: Context): Variable | undefined {
  return ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name) ?? undefined;
}

/** The single declarator a name is declared by (`const x = …`), when it has exactly one declaration. */
function getSingleDefinition(identifier: TSESTree.Identifier, context: Context): Variable['defs'][number] | undefined {
  const variable = findVariable(identifier, context);
  return variable?.defs.length === 1 ? variable.defs[0] : undefined;
}

/** A parameter that is a name of its own (`queue`, `queue = x`), not a name destructured from one. */
function isPlainParameter(definition: Variable['defs'][number]): boolean {
  const name = definition.name;
  const parent = name.parent;
  if (name.type !== AST_NODE_TYPES.Identifier || !parent) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentPattern) return parent.left === name && isFunctionNode(parent.parent!);
  return isFunctionNode(parent) || parent.type === AST_NODE_TYPES.TSParameterProperty;
}

/** The import a binding reads; a type-only import is no value, but does name a parameter's type. */
function getImportFact(definition: Variable['defs'][number], typesToo: boolean): ValueFact {
  const node = definition.node;
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const reference = node.moduleReference;
    const module = reference.type === AST_NODE_TYPES.TSExternalModuleReference ? getStaticString(reference.expression) : undefined;
    return module === undefined ? UNKNOWN_VALUE : { kind: 'import', module, name: undefined };
  }
  const declaration = definition.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return UNKNOWN_VALUE;
  if (!typesToo && (declaration.importKind === 'type' || (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type'))) return UNKNOWN_VALUE;
  const module = declaration.source.value;
  if (node.type === AST_NODE_TYPES.ImportSpecifier) {
    return { kind: 'import', module, name: node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value };
  }
  return { kind: 'import', module, name: undefined };
}

/** A name used in a type, by the import that brings it (type-only imports included). */
function getTypeImportFact(identifier: TSESTree.Identifier, context: Context): ValueFact {
  const definition = getSingleDefinition(identifier, context);
  return definition?.type === 'ImportBinding' ? getImportFact(definition, true) : UNKNOWN_VALUE;
}

/** A parameter annotated with an imported type (`queue: Queue`, `channel: amqp.Channel`). */
function getParameterTypeFact(parameter: TSESTree.Identifier, context: Context): ValueFact {
  if (!parameter.typeAnnotation) return UNTYPED_PARAMETER;
  const type = parameter.typeAnnotation.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return UNKNOWN_VALUE;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return { kind: 'typed', type: getTypeImportFact(name, context), name: name.name };
  if (name.type !== AST_NODE_TYPES.TSQualifiedName || name.left.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_VALUE;
  return { kind: 'typed', type: { kind: 'member', object: getTypeImportFact(name.left, context), name: name.right.name }, name: name.right.name };
}

/** How a name or a `require()` is bound to a file of the project (`import { x } from './m'`, `const m = require('./m')`). */
interface ModuleBinding {
  module: string;
  kind: ModuleBindingKind;
  name: string | undefined;
}

/** `require('./m')` itself (not a member of it). */
function getDirectRequire(node: TSESTree.Node): string | undefined {
  const call = skipTransparentWrappers(node);
  return call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' ? getStaticString(call.arguments[0]) : undefined;
}

function getModuleBinding(node: TSESTree.Node, context: Context): ModuleBinding | undefined {
  const expression = skipTransparentWrappers(node);
  const required = getDirectRequire(expression);
  if (required !== undefined) return isProjectModule(required) ? { module: required, kind: 'require', name: undefined } : undefined;
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = getSingleDefinition(expression, context);
  if (!definition) return undefined;
  let binding: ModuleBinding | undefined;
  const declared = definition.node;
  if (definition.type === 'ImportBinding') {
    if (declared.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = declared.moduleReference;
      const module = reference.type === AST_NODE_TYPES.TSExternalModuleReference ? getStaticString(reference.expression) : undefined;
      binding = module === undefined ? undefined : { module, kind: 'require', name: undefined };
    } else if (definition.parent?.type === AST_NODE_TYPES.ImportDeclaration && definition.parent.importKind !== 'type') {
      const module = definition.parent.source.value;
      if (declared.type === AST_NODE_TYPES.ImportSpecifier && declared.importKind !== 'type') binding = { module, kind: 'named', name: declared.imported.type === AST_NODE_TYPES.Identifier ? declared.imported.name : declared.imported.value };
      else if (declared.type === AST_NODE_TYPES.ImportDefaultSpecifier) binding = { module, kind: 'default', name: undefined };
      else if (declared.type === AST_NODE_TYPES.ImportNamespaceSpecifier) binding = { module, kind: 'namespace', name: undefined };
    }
  } else if (definition.type === 'Variable' && declared.type === AST_NODE_TYPES.VariableDeclarator && declared.init) {
    const module = getDirectRequire(declared.init);
    if (module !== undefined && declared.id.type === AST_NODE_TYPES.Identifier) binding = { module, kind: 'require', name: undefined };
    else if (module !== undefined && declared.id.type === AST_NODE_TYPES.ObjectPattern) {
      const property = declared.id.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === expression.name,
      );
      const name = property ? getStaticKey(property) : undefined;
      binding = name === undefined ? undefined : { module, kind: 'named', name };
    }
  }
  return binding && isProjectModule(binding.module) ? binding : undefined;
}

/** The value a project module gives a name bound to it, or `.property` read on that name; undefined when it cannot be read. */
function getModuleBindingFact(node: TSESTree.Node, context: Context, property?: string): ValueFact | undefined {
  const binding = getModuleBinding(node, context);
  const request = binding && getExportRequest(binding.kind, binding.name, property);
  return request && getProjectExportFact(context, binding.module, request, (value, module) => getValueFact(value, module));
}

/** The value a name is bound to: an import, a `require()`, or a variable's initializer; undefined for parameters and the rest. */
function getBindingFact(identifier: TSESTree.Identifier, context: Context, depth: number): ValueFact {
  const imported = getModuleBindingFact(identifier, context);
  if (imported) return imported;
  const variable = findVariable(identifier, context);
  // A global no declaration binds (`new Set()`), or a class or function of the file.
  if (!variable || variable.defs.length === 0) return LOCAL_VALUE;
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return UNKNOWN_VALUE;
  if (definition.type === 'ClassName' || definition.type === 'FunctionName') return LOCAL_VALUE;
  if (definition.type === 'ImportBinding') return getImportFact(definition, false);
  if (definition.type === 'Parameter') return isPlainParameter(definition) ? getParameterTypeFact(definition.name as TSESTree.Identifier, context) : UNKNOWN_VALUE;
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return UNKNOWN_VALUE;
  const { id, init } = definition.node;
  if (id.type === AST_NODE_TYPES.Identifier) return getValueFact(init, context, depth + 1);
  // `const { Queue } = require('bullmq')`
  const module = getRequiredModule(init);
  if (id.type !== AST_NODE_TYPES.ObjectPattern || module === undefined) return UNKNOWN_VALUE;
  const property = id.properties.find(
    (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === identifier.name,
  );
  const name = property ? getStaticKey(property) : undefined;
  return name === undefined ? UNKNOWN_VALUE : { kind: 'import', module, name };
}

/** The one value a class gives `this.name`: a field initializer, or the only `this.name = …` assignment in its body. */
function getClassFieldValue(member: TSESTree.MemberExpression, name: string, context: Context): TSESTree.Node | undefined {
  let owner: TSESTree.Node | undefined = member.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner) return undefined;
  const values: TSESTree.Node[] = [];
  forEachDescendant(owner, context.sourceCode, (node) => {
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && node.parent === owner && getStaticKey(node) === name && node.value) values.push(node.value);
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.object.type === AST_NODE_TYPES.ThisExpression &&
      getPropertyName(node.left) === name
    ) {
      values.push(node.right);
    }
  });
  return values.length === 1 ? values[0] : undefined;
}

/** What an expression is, by origin (see ValueFact in src/catalog/messaging/value-origin.ts). */
export function getValueFact(node: TSESTree.Node | null | undefined, context: Context, depth = 0): ValueFact {
  if (!node || depth > MAX_VALUE_DEPTH) return UNKNOWN_VALUE;
  let expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipTransparentWrappers(expression.argument);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return getBindingFact(expression, context, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(expression);
      if (name === undefined) return UNKNOWN_VALUE;
      if (expression.object.type === AST_NODE_TYPES.ThisExpression) {
        const value = getClassFieldValue(expression, name, context);
        return value ? getValueFact(value, context, depth + 1) : UNKNOWN_VALUE;
      }
      const imported = getModuleBindingFact(expression.object, context, name);
      if (imported) return imported;
      return { kind: 'member', object: getValueFact(expression.object, context, depth + 1), name };
    }
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipTransparentWrappers(expression.callee);
      const name = getCalleeName(callee);
      if (name === undefined) return UNKNOWN_VALUE;
      return { kind: 'new', callee: getValueFact(callee, context, depth + 1), name, arguments: expression.arguments.map((argument) => getArgumentFacts(argument, context)) };
    }
    case AST_NODE_TYPES.CallExpression: {
      const module = getRequiredModule(expression);
      if (module !== undefined) return getModuleBindingFact(expression, context) ?? { kind: 'import', module, name: undefined };
      const callee = skipTransparentWrappers(expression.callee);
      const argument = expression.arguments[0] ? getValueFact(expression.arguments[0], context, depth + 1) : undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = getPropertyName(callee);
        return name === undefined ? UNKNOWN_VALUE : { kind: 'call', callee: undefined, object: getValueFact(callee.object, context, depth + 1), name, argument };
      }
      if (callee.type === AST_NODE_TYPES.Identifier) return { kind: 'call', callee: getValueFact(callee, context, depth + 1), object: undefined, name: callee.name, argument };
      return UNKNOWN_VALUE;
    }
    default:
      return UNKNOWN_VALUE;
  }
}

/** The object literal (or array of object literals) an argument is, directly or through its variable's initializer. */
function getLiteralValue(node: TSESTree.Node, context: Context): TSESTree.Node {
  const expression = skipTransparentWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return expression;
  const definition = getSingleDefinition(expression, context);
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) {
    return expression;
  }
  return skipTransparentWrappers(definition.node.init);
}

function getObjectKeys(object: TSESTree.ObjectExpression): Record<string, boolean> {
  const keys: Record<string, boolean> = {};
  for (const member of object.properties) {
    if (member.type !== AST_NODE_TYPES.Property) continue;
    const key = getStaticKey(member);
    if (key === undefined) continue;
    const value = skipTransparentWrappers(member.value);
    const off = (value.type === AST_NODE_TYPES.Literal && value.value === false) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
    keys[key] = !off;
  }
  return keys;
}

/** What is visible of one argument: a static string, or the keys of an object literal (of every element of an array literal). */
export function getArgumentFacts(node: TSESTree.Node, context: Context): ArgumentFacts {
  const value = getLiteralValue(node, context);
  const string = getStaticString(value);
  if (string !== undefined) return { string };
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const spread = value.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement);
    return spread ? { keys: getObjectKeys(value), spread } : { keys: getObjectKeys(value) };
  }
  if (value.type === AST_NODE_TYPES.Identifier) {
    const definition = getSingleDefinition(value, context);
    if (definition?.type === 'Parameter' && isPlainParameter(definition)) return { from: 'parameter' };
    if (definition?.type === 'ImportBinding') return { from: 'import' };
  }
  const call = value.type === AST_NODE_TYPES.AwaitExpression ? skipTransparentWrappers(value.argument) : value;
  if (call.type === AST_NODE_TYPES.CallExpression) {
    const resultOf = getCalleeName(skipTransparentWrappers(call.callee));
    return resultOf === undefined ? {} : { resultOf };
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length > 0) {
    const objects = value.elements.map((element) => (element ? skipTransparentWrappers(element) : undefined));
    if (!objects.every((element): element is TSESTree.ObjectExpression => element?.type === AST_NODE_TYPES.ObjectExpression)) return {};
    const [first, ...rest] = objects.map(getObjectKeys);
    const keys = Object.fromEntries(Object.entries(first!).filter(([key]) => rest.every((other) => key in other)));
    return { keys };
  }
  return {};
}

/** The facts of a method call (`receiver.method(…)`) or a `new` expression; undefined for anything else. */
export function getCallFacts(node: TSESTree.CallExpression | TSESTree.NewExpression, context: Context): CallFacts | undefined {
  const callee = skipTransparentWrappers(node.callee);
  const importedModules = getImportedModules(context.sourceCode.ast);
  const getArguments = () => node.arguments.map((argument) => getArgumentFacts(argument, context));
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const name = getCalleeName(callee);
    if (name === undefined || !isMessagingCallName('new', name)) return undefined;
    return { kind: 'new', name, callee: getValueFact(callee, context), arguments: getArguments(), importedModules };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = getPropertyName(callee);
  if (name === undefined || !isMessagingCallName('method', name)) return undefined;
  const args = getArguments();
  return { kind: 'method', name, receiver: { name: getReceiverName(callee.object), value: getValueFact(callee.object, context) }, arguments: args, importedModules };
}

/**
 * `this.handle` or `this.handle.bind(this)` in a member of a class: the instance method of that class it names (the
 * handler a class registers for its own consumer). A `function` between the member and `this` has a `this` of its own.
 */
function getThisMethod(node: TSESTree.Node): FunctionNode | undefined {
  let access = node;
  if (access.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparentWrappers(access.callee);
    const [bound, ...rest] = access.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== 'bind' || bound?.type !== AST_NODE_TYPES.ThisExpression || rest.length > 0) return undefined;
    access = skipTransparentWrappers(callee.object);
  }
  if (access.type !== AST_NODE_TYPES.MemberExpression || access.computed || access.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = access.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${access.property.name}` : getPropertyName(access);
  let scope: TSESTree.Node | undefined = access.parent;
  while (scope && scope.type !== AST_NODE_TYPES.ClassBody) {
    if ((scope.type === AST_NODE_TYPES.FunctionExpression || scope.type === AST_NODE_TYPES.FunctionDeclaration) && scope.parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    if ((scope.type === AST_NODE_TYPES.MethodDefinition || scope.type === AST_NODE_TYPES.PropertyDefinition) && scope.static) return undefined;
    scope = scope.parent;
  }
  const method = scope?.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'method' &&
      !member.static &&
      !member.computed &&
      (member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined) === name,
  );
  return method?.value.body ? method.value : undefined;
}

/** A function given directly, through a same-file name (`eachMessage: handleMessage`), or a method of the class (`this.handle`). */
export function resolveFunction(node: TSESTree.Node | undefined, context: Context): FunctionNode | undefined {
  if (!node) return undefined;
  const expression = skipTransparentWrappers(node);
  if (isFunctionNode(expression)) return expression;
  if (expression.type !== AST_NODE_TYPES.Identifier) return getThisMethod(expression);
  const definition = getSingleDefinition(expression, context);
  if (!definition) return undefined;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}
