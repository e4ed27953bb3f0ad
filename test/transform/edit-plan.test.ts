import { describe, expect, it } from 'vitest';
import { transformWithEdits } from '../../src/transform/edit-plan.js';

const options = { tracerName: 'svc' };

describe('EditPlan', () => {
  it('leaves out an edit that overlaps one planned before it, with a note naming the line and both edits', () => {
    const source = "import x from 'x';\nsend(x, { a: 1 });\n";
    const output = transformWithEdits({ path: 'src/a.ts', source, options }, (_file, plan) => {
      const call = source.indexOf('send');
      expect(plan.add({ start: call, end: call + 'send(x, { a: 1 })'.length, text: 'wrapped(() => send(x, { a: 1 }))', label: 'producer span' })).toBe(true);
      expect(plan.add({ start: source.indexOf('a: 1'), end: source.indexOf('a: 1') + 4, text: 'a: 2', label: 'carrier' })).toBe(false);
      return [];
    });
    expect(output.source).toBe("import x from 'x';\nwrapped(() => send(x, { a: 1 }));\n");
    expect(output.notes).toEqual([{ line: 2, kind: 'skipped', message: 'the edit "carrier" (line 2) overlaps the edit "producer span" (line 2) and was not made' }]);
  });

  it('takes an insertion at the edge of a replacement for no overlap', () => {
    const source = 'a(b);\n';
    const output = transformWithEdits({ path: 'a.ts', source, options }, (_file, plan) => {
      plan.add({ start: 2, end: 3, text: 'c' });
      plan.add({ start: 3, end: 3, text: ', d' });
      plan.add({ start: 2, end: 2, text: 'e, ' });
      return [];
    });
    expect(output.source).toBe('a(e, c, d);\n');
    expect(output.notes).toEqual([]);
  });

  it('writes the names asked of one module in several calls as one import, before the declarations', () => {
    const source = "import express from 'express';\n\nexport const app = express();\n";
    const output = transformWithEdits({ path: 'a.ts', source, options }, (_file, plan) => {
      const refs = plan.importNames('@opentelemetry/api', ['trace']);
      expect(plan.moduleTracer('svc', refs.trace!)).toBe('tracer');
      expect(plan.moduleTracer('svc', refs.trace!)).toBe('tracer');
      plan.importNames('@opentelemetry/api', ['trace', 'context']);
      plan.importNames('nats', ['headers']);
      return [];
    });
    expect(output.source).toBe(
      "import express from 'express';\nimport { trace, context } from '@opentelemetry/api';\nimport { headers } from 'nats';\nconst tracer = trace.getTracer('svc');\n\nexport const app = express();\n",
    );
  });

  it('adds to an existing named import keeping its spacing, and after a #! line in a file without imports', () => {
    const merged = transformWithEdits({ path: 'a.ts', source: "import {Get, Post} from '@nestjs/common';\n", options }, (_file, plan) => {
      plan.importNames('@nestjs/common', ['Headers']);
      return [];
    });
    expect(merged.source).toBe("import {Get, Post, Headers} from '@nestjs/common';\n");
    const script = transformWithEdits({ path: 'a.ts', source: '#!/usr/bin/env node\nmain();\n', options }, (_file, plan) => {
      plan.importNames('@opentelemetry/api', ['trace']);
      return [];
    });
    expect(script.source).toBe("#!/usr/bin/env node\nimport { trace } from '@opentelemetry/api';\nmain();\n");
  });

  it('leaves a file whose plan is empty byte for byte', () => {
    const source = 'const a   =  1 ;\r\n';
    expect(transformWithEdits({ path: 'a.ts', source, options }, () => []).source).toBe(source);
  });
});
