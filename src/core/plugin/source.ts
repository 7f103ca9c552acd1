import { createLineIndex } from '../text';

/** A place in a plugin file: 0-based line and character (UTF-16 units, as editors count) and the offset in the text. */
export interface SourcePosition {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

/** A span of one plugin file; `file` is the path inside the plugin, with `/` separators (`queries_root/x.named_queries.xml`). */
export interface SourceRange {
  readonly file: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Turns offsets of one file's text into SourceRanges (lines are indexed once per file). */
export type RangeMaker = (start: number, end: number) => SourceRange;

export function rangeMaker(file: string, text: string): RangeMaker {
  const at = createLineIndex(text);
  const position = (offset: number): SourcePosition => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const { line, column } = at(clamped);
    return { line, character: column, offset: clamped };
  };
  return (start, end) => ({ file, start: position(start), end: position(Math.max(start, end)) });
}

/** Whether `offset` lies inside the range (its end included, so a cursor just after a word still counts). */
export function rangeContains(range: SourceRange, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}
