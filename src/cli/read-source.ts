import { readFileSync } from 'node:fs';
import { decodeSource, type DecodedText } from './text-format.js';

export type SourceRead = { ok: true; decoded: DecodedText } | { ok: false; reason: string };

/**
 * Reads a source file for a command that may write it back: the codemod runner and `lint --fix` both read through here,
 * so a file either command would corrupt (bytes that are not UTF-8) is refused by both, with the same words.
 */
export function readSourceFile(realPath: string): SourceRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(realPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'cannot read: permission denied' : `cannot read: ${(error as Error).message}`;
    return { ok: false, reason };
  }
  const decoded = decodeSource(bytes);
  if (!decoded) return { ok: false, reason: 'not valid UTF-8' };
  return { ok: true, decoded };
}
