import type { AssistFix } from '../assist';
import { lineColumnOf, splitLines } from '../psreq';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A problem in a checked file, with 0-based offsets. */
export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly code?: string;
  /** Edits that certainly fix it (the editor offers them as quick fixes). */
  readonly fixes?: readonly AssistFix[];
}

/** `file:line:col: severity: message` with 1-based line and column, as compilers print. */
export function formatFinding(file: string, text: string, finding: Finding, lines = splitLines(text)): string {
  const { line, column } = displayPosition(text, lines, finding.start);
  return `${file}:${line + 1}:${column + 1}: ${finding.severity}: ${finding.message}${finding.code ? ` [${finding.code}]` : ''}`;
}

/**
 * 0-based line/column of an offset as an editor shows it: a byte-order mark at the start of the
 * file is not a column of line 1.
 */
export function displayPosition(text: string, lines: ReturnType<typeof splitLines>, offset: number): { line: number; column: number } {
  const position = lineColumnOf(lines, offset);
  if (position.line === 0 && text.charCodeAt(0) === 0xfeff && position.column > 0) return { line: 0, column: position.column - 1 };
  return position;
}
