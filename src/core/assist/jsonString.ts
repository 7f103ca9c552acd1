import { sliceFromPositions, type TextSlice } from './textSlice';

const simpleEscapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The decoded content of a JSON string literal that starts (at its opening quote) at document
 * offset `start` and spans `length` characters, mapped back character by character. Bad
 * escapes decode to themselves: the JSON checker reports them, not us.
 */
export function jsonStringSlice(documentText: string, start: number, length: number): TextSlice {
  const contentStart = start + 1;
  const closed = length >= 2 && documentText.charCodeAt(start + length - 1) === 34;
  const contentEnd = start + length - (closed ? 1 : 0);
  let text = '';
  const positions: number[] = [];
  const ends: number[] = [];
  let i = contentStart;
  while (i < contentEnd) {
    const char = documentText[i];
    if (char === '\\' && i + 1 < contentEnd) {
      const next = documentText[i + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(documentText.slice(i + 2, i + 6)) && i + 6 <= contentEnd) {
        text += String.fromCharCode(parseInt(documentText.slice(i + 2, i + 6), 16));
        positions.push(i);
        ends.push(i + 6);
        i += 6;
        continue;
      }
      const simple = simpleEscapes[next];
      if (simple !== undefined) {
        text += simple;
        positions.push(i);
        ends.push(i + 2);
        i += 2;
        continue;
      }
    }
    text += char;
    positions.push(i);
    ends.push(i + 1);
    i++;
  }
  return sliceFromPositions(text, positions, ends, contentStart);
}

/** Text safe to put inside a JSON string literal. */
export function escapeJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
