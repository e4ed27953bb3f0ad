// The floor for codemod throughput: read every file and parse it with TypeScript's createSourceFile, nothing more.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function walk(dir, out) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(?:[cm]?[jt]sx?)$/.test(entry)) out.push(path);
  }
  return out;
}

let nodes = 0;
for (const file of walk(process.argv[2], [])) {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
  nodes += sourceFile.statements.length;
}
process.stdout.write(`${nodes}\n`);
