import { memoizeByText } from '../../text';
import { codeTokens, isKeyword, tokenizeSql, type SqlToken } from './tokens';

/** A table after FROM or JOIN (or in a comma list after FROM), with its alias. */
export interface SqlTableReference {
  /** As written, without quotes (`PS.STUDENTS` keeps its schema). */
  readonly name: string;
  readonly alias?: string;
  /** Where the name is written (SQL offsets). */
  readonly start: number;
  readonly end: number;
  /** Parenthesis depth of the FROM clause it is in (0: the main query). */
  readonly depth: number;
  /** The name of a WITH … AS ( … ) block of the same statement, not a database table. */
  readonly cte: boolean;
}

/** `qualifier.column` anywhere in the SQL (the qualifier is an alias or a table name). */
export interface SqlColumnReference {
  readonly qualifier: string;
  readonly column: string;
  readonly start: number;
  readonly end: number;
  readonly columnStart: number;
}

export interface SqlBind {
  /** Without the colon, as written. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The top-level SELECT list of the main query: its items' spans, or why it cannot be counted. */
export type SelectList = { readonly items: readonly { readonly start: number; readonly end: number }[] } | { readonly uncountable: string };

/** What the checks and the editor ask of a query's SQL, computed once per text. */
export interface SqlAnalysis {
  readonly tokens: readonly SqlToken[];
  readonly binds: readonly SqlBind[];
  readonly tables: readonly SqlTableReference[];
  readonly columns: readonly SqlColumnReference[];
  readonly selectList: SelectList;
}

/** Words that end a table reference instead of being its alias. */
const clauseWords = new Set([
  'WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING', 'GROUP', 'ORDER', 'HAVING', 'UNION', 'INTERSECT', 'MINUS', 'EXCEPT',
  'CONNECT', 'START', 'WITH', 'FETCH', 'OFFSET', 'FOR', 'MODEL', 'PIVOT', 'UNPIVOT', 'SELECT', 'FROM', 'AND', 'OR', 'WINDOW', 'PARTITION', 'SAMPLE', 'AS', 'LATERAL', 'APPLY',
]);

export function analyzeSql(sql: string): SqlAnalysis {
  const tokens = tokenizeSql(sql);
  const code = codeTokens(tokens);
  const ctes = cteNames(code);
  return {
    tokens,
    binds: code.filter((token) => token.kind === 'bind').map((token) => ({ name: token.text.slice(1), start: token.start, end: token.end })),
    tables: tableReferences(code, ctes),
    columns: columnReferences(code),
    selectList: selectList(code),
  };
}

/** Strips the double quotes of a quoted identifier. */
export function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined) : text;
}

function cteNames(code: readonly SqlToken[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < code.length; i++) {
    if (!isKeyword(code[i], 'WITH') && !(code[i]!.text === ',' && names.size)) continue;
    const name = code[i + 1];
    let next = i + 2;
    // WITH name (col, col) AS (
    if (code[next]?.text === '(') next = closing(code, next) + 1;
    if (name && (name.kind === 'word' || name.kind === 'quoted') && isKeyword(code[next], 'AS') && code[next + 1]?.text === '(') names.add(unquote(name.text).toUpperCase());
  }
  return names;
}

/** Index of the parenthesis closing the one at `open` (or the last token). */
function closing(code: readonly SqlToken[], open: number): number {
  const depth = code[open]!.depth;
  for (let i = open + 1; i < code.length; i++) if (code[i]!.text === ')' && code[i]!.depth === depth) return i;
  return code.length - 1;
}

function tableReferences(code: readonly SqlToken[], ctes: ReadonlySet<string>): SqlTableReference[] {
  const tables: SqlTableReference[] = [];
  for (let i = 0; i < code.length; i++) {
    const token = code[i]!;
    if (!isKeyword(token, 'FROM') && !isKeyword(token, 'JOIN')) continue;
    const fromList = isKeyword(token, 'FROM');
    let at = i + 1;
    for (;;) {
      const first = code[at];
      if (!first) break;
      let afterName: number;
      if (first.text === '(') {
        afterName = closing(code, at) + 1;
      } else if (first.kind === 'word' || first.kind === 'quoted') {
        if (first.kind === 'word' && clauseWords.has(first.text.toUpperCase())) break;
        let end = at;
        while (code[end + 1]?.text === '.' && (code[end + 2]?.kind === 'word' || code[end + 2]?.kind === 'quoted')) end += 2;
        const name = code.slice(at, end + 1).map((part) => unquote(part.text)).join('');
        afterName = end + 1;
        const alias = aliasAt(code, afterName);
        tables.push({ name, ...(alias ? { alias: alias.name } : {}), start: first.start, end: code[end]!.end, depth: token.depth, cte: ctes.has(name.toUpperCase()) });
        at = alias ? alias.next : afterName;
        if (fromList && code[at]?.text === ',' && code[at]!.depth === token.depth) {
          at++;
          continue;
        }
        break;
      } else break;
      // A subquery in FROM/JOIN: skip its alias, then go on through a comma list.
      const alias = aliasAt(code, afterName);
      at = alias ? alias.next : afterName;
      if (fromList && code[at]?.text === ',' && code[at]!.depth === token.depth) {
        at++;
        continue;
      }
      break;
    }
  }
  return tables;
}

