import { lastIndexAtOrBefore } from './search';
export interface Line {
  /** The line's text without its line break. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly number: number;
}

/** 0-based line and column (UTF-16 code units, as VS Code counts them). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Splits text into lines with offsets; `\r\n`, `\n` and `\r` all end a line (as in VS Code). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    lines.push({ text: text.slice(start, i), start, end: i, number: number++ });
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  lines.push({ text: text.slice(start), start, end: text.length, number });
  return lines;
}

/** 0-based line and column of an offset, by binary search over line starts. */
function lineColumnOf(lines: readonly Line[], offset: number): LineColumn {
  const line = Math.max(0, lastIndexAtOrBefore(lines.length, (index) => lines[index].start, offset));
  return { line, column: offset - lines[line].start };
}

/**
 * Converts offsets of `text` to line/column as an editor shows them: lines are split once,
 * lookups are binary searches, and a byte-order mark at the start of the file is not a column
 * of line 1 (editors hide it).
 */
export function createLineIndex(text: string, lines: readonly Line[] = splitLines(text)): (offset: number) => LineColumn {
  const bom = text.charCodeAt(0) === 0xfeff;
  return (offset) => {
    const position = lineColumnOf(lines, offset);
    return bom && position.line === 0 && position.column > 0 ? { line: 0, column: position.column - 1 } : position;
  };
}

/** `file:line:col: severity: message [code]` from a 0-based position, printed 1-based as compilers and editors' problem matchers read it. */
export function compilerLine(file: string, at: LineColumn, severity: string, message: string, code?: string): string {
  return `${file}:${at.line + 1}:${at.column + 1}: ${severity}: ${message}${code ? ` [${code}]` : ''}`;
}
