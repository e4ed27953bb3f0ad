import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { SEMCONV_CONSTANT_MAPS, SEMCONV_MODULE, SEMCONV_MODULES } from '../catalog/semconv.js';
import { DEPRECATED_SEMCONV_CONSTANTS, type DeprecatedSemconvConstant } from '../catalog/semconv-deprecations.js';
import { getPropertyName, getStaticString } from './ast.js';
import { getImportOrigin, type ImportOrigin } from './import-origins.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** One use of a deprecated semantic-convention constant. */
export interface DeprecatedConstantUse {
  /** The expression naming the constant: `SEMATTRS_HTTP_METHOD`, `SemanticAttributes.HTTP_METHOD`, `semconv.SEMATTRS_HTTP_METHOD`. */
  node: TSESTree.Identifier | TSESTree.MemberExpression;
  /** Its name in the deprecation table. */
  name: string;
  entry: DeprecatedSemconvConstant;
  /** For uses through a namespace import (`semconv.X`): the namespace's local name. */
  namespace: string | undefined;
  origin: ImportOrigin;
}

/** Every use of a deprecated constant imported (or required) from the semantic-conventions package. */
export function getDeprecatedConstantUses(program: TSESTree.Program, context: Context): DeprecatedConstantUse[] {
  const uses: DeprecatedConstantUse[] = [];
  for (const statement of program.body) {
    if (!isSemconvImport(statement)) continue;
    for (const variable of context.sourceCode.getDeclaredVariables(statement.type === AST_NODE_TYPES.VariableDeclaration ? statement.declarations[0]! : statement)) {
      const origin = variable.identifiers[0] && getImportOrigin(variable.identifiers[0], context);
      if (!origin) continue;
      for (const reference of variable.references) {
        if (reference.init || !reference.isRead()) continue;
        const use = getUse(reference.identifier as TSESTree.Identifier, origin);
        if (use) uses.push(use);
      }
    }
  }
  return uses;
}

function isSemconvImport(statement: TSESTree.ProgramStatement): statement is TSESTree.ImportDeclaration | TSESTree.VariableDeclaration {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return SEMCONV_MODULES.includes(statement.source.value);
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return false;
  const init = statement.declarations[0]!.init;
  return (
    init?.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    SEMCONV_MODULES.includes(getStaticString(init.arguments[0]) ?? '')
  );
}

function getUse(identifier: TSESTree.Identifier, origin: ImportOrigin): DeprecatedConstantUse | undefined {
  const parent = identifier.parent;
  // `export { SEMATTRS_X }` re-exports it: renaming would change this module's own exports.
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier) return undefined;
  const member = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier ? parent : undefined;
  if (origin.kind === 'named' && origin.imported) {
    if (!SEMCONV_CONSTANT_MAPS.includes(origin.imported)) return makeUse(identifier, origin.imported, undefined, origin);
    const property = member && getPropertyName(member);
    return member && property ? makeUse(member, `${origin.imported}.${property}`, undefined, origin) : undefined;
  }
  const property = member && getPropertyName(member);
  if (!member || !property) return undefined;
  if (!SEMCONV_CONSTANT_MAPS.includes(property)) return makeUse(member, property, identifier.name, origin);
  const outer = member.parent?.type === AST_NODE_TYPES.MemberExpression && member.parent.object === member ? member.parent : undefined;
  const inner = outer && getPropertyName(outer);
  return outer && inner ? makeUse(outer, `${property}.${inner}`, identifier.name, origin) : undefined;
}

function makeUse(node: DeprecatedConstantUse['node'], name: string, namespace: string | undefined, origin: ImportOrigin): DeprecatedConstantUse | undefined {
  const entry = Object.hasOwn(DEPRECATED_SEMCONV_CONSTANTS, name) ? DEPRECATED_SEMCONV_CONSTANTS[name] : undefined;
  return entry ? { node, name, entry, namespace, origin } : undefined;
}

/**
 * The fix that writes the stable constant in place of a use, importing it when needed and dropping the old import
 * once this was its last use. Undefined when it cannot be done safely (require, a name clash).
 */
