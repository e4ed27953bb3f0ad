import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { SourceFile } from 'ts-morph';

const RUNTIME_EXTENSIONS: Record<string, string> = { '.ts': '.js', '.tsx': '.js', '.mts': '.mjs', '.cts': '.cjs' };

const packageTypes = new Map<string, boolean>();

/** Whether the nearest package.json above a folder says `"type": "module"`. */
function isModulePackage(folder: string): boolean {
  const cached = packageTypes.get(folder);
  if (cached !== undefined) return cached;
  const manifest = join(folder, 'package.json');
  let result: boolean;
  if (existsSync(manifest)) {
    try {
      result = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      result = false;
    }
  } else {
    const parent = dirname(folder);
    result = parent === folder ? false : isModulePackage(parent);
  }
  packageTypes.set(folder, result);
  return result;
}

/**
 * The specifier a file imports another module of its project with: relative, and written the way the file's own
 * relative imports are (`./x.js`, `./x.ts` or `./x`). A file without any follows how Node will load it: ES modules
 * (`.mjs`/`.mts`, or a package with `"type": "module"`) need the runtime extension, CommonJS does not.
 */
export function getRelativeImportSpecifier(sourceFile: SourceFile, filePath: string, targetPath: string): string {
  let specifier = relative(dirname(resolve(filePath)), resolve(targetPath)).replace(/\\/g, '/');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const extension = extname(specifier);
  const bare = extension ? specifier.slice(0, -extension.length) : specifier;
  const runtime = RUNTIME_EXTENSIONS[extension] ?? extension;
  const relativeImports = sourceFile.getImportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s) => /^\.\.?\//.test(s));
  if (relativeImports.some((s) => /\.(c|m)?js$/.test(s))) return `${bare}${runtime}`;
  if (relativeImports.some((s) => /\.(c|m)?tsx?$/.test(s))) return specifier;
  if (relativeImports.length > 0) return bare;
  const esm = /\.(mts|mjs)$/i.test(filePath) || (!/\.(cts|cjs)$/i.test(filePath) && isModulePackage(dirname(resolve(filePath))));
  return esm ? `${bare}${runtime}` : bare;
}
