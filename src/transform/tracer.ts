import { Node, type SourceFile } from 'ts-morph';
import { TRACER_FACTORY_METHODS } from '../catalog/otel-api.js';
import type { FileStyle } from './file-style.js';
import { isTopLevelNameTaken } from './imports.js';

/** The name of a module-level `const x = <…>.getTracer(…)` in the file, if there is one. */
export function findModuleTracer(sourceFile: SourceFile): string | undefined {
  for (const statement of sourceFile.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const init = declaration.getInitializer();
      if (!init || !Node.isCallExpression(init)) continue;
      const callee = init.getExpression();
      if (Node.isPropertyAccessExpression(callee) && TRACER_FACTORY_METHODS.includes(callee.getName()) && Node.isIdentifier(declaration.getNameNode())) {
        return declaration.getName();
      }
    }
  }
  return undefined;
}

/**
 * The name for a new module-level tracer, and its declaration: `const tracer = trace.getTracer('<name>')`, with a
 * variable name the file does not use at its top level. `traceRef` is how the file refers to the API's `trace`.
 */
export function renderModuleTracer(sourceFile: SourceFile, tracerName: string, traceRef: string, style: FileStyle): { variable: string; statement: string } {
  const variable = ['tracer', 'otelTracer', 'otelCodemodTracer'].find((name) => !isTopLevelNameTaken(sourceFile, name)) ?? 'otelCodemodTracer';
  const quote = style.quote;
  const semicolon = style.semicolons ? ';' : '';
  const name = tracerName.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`);
  return { variable, statement: `const ${variable} = ${traceRef}.getTracer(${quote}${name}${quote})${semicolon}` };
}
