import { subSlice, type TextSlice } from './textSlice';

export interface ListEntry {
  /** Trimmed entry text. */
  text: string;
  /** The trimmed entry. */
  slice: TextSlice;
}

/** Entries of a comma-separated list value (`,` or its encoding `%2C`), trimmed of spaces and `+`. */
export function listEntries(value: TextSlice): ListEntry[] {
  const entries: ListEntry[] = [];
  const text = value.text;
  const separator = /,|%2C/gi;
  let start = 0;
  for (;;) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    let from = start;
    let to = end;
    while (from < to && /[\s+]/.test(text[from])) from++;
    while (to > from && /[\s+]/.test(text[to - 1])) to--;
    entries.push({ text: text.slice(from, to), slice: subSlice(value, from, to) });
    if (!match) break;
    start = match.index + match[0].length;
  }
  return entries;
}

/** The entry the local index is in (or right after), with its untrimmed bounds. */
export function listEntryAt(value: TextSlice, index: number): { start: number; end: number } {
  const text = value.text;
  let start = 0;
  const separator = /,|%2C/gi;
  let end = text.length;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    if (match.index >= index) {
      end = match.index;
      break;
    }
    start = match.index + match[0].length;
  }
  return { start, end };
}
