/**
 * Reads the deprecation notes of `@opentelemetry/semantic-conventions` out of its declaration files and renders
 * src/catalog/semconv-deprecations.ts. Used by scripts/generate-semconv-table.mjs (writes the file) and by
 * test/catalog/semconv-deprecations.test.ts (checks the committed file against the installed package).
 * The declarations are generated code with a regular shape (a JSDoc block, then `declare const NAME…`), so plain
 * text matching is enough and keeps this free of AST libraries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The declaration files of the package this table is built from, as text. */
export interface SemconvDeclarationTexts {
  version: string;
  /** dist/index.d.mts: what the stable entry point exports. */
  stableIndex: string;
  /** dist/stable_attributes.d.mts */
  stableAttributes: string;
  /** dist/experimental_attributes.d.mts (the incubating entry point's attributes) */
  incubatingAttributes: string;
  /** dist/trace/SemanticAttributes.d.mts (SEMATTRS_* and SemanticAttributes) */
  traceAttributes: string;
  /** dist/resource/SemanticResourceAttributes.d.mts (SEMRESATTRS_* and SemanticResourceAttributes) */
  resourceAttributes: string;
}

export interface DeprecatedConstantEntry {
  key: string;
  replacementKey: string | null;
  replacementConstant: string | null;
}

export interface SemconvDeprecationTable {
  version: string;
  /** Deprecated attribute key → the key that replaces it, or null when the package names no single replacement. */
  keys: Record<string, string | null>;
  /** Deprecated constant (`SEMATTRS_HTTP_METHOD`, `SemanticAttributes.HTTP_METHOD`, `ATTR_HTTP_METHOD`) → what to use. */
  constants: Record<string, DeprecatedConstantEntry>;
}

interface Declaration {
  name: string;
  value: string;
  deprecated: string | undefined;
}

/** The folder of the installed package (its `exports` hide package.json, so walk up from the entry point). */
export function findSemconvPackageDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@opentelemetry/semantic-conventions'));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@opentelemetry/semantic-conventions: package.json not found');
    dir = parent;
  }
  return dir;
}

export function readSemconvDeclarations(packageDir: string): SemconvDeclarationTexts {
  const read = (path: string) => readFileSync(join(packageDir, path), 'utf8');
  const manifest = JSON.parse(read('package.json')) as { version: string };
  return {
    version: manifest.version,
    stableIndex: read('dist/index.d.mts'),
    stableAttributes: read('dist/stable_attributes.d.mts'),
    incubatingAttributes: read('dist/experimental_attributes.d.mts'),
    traceAttributes: read('dist/trace/SemanticAttributes.d.mts'),
    resourceAttributes: read('dist/resource/SemanticResourceAttributes.d.mts'),
  };
}

// `/** … */` followed by `declare const NAME: "value";` or `declare const NAME = "value";`
const DECLARATION = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*declare const (\w+)(?:: "([^"]*)"| = "([^"]*)");/g;

/** Every string constant declared with a JSDoc block, with the text of its `@deprecated` tag when it has one. */
export function getStringDeclarations(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const match of text.matchAll(DECLARATION)) {
    declarations.push({ name: match[2]!, value: (match[3] ?? match[4])!, deprecated: getDeprecationNote(match[1]!) });
  }
  return declarations;
}

function getDeprecationNote(comment: string): string | undefined {
  const lines = comment.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trim());
  const start = lines.findIndex((line) => line.startsWith('@deprecated'));
  if (start === -1) return undefined;
  const note: string[] = [lines[start]!.slice('@deprecated'.length).trim()];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('@')) break;
    note.push(line);
  }
  return note.join(' ').replace(/\s+/g, ' ').trim();
}

/** Members of a `type Name = { MEMBER: 'value'; … }` map (SemanticAttributes, SemanticResourceAttributes). */
export function getMapMembers(text: string, typeName: string): Array<{ name: string; value: string }> {
  const start = text.indexOf(`type ${typeName} = {`);
  if (start === -1) return [];
  const end = text.indexOf('\n};', start);
  const body = text.slice(start, end);
  return [...body.matchAll(/^\s*(\w+): '([^']*)';$/gm)].map((match) => ({ name: match[1]!, value: match[2]! }));
}

// Only a note naming exactly one key as the replacement gives a fix; "Replaced by `a` on client spans and `b` on
// server spans", "… but only if …" or "(string)" need a person. "Replaced by `x`, which has moved to the … semantic
// conventions repository" names `x` all the same: where `x` is now documented does not change the rename.
const SINGLE_REPLACEMENT = /^(?:Replaced by|Use) `([\w.-]+)`(?: instead)?(?:, which has moved to the .*semantic conventions repository.*)?\.?$/;

// "Moved to the [OpenTelemetry GenAI semantic conventions repository](…)": the key is current and only documented
// elsewhere now (GenAI, client-side, mainframe). A relocation, not a deprecation.
const RELOCATION = /^Moved to the .*semantic conventions repository/;

/** Whether a `@deprecated` note deprecates the key (a relocation note does not). */
export function isDeprecationNote(note: string | undefined): note is string {
  return note !== undefined && !RELOCATION.test(note);
}

