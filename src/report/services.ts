import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export interface ServiceUnit {
  /** The package name, or the folder's name when package.json has none. */
  name: string;
  /** The folder holding package.json, relative to the working folder with `/` separators (`.` for the working folder). */
  folder: string;
  /** The absolute folder. */
  root: string;
}

const NO_PACKAGE: ServiceUnit = { name: '(no package.json)', folder: '', root: '' };

/** Maps each file to the service of its nearest package.json (a monorepo's workspaces are services of their own). */
export function createServiceFinder(cwd: string): (absoluteFile: string) => ServiceUnit {
  const byFolder = new Map<string, ServiceUnit | undefined>();
  const find = (folder: string): ServiceUnit | undefined => {
    if (byFolder.has(folder)) return byFolder.get(folder);
    let unit: ServiceUnit | undefined;
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      let name: string | undefined;
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (typeof parsed.name === 'string' && parsed.name) name = parsed.name;
      } catch {
        // An unreadable package.json still marks a service; it is named after its folder.
      }
      const rel = relative(cwd, folder).split(sep).join('/');
      unit = { name: name ?? basename(folder), folder: rel === '' ? '.' : rel, root: folder };
    } else {
      const parent = dirname(folder);
      unit = parent === folder ? undefined : find(parent);
    }
    byFolder.set(folder, unit);
    return unit;
  };
  return (absoluteFile) => find(dirname(absoluteFile)) ?? NO_PACKAGE;
}
