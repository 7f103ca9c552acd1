// A piece of local text (a q value as written in a URL, a decoded JSON string) together with
// the way back to document offsets. The q module works on the local text; results come back
// through `toDocument`/`toDocumentEnd`, which stay exact across continuation lines and escapes.
import { lastIndexAtOrBefore } from '../text';

export interface TextSlice {
  readonly text: string;
  /** Document offset of the local character at `index` (index === text.length: just after the last). */
  toDocument(index: number): number;
  /** Document offset just after the local character at `index - 1` (for end-exclusive spans). */
  toDocumentEnd(index: number): number;
  /** Local index of a document offset, when the offset lies in the slice (its end included). */
  fromDocument(offset: number): number | undefined;
}

/**
 * A slice whose characters sit at known document offsets: `positions[i]` is where local
 * character i starts and `ends[i]` where it ends (an escape such as `\u0000` is six characters).
 */
export function sliceFromPositions(text: string, positions: readonly number[], ends: readonly number[], emptyAt: number): TextSlice {
  const toDocument = (index: number): number => {
    if (text.length === 0) return emptyAt;
    if (index <= 0) return positions[0];
    if (index >= text.length) return ends[text.length - 1];
    return positions[index];
  };
  const toDocumentEnd = (index: number): number => {
    if (text.length === 0) return emptyAt;
    if (index <= 0) return positions[0];
    return ends[Math.min(index, text.length) - 1];
  };
  const fromDocument = (offset: number): number | undefined => {
    if (text.length === 0) return offset === emptyAt ? 0 : undefined;
    if (offset < positions[0]) return undefined;
    const low = lastIndexAtOrBefore(text.length, (index) => positions[index], offset);
    if (offset < ends[low]) return low;
    // Just after a character: the end of a line before a continuation line counts as in.
    return offset === ends[low] ? low + 1 : undefined;
  };
  return { text, toDocument, toDocumentEnd, fromDocument };
}

/** Shifts a slice's local start: the sub-slice `[from, to)` of `slice`. */
export function subSlice(slice: TextSlice, from: number, to: number): TextSlice {
  const text = slice.text.slice(from, to);
  return {
    text,
    // At or past the end (and for an empty slice) a position is "just after the previous
    // character", which keeps an empty value at the end of a line on that line.
    toDocument: (index) => (index >= text.length ? slice.toDocumentEnd(to) : slice.toDocument(from + Math.max(0, index))),
    toDocumentEnd: (index) => (text.length === 0 ? slice.toDocumentEnd(to) : index <= 0 ? slice.toDocument(from) : slice.toDocumentEnd(from + Math.min(index, text.length))),
    fromDocument: (offset) => {
      const local = slice.fromDocument(offset);
      if (local === undefined || local < from || local > to) return undefined;
      return local - from;
    },
  };
}
