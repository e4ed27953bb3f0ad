/** How a file's bytes become the text a transform sees, and how the result goes back to bytes in the file's own form. */

const BOM = '\uFEFF';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface DecodedText {
  /** The text without its BOM. */
  text: string;
  hasBom: boolean;
  /** Every line break is CRLF (and there is at least one). */
  crlf: boolean;
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
  return { text, hasBom, crlf: isAllCrlf(text), endsWithNewline: /\n$/.test(text) };
}

function isAllCrlf(text: string): boolean {
  const breaks = text.split('\n').length - 1;
  if (breaks === 0) return false;
  return (text.match(/\r\n/g) ?? []).length === breaks;
}

/**
 * Gives a transform's output the form of the original: BOM back on, CRLF kept when every break was CRLF
 * (lines a transform wrote with a bare LF follow the file), and the final newline present or absent as before.
 */
export function restoreForm(output: string, original: DecodedText): string {
  let text = output;
  if (original.crlf) text = text.replace(/\r?\n/g, '\r\n');
  const eol = original.crlf ? '\r\n' : '\n';
  if (original.endsWithNewline && !text.endsWith('\n') && text.length > 0) text += eol;
  // An empty file has no convention to keep.
  if (!original.endsWithNewline && original.text.length > 0 && text.endsWith('\n')) text = text.replace(/\r?\n$/, '');
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
  const lines = text.split('\n').length;
  return text.length / lines > 500;
}
