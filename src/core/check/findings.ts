import type { AssistFix } from '../assist';
import { compilerLine, createLineIndex, type LineColumn } from '../text';

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
export function formatFinding(file: string, text: string, finding: Finding, at: (offset: number) => LineColumn = createLineIndex(text)): string {
  return compilerLine(file, at(finding.start), finding.severity, finding.message, finding.code);
}
