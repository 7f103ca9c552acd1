// Oracle's `(+)` outer joins rewritten as LEFT JOINs, one SELECT at a time, on the nested nodes of
// toSqlite. `FROM a, b WHERE a.x = b.y(+) AND b.z(+) = 1 AND a.k = 2` means: b is optional, joined
// on every condition that marks it; which is `FROM a LEFT JOIN b ON (a.x = b.y) AND (b.z = 1) WHERE a.k = 2`.
// Only the form Oracle itself accepts is rewritten (comma joins, AND terms, each marked term naming one
// optional table); anything else stays refused by name.
import { firstToken, isOuterJoinMark, splitCommas, upper as word, type SqlNode } from './nodes';
import type { SqlToken } from './tokens';
import { UnsupportedSql } from './unsupported';

const textOf = (node: SqlNode | undefined): string | undefined => (node?.kind === 'token' ? node.token.text : undefined);
const setOperators = new Set(['UNION', 'MINUS', 'INTERSECT', 'EXCEPT']);
const whereEnd = new Set(['GROUP', 'ORDER', 'HAVING', 'CONNECT', 'START', ...setOperators]);
const joinWords = new Set(['JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'CROSS', 'FULL', 'NATURAL', 'ON', 'USING']);

/** The level's nodes with every SELECT that marks `(+)` at this level rewritten; the same array when none does. */
export function rewriteOuterJoins(nodes: readonly SqlNode[]): readonly SqlNode[] {
  if (!nodes.some(isOuterJoinMark)) return nodes;
  const result: SqlNode[] = [];
  let segment: SqlNode[] = [];
  const flush = () => {
    result.push(...(segment.some(isOuterJoinMark) ? rewriteSelect(segment) : segment));
    segment = [];
  };
  for (const node of nodes) {
    if (setOperators.has(word(node) ?? '')) {
      flush();
      result.push(node);
    } else segment.push(node);
  }
  flush();
  return result;
}

function rewriteSelect(nodes: readonly SqlNode[]): SqlNode[] {
  const mark = nodes.find(isOuterJoinMark)!;
  const refuse = (why: string) => new UnsupportedSql(`the Oracle (+) outer join ${why}`, mark.kind === 'group' ? mark.open.start : 0, (mark.kind === 'group' ? mark.open.end : 0) + 2, 'write LEFT JOIN … ON instead');
  const from = nodes.findIndex((node) => word(node) === 'FROM');
  const where = nodes.findIndex((node, index) => index > from && word(node) === 'WHERE');
  if (from < 0 || where < 0 || nodes.slice(0, where).some(isOuterJoinMark)) throw refuse('outside the WHERE of a SELECT');
  let end = nodes.findIndex((node, index) => index > where && whereEnd.has(word(node) ?? ''));
  if (end < 0) end = nodes.length;
  if (nodes.slice(end).some(isOuterJoinMark)) throw refuse('outside the WHERE of a SELECT');
  const fromList = nodes.slice(from + 1, where);
  // Oracle refuses (+) beside ANSI joins (ORA-25156).
  if (fromList.some((node) => joinWords.has(word(node) ?? ''))) throw refuse('in a FROM with JOIN … ON');
  const tables = splitCommas(fromList).map((parts) => ({ parts, alias: aliasOf(parts) }));
  const terms = andTerms(nodes.slice(where + 1, end), refuse);

  const joins = new Map<string, SqlNode[][]>();
  const kept: SqlNode[][] = [];
  for (const term of terms) {
    const marked = new Set<string>();
    term.forEach((node, index) => {
      if (!isOuterJoinMark(node)) return;
      // `alias.column(+)`: the qualifier names the optional table.
      if (textOf(term[index - 2]) !== '.' || term[index - 3]?.kind !== 'token') throw refuse('on a column without its table\'s alias');
      marked.add(normalize(textOf(term[index - 3])!));
    });
    if (marked.size === 0) {
      kept.push(term);
      continue;
    }
    if (marked.size > 1) throw refuse('marking two tables in one condition');
    const [alias] = marked;
    if (!tables.some((table) => table.alias === alias)) throw refuse(`on ${alias}, which is not a table of this FROM`);
    joins.set(alias!, [...(joins.get(alias!) ?? []), term.filter((node) => !isOuterJoinMark(node))]);
  }

  // Made-up tokens sit at the FROM (an error in what they hold points there).
  const at = firstToken(nodes[from]!);
  const synthetic = (text: string, kind: SqlToken['kind'] = 'word'): SqlNode => ({ kind: 'token', token: { ...at, kind, text } });
  const group = (children: readonly SqlNode[]): SqlNode => ({ kind: 'group', open: { ...at, kind: 'punctuation', text: '(' }, children });
  const rebuilt: SqlNode[] = [];
  const required = tables.filter((table) => !joins.has(table.alias));
  if (required.length === 0) throw refuse('that marks every table of the FROM');
  required.forEach((table, index) => rebuilt.push(...(index ? [synthetic(',', 'punctuation')] : []), ...table.parts));
  // An optional table's ON may name another optional one: join them in the order their conditions allow.
  const pending = tables.filter((table) => joins.has(table.alias));
  const joined = new Set(required.map((table) => table.alias));
  while (pending.length) {
    const next = pending.findIndex((table) => joins.get(table.alias)!.every((condition) => aliasesIn(condition).every((alias) => alias === table.alias || joined.has(alias) || !tables.some((other) => other.alias === alias))));
    if (next < 0) throw refuse('in a cycle of optional tables');
    const [table] = pending.splice(next, 1);
    joined.add(table!.alias);
    rebuilt.push(synthetic('LEFT'), synthetic('JOIN'), ...table!.parts, synthetic('ON'));
    joins.get(table!.alias)!.forEach((condition, index) => rebuilt.push(...(index ? [synthetic('AND')] : []), group(condition)));
  }
  const rest: SqlNode[] = [];
  kept.forEach((term, index) => rest.push(...(index ? [synthetic('AND')] : []), group(term)));
  return [...nodes.slice(0, from + 1), ...rebuilt, ...(rest.length ? [nodes[where]!, ...rest] : []), ...nodes.slice(end)];
}

/** The WHERE's AND terms (the AND of `BETWEEN a AND b` is not one); a top-level OR makes terms unknowable. */
function andTerms(nodes: readonly SqlNode[], refuse: (why: string) => Error): SqlNode[][] {
  const terms: SqlNode[][] = [[]];
  let between = false;
  for (const node of nodes) {
    const upper = word(node);
    if (upper === 'OR') throw refuse('in a WHERE with OR');
    if (upper === 'BETWEEN') between = true;
    if (upper === 'AND' && !between) {
      terms.push([]);
      continue;
    }
    if (upper === 'AND') between = false;
    terms.at(-1)!.push(node);
  }
  return terms.filter((term) => term.length > 0);
}

/** A FROM item's alias: its last word (`students s`), else its table name without a schema (`students`). */
function aliasOf(parts: readonly SqlNode[]): string {
  const last = parts.at(-1);
  return last?.kind === 'token' ? normalize(last.token.text) : '';
}

/** The aliases a condition qualifies columns with (`s.id` → s). */
function aliasesIn(nodes: readonly SqlNode[]): string[] {
  const found: string[] = [];
  nodes.forEach((node, index) => {
    if (node.kind === 'group') found.push(...aliasesIn(node.children));
    else if (textOf(nodes[index + 1]) === '.' && (node.token.kind === 'word' || node.token.kind === 'quoted')) found.push(normalize(node.token.text));
  });
  return found;
}

/** Oracle folds unquoted names to upper case; a quoted one keeps its case. */
const normalize = (name: string): string => (name.startsWith('"') ? name.slice(1, -1) : name.toUpperCase());
