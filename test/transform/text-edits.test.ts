import { Project, SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { detectFileStyle } from '../../src/transform/file-style.js';
import { restyleCode } from '../../src/transform/restyle.js';
import { addArgumentEdit, addObjectMemberEdit, applyTextEdits } from '../../src/transform/text-edits.js';

const project = new Project({ useInMemoryFileSystem: true });

function parse(text: string) {
  return project.createSourceFile(`/edits-${Math.random()}.ts`, text);
}

function addMember(text: string): string {
  const file = parse(text);
  const object = file.getFirstDescendantByKindOrThrow(SyntaxKind.ObjectLiteralExpression);
  return applyTextEdits(text, [addObjectMemberEdit(object, 'b: 2', '\n', '  ')]);
}

function addArgument(text: string, index: number): string {
  const file = parse(text);
  const call = file.getFirstDescendantByKindOrThrow(SyntaxKind.CallExpression);
  return applyTextEdits(text, [addArgumentEdit(call, index, 'x', '\n')]);
}

describe('addObjectMemberEdit', () => {
  it('follows the layout of the object: inline, one member per line, trailing comma, empty', () => {
    expect(addMember('f({ a: 1 });')).toBe('f({ a: 1, b: 2 });');
    expect(addMember('f({\n  a: 1\n});')).toBe('f({\n  a: 1,\n  b: 2\n});');
    expect(addMember('f({\n    a: 1,\n});')).toBe('f({\n    a: 1,\n    b: 2,\n});');
    expect(addMember('f({});')).toBe('f({ b: 2 });');
  });
});

describe('addArgumentEdit', () => {
  it('appends after the last argument, padding skipped optional ones with undefined', () => {
    expect(addArgument('f(a);', 1)).toBe('f(a, x);');
    expect(addArgument('f(a);', 2)).toBe('f(a, undefined, x);');
    expect(addArgument('f();', 0)).toBe('f(x);');
    expect(addArgument('f(\n  a,\n  b,\n);', 2)).toBe('f(\n  a,\n  b,\n  x,\n);');
  });
});

describe('applyTextEdits', () => {
  it('applies edits last to first and refuses overlapping ones', () => {
    expect(applyTextEdits('abcdef', [{ start: 0, end: 1, text: 'A' }, { start: 4, end: 4, text: '-' }])).toBe('Abcd-ef');
    expect(() => applyTextEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(/overlapping/);
  });
});

describe('restyleCode', () => {
  it('rewrites indentation, quotes, semicolons and line endings, leaving comments’ apostrophes alone', () => {
    const code = "/** The message's carrier. */\nfunction f() {\n  return 'x';\n}";
    const style = detectFileStyle('const a = "b"\r\nif (a) {\r\n\tgo()\r\n}\r\n');
    expect(restyleCode(code, style)).toBe('/** The message\'s carrier. */\r\nfunction f() {\r\n\treturn "x"\r\n}');
  });
});
