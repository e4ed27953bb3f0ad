// Tags a release: `npm run release:tag` makes the commit that tag v<version> names. Its tree is the package as npm
// publishes it (dist/ built, docs, the demo, README, .pre-commit-hooks.yaml), with a package.json that has no
// scripts and no devDependencies; its parent is the source commit it was built from.
//
// Why: pre-commit installs a node hook by running `npm install` and `npm pack` in a clone of the hook repository at
// `rev:`. At a source commit that installs every development dependency and runs the `prepare` build, whose banner
// pre-commit then reads as the tarball's name. At the release commit it installs the runtime dependencies only and
// builds nothing.
//
// Usage: npm run build && node scripts/release-tag.mjs   (then: git push origin v<version>; npm publish)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tag = `v${version}`;
if (run('git', ['status', '--porcelain', '--untracked-files=no']).trim() !== '') {
  throw new Error('release-tag: commit or stash your changes first: the release is built from HEAD');
}
if (run('git', ['tag', '--list', tag]).trim() !== '') throw new Error(`release-tag: ${tag} exists already`);

const work = mkdtempSync(join(tmpdir(), 'otel-codemod-release-'));
try {
  // What npm would publish, from the dist/ that `npm run build` made.
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work]));
  run('tar', ['-xzf', join(work, filename), '-C', work]);
  const tree = join(work, 'package');
  const manifestPath = join(tree, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  delete manifest.scripts;
  delete manifest.devDependencies;
  delete manifest.overrides;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  // A commit of that tree, child of HEAD, made with a private index so the working tree and index stay as they are.
  const gitDir = run('git', ['rev-parse', '--absolute-git-dir']).trim();
  const env = { ...process.env, GIT_DIR: gitDir, GIT_INDEX_FILE: join(work, 'index'), GIT_WORK_TREE: tree };
  run('git', ['add', '--all', '--force', '.'], { env, cwd: tree });
  const treeId = run('git', ['write-tree'], { env, cwd: tree }).trim();
  const head = run('git', ['rev-parse', 'HEAD']).trim();
  const commit = run('git', ['commit-tree', treeId, '-p', head, '-m', `Release ${tag}: the package as published, built from ${head.slice(0, 12)}`]).trim();
  run('git', ['tag', tag, commit]);
  process.stdout.write(`${tag} → ${commit} (built from ${head})\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