function aliasAt(code: readonly SqlToken[], at: number): { name: string; next: number } | undefined {
  let index = at;
  if (isKeyword(code[index], 'AS')) index++;
  const candidate = code[index];
  if (!candidate) return undefined;
  if (candidate.kind === 'quoted') return { name: unquote(candidate.text), next: index + 1 };
  if (candidate.kind === 'word' && !clauseWords.has(candidate.text.toUpperCase())) return { name: candidate.text, next: index + 1 };
  return undefined;
}

function columnReferences(code: readonly SqlToken[]): SqlColumnReference[] {
  const columns: SqlColumnReference[] = [];
  for (let i = 0; i + 2 < code.length; i++) {
    const [qualifier, dot, column] = [code[i]!, code[i + 1]!, code[i + 2]!];
    if ((qualifier.kind !== 'word' && qualifier.kind !== 'quoted') || dot.text !== '.' || (column.kind !== 'word' && column.kind !== 'quoted')) continue;
    if (dot.start !== qualifier.end || column.start !== dot.end) continue;
    // schema.table.column: the last two parts are what matter.
    if (code[i + 3]?.text === '.' && (code[i + 4]?.kind === 'word' || code[i + 4]?.kind === 'quoted')) continue;
    // A function in a package (PS_CustomFields.GetStudentsCF(…)) is not a column.
    if (code[i + 3]?.text === '(' && code[i + 3]!.start === column.end) continue;
    columns.push({ qualifier: unquote(qualifier.text), column: unquote(column.text), start: qualifier.start, end: column.end, columnStart: column.start });
  }
  return columns;
}

function selectList(code: readonly SqlToken[]): SelectList {
  if (!code.length) return { uncountable: 'the SQL is empty' };
  if (code[0]!.text === '(') return { uncountable: 'the main SELECT is wrapped in parentheses' };
  let at = 0;
  if (isKeyword(code[0], 'WITH')) {
    at = code.findIndex((token) => token.depth === 0 && isKeyword(token, 'SELECT'));
    if (at < 0) return { uncountable: 'no SELECT after the WITH blocks' };
  } else if (!isKeyword(code[0], 'SELECT')) {
    return { uncountable: `the SQL starts with ${code[0]!.text}, not SELECT` };
  }
  const depth = code[at]!.depth;
  at++;
  if (['DISTINCT', 'UNIQUE', 'ALL'].some((word) => isKeyword(code[at], word))) at++;
  const items: { start: number; end: number }[] = [];
  let itemStart: SqlToken | undefined;
  let previous: SqlToken | undefined;
  for (; at < code.length; at++) {
    const token = code[at]!;
    if (token.depth === depth && (isKeyword(token, 'FROM') || token.text === ',')) {
      if (!itemStart) return { uncountable: 'an empty item in the SELECT list' };
      items.push({ start: itemStart.start, end: previous!.end });
      itemStart = undefined;
      if (isKeyword(token, 'FROM')) break;
      continue;
    }
    if (token.depth === depth && token.text === '*' && (!itemStart || previous?.text === '.')) return { uncountable: 'the SELECT list uses *' };
    itemStart ??= token;
    previous = token;
  }
  if (itemStart) items.push({ start: itemStart.start, end: previous!.end });
  return items.length ? { items } : { uncountable: 'the SELECT list is empty' };
}

/**
 * The table an alias (or a table name used as its own qualifier) stands for at `offset`: the
 * reference of the innermost query around the offset wins, names compared case-insensitively.
 */
export function resolveSqlAlias(analysis: SqlAnalysis, qualifier: string, offset?: number): SqlTableReference | undefined {
  const wanted = qualifier.toUpperCase();
  const matches = analysis.tables.filter((table) => (table.alias ?? table.name).toUpperCase() === wanted || (!table.alias && table.name.toUpperCase().endsWith(`.${wanted}`)) || table.name.toUpperCase() === wanted);
  if (matches.length <= 1 || offset === undefined) return matches[0];
  const depthAt = depthAtOffset(analysis.tokens, offset);
  const candidates = matches.filter((table) => table.depth <= depthAt);
  return (candidates.length ? candidates : matches).reduce((best, table) => (table.depth > best.depth ? table : best));
}

function depthAtOffset(tokens: readonly SqlToken[], offset: number): number {
  let depth = 0;
  for (const token of tokens) {
    if (token.start >= offset) break;
    depth = token.text === '(' ? token.depth + 1 : token.depth;
  }
  return depth;
}

/** analyzeSql with memory of the `limit` most recent texts (the editor checks on every edit). */
export function memoizedSqlAnalysis(limit = 1024): (sql: string) => SqlAnalysis {
  return memoizeByText(analyzeSql, limit);
}
