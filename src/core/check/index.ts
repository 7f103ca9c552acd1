import { lintVariables, parsePsreq, type PsreqDocument } from '../psreq';
import { createLineIndex, type LineColumn } from '../text';

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
export function formatFinding(file: string, text: string, finding: Finding, at: (offset: number) => LineColumn = createLineIndex(text)): string {
  const { line, column } = at(finding.start);
  return `${file}:${line + 1}:${column + 1}: ${finding.severity}: ${finding.message}${finding.code ? ` [${finding.code}]` : ''}`;
}
