import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPRECATED_SEMCONV_CONSTANTS, DEPRECATED_SEMCONV_KEYS, SEMCONV_TABLE_VERSION } from '../../src/catalog/semconv-deprecations.js';
import {
  buildSemconvDeprecationTable,
  findSemconvPackageDir,
  readSemconvDeclarations,
  renderSemconvDeprecationsModule,
} from '../../src/semconv/deprecations-source.js';

const packageDir = findSemconvPackageDir();
const texts = readSemconvDeclarations(packageDir);

describe('semconv deprecation table', () => {
  it('is what the generator makes of the installed package (run `npm run semconv:generate` when this fails)', () => {
    const committed = readFileSync(new URL('../../src/catalog/semconv-deprecations.ts', import.meta.url), 'utf8');
    expect(renderSemconvDeprecationsModule(buildSemconvDeprecationTable(texts))).toBe(committed);
    expect(SEMCONV_TABLE_VERSION).toBe(texts.version);
  });

  it('covers every deprecated attribute key of the installed package', () => {
    // Counted independently of the generator: every `@deprecated` JSDoc block directly followed by an ATTR_ string constant.
    const deprecatedKeys = new Set<string>();
    for (const text of [texts.stableAttributes, texts.incubatingAttributes]) {
      for (const block of text.split('/**').slice(1)) {
        const match = /\*\/\s*declare const ATTR_\w+: "([^"]+)";/.exec(block);
        const comment = block.slice(0, block.indexOf('*/')).replace(/\s*\*\s*/g, ' ');
        // "@deprecated Moved to the … semantic conventions repository" relocates a current key: not a deprecation.
        if (match && comment.includes('@deprecated') && !/@deprecated Moved to the /.test(comment)) deprecatedKeys.add(match[1]!);
      }
    }
    expect(deprecatedKeys.size).toBeGreaterThan(150);
    expect(Object.keys(DEPRECATED_SEMCONV_KEYS).sort()).toEqual([...deprecatedKeys].sort());
  });

  it('covers every SEMATTRS_, SEMRESATTRS_ constant and every SemanticAttributes member', () => {
    const names = [...`${texts.traceAttributes}\n${texts.resourceAttributes}`.matchAll(/declare const (SEM(?:RES)?ATTRS_\w+) = "/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(200);
    for (const name of names) expect(DEPRECATED_SEMCONV_CONSTANTS[name], name).toBeDefined();
    expect(DEPRECATED_SEMCONV_CONSTANTS['SemanticAttributes.HTTP_METHOD']).toEqual({
      key: 'http.method',
      replacementKey: 'http.request.method',
      replacementConstant: 'ATTR_HTTP_REQUEST_METHOD',
    });
  });

  it('gives the renames the guides need and leaves ambiguous notes without a replacement', () => {
    expect(DEPRECATED_SEMCONV_KEYS['http.method']).toBe('http.request.method');
    expect(DEPRECATED_SEMCONV_KEYS['http.status_code']).toBe('http.response.status_code');
    expect(DEPRECATED_SEMCONV_KEYS['db.statement']).toBe('db.query.text');
    // "Replaced by `server.address` on client spans and `client.address` on server spans."
    expect(DEPRECATED_SEMCONV_KEYS['net.peer.name']).toBeNull();
    // The constant is deprecated, the key is not: same key, stable constant.
    expect(DEPRECATED_SEMCONV_CONSTANTS.SEMATTRS_HTTP_ROUTE).toEqual({ key: 'http.route', replacementKey: 'http.route', replacementConstant: 'ATTR_HTTP_ROUTE' });
    // Relocated to the GenAI, client-side and mainframe repositories: current keys, not deprecated.
    expect(DEPRECATED_SEMCONV_KEYS['gen_ai.request.model']).toBeUndefined();
    expect(DEPRECATED_SEMCONV_KEYS['gen_ai.input.messages']).toBeUndefined();
    expect(DEPRECATED_SEMCONV_CONSTANTS.ATTR_GEN_AI_REQUEST_MODEL).toBeUndefined();
    // "Replaced by `gen_ai.usage.input_tokens`, which has moved to the … repository": the rename still holds.
    expect(DEPRECATED_SEMCONV_KEYS['gen_ai.usage.prompt_tokens']).toBe('gen_ai.usage.input_tokens');
    expect(DEPRECATED_SEMCONV_KEYS['gen_ai.system']).toBe('gen_ai.provider.name');
    // Stable keys are never in the key table.
    expect(DEPRECATED_SEMCONV_KEYS['http.request.method']).toBeUndefined();
    // Every replacement key is itself current, and every replacement constant is a stable export.
    for (const replacement of Object.values(DEPRECATED_SEMCONV_KEYS)) if (replacement !== null) expect(DEPRECATED_SEMCONV_KEYS[replacement]).toBeUndefined();
    for (const entry of Object.values(DEPRECATED_SEMCONV_CONSTANTS)) {
      if (entry.replacementConstant !== null) expect(texts.stableIndex).toMatch(new RegExp(`\\b${entry.replacementConstant}\\b`));
    }
  });
});
