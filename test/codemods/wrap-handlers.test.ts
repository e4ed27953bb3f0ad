import { describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { createJscodeshiftTransform } from '../../src/jscodeshift/adapter.js';
import { discoverCases, readText } from './wrap-handlers-fixtures.js';

const options = { tracerName: 'my-service' };
const cases = discoverCases();
const viaJscodeshift = createJscodeshiftTransform(wrapHandlers);

function run(path: string, source: string): string {
  return wrapHandlers.apply({ path, source, options }).source;
}

describe('wrap-handlers fixtures', () => {
  it('has at least 30 input/output pairs', () => {
    expect(cases.filter((fixture) => fixture.outputPath).length).toBeGreaterThanOrEqual(30);
  });

  describe.each(cases)('$name', (fixture) => {
    const input = readText(fixture.inputPath);
    const expected = fixture.outputPath ? readText(fixture.outputPath) : input;

    it(fixture.outputPath ? 'produces the output file byte for byte' : 'leaves the file byte for byte as it was', () => {
      expect(run(fixture.sourcePath, input)).toBe(expected);
    });

    it('gives the same bytes through the jscodeshift adapter', () => {
      const reports: string[] = [];
      const result = viaJscodeshift({ path: fixture.sourcePath, source: input }, { report: (message) => reports.push(message) }, { tracerName: 'my-service' });
      // jscodeshift's contract: the new text, the same text, or undefined for a file the pre-filter rules out.
      if (fixture.outputPath) expect(result).toBe(expected);
      else expect([undefined, input]).toContain(result);
    });

    it('changes nothing on a second run', () => {
      expect(run(fixture.sourcePath, expected)).toBe(expected);
    });

    it('passes the text pre-filter whenever it changes the file', () => {
      expect(fixture.outputPath === undefined || wrapHandlers.mayApply(input)).toBe(true);
    });
  });
});
