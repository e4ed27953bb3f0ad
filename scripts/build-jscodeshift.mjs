// Writes dist/jscodeshift/<transform>.js for every registered transform (run by `npm run build` after tsc): the modules
// behind `otel-codemod/jscodeshift/<transform>`, usable as
// `npx jscodeshift -t node_modules/otel-codemod/dist/jscodeshift/<transform>.js --parser=tsx src/`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { transforms } from '../dist/codemods/index.js';
import { renderJscodeshiftModule } from '../dist/src/jscodeshift/module-source.js';

const outDir = new URL('../dist/jscodeshift/', import.meta.url);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// The generated modules are CommonJS inside an ESM package.
writeFileSync(new URL('package.json', outDir), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const name of Object.keys(transforms).sort()) {
  writeFileSync(new URL(`${name}.js`, outDir), renderJscodeshiftModule(name, '../src/jscodeshift/thread-runner.js', '../codemods/index.js'));
}
