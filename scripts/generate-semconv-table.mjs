// Writes src/catalog/semconv-deprecations.ts from the installed @opentelemetry/semantic-conventions declarations.
// Run through `npm run semconv:generate` (which builds first); test/catalog/semconv-deprecations.test.ts fails
// when the committed file no longer matches the package.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSemconvDeprecationTable, findSemconvPackageDir, readSemconvDeclarations, renderSemconvDeprecationsModule } from '../dist/src/semconv/deprecations-source.js';

const table = buildSemconvDeprecationTable(readSemconvDeclarations(findSemconvPackageDir()));
const target = fileURLToPath(new URL('../src/catalog/semconv-deprecations.ts', import.meta.url));
writeFileSync(target, renderSemconvDeprecationsModule(table));
console.error(`semconv-deprecations.ts: ${Object.keys(table.keys).length} keys, ${Object.keys(table.constants).length} constants (package ${table.version}).`);
