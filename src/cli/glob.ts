/**
 * A small glob matcher for `--ignore`: `*` and `?` stay inside one path segment, `**` spans segments,
 * `{a,b}` alternates and `[abc]` is a class. A pattern without a slash matches a file or folder name at any depth,
 * as in .gitignore; a pattern ending in `/` or naming a folder ignores everything under it.
 */
export function compileGlob(pattern: string): (relativePath: string) => boolean {
  let body = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = body.includes('/') && !/^[^/]+\/$/.test(body);
  body = body.replace(/^\//, '').replace(/\/$/, '');
  const source = globToRegExpSource(body);
  const regex = new RegExp(anchored ? `^${source}(?:/.*)?$` : `(?:^|/)${source}(?:/.*)?$`);
  return (relativePath: string) => regex.test(relativePath.replace(/\\/g, '/'));
}

function globToRegExpSource(glob: string): string {
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '{') {
      inBraces++;
      out += '(?:';
    } else if (char === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (char === ',' && inBraces > 0) {
      out += '|';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) {
        out += '\\[';
      } else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else {
      out += char.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  return out;
}
