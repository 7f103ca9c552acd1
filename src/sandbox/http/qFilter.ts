import { hasErrors, parseQ, qToSql, type QDialect, type QExpression, type ParseQResult, type QSqlColumn, type QValue } from '../../core/q';
import { errorResponse, type SandboxResponse } from './types';

export interface SqlFilter {
  readonly where: string;
  readonly params: (string | number | null)[];
}

/**
 * Turns the `q` parameter into SQL through the shared q module; a bad expression becomes a 400
 * whose message names the problem and its offset in q (the editor reports the same diagnostics).
 */
export function qFilter(q: string | null, dialect: QDialect, columnFor: (field: string) => QSqlColumn | undefined, resource: string): SqlFilter | SandboxResponse {
  if (q === null || q.trim() === '') return everyRow;
  return parsedQFilter(parseQ(q, { dialect }), columnFor, resource);
}

/** No q: every row. */
export const everyRow: SqlFilter = { where: '1 = 1', params: [] };

/** `qFilter` for a q already parsed (by a caller that checked it first). */
export function parsedQFilter(parsed: ParseQResult, columnFor: (field: string) => QSqlColumn | undefined, resource: string): SqlFilter | SandboxResponse {
  const firstError = parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (hasErrors(parsed.diagnostics) && firstError) return badQ(firstError.message, firstError.start, resource);
  const tooMany = valueBeyondLimit(parsed.expression);
  if (tooMany) return badQ(`more than ${maxQValues} values; split the request`, tooMany.start, resource);
  const sql = qToSql(parsed.expression, columnFor);
  if ('error' in sql) return badQ(sql.error.message, sql.error.start, resource);
  return { where: sql.where, params: sql.params as (string | number | null)[] };
}

/**
 * Values of one q across all its terms and in-lists. Each becomes a level of SQLite's expression
 * tree (an OR or AND chain), whose depth SQLite caps at 1,000.
 */
const maxQValues = 500;

function valueBeyondLimit(expression: QExpression): QValue | undefined {
  return expression.terms.flatMap((term) => term.values)[maxQValues];
}

function badQ(message: string, offset: number, resource: string): SandboxResponse {
  return errorResponse(400, `Invalid query expression: ${message} (at offset ${offset} of q)`, [{ resource, field: 'q', code: 'INVALID_QUERY' }]);
}

export function isFilter(value: SqlFilter | SandboxResponse): value is SqlFilter {
  return 'where' in value;
}
