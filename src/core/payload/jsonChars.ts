// The characters a skip-scan over JSON text looks at, and the one string skip both scans use
// (bodyScan.ts finds record spans, locate.ts finds the nodes of findings).

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;

export function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The offset just past the string whose opening quote is at `quote` (escapes honoured), or -1 when it never closes. */
export function stringEnd(text: string, quote: number): number {
  let index = quote + 1;
  for (;;) {
    const close = text.indexOf('"', index);
    if (close < 0) return -1;
    let backslashes = 0;
    for (let back = close - 1; text.charCodeAt(back) === BACKSLASH; back--) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
    index = close + 1;
  }
}