export function buildSemconvDeprecationTable(texts: SemconvDeclarationTexts): SemconvDeprecationTable {
  const attributeDeclarations = [...getStringDeclarations(texts.stableAttributes), ...getStringDeclarations(texts.incubatingAttributes)].filter((d) =>
    d.name.startsWith('ATTR_'),
  );
  const knownKeys = new Set(attributeDeclarations.map((d) => d.value));

  const directReplacements = new Map<string, string | null>();
  for (const declaration of attributeDeclarations) {
    if (!isDeprecationNote(declaration.deprecated)) continue;
    const replacement = SINGLE_REPLACEMENT.exec(declaration.deprecated)?.[1];
    directReplacements.set(declaration.value, replacement !== undefined && knownKeys.has(replacement) ? replacement : null);
  }
  const keys: Record<string, string | null> = {};
  for (const key of [...directReplacements.keys()].sort()) keys[key] = resolveReplacement(key, directReplacements);

  // Stable constants: declared in stable_attributes, not deprecated, exported by the stable entry point.
  const stableConstantByKey = new Map<string, string>();
  for (const declaration of getStringDeclarations(texts.stableAttributes)) {
    if (!declaration.name.startsWith('ATTR_') || isDeprecationNote(declaration.deprecated)) continue;
    if (!new RegExp(`\\b${declaration.name}\\b`).test(texts.stableIndex)) continue;
    stableConstantByKey.set(declaration.value, declaration.name);
  }

  const constants: Record<string, DeprecatedConstantEntry> = {};
  const addConstant = (name: string, key: string) => {
    const replacementKey = Object.hasOwn(keys, key) ? keys[key]! : key;
    const replacementConstant = replacementKey === null ? null : (stableConstantByKey.get(replacementKey) ?? null);
    constants[name] = { key, replacementKey, replacementConstant };
  };
  const constantSources: Array<[string, Declaration[]]> = [
    ['SEMATTRS_', getStringDeclarations(texts.traceAttributes)],
    ['SEMRESATTRS_', getStringDeclarations(texts.resourceAttributes)],
    ['ATTR_', attributeDeclarations],
  ];
  for (const [prefix, declarations] of constantSources) {
    for (const declaration of declarations) {
      if (declaration.name.startsWith(prefix) && isDeprecationNote(declaration.deprecated)) addConstant(declaration.name, declaration.value);
    }
  }
  for (const [mapName, text] of [
    ['SemanticAttributes', texts.traceAttributes],
    ['SemanticResourceAttributes', texts.resourceAttributes],
  ] as const) {
    for (const member of getMapMembers(text, mapName)) addConstant(`${mapName}.${member.name}`, member.value);
  }
  const sortedConstants: Record<string, DeprecatedConstantEntry> = {};
  for (const name of Object.keys(constants).sort()) sortedConstants[name] = constants[name]!;
  return { version: texts.version, keys, constants: sortedConstants };
}

/** Follows a chain of renames (a → b, b deprecated → c) to the key in use today; null when the chain ends nowhere. */
function resolveReplacement(key: string, replacements: Map<string, string | null>): string | null {
  const seen = new Set<string>([key]);
  let current = replacements.get(key) ?? null;
  while (current !== null && replacements.has(current)) {
    if (seen.has(current)) return null;
    seen.add(current);
    current = replacements.get(current) ?? null;
  }
  return current;
}

function quote(value: string | null): string {
  return value === null ? 'null' : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The text of src/catalog/semconv-deprecations.ts for a table. */
export function renderSemconvDeprecationsModule(table: SemconvDeprecationTable): string {
  const lines = [
    `// Generated by scripts/generate-semconv-table.mjs from @opentelemetry/semantic-conventions ${table.version}.`,
    '// Do not edit by hand: run `npm run semconv:generate` after changing the installed package.',
    '',
    'export interface DeprecatedSemconvConstant {',
    '  /** The attribute key the constant holds. */',
    '  key: string;',
    '  /** The key to use instead: the same key when only the constant is deprecated, null when there is no single replacement. */',
    '  replacementKey: string | null;',
    '  /** The constant of the stable entry point that holds `replacementKey`, when there is one. */',
    '  replacementConstant: string | null;',
    '}',
    '',
    `export const SEMCONV_TABLE_VERSION = ${quote(table.version)};`,
    '',
    '/** Deprecated attribute key → the key that replaces it, or null when the package names no single replacement. */',
    'export const DEPRECATED_SEMCONV_KEYS: Readonly<Record<string, string | null>> = {',
    ...Object.entries(table.keys).map(([key, replacement]) => `  ${quote(key)}: ${quote(replacement)},`),
    '};',
    '',
    '/** Deprecated constants of the package (`SEMATTRS_*`, `SEMRESATTRS_*`, `SemanticAttributes.*`, deprecated `ATTR_*`). */',
    'export const DEPRECATED_SEMCONV_CONSTANTS: Readonly<Record<string, DeprecatedSemconvConstant>> = {',
    ...Object.entries(table.constants).map(
      ([name, entry]) =>
        `  ${name.includes('.') ? quote(name) : name}: { key: ${quote(entry.key)}, replacementKey: ${quote(entry.replacementKey)}, replacementConstant: ${quote(entry.replacementConstant)} },`,
    ),
    '};',
    '',
  ];
  return lines.join('\n');
}
