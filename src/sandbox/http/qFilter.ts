import { hasErrors, parseQ, qToSql, type QDialect, type QSqlColumn } from '../../core/q';
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
  if (q === null || q.trim() === '') return { where: '1 = 1', params: [] };
  const parsed = parseQ(q, { dialect });
  const firstError = parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (hasErrors(parsed.diagnostics) && firstError) return badQ(firstError.message, firstError.start, resource);
  const sql = qToSql(parsed.expression, columnFor);
  if ('error' in sql) return badQ(sql.error.message, sql.error.start, resource);
  return { where: sql.where, params: sql.params as (string | number | null)[] };
}

function badQ(message: string, offset: number, resource: string): SandboxResponse {
  return errorResponse(400, `Invalid query expression: ${message} (at offset ${offset} of q)`, [{ resource, field: 'q', code: 'INVALID_QUERY' }]);
}

export function isFilter(value: SqlFilter | SandboxResponse): value is SqlFilter {
  return 'where' in value;
}
