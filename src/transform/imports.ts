import { Node, type ImportDeclaration, type SourceFile } from 'ts-morph';
import type { FileStyle } from './file-style.js';
import { isCommonJsFile, isRequireOf } from './module-system.js';
import type { TextEdit } from './text-edits.js';

/** How the file refers to names a module exports, and what writing the missing ones takes. */
export interface ImportResolution {
  /** How to refer to each name that is already reachable (`trace`, `api.trace`, an alias). */
  refs: Record<string, string>;
  /** Names the file does not reach yet; they are written under their own name. */
  missing: string[];
}

/**
 * How the file reaches each of `names` (values exported by `moduleName`) as it is: named imports (aliases honoured),
 * a namespace or default import (`import * as api`, `const api = require(...)`) used as `api.name`, a destructured
 * `require`. Reads the tree only.
 */
export function resolveImports(sourceFile: SourceFile, path: string, moduleName: string, names: readonly string[]): ImportResolution {
  const refs = isCommonJsFile(sourceFile, path) ? resolveRequired(sourceFile, moduleName, names) : resolveImported(sourceFile, moduleName, names);
  return { refs, missing: names.filter((name) => refs[name] === undefined) };
}

function getValueImports(sourceFile: SourceFile, moduleName: string): ImportDeclaration[] {
  return sourceFile.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === moduleName && !d.isTypeOnly());
}

function resolveImported(sourceFile: SourceFile, moduleName: string, names: readonly string[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const declaration of getValueImports(sourceFile, moduleName)) {
    const namespace = declaration.getNamespaceImport()?.getText() ?? declaration.getDefaultImport()?.getText();
    for (const specifier of declaration.getNamedImports()) {
      if (specifier.isTypeOnly()) continue;
      const imported = specifier.getName();
      if (names.includes(imported)) refs[imported] = specifier.getAliasNode()?.getText() ?? imported;
    }
    if (namespace) for (const name of names) refs[name] ??= `${namespace}.${name}`;
  }
  return refs;
}

function resolveRequired(sourceFile: SourceFile, moduleName: string, names: readonly string[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const init = declaration.getInitializer();
    if (!init || !isRequireOf(init, moduleName)) continue;
    const nameNode = declaration.getNameNode();
    if (Node.isIdentifier(nameNode)) {
      for (const name of names) refs[name] ??= `${nameNode.getText()}.${name}`;
    } else if (Node.isObjectBindingPattern(nameNode)) {
      for (const element of nameNode.getElements()) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        if (names.includes(imported)) refs[imported] = element.getName();
      }
    }
  }
  return refs;
}

/**
 * What makes `missing` reachable: an edit that adds them to an existing named import or `require` destructuring of
 * the module, or else a new statement to write after the imports.
 */
export function planImportAddition(
  sourceFile: SourceFile,
  path: string,
  moduleName: string,
  missing: readonly string[],
  style: FileStyle,
): { edit: TextEdit } | { statement: string } {
  const quote = style.quote;
  const semicolon = style.semicolons ? ';' : '';
  const label = `import ${missing.join(', ')} from ${moduleName}`;
  if (isCommonJsFile(sourceFile, path)) {
    const destructuring = sourceFile
      .getVariableDeclarations()
      .find((declaration) => declaration.getInitializer() !== undefined && isRequireOf(declaration.getInitializer()!, moduleName) && Node.isObjectBindingPattern(declaration.getNameNode()));
    if (destructuring) {
      const pattern = destructuring.getNameNode();
      const elements = Node.isObjectBindingPattern(pattern) ? pattern.getElements().map((element) => element.getText()) : [];
      return { edit: { start: pattern.getStart(), end: pattern.getEnd(), text: `{ ${[...elements, ...missing].join(', ')} }`, label } };
    }
    return { statement: `const { ${missing.join(', ')} } = require(${quote}${moduleName}${quote})${semicolon}` };
  }
  const mergeable = getValueImports(sourceFile, moduleName).find((d) => d.getNamedImports().length > 0 || (!d.getNamespaceImport() && !d.getDefaultImport()));
  if (mergeable) return { edit: { ...getNamedImportsEdit(mergeable, missing), label } };
  return { statement: `import { ${missing.join(', ')} } from ${quote}${moduleName}${quote}${semicolon}` };
}

/** Adds names after the last named import (`{ a }` → `{ a, b }`), or gives a bare `import 'x'` / `import {} from 'x'` its braces. */
function getNamedImportsEdit(declaration: ImportDeclaration, names: readonly string[]): Omit<TextEdit, 'label'> {
  const added = names.join(', ');
  const last = declaration.getNamedImports().at(-1);
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: `, ${added}` };
  const clause = declaration.getImportClause();
  if (clause) return { start: clause.getStart(), end: clause.getEnd(), text: `{ ${added} }` };
  const specifier = declaration.getModuleSpecifier();
  return { start: specifier.getStart(), end: specifier.getStart(), text: `{ ${added} } from ` };
}

/** Whether the file declares `name` at its top level in any way (variable, function, class, import). */
export function isTopLevelNameTaken(sourceFile: SourceFile, name: string): boolean {
  if (sourceFile.getVariableDeclaration(name) || sourceFile.getFunction(name) || sourceFile.getClass(name)) return true;
  return sourceFile.getImportDeclarations().some((declaration) =>
    declaration.getDefaultImport()?.getText() === name ||
    declaration.getNamespaceImport()?.getText() === name ||
    declaration.getNamedImports().some((specifier) => (specifier.getAliasNode()?.getText() ?? specifier.getName()) === name),
  );
}
