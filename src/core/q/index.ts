// The q-expression language shared by the sandbox's filtering, the editor and `psdev check`.
export type {
  ParseQOptions,
  ParseQResult,
  QDialect,
  QDiagnostic,
  QExpression,
  QField,
  QFix,
  QOperator,
  QOperatorNode,
  QSeverity,
  QSpan,
  QTerm,
  QToken,
  QTokenKind,
  QValue,
} from './types';
export { tokenizeQ } from './tokenize';
export { parseQ, closestOperators, knownOperator, OPERATOR_DOCS } from './parse';
export { matchesQ, type MatchQOptions, type QFieldType } from './evaluate';
export { qToSql, toLikePattern, type QSqlColumn, type QSqlResult, type QSqlType } from './sql';
export { ENROLL_STATUSES, NAMED_STATUS_CODES, statusForCode, statusForLetter, type EnrollStatus } from '../schema';
export { checkDate, parseNumber, suggestIsoDate, wildcardMatch, percentDecode } from './values';

import type { QDiagnostic } from './types';

export function hasErrors(diagnostics: readonly QDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export * from './catalog/index';
export { validateQ, type ValidateQInput } from './validate';
export { completeQ, type CompleteQOptions, type QCompletionItem, type QCompletions } from './complete';
export { hoverQ, type QHover } from './hover';
export { fieldDetail, fieldMarkdown } from './docs';
