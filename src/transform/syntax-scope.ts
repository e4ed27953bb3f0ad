import { Node, type Identifier, type SourceFile } from 'ts-morph';

// Symbol look-ups in ts-morph build a type checker for the whole project, which costs more than the rest of a
// transform; the questions codemods ask (where is this local declared, is this exported) are answered from syntax.

/** The initializer of the nearest `const`/`let`/`var` declaring `identifier`'s name in an enclosing block or the file. */
export function findVariableInitializer(identifier: Identifier): Node | undefined {
  const name = identifier.getText();
  for (const ancestor of identifier.getAncestors()) {
    if (!Node.isBlock(ancestor) && !Node.isSourceFile(ancestor) && !Node.isModuleBlock(ancestor)) continue;
    for (const statement of ancestor.getStatements()) {
      if (!Node.isVariableStatement(statement)) continue;
      const declaration = statement.getDeclarations().find((candidate) => candidate.getName() === name);
      if (declaration) return declaration.getInitializer();
    }
  }
  return undefined;
}

/** `export function name`, `export const name`, or `name` listed in an `export { … }` of the file itself. */
export function isExportedByName(sourceFile: SourceFile, statement: Node, name: string): boolean {
  if (Node.isExportable(statement) && statement.hasExportKeyword()) return true;
  return sourceFile
    .getExportDeclarations()
    .some((declaration) => !declaration.getModuleSpecifier() && declaration.getNamedExports().some((specifier) => specifier.getName() === name));
}
