import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { OTEL_MODULE_PREFIX } from '../catalog/otel-api.js';
import { skipTransparentWrappers } from './ast.js';
import { getRequiredModule } from './import-origins.js';
import { getExportedBindingOrigin } from './local-module-exports.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Where a tracer comes from, as far as the file shows: an `@opentelemetry/` package, another package (or a class
 * of the file itself), or somewhere the file does not show (a relative import, a parameter without a type).
 */
export type TracerOrigin = { kind: 'otel' } | { kind: 'foreign'; module: string } | { kind: 'unknown' };

const UNKNOWN: TracerOrigin = { kind: 'unknown' };

export function getTracerOrigin(node: TSESTree.Node, context: Context): TracerOrigin {
  const expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression) return getRootOrigin(expression.callee, context);
  if (expression.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return UNKNOWN;
  if (definition.type === 'ImportBinding') {
    const module = getImportModule(definition.parent);
    const origin = getModuleOrigin(module);
    if (origin.kind !== 'unknown' || module === undefined) return origin;
    // `import { tracer } from './tracer'`: one plain hop into the project's own module.
    const imported = definition.node.type === AST_NODE_TYPES.ImportSpecifier && definition.node.imported.type === AST_NODE_TYPES.Identifier ? definition.node.imported.name : undefined;
    const exported = imported ? getExportedBindingOrigin(context.filename, module, imported) : undefined;
    return exported ? getModuleOrigin(exported.module) : origin;
  }
  const name = definition.name;
  if (definition.type === 'Parameter' && name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation) {
    const type = name.typeAnnotation.typeAnnotation;
    return type.type === AST_NODE_TYPES.TSTypeReference ? getRootOrigin(type.typeName, context) : UNKNOWN;
  }
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    if (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) {
      const required = getRequiredRoot(init);
      return required === undefined ? getRootOrigin(init.callee, context) : getModuleOrigin(required);
    }
  }
  return UNKNOWN;
}

/** The origin of the leftmost name of `a.b.c`, `a.b.c()`, `A.B` (a type name): its import, or a class of the file. */
function getRootOrigin(node: TSESTree.Node, context: Context): TracerOrigin {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.TSQualifiedName || current.type === AST_NODE_TYPES.CallExpression) {
    current = skipTransparentWrappers(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.type === AST_NODE_TYPES.TSQualifiedName ? current.left : current.callee);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(current), current.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return UNKNOWN;
  if (definition.type === 'ImportBinding') return getModuleOrigin(getImportModule(definition.parent));
  // A class or interface of the file itself is not the API's tracer.
  if (definition.type === 'ClassName' || definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) return { kind: 'foreign', module: `(class ${current.name} of this file)` };
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const required = getRequiredRoot(skipTransparentWrappers(definition.node.init));
    if (required !== undefined) return getModuleOrigin(required);
  }
  return UNKNOWN;
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

/** Relative paths and path aliases are the project's own modules: they may well re-export the API's tracer. */
function getModuleOrigin(module: string | undefined): TracerOrigin {
  if (module === undefined) return UNKNOWN;
  if (module.startsWith(OTEL_MODULE_PREFIX)) return { kind: 'otel' };
  if (/^(?:\.|\/|@\/|~\/|#)/.test(module)) return UNKNOWN;
  return { kind: 'foreign', module };
}
