// Span options longer than the project's line width are written over several lines; the width comes from Prettier's
// printWidth, else .editorconfig's max_line_length, else 100.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { getLineWidth } from '../../src/transform/line-width.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-codemod-width-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ROUTE = `import express from 'express';

export const app = express();

app.get('/orders/:id', async (req, res) => {
  res.json({ id: req.params.id });
});
`;

function wrap(dir: string): string[] {
  return wrapHandlers.apply({ path: join(dir, 'src/routes.ts'), source: ROUTE, options: { tracerName: 'orders' } }).source.split('\n');
}

describe('getLineWidth', () => {
  it('is 100 when the project says nothing', () => {
    const dir = makeProject({ 'package.json': '{"name":"a"}' });
    expect(getLineWidth(join(dir, 'src/a.ts'))).toBe(100);
  });

  it("reads .editorconfig's max_line_length for the file's section, the nearest file first", () => {
    const dir = makeProject({
      '.editorconfig': 'root = true\n\n[*]\nmax_line_length = 140\n\n[*.{md,txt}]\nmax_line_length = off\n',
      'legacy/.editorconfig': '[*.ts]\nmax_line_length = 160\n',
    });
    expect(getLineWidth(join(dir, 'src/a.ts'))).toBe(140);
    expect(getLineWidth(join(dir, 'legacy/a.ts'))).toBe(160);
    // `off` sets no width: the default applies.
    expect(getLineWidth(join(dir, 'README.md'))).toBe(100);
  });

  it("takes Prettier's printWidth over .editorconfig, from .prettierrc or package.json", () => {
    const dir = makeProject({ '.editorconfig': '[*]\nmax_line_length = 140\n', '.prettierrc': '{ "printWidth": 120 }', 'web/package.json': '{ "prettier": { "printWidth": 90 } }' });
    expect(getLineWidth(join(dir, 'src/a.ts'))).toBe(120);
    expect(getLineWidth(join(dir, 'web/src/a.ts'))).toBe(90);
  });

  it('a Prettier config without printWidth means .editorconfig as Prettier reads it, else Prettier’s 80', () => {
    const withEditorConfig = makeProject({ '.editorconfig': '[*]\nmax_line_length = 140\n', '.prettierrc.yaml': 'singleQuote: true\n' });
    expect(getLineWidth(join(withEditorConfig, 'src/a.ts'))).toBe(140);
    const alone = makeProject({ '.prettierrc.yaml': 'singleQuote: true\n' });
    expect(getLineWidth(join(alone, 'src/a.ts'))).toBe(80);
  });
});

describe('span options and the line width', () => {
  it('keeps the options on the call line when the line fits the width', () => {
    const dir = makeProject({ '.editorconfig': '[*.ts]\nmax_line_length = 240\n' });
    const line = wrap(dir).find((text) => text.includes('startActiveSpan('));
    expect(line).toBe("  return tracer.startActiveSpan('GET /orders/:id', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.route': '/orders/:id' } }, propagation.extract(context.active(), req.headers), async (span) => {");
  });

  it('writes them one member a line when the line is longer than the width (100 by default)', () => {
    const lines = wrap(makeProject({}));
    const start = lines.findIndex((text) => text.includes('startActiveSpan('));
    expect(lines.slice(start, start + 4)).toEqual([
      "  return tracer.startActiveSpan('GET /orders/:id', {",
      '    kind: SpanKind.SERVER,',
      "    attributes: { 'http.request.method': 'GET', 'http.route': '/orders/:id' },",
      '  }, propagation.extract(context.active(), req.headers), async (span) => {',
    ]);
  });

  it('breaks a nested object too when its own line is still too long (printWidth 60)', () => {
    const lines = wrap(makeProject({ '.prettierrc': '{ "printWidth": 60 }' }));
    const start = lines.findIndex((text) => text.includes('startActiveSpan('));
    expect(lines.slice(start, start + 7)).toEqual([
      "  return tracer.startActiveSpan('GET /orders/:id', {",
      '    kind: SpanKind.SERVER,',
      '    attributes: {',
      "      'http.request.method': 'GET',",
      "      'http.route': '/orders/:id',",
      '    },',
      '  }, propagation.extract(context.active(), req.headers), async (span) => {',
    ]);
  });
});
