/** How a file's bytes become the text a transform sees, and how the result goes back to bytes in the file's own form. */

const BOM = '\uFEFF';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface DecodedText {
  /** The text without its BOM. */
  text: string;
  hasBom: boolean;
  /** The line break the file uses throughout: CRLF, LF, or a lone CR (classic Mac); LF for a file without breaks or with mixed ones. */
  eol: '\r\n' | '\n' | '\r';
  endsWithNewline: boolean;
}

/** Decodes UTF-8 strictly; returns undefined for bytes that are not valid UTF-8. */
export function decodeSource(bytes: Uint8Array): DecodedText | undefined {
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  const hasBom = decoded.startsWith(BOM);
  const text = hasBom ? decoded.slice(1) : decoded;
  return { text, hasBom, eol: getLineBreak(text), endsWithNewline: /[\r\n]$/.test(text) };
}

function getLineBreak(text: string): DecodedText['eol'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  if (crlf > 0 && lf === 0 && cr === 0) return '\r\n';
  if (cr > 0 && lf === 0 && crlf === 0) return '\r';
  return '\n';
}

/**
 * Gives a transform's output the form of the original: BOM back on, CRLF or CR kept when every break was one
 * (lines a transform wrote with a bare LF follow the file), and the final newline present or absent as before.
 */
export function restoreForm(output: string, original: DecodedText): string {
  const { eol } = original;
  let text = output;
  if (eol === '\r\n') text = text.replace(/\r?\n/g, eol);
  // In a CR file each LF a transform wrote becomes a CR (a CRLF it wrote, two): never fewer line breaks than it meant.
  if (eol === '\r') text = text.replace(/\n/g, eol);
  if (original.endsWithNewline && !/[\r\n]$/.test(text) && text.length > 0) text += eol;
  // An empty file has no convention to keep.
  if (!original.endsWithNewline && original.text.length > 0) text = text.replace(/(?:\r\n|\n|\r)$/, '');
  return original.hasBom ? BOM + text : text;
}

/** The file's text as it was, BOM included, for comparing with a restored output. */
export function originalText(original: DecodedText): string {
  return original.hasBom ? BOM + original.text : original.text;
}

/** A minified bundle: long lines on average, or a `.min.` file name. */
export function looksMinified(path: string, text: string): boolean {
  if (/\.min\.[cm]?js$/i.test(path)) return true;
  if (text.length < 2048) return false;
  const lines = text.split(/\r\n|\r|\n/).length;
  return text.length / lines > 500;
}