export function getConstantFix(use: DeprecatedConstantUse, context: Context): TSESLint.ReportFixFunction | undefined {
  const replacement = use.entry.replacementConstant;
  if (!replacement) return undefined;
  if (use.namespace !== undefined) return (fixer) => fixer.replaceText(use.node, `${use.namespace}.${replacement}`);
  const { origin } = use;
  const declaration = origin.declaration;
  if (!declaration || origin.specifier?.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const specifier = origin.specifier;
  const sourceCode = context.sourceCode;
  const existing = findStableImport(context, replacement);
  const inScope = ASTUtils.findVariable(sourceCode.getScope(use.node), existing?.local ?? replacement);
  // Some other `ATTR_X` of the file's own would capture the new name.
  if (inScope && (!existing || inScope !== existing.variable)) return undefined;
  const lastUse = origin.variable.references.filter((reference) => !reference.init).length === 1;
  return (fixer) => {
    const fixes = [fixer.replaceText(use.node, existing?.local ?? replacement)];
    if (existing) {
      if (lastUse) fixes.push(...removeSpecifier(fixer, declaration, specifier, sourceCode));
      return fixes;
    }
    const target = findStableNamedImport(context, declaration);
    if (lastUse && (target === declaration || declaration.source.value === SEMCONV_MODULE)) {
      fixes.push(fixer.replaceText(specifier, replacement));
    } else if (lastUse && declaration.specifiers.length === 1 && !target) {
      fixes.push(fixer.replaceText(specifier, replacement), fixer.replaceText(declaration.source, quoteLike(declaration.source.raw, SEMCONV_MODULE)));
    } else {
      if (target) fixes.push(fixer.insertTextAfter(target.specifiers.at(-1)!, `, ${replacement}`));
      else {
        const semicolon = sourceCode.getText(declaration).endsWith(';') ? ';' : '';
        const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
        fixes.push(fixer.insertTextAfter(declaration, `${eol}import { ${replacement} } from ${quoteLike(declaration.source.raw, SEMCONV_MODULE)}${semicolon}`));
      }
      if (lastUse) fixes.push(...removeSpecifier(fixer, declaration, specifier, sourceCode));
    }
    return fixes;
  };
}

function quoteLike(raw: string, value: string): string {
  const quote = raw[0] === '"' ? '"' : "'";
  return `${quote}${value}${quote}`;
}

/** An existing value import of `name` from either entry point (both export the stable constants). */
function findStableImport(context: Context, name: string): { local: string; variable: TSESLint.Scope.Variable } | undefined {
  for (const statement of context.sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !SEMCONV_MODULES.includes(statement.source.value) || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind === 'type') continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      if (imported !== name) continue;
      const variable = context.sourceCode.getDeclaredVariables(specifier)[0];
      if (variable) return { local: specifier.local.name, variable };
    }
  }
  return undefined;
}

/** The stable entry point's named value import to add a specifier to; the old declaration first when it qualifies. */
function findStableNamedImport(context: Context, preferred: TSESTree.ImportDeclaration): TSESTree.ImportDeclaration | undefined {
  const candidates = context.sourceCode.ast.body.filter(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === SEMCONV_MODULE &&
      statement.importKind !== 'type' &&
      statement.specifiers.length > 0 &&
      statement.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  return candidates.find((candidate) => candidate === preferred) ?? candidates[0];
}

/** Removes one specifier with its comma, or the whole declaration (and its line break) when it was the only one. */
function removeSpecifier(fixer: TSESLint.RuleFixer, declaration: TSESTree.ImportDeclaration, specifier: TSESTree.ImportSpecifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.RuleFix[] {
  if (declaration.specifiers.length === 1) {
    const text = sourceCode.text;
    let end = declaration.range[1];
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n') end += 1;
    return [fixer.removeRange([declaration.range[0], end])];
  }
  const after = sourceCode.getTokenAfter(specifier);
  if (after?.value === ',') {
    const next = sourceCode.getTokenAfter(after);
    return [fixer.removeRange([specifier.range[0], next && next.value !== '}' ? next.range[0] : after.range[1]])];
  }
  const before = sourceCode.getTokenBefore(specifier);
  return [fixer.removeRange([before?.value === ',' ? before.range[0] : specifier.range[0], specifier.range[1]])];
}
