import { subSlice, type TextSlice } from './textSlice';

export interface ListEntry {
  /** Trimmed entry text. */
  text: string;
  /** The trimmed entry. */
  slice: TextSlice;
}

/** `,` for most lists; `;` for a PowerQuery `projection` (documented as `table.column;table.column`). */
export type ListSeparator = ',' | ';';

const separatorPattern = (separator: ListSeparator) => (separator === ';' ? /;|%3B/gi : /,|%2C/gi);

/** Entries of a separated list value (the separator or its percent-encoding), trimmed of spaces and `+`. */
export function listEntries(value: TextSlice, listSeparator: ListSeparator = ','): ListEntry[] {
  const entries: ListEntry[] = [];
  const text = value.text;
  const separator = separatorPattern(listSeparator);
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
export function listEntryAt(value: TextSlice, index: number, listSeparator: ListSeparator = ','): { start: number; end: number } {
  const text = value.text;
  let start = 0;
  const separator = separatorPattern(listSeparator);
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

/** One term of a PowerQuery `order`: its column and the direction after `;`, when written. */
export interface OrderTerm {
  column: ListEntry;
  direction?: ListEntry;
}

/** The terms of a PowerQuery `order` value: `table.column[;asc|desc]` separated by `,` (documented). */
export function orderTerms(value: TextSlice): OrderTerm[] {
  return listEntries(value).map((entry) => {
    const [column, direction] = listEntries(entry.slice, ';');
    return direction ? { column: column!, direction } : { column: column! };
  });
}

/** `students.*` when some column of the list is `students.<column>`: a PowerQuery projection's whole-table entry. */
export function isTableStar(name: string, columns: readonly { name: string }[]): boolean {
  const table = /^(.+)\.\*$/.exec(name)?.[1]?.toLowerCase();
  return table !== undefined && columns.some((column) => column.name.toLowerCase().startsWith(`${table}.`));
}
