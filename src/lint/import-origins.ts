import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, getStaticString } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where a name used in the file comes from. */
export interface ImportOrigin {
  /** The module specifier: `@opentelemetry/sdk-trace-base`. */
  module: string;
  /** `named`: `import { X }` / `const { X } = require()`; `namespace`: `import * as m`, a default import, `const m = require()`. */
  kind: 'named' | 'namespace';
  /** For `named`: the exported name (`X` in `import { X as Y }`). */
  imported: string | undefined;
  /** The variable the import declares. */
  variable: TSESLint.Scope.Variable;
  /** `import { X }` specifier, or the require's destructuring property; undefined for namespaces. */
  specifier: TSESTree.ImportSpecifier | TSESTree.Property | undefined;
  /** The import declaration, for ES imports. */
  declaration: TSESTree.ImportDeclaration | undefined;
}

/** The import or require a plain identifier refers to, when it is one. */
export function getImportOrigin(identifier: TSESTree.Identifier, context: Context): ImportOrigin | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (!variable || !definition) return undefined;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    const node = definition.node;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      if (node.importKind === 'type') return undefined;
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { module: declaration.source.value, kind: 'named', imported, variable, specifier: node, declaration };
    }
    if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier || node.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      return { module: declaration.source.value, kind: 'namespace', imported: undefined, variable, specifier: undefined, declaration };
    }
    return undefined;
  }
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.parent.kind === 'const') {
    const module = getRequiredModule(definition.node.init);
    if (module === undefined) return undefined;
    const id = definition.node.id;
    if (id.type === AST_NODE_TYPES.Identifier) return { module, kind: 'namespace', imported: undefined, variable, specifier: undefined, declaration: undefined };
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      const property = id.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === identifier.name,
      );
      const imported = property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
      if (property && imported) return { module, kind: 'named', imported, variable, specifier: property, declaration: undefined };
    }
  }
  return undefined;
}

/** `require('m')` → m */
export function getRequiredModule(node: TSESTree.Node | null): string | undefined {
  if (node?.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return undefined;
  return getStaticString(node.arguments[0]);
}

/** An export reached through an import: `X` (named import) or `m.X` / `m.tracing.X` (namespace import). */
export interface ImportedName {
  module: string;
  /** The exported name at the end of the path: `X`. */
  name: string;
  /** Names between the namespace and the export: `['tracing']` in `sdk.tracing.X`. */
  path: string[];
  origin: ImportOrigin;
}

/** What an expression names, when it reaches an import: `X`, `m.X`, `m.tracing.X`. */
export function getImportedName(node: TSESTree.Node, context: Context): ImportedName | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const origin = getImportOrigin(node, context);
    return origin?.kind === 'named' && origin.imported ? { module: origin.module, name: origin.imported, path: [], origin } : undefined;
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const names: string[] = [];
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getPropertyName(current);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = current.object;
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = getImportOrigin(current, context);
  if (!origin) return undefined;
  if (origin.kind === 'named' && origin.imported) names.unshift(origin.imported);
  const name = names.pop()!;
  return { module: origin.module, name, path: names, origin };
}
