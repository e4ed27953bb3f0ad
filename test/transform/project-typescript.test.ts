// A TypeScript project whose compiler is older than the one @opentelemetry/api's types need (3.8) cannot build what
// the codemods write: its files are left as they were, with a note that names the compiler and what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { getProjectTypeScript } from '../../src/transform/project-typescript.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-codemod-tsversion-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const installedTypeScript = (version: string) => ({ 'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version }) });
const manifest = (devDependencies: Record<string, string>) => ({ 'package.json': JSON.stringify({ name: 'shop', devDependencies }) });

const ROUTES = `import * as Router from 'koa-router';

const router = new Router();

router.get('/articles', async (ctx) => {
  ctx.body = await listArticles();
});

declare function listArticles(): Promise<string[]>;
export default router;
`;

const PUBLISH = `import * as amqp from 'amqplib';

export async function announce(channel: amqp.Channel, order: { id: string }) {
  channel.sendToQueue('orders', Buffer.from(JSON.stringify(order)));
}
`;

function run(dir: string, file: string, source: string, transform = wrapHandlers) {
  return transform.apply({ path: join(dir, file), source, options: { tracerName: 'shop' } });
}

describe('getProjectTypeScript', () => {
  it('reads the compiler installed nearest above the file', () => {
    const dir = makeProject({ ...manifest({ typescript: '^5.4.0' }), ...installedTypeScript('2.5.2') });
    expect(getProjectTypeScript(join(dir, 'src/routes.ts'))).toMatchObject({ major: 2, minor: 5 });
  });

  it('falls back to the lowest version of the package.json range when nothing is installed', () => {
    const dir = makeProject(manifest({ typescript: '~3.9.7' }));
    expect(getProjectTypeScript(join(dir, 'src/routes.ts'))).toMatchObject({ major: 3, minor: 9 });
  });

  it('says nothing for a tag or a project without TypeScript', () => {
    expect(getProjectTypeScript(join(makeProject(manifest({ typescript: 'latest' })), 'src/a.ts'))).toBeUndefined();
  });
});

describe('projects on a TypeScript older than 3.8', () => {
  it('wrap-handlers leaves a TypeScript file as it was and says why', () => {
    const dir = makeProject({ ...manifest({ typescript: '^2.5.2' }), ...installedTypeScript('2.5.2') });
    const output = run(dir, 'src/routes.ts', ROUTES);
    expect(output.source).toBe(ROUTES);
    expect(output.notes).toEqual([
      expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/^not changed: the project's TypeScript 2\.5 \(.*node_modules\/typescript\/package\.json\) cannot read @opentelemetry\/api's types.*upgrade to TypeScript 3\.8 or later/) }),
    ]);
  });

  it('inject-propagation does the same, judged by the package.json range when nothing is installed', () => {
    const dir = makeProject(manifest({ typescript: '~3.7.5', amqplib: '^0.10.0' }));
    const output = run(dir, 'src/announce.ts', PUBLISH, injectPropagation);
    expect(output.source).toBe(PUBLISH);
    expect(output.notes).toEqual([expect.objectContaining({ kind: 'skipped', message: expect.stringContaining('TypeScript 3.7 (the typescript range in') })]);
  });

  it('still changes JavaScript files, which no TypeScript compiles', () => {
    const dir = makeProject({ ...manifest({ typescript: '^2.5.2' }), ...installedTypeScript('2.5.2') });
    const javascript = ROUTES.replace("import * as Router from 'koa-router';", "const Router = require('koa-router');").replace(/\ndeclare function[^\n]*\n/, '\n').replace('export default router;', 'module.exports = router;');
    expect(run(dir, 'src/routes.js', javascript).source).not.toBe(javascript);
  });

  it('a file with nothing to change gets no note', () => {
    const dir = makeProject({ ...manifest({ typescript: '^2.5.2' }), ...installedTypeScript('2.5.2') });
    expect(run(dir, 'src/util.ts', 'export const one = 1;\n')).toEqual({ source: 'export const one = 1;\n', notes: [] });
  });
});

describe('projects on TypeScript 3.8 or later', () => {
  it('are changed as usual', () => {
    const dir = makeProject({ ...manifest({ typescript: '^3.8.3' }), ...installedTypeScript('3.9.10') });
    const output = run(dir, 'src/routes.ts', ROUTES);
    expect(output.source).toContain("startActiveSpan('GET /articles'");
    expect(output.notes.some((note) => note.message.startsWith('not changed'))).toBe(false);
  });
});
