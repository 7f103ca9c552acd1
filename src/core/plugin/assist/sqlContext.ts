import { analyzeSql, codeTokens, isKeyword, resolveSqlAlias, sqlTokenAt, unquote, type SqlToken } from '../sql';

// What the cursor in a named query's SQL asks for: a table (after FROM, JOIN or a comma of the
// FROM list) or a column of the table an alias stands for (`s.`), over core's SQL tokens, so
// strings, quoted identifiers and comments never count as a FROM or an alias.

/** Keywords that start a clause: a comma belongs to the FROM list only if FROM is the nearest one before it. */
const clauseKeywords = ['SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'ON', 'JOIN', 'UNION', 'INTERSECT', 'MINUS', 'CONNECT', 'START', 'USING', 'WITH', 'SET', 'INTO', 'VALUES', 'FETCH'];

/** Whether the cursor sits inside a comment, a string or a quoted name, where nothing is completed. */
function insideLiteral(tokens: readonly SqlToken[], offset: number): boolean {
  const token = sqlTokenAt(tokens, offset);
  if (!token || !['comment', 'string', 'quoted', 'dat'].includes(token.kind)) return false;
  // Just after a closed literal is outside it; in a `--` comment or anything unterminated, the end is still inside.
  return offset < token.end || token.unterminated === true || (token.kind === 'comment' && token.text.startsWith('--'));
}

/** Whether code[index] is FROM, JOIN, or a comma of a FROM list (the nearest clause keyword at its depth is FROM). */
function startsTableReference(code: readonly SqlToken[], index: number): boolean {
  const token = code[index];
  if (isKeyword(token, 'FROM') || isKeyword(token, 'JOIN')) return true;
  if (token?.text !== ',') return false;
  for (let back = index - 1; back >= 0; back--) {
    const earlier = code[back]!;
    if (earlier.depth < token.depth) return false;
    if (earlier.depth === token.depth && clauseKeywords.some((keyword) => isKeyword(earlier, keyword))) return isKeyword(earlier, 'FROM');
  }
  return false;
}

/** What completion at `offset` of the SQL should offer, with the range of the name being typed. */
export type SqlCompletionSpot =
  | { readonly kind: 'table'; readonly start: number; readonly end: number }
  | { readonly kind: 'column'; readonly table: string; readonly start: number; readonly end: number };

export function sqlCompletionSpot(sql: string, offset: number): SqlCompletionSpot | undefined {
  const analysis = analyzeSql(sql);
  if (insideLiteral(analysis.tokens, offset)) return undefined;
  const start = offset - (/[\w$#]*$/.exec(sql.slice(0, offset))?.[0].length ?? 0);
  const end = start + (/^[\w$#]*/.exec(sql.slice(start))?.[0].length ?? 0);
  const before = codeTokens(analysis.tokens).filter((token) => token.end <= start);
  const last = before[before.length - 1];
  if (last?.text === '.' && last.end === start) {
    const qualifier = before[before.length - 2];
    if (!qualifier || qualifier.end !== last.start || (qualifier.kind !== 'word' && qualifier.kind !== 'quoted')) return undefined;
    const table = resolveSqlAlias(analysis, unquote(qualifier.text), offset);
    return table && !table.cte ? { kind: 'column', table: table.name, start, end } : undefined;
  }
  if (last && startsTableReference(before, before.length - 1)) return { kind: 'table', start, end };
  return undefined;
}

/** The `qualifier.column` at `offset` (hover): the column's table through the aliases, and the range of the whole reference. */
export function sqlColumnAt(sql: string, offset: number): { table: string; column: string; start: number; end: number } | undefined {
  const analysis = analyzeSql(sql);
  const reference = analysis.columns.find((column) => column.start <= offset && offset <= column.end);
  if (!reference) return undefined;
  const table = resolveSqlAlias(analysis, reference.qualifier, offset);
  return table && !table.cte ? { table: table.name, column: reference.column, start: reference.start, end: reference.end } : undefined;
}
