import { Node, type SourceFile } from 'ts-morph';
import type { FileStyle } from './file-style.js';
import { insertAfterImports, isCommonJsFile, isRequireOf } from './module-system.js';

/**
 * Makes each of `names` (values exported by `moduleName`) usable in the file, reusing what is already imported:
 * named imports are merged, a namespace or default import (`import * as api`, `const api = require(...)`) is used as
 * `api.name`, an alias is honoured, CommonJS files get `require`. Returns how to refer to each name.
 */
export function ensureNamedImports(
  sourceFile: SourceFile,
  path: string,
  moduleName: string,
  names: readonly string[],
  style: FileStyle,
): Record<string, string> {
  return isCommonJsFile(sourceFile, path)
    ? ensureRequired(sourceFile, moduleName, names, style)
    : ensureImported(sourceFile, moduleName, names, style);
}

function ensureImported(sourceFile: SourceFile, moduleName: string, names: readonly string[], style: FileStyle): Record<string, string> {
  const refs: Record<string, string> = {};
  const declarations = sourceFile.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === moduleName && !d.isTypeOnly());
  for (const declaration of declarations) {
    const namespace = declaration.getNamespaceImport()?.getText() ?? declaration.getDefaultImport()?.getText();
    for (const specifier of declaration.getNamedImports()) {
      if (specifier.isTypeOnly()) continue;
      const imported = specifier.getName();
      if (names.includes(imported)) refs[imported] = specifier.getAliasNode()?.getText() ?? imported;
    }
    if (namespace) for (const name of names) refs[name] ??= `${namespace}.${name}`;
  }
  const missing = names.filter((name) => refs[name] === undefined);
  if (missing.length === 0) return refs;
  const mergeable = declarations.find((d) => d.getNamedImports().length > 0 || (!d.getNamespaceImport() && !d.getDefaultImport()));
  if (mergeable) {
    for (const name of missing) {
      mergeable.addNamedImport(name);
      refs[name] = name;
    }
    return refs;
  }
  const quote = style.quote;
  const semicolon = style.semicolons ? ';' : '';
  insertAfterImports(sourceFile, `import { ${missing.join(', ')} } from ${quote}${moduleName}${quote}${semicolon}`);
  for (const name of missing) refs[name] = name;
  return refs;
}

function ensureRequired(sourceFile: SourceFile, moduleName: string, names: readonly string[], style: FileStyle): Record<string, string> {
  const refs: Record<string, string> = {};
  let destructuring: Node | undefined;
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const init = declaration.getInitializer();
    if (!init || !isRequireOf(init, moduleName)) continue;
    const nameNode = declaration.getNameNode();
    if (Node.isIdentifier(nameNode)) {
      for (const name of names) refs[name] ??= `${nameNode.getText()}.${name}`;
    } else if (Node.isObjectBindingPattern(nameNode)) {
      destructuring ??= nameNode;
      for (const element of nameNode.getElements()) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        if (names.includes(imported)) refs[imported] = element.getName();
      }
    }
  }
  const missing = names.filter((name) => refs[name] === undefined);
  if (missing.length === 0) return refs;
  if (destructuring && Node.isObjectBindingPattern(destructuring)) {
    const elements = destructuring.getElements().map((element) => element.getText());
    destructuring.replaceWithText(`{ ${[...elements, ...missing].join(', ')} }`);
  } else {
    const quote = style.quote;
    const semicolon = style.semicolons ? ';' : '';
    insertAfterImports(sourceFile, `const { ${missing.join(', ')} } = require(${quote}${moduleName}${quote})${semicolon}`);
  }
  for (const name of missing) refs[name] = name;
  return refs;
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
