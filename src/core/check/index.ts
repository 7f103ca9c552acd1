import { lineColumnOf, lintVariables, parsePsreq, splitLines, type PsreqDocument } from '../psreq';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A problem in a checked file, with 0-based offsets. */
export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly code?: string;
}

/** One kind of check over a parsed `.psreq` file (parse, variables, q-expressions, payload bodies, …). */
export type PsreqChecker = (input: { readonly text: string; readonly document: PsreqDocument }) => readonly Finding[];

export const parseChecker: PsreqChecker = ({ document }) => document.diagnostics;
export const variableChecker: PsreqChecker = ({ document }) => lintVariables(document);

/** Runs every checker over the text; a checker that throws becomes one finding, not a crash. */
export function checkPsreq(text: string, checkers: readonly PsreqChecker[]): Finding[] {
  const document = parsePsreq(text);
  const findings: Finding[] = [];
  for (const checker of checkers) {
    try {
      findings.push(...checker({ text, document }));
    } catch (error) {
      findings.push({ start: 0, end: 0, severity: 'error', code: 'checker-failed', message: `internal error in a checker: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
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
