import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { mayStartSpans, mentionsAnyMember, mentionsAnyWord, mentionsText } from '../../src/lint/file-gates.js';

function sourceCodeOf(code: string) {
  const linter = new Linter({ configType: 'flat' });
  linter.verify(code, [{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }]);
  return linter.getSourceCode() as never;
}

describe('file gates', () => {
  it('finds a word only as a whole word', () => {
    const sourceCode = sourceCodeOf('const x = obj.addEventListener(); recorder.recordAll();');
    expect(mentionsAnyWord(sourceCode, ['add', 'record', 'addEvent'])).toBe(false);
    expect(mentionsAnyWord(sourceCodeOf('counter.add(1);'), ['add'])).toBe(true);
  });

  it('lets a project start function open the span gate', () => {
    expect(mayStartSpans(sourceCodeOf('withSpan(() => work());'))).toBe(false);
    expect(mayStartSpans(sourceCodeOf('withSpan(() => work());'), ['withSpan'])).toBe(true);
    expect(mayStartSpans(sourceCodeOf("tracer.startActiveSpan('x', (s) => s.end());"))).toBe(true);
  });

  it('finds a module name anywhere in the text', () => {
    expect(mentionsText(sourceCodeOf("import { NodeSDK } from '@opentelemetry/sdk-node';"), '@opentelemetry/')).toBe(true);
    expect(mentionsText(sourceCodeOf("import express from 'express';"), '@opentelemetry/')).toBe(false);
  });
});

describe('member gates', () => {
  it('finds a name only where a method or a constructed class can stand', () => {
    expect(mentionsAnyMember(sourceCodeOf('const add = 1; add + 2;'), ['add'])).toBe(false);
    expect(mentionsAnyMember(sourceCodeOf('counter\n  .add(1);'), ['add'])).toBe(true);
    expect(mentionsAnyMember(sourceCodeOf("queue?.['add'](job);"), ['add'])).toBe(true);
    expect(mentionsAnyMember(sourceCodeOf('client.send(new SendMessageCommand(input));'), ['SendMessageCommand'])).toBe(true);
    expect(mentionsAnyMember(sourceCodeOf('const SendMessageCommand = 1;'), ['SendMessageCommand'])).toBe(false);
  });
});
