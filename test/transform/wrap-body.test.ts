import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { getNearestDependencies } from '../../src/transform/project-manifest.js';
import { returnsPromiseOnEveryPath, returnsPromiseWithoutAsync } from '../../src/transform/promise-returns.js';
import { getJumpOutOfBlock, isWrappedInSpan, type WrappableFunction } from '../../src/transform/wrap-body.js';

const project = new Project({ useInMemoryFileSystem: true });
let fileCounter = 0;

/** The first arrow or function declaration of the code, or the first node of `kind`. */
function firstFunction(code: string, kind?: 'ArrowFunction'): WrappableFunction {
  const file = project.createSourceFile(`/f${++fileCounter}.ts`, code);
  if (kind) return file.getFirstDescendantByKindOrThrow(SyntaxKind[kind]);
  return file.getFirstDescendant((node) => node.isKind(SyntaxKind.ArrowFunction) || node.isKind(SyntaxKind.FunctionDeclaration)) as WrappableFunction;
}

describe('isWrappedInSpan', () => {
  it.each([
    ['a returned startActiveSpan', 'const f = () => { return tracer.startActiveSpan("x", (span) => { span.end(); }); };'],
    ['an awaited startActiveSpan after a guard', 'async function f(a: number) { if (!a) return; await tracer.startActiveSpan("x", async (span) => { span.end(); }); }'],
    ['an expression body', 'const f = () => tracer.startActiveSpan("x", (span) => span.end());'],
    ['startSpan then try/finally ending it', 'function f() { const span = tracer.startSpan("x"); try { work(); } finally { span.end(); } }'],
  ])('is true for %s', (_name, code) => {
    expect(isWrappedInSpan(firstFunction(code).getBody()!)).toBe(true);
  });

  it.each([
    ['a child span around part of the work', 'async function f() { await tracer.startActiveSpan("q", async (s) => s.end()); done(); }'],
    ['a span ended without finally', 'function f() { const span = tracer.startSpan("x"); work(); span.end(); }'],
    ['a try/finally that ends nothing', 'function f() { const span = tracer.startSpan("x"); try { work(); } finally { log(); } }'],
    ['a span started in a nested callback', 'function f() { return items.map(() => tracer.startActiveSpan("x", (s) => s.end())); }'],
  ])('is false for %s', (_name, code) => {
    expect(isWrappedInSpan(firstFunction(code).getBody()!)).toBe(false);
  });
});

describe('getJumpOutOfBlock', () => {
  function loopBody(code: string) {
    const loop = firstFunction(code).getFirstDescendantByKindOrThrow(SyntaxKind.ForOfStatement);
    return loop.getStatement().asKindOrThrow(SyntaxKind.Block);
  }

  it('finds return, continue and labelled break', () => {
    expect(getJumpOutOfBlock(loopBody('function f() { for (const r of rs) { if (r) return; } }'))?.getText()).toBe('return;');
    expect(getJumpOutOfBlock(loopBody('function f() { for (const r of rs) { if (r) continue; } }'))?.getText()).toBe('continue;');
    expect(getJumpOutOfBlock(loopBody('function f() { outer: for (const r of rs) { for (const x of r) { break outer; } } }'))?.getText()).toBe('break outer;');
  });

  it('ignores jumps of inner loops, switches and functions', () => {
    const code = 'function f() { for (const r of rs) { for (const x of r) { if (x) continue; break; } switch (r) { case 1: break; } r.forEach(() => { return; }); } }';
    expect(getJumpOutOfBlock(loopBody(code))).toBeUndefined();
  });
});

describe('returnsPromiseWithoutAsync', () => {
  it('sees promise chains and new Promise returned by a sync function, not by an async one', () => {
    expect(returnsPromiseWithoutAsync(firstFunction('const f = () => load().then((x) => x);'))).toBe(true);
    expect(returnsPromiseWithoutAsync(firstFunction('function f() { return new Promise((done) => done(1)); }'))).toBe(true);
    expect(returnsPromiseWithoutAsync(firstFunction('async function f() { return load().then((x) => x); }'))).toBe(false);
    expect(returnsPromiseWithoutAsync(firstFunction('function f() { return 1; }'))).toBe(false);
  });

  it("sees a call of an async method of the function's class, or of an async function of its file", () => {
    const method = 'class Jobs { private async handle(job) {} start() { return (job) => this.handle(job); } }';
    expect(returnsPromiseWithoutAsync(firstFunction(method, 'ArrowFunction'))).toBe(true);
    expect(returnsPromiseWithoutAsync(firstFunction('async function settle(id) {} const f = (id) => settle(id);', 'ArrowFunction'))).toBe(true);
    expect(returnsPromiseWithoutAsync(firstFunction('function settle(id): Promise<void> { return db.put(id); } const f = (id) => settle(id);', 'ArrowFunction'))).toBe(true);
    expect(returnsPromiseWithoutAsync(firstFunction('function settle(id) { return id; } const f = (id) => settle(id);', 'ArrowFunction'))).toBe(false);
    // \`void\` drops the promise: the function returns undefined.
    expect(returnsPromiseWithoutAsync(firstFunction('const f = () => void load().then((x) => x);'))).toBe(false);
  });
});

describe('returnsPromiseOnEveryPath', () => {
  it('holds when every way out of the function returns a promise, not when one path returns something else or falls off the end', () => {
    expect(returnsPromiseOnEveryPath(firstFunction('const f = () => load().then((x) => x);'))).toBe(true);
    expect(returnsPromiseOnEveryPath(firstFunction('function f(x) { if (x) return Promise.resolve(x); return new Promise((done) => done(1)); }'))).toBe(true);
    expect(returnsPromiseOnEveryPath(firstFunction('function f(x) { if (x) return 1; return load().then((y) => y); }'))).toBe(false);
    expect(returnsPromiseOnEveryPath(firstFunction('function f(x) { if (x) return load().then((y) => y); }'))).toBe(false);
    expect(returnsPromiseOnEveryPath(firstFunction('function f(x) { if (x) return; return load().then((y) => y); }'))).toBe(false);
    expect(returnsPromiseOnEveryPath(firstFunction('async function f() { return load().then((x) => x); }'))).toBe(false);
  });
});

describe('getNearestDependencies', () => {
  const root = mkdtempSync(join(tmpdir(), 'nearest-manifest-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every kind of dependency of the nearest package.json, and an empty set where there is none or it is broken', () => {
    mkdirSync(join(root, 'svc/src/routes'), { recursive: true });
    writeFileSync(join(root, 'svc/package.json'), JSON.stringify({ dependencies: { express: '5' }, devDependencies: { '@opentelemetry/instrumentation-http': '0.1' } }));
    expect([...getNearestDependencies(join(root, 'svc/src/routes/a.ts'))].sort()).toEqual(['@opentelemetry/instrumentation-http', 'express']);
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken/package.json'), '{ not json');
    expect(getNearestDependencies(join(root, 'broken/a.ts')).size).toBe(0);
  });
});
