import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { TransformError } from '../../src/transform/types.js';
import { transforms } from '../../codemods/index.js';
import { describeFixturePairs, discoverFixturePairs, type FixturePair } from '../support/fixture-pairs.js';

const DIR = 'fixtures/inject-propagation';
const pairs = discoverFixturePairs('inject-propagation');

function run(fixture: FixturePair, source: string) {
  return injectPropagation.apply({ path: fixture.sourcePath, source, options: { tracerName: 'fixtures', ...fixture.options } });
}

describe('inject-propagation fixtures', () => {
  it('has at least 30 cases, registered under its name', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(30);
    expect(transforms['inject-propagation']).toBe(injectPropagation);
  });

  // A case without a .notes.json must give no note at all.
  describeFixturePairs(injectPropagation, pairs, { options: { tracerName: 'fixtures' }, defaultNotes: [] });
});

describe('the shared helper module', () => {
  it('is written to the path the helper option names, with every helper exported', () => {
    const fixture = pairs.find((candidate) => candidate.name === 'shared-helper-module')!;
    const output = run(fixture, fixture.input);
    expect(output.extraFiles).toEqual([{ path: fixture.options.helper, source: readFileSync(join(DIR, 'telemetry/propagation.ts'), 'utf8') }]);
  });

  it('is the same module whichever file asks for it, so files in another style do not rewrite it', () => {
    const fixture = pairs.find((candidate) => candidate.name === 'shared-helper-module')!;
    const doubleQuoted = fixture.input.replace(/'/g, '"').replace(/;$/gm, '');
    const output = run(fixture, doubleQuoted);
    expect(output.source).toContain('import { injectTraceContextAttributes } from "./telemetry/propagation.js"');
    expect(output.extraFiles?.[0]?.source).toBe(readFileSync(join(DIR, 'telemetry/propagation.ts'), 'utf8'));
  });
});

describe('inject-propagation output', () => {
  it('type-checks against the client libraries, as the inputs do', () => {
    const configPath = join(DIR, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error(`cannot read ${configPath}`);
    const outputs = config.fileNames.filter((file) => /\.(input|output)\.ts$/.test(file));
    expect(outputs.filter((file) => file.includes('.output.')).length).toBeGreaterThanOrEqual(25);
    const program = ts.createProgram(config.fileNames, config.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });

  it('parses as JavaScript where the input was JavaScript', () => {
    for (const fixture of pairs.filter((candidate) => /\.[cm]?js$/.test(candidate.sourcePath) && candidate.changes)) {
      const { diagnostics } = ts.transpileModule(fixture.expected, { reportDiagnostics: true, fileName: fixture.sourcePath });
      expect(diagnostics).toEqual([]);
    }
  });
});

describe('helper names the file already uses', () => {
  const publish = [
    "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
    'const sqs = new SQSClient({});',
    'export async function sendOrder(id: string): Promise<void> {',
    "  await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/orders', MessageBody: id }));",
    '}',
  ].join('\n');
  const apply = (source: string) => injectPropagation.apply({ path: 'src/orders.ts', source, options: { tracerName: 'orders' } });

  it('refuses a file with its own function of a helper name, naming the file and the name, instead of calling it', () => {
    const source = `${publish}\nfunction injectTraceContextAttributes(order: string): string {\n  return order.trim();\n}\n`;
    expect(() => apply(source)).toThrow(TransformError);
    expect(() => apply(source)).toThrow(/src\/orders\.ts.*`injectTraceContextAttributes`.*--helper/s);
  });

  it('refuses a file with a variable of a helper name, which a written helper would declare a second time', () => {
    expect(() => apply(`${publish}\nconst injectTraceContextAttributes = new Set<string>();\n`)).toThrow(/`injectTraceContextAttributes`/);
  });

  it('uses the helper an earlier run wrote, and an imported one under its local name', () => {
    const once = apply(publish).source;
    expect(apply(once).source).toBe(once);
    const imported = `import { injectTraceContextAttributes as withTrace } from './telemetry.js';\n${publish}`;
    const output = apply(imported).source;
    expect(output).toContain('MessageAttributes: withTrace({})');
    expect(output).not.toContain('function injectTraceContextAttributes');
  });
});
