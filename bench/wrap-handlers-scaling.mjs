// How the cost of `wrap-handlers` grows with the size of one file: an Express file with N routes is generated and
// transformed in-process (the registry's transform, as the CLI runs it), and the time per route at each N is compared
// with the time per route at the smallest N, in one run. Linear cost gives a ratio of 1.0.
// Standalone: `node bench/wrap-handlers-scaling.mjs` (after `npm run build`); SCALING_ROUTES=10,100,1000 and
// BENCH_REPS change the sizes and repetitions. `npm run bench` runs it as one section (BENCH_ONLY=scaling).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/**
 * One Express file with `count` inline async routes of a few statements each, all on one app: at the top level of the
 * module, or (`inFunction`) inside one exported function that registers them, where every route has an enclosing scope.
 */
export function generateExpressFile(count, { inFunction = false } = {}) {
  const lines = [
    "import express from 'express';",
    "import { db } from './db';",
    '',
    inFunction ? 'export function registerRoutes(app: express.Express): void {' : 'const app = express();',
    'app.use(express.json());',
    '',
  ];
  for (let index = 0; index < count; index++) {
    const method = METHODS[index % METHODS.length];
    lines.push(
      `app.${method}('/resource${index}/:id', async (req, res) => {`,
      `  const id = Number(req.params.id);`,
      `  if (Number.isNaN(id)) {`,
      `    res.status(400).json({ error: 'bad id ${index}' });`,
      `    return;`,
      `  }`,
      `  const row = await db.find('resource${index}', id);`,
      `  res.json({ ...row, route: ${index} });`,
      `});`,
      '',
    );
  }
  lines.push(inFunction ? '}' : 'app.listen(3000);', '');
  return lines.join('\n');
}

function median(samples) {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** Median seconds of `wrap-handlers` on a generated file with each route count, and the per-route ratios. */
export async function measureWrapHandlersScaling({ counts = [10, 100, 1000], reps = 3, inFunction = false } = {}) {
  const { getTransform } = await import(pathToFileURL(join(root, 'dist/codemods/index.js')).href);
  const transform = getTransform('wrap-handlers');
  const dir = mkdtempSync(join(os.tmpdir(), 'otel-codemod-scaling-'));
  // A manifest that lists the API keeps the missing-dependency note out of the measurement.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scaling', dependencies: { '@opentelemetry/api': '^1.9.0', express: '^4.21.0' } }));
  const path = join(dir, 'server.ts');
  const results = [];
  try {
    // One untimed run warms the JIT and the module caches, so the smallest size is not charged for them.
    transform.apply({ path, source: generateExpressFile(counts[0], { inFunction }), options: { tracerName: 'scaling' } });
    for (const count of counts) {
      const source = generateExpressFile(count, { inFunction });
      const samples = [];
      let wrapped = 0;
      for (let index = 0; index < reps; index++) {
        const started = process.hrtime.bigint();
        const output = transform.apply({ path, source, options: { tracerName: 'scaling' } });
        samples.push(Number(process.hrtime.bigint() - started) / 1e9);
        wrapped = output.source.split('.startActiveSpan(').length - 1;
      }
      if (wrapped !== count) throw new Error(`expected ${count} wrapped routes, got ${wrapped}`);
      const seconds = median(samples);
      results.push({ count, bytes: Buffer.byteLength(source), seconds, perRoute: seconds / count });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const base = results[0].perRoute;
  return results.map((result) => ({ ...result, inFunction, ratio: result.perRoute / base }));
}

/** Both shapes of the file, top-level routes first. */
export async function measureBothShapes(options) {
  return [await measureWrapHandlersScaling({ ...options, inFunction: false }), await measureWrapHandlersScaling({ ...options, inFunction: true })];
}

/** The markdown lines of the section, as `npm run bench` writes them, for the runs of measureBothShapes. */
export function formatScaling(runs, reps, heading = '## Codemod cost and file size') {
  const shapeName = (run) => (run[0].inFunction ? 'inside one function' : 'top level');
  return [
    heading,
    '',
    `\`wrap-handlers\` in-process on one generated Express file with N inline routes, at the top level of the module or inside one function that registers them (median of ${reps}; \`node bench/wrap-handlers-scaling.mjs\`).`,
    '',
    '| routes | where | file size | median time | time per route | per route vs. the smallest file |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap((run) => run.map((r) => `| ${r.count} | ${shapeName(run)} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.seconds.toFixed(3)} s | ${(r.perRoute * 1000).toFixed(2)} ms | ${r.ratio.toFixed(2)}× |`)),
    '',
    ...runs.map((run) => `Routes ${shapeName(run)}: time per route at ${run.at(-1).count} routes is **${run.at(-1).ratio.toFixed(2)}×** the time per route at ${run[0].count} (target ≤ 1.5×; 1.0 = linear).`),
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = (process.env.SCALING_ROUTES ?? '10,100,1000').split(',').map(Number);
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const runs = await measureBothShapes({ counts, reps });
  process.stdout.write(`${formatScaling(runs, reps).join('\n')}\n`);
}
