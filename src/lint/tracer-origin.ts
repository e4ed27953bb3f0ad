import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getLocalClassOrigin, getTracerModuleOrigin, UNKNOWN_TRACER_ORIGIN, type TracerOrigin } from '../catalog/tracer-receivers.js';
import { skipTransparentWrappers } from './ast.js';
import { getRequiredModule } from './import-origins.js';
import { getExportedBindingOrigin } from './local-module-exports.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Where a tracer comes from, read from ESTree and the scope manager by the rules of src/catalog/tracer-receivers.ts
 * (src/transform/tracer-receivers.ts reads the TypeScript tree by the same rules).
 */
export function getTracerOrigin(node: TSESTree.Node, context: Context): TracerOrigin {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression) return getRootOrigin(expression.callee, context);
  if (expression.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_TRACER_ORIGIN;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return UNKNOWN_TRACER_ORIGIN;
  if (definition.type === 'ImportBinding') {
    const module = getImportModule(definition.parent);
    const origin = getTracerModuleOrigin(module);
    if (origin.kind !== 'unknown' || module === undefined) return origin;
    // `import { tracer } from './tracer'`: one plain hop into the project's own module.
    const imported = definition.node.type === AST_NODE_TYPES.ImportSpecifier && definition.node.imported.type === AST_NODE_TYPES.Identifier ? definition.node.imported.name : undefined;
    const exported = imported ? getExportedBindingOrigin(context.filename, module, imported) : undefined;
    return exported ? getTracerModuleOrigin(exported.module) : origin;
  }
  const name = definition.name;
  if (definition.type === 'Parameter' && name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation) {
    const type = name.typeAnnotation.typeAnnotation;
    return type.type === AST_NODE_TYPES.TSTypeReference ? getRootOrigin(type.typeName, context) : UNKNOWN_TRACER_ORIGIN;
  }
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    if (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) {
      const required = getRequiredRoot(init);
      return required === undefined ? getRootOrigin(init.callee, context) : getTracerModuleOrigin(required);
    }
  }
  return UNKNOWN_TRACER_ORIGIN;
}

/** The origin of the leftmost name of `a.b.c`, `a.b.c()`, `A.B` (a type name): its import, or a class of the file. */
function getRootOrigin(node: TSESTree.Node, context: Context): TracerOrigin {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.TSQualifiedName || current.type === AST_NODE_TYPES.CallExpression) {
    current = skipTransparentWrappers(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.type === AST_NODE_TYPES.TSQualifiedName ? current.left : current.callee);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_TRACER_ORIGIN;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(current), current.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return UNKNOWN_TRACER_ORIGIN;
  if (definition.type === 'ImportBinding') return getTracerModuleOrigin(getImportModule(definition.parent));
  // A class or interface of the file itself is not the API's tracer.
  if (definition.type === 'ClassName' || definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) return getLocalClassOrigin(current.name);
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const required = getRequiredRoot(skipTransparentWrappers(definition.node.init));
    if (required !== undefined) return getTracerModuleOrigin(required);
  }
  return UNKNOWN_TRACER_ORIGIN;
}

function getImportModule(declaration: TSESTree.Node | null): string | undefined {
  return declaration?.type === AST_NODE_TYPES.ImportDeclaration ? declaration.source.value : undefined;
}

/** `require('m')`, also `require('m').x` → m */
function getRequiredRoot(node: TSESTree.Node): string | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return getRequiredModule(current);
}
