import { describe, expect, it } from 'vitest';
import { detectFileStyle } from '../../src/transform/file-style.js';
import { transformWithEdits } from '../../src/transform/edit-plan.js';
import { transformWithTsMorph } from '../../src/transform/parse.js';
import { TransformError } from '../../src/transform/types.js';

const options = { tracerName: 'svc' };

function addTracer(path: string, source: string): string {
  return transformWithEdits({ path, source, options }, (_file, plan) => {
    const refs = plan.importNames('@opentelemetry/api', ['trace', 'SpanStatusCode']);
    plan.moduleTracer('svc', refs.trace!);
    return [];
  }).source;
}

describe('detectFileStyle', () => {
  it('reads quotes, indentation, semicolons and line endings by majority', () => {
    expect(detectFileStyle('const a = "x";\r\nif (a) {\r\n    go("y");\r\n}\r\n')).toEqual({ quote: '"', indentUnit: '    ', semicolons: true, eol: '\r\n' });
    expect(detectFileStyle("const a = 'x'\nif (a) {\n\tgo('y')\n}\n")).toEqual({ quote: "'", indentUnit: '\t', semicolons: false, eol: '\n' });
  });
});

describe('EditPlan.importNames and moduleTracer', () => {
  it('adds an import and a tracer after the existing imports', () => {
    expect(addTracer('a.ts', "import express from 'express';\n\nexport const app = express();\n")).toBe(
      "import express from 'express';\nimport { trace, SpanStatusCode } from '@opentelemetry/api';\nconst tracer = trace.getTracer('svc');\n\nexport const app = express();\n",
    );
  });

  it('merges into an existing named import and reuses an existing tracer', () => {
    const source = 'import { trace } from "@opentelemetry/api"\nconst t = trace.getTracer("x")\n';
    expect(addTracer('a.ts', source)).toBe('import { trace, SpanStatusCode } from "@opentelemetry/api"\nconst t = trace.getTracer("x")\n');
  });

  it('uses a namespace import as it is', () => {
    const source = "import * as api from '@opentelemetry/api';\nexport {};\n";
    expect(addTracer('a.ts', source)).toBe("import * as api from '@opentelemetry/api';\nconst tracer = api.trace.getTracer('svc');\nexport {};\n");
  });

  it('writes require in CommonJS files and merges destructuring', () => {
    expect(addTracer('a.js', "const express = require('express');\nmodule.exports = express;\n")).toBe(
      "const express = require('express');\nconst { trace, SpanStatusCode } = require('@opentelemetry/api');\nconst tracer = trace.getTracer('svc');\nmodule.exports = express;\n",
    );
    expect(addTracer('a.cjs', "const { trace } = require('@opentelemetry/api');\n")).toBe(
      "const { trace, SpanStatusCode } = require('@opentelemetry/api');\nconst tracer = trace.getTracer('svc');\n",
    );
  });

  it('keeps CRLF line endings', () => {
    expect(addTracer('a.ts', "import x from 'x';\r\nx();\r\n")).toBe(
      "import x from 'x';\r\nimport { trace, SpanStatusCode } from '@opentelemetry/api';\r\nconst tracer = trace.getTracer('svc');\r\nx();\r\n",
    );
  });

  it('does not shadow a top-level name that is taken', () => {
    expect(addTracer('a.ts', 'const tracer = 1;\n')).toContain("const otelTracer = trace.getTracer('svc');");
  });
});

describe('transformWithTsMorph', () => {
  it('returns the input unchanged when the edit changes nothing', () => {
    const source = 'const a   =  1 ;\n';
    expect(transformWithTsMorph({ path: 'a.ts', source, options }, () => ({ changed: false, notes: [] })).source).toBe(source);
  });

  it('refuses a file with a syntax error, naming the file and the place', () => {
    expect(() => transformWithTsMorph({ path: 'src/bad.ts', source: 'const = ;\n', options }, () => ({ changed: true, notes: [] }))).toThrow(TransformError);
    expect(() => transformWithTsMorph({ path: 'src/bad.ts', source: 'const = ;\n', options }, () => ({ changed: true, notes: [] }))).toThrow(/^src\/bad\.ts: syntax error at 1:7/);
  });
});
