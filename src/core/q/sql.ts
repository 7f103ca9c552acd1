import { NAMED_STATUS_CODES, isEnrollStatusLetterField, statusForLetter } from '../schema';
import { checkDate, parseNumber } from './values';
import type { QDiagnostic, QExpression, QOperator, QTerm, QValue } from './types';

// Translates a parsed expression into a parameterised SQL WHERE clause with the same results as
// matchesQ (see evaluate.ts for the semantics). Written for SQLite (sql.js, the sandbox's store):
// text equality uses COLLATE NOCASE and wildcards LIKE, both case-insensitive for ASCII only —
// non-ASCII letters compare case-sensitively here, unlike matchesQ. Dates must be stored as
// `YYYY-MM-DD` text so that text comparison is chronological.

export type QSqlType = 'string' | 'number' | 'date';

export interface QSqlColumn {
  /** A trusted SQL expression for the column, e.g. `s.last_name`; never built from user text. */
  sql: string;
  type: QSqlType;
}

export type QSqlResult = { where: string; params: unknown[] } | { error: QDiagnostic };

const SQL_OPERATOR: Readonly<Record<Exclude<QOperator, '!='>, string>> = {
  '==': '=',
  '=gt=': '>',
  '=ge=': '>=',
  '=lt=': '<',
  '=le=': '<=',
};

class SqlError extends Error {
  constructor(readonly diagnostic: QDiagnostic) {
    super(diagnostic.message);
  }
}

function fail(start: number, end: number, code: string, message: string): never {
  throw new SqlError({ start, end, code, message, severity: 'error' });
}

/** Escapes LIKE's own wildcards and turns `*` into `%`. */
export function toLikePattern(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '*') out += '%';
    else if (ch === '%' || ch === '_' || ch === '\\') out += '\\' + ch;
    else out += ch;
  }
  return out;
}

function nullCondition(column: QSqlColumn, isNull: boolean): string {
  const test = column.type === 'string' ? `(${column.sql} IS NULL OR ${column.sql} = '')` : `${column.sql} IS NULL`;
  return isNull ? test : `NOT ${test}`;
}

/** The condition for "stored value <op> value", with op never `!=` (negation is applied by the caller). */
function condition(term: QTerm, op: Exclude<QOperator, '!='>, value: QValue, column: QSqlColumn, params: unknown[]): string {
  if (value.isNull) {
    if (op !== '==') fail(value.start, value.end, 'type-mismatch', 'null can only be compared with == or !=');
    return nullCondition(column, true);
  }
  const sqlOp = SQL_OPERATOR[op];
  const status = isEnrollStatusLetterField(term.field.name) ? statusForLetter(value.text) : undefined;
  if (status && column.type === 'number') {
    if (status.code !== undefined) {
      params.push(status.code);
      return `${column.sql} ${sqlOp} ?`;
    }
    if (op !== '==') fail(value.start, value.end, 'operator-not-allowed', "'I' (Inactive) can only be compared with == or !=");
    return `(${column.sql} NOT IN (${NAMED_STATUS_CODES.join(', ')}))`;
  }
  if (status && column.type === 'string') {
    params.push(status.letter);
    return `UPPER(${column.sql}) ${sqlOp} ?`;
  }
  if (value.wildcard && column.type !== 'string') {
    fail(value.start, value.end, 'wildcard-not-allowed', `'*' wildcards only work on text fields; '${term.field.name}' is a ${column.type}`);
  }
  if (value.wildcard && op !== '==') {
    fail(value.start, value.end, 'wildcard-not-allowed', `'*' wildcards only work with == or !=`);
  }
  switch (column.type) {
    case 'number': {
      const number = parseNumber(value.text);
      if (number === undefined) fail(value.start, value.end, 'type-mismatch', `'${value.text}' is not a number; '${term.field.name}' is numeric`);
      params.push(number);
      return `${column.sql} ${sqlOp} ?`;
    }
    case 'date': {
      if (checkDate(value.text).kind !== 'ok') fail(value.start, value.end, 'invalid-date', `'${value.text}' is not a valid date; write YYYY-MM-DD`);
      params.push(value.text);
      return `${column.sql} ${sqlOp} ?`;
    }
    case 'string': {
      if (value.wildcard) {
        params.push(toLikePattern(value.text));
        return `${column.sql} LIKE ? ESCAPE '\\'`;
      }
      params.push(value.text);
      return `${column.sql} ${sqlOp} ? COLLATE NOCASE`;
    }
  }
}

function termToSql(term: QTerm, columnFor: (field: string) => QSqlColumn | undefined, params: unknown[]): string {
  const operator = term.operator;
  if (!operator) fail(term.field.start, term.field.end, 'missing-operator', `'${term.field.name}' needs an operator and a value`);
  if (!operator.known) fail(operator.start, operator.end, 'unknown-operator', `'${operator.op}' is not a q operator`);
  if (term.values.length === 0) fail(operator.start, operator.end, 'missing-value', `Missing value after '${operator.op}'`);
  if (term.values.length > 1 && operator.known !== '==' && operator.known !== '!=') {
    fail(operator.start, operator.end, 'operator-not-allowed', `An in-list only works with == or !=, not '${operator.op}'`);
  }
  const column = columnFor(term.field.name);
  if (!column) fail(term.field.start, term.field.end, 'unknown-field', `Unknown field '${term.field.name}'`);
  const negated = operator.known === '!=';
  const op = operator.known === '!=' ? '==' : operator.known;
  const parts = term.values.map((value) => condition(term, op, value, column, params));
  const any = parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  if (!negated) return any;
  // `!=` never matches a stored null unless comparing with the null value itself (as matchesQ).
  if (term.values.some((v) => v.isNull)) return `NOT ${any}`;
  return `(NOT ${any} AND ${nullCondition(column, false)})`;
}

/** Translates the expression into `WHERE` text (without the keyword) and positional `?` parameters. */
export function qToSql(expression: QExpression, columnFor: (field: string) => QSqlColumn | undefined): QSqlResult {
  const params: unknown[] = [];
  try {
    const parts = expression.terms.map((term) => termToSql(term, columnFor, params));
    return { where: parts.length === 0 ? '1 = 1' : parts.join(' AND '), params };
  } catch (error) {
    if (error instanceof SqlError) return { error: error.diagnostic };
    return { error: { start: expression.start, end: expression.end, code: 'internal', severity: 'error', message: String(error) } };
  }
}
