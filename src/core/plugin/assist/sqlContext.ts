// What the cursor in a named query's SQL asks for: a table (after FROM, JOIN or a comma of the
// FROM list) or a column of the table an alias stands for (`s.`). Read from the SQL's tokens, so
// strings, quoted identifiers and comments never count as a FROM or an alias.

interface SqlWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** `word` (an identifier or keyword), `quoted` ("Name"), `punct` (`.`, `,`, `(`, `)`, operators), `other` (literals, binds). */
  readonly kind: 'word' | 'quoted' | 'punct' | 'other';
}

const clauseKeywords = new Set(['select', 'from', 'where', 'group', 'order', 'having', 'on', 'join', 'union', 'intersect', 'minus', 'connect', 'start', 'using', 'with', 'set', 'into', 'values', 'fetch']);
/** Words that end a table reference, so they are never read as its alias. */
const notAliases = new Set([...clauseKeywords, 'left', 'right', 'full', 'inner', 'outer', 'cross', 'natural', 'as', 'partition', 'by', 'and', 'or', 'not', 'when', 'then', 'else', 'end', 'case', 'pivot', 'unpivot', 'sample', 'model']);

/** Tokens of the SQL up to `limit`, with `inert` true when `limit` itself falls inside a string or comment. */
function scan(sql: string, limit: number): { words: SqlWord[]; inert: boolean } {
  const words: SqlWord[] = [];
  let at = 0;
  while (at < sql.length) {
    const char = sql[at]!;
    const start = at;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (sql.startsWith('--', at)) {
      const end = sql.indexOf('\n', at);
      at = end < 0 ? sql.length : end;
      if (limit > start && limit <= at) return { words, inert: true };
      continue;
    }
    if (sql.startsWith('/*', at)) {
      const end = sql.indexOf('*/', at + 2);
      at = end < 0 ? sql.length : end + 2;
      if (limit > start && (limit < at || end < 0)) return { words, inert: true };
      continue;
    }
    if (char === "'" || char === '"') {
      // '' and "" inside are the quote itself (Oracle).
      let end = at + 1;
      for (;;) {
        const next = sql.indexOf(char, end);
        if (next < 0) {
          end = sql.length;
          break;
        }
        if (sql[next + 1] === char) {
          end = next + 2;
          continue;
        }
        end = next + 1;
        break;
      }
      at = end;
      if (limit > start && (limit < at || (limit === at && sql[at - 1] !== char))) return { words, inert: true };
      words.push({ text: sql.slice(start, at), start, end: at, kind: char === '"' ? 'quoted' : 'other' });
      continue;
    }
    const word = /^[A-Za-z_][\w$#]*/.exec(sql.slice(at, at + 128));
    if (word) {
      at += word[0].length;
      words.push({ text: word[0], start, end: at, kind: 'word' });
      continue;
    }
    const literal = /^(?::[A-Za-z_][\w$#]*|\d+(?:\.\d+)?)/.exec(sql.slice(at, at + 128));
    at += literal ? literal[0].length : 1;
    words.push({ text: sql.slice(start, at), start, end: at, kind: literal ? 'other' : 'punct' });
  }
  return { words, inert: false };
}

const lower = (word: SqlWord | undefined) => (word?.kind === 'word' ? word.text.toLowerCase() : undefined);
const nameOf = (word: SqlWord) => (word.kind === 'quoted' ? word.text.slice(1, -1) : word.text);

/** Alias (or bare table name) → table, for every table reference after FROM, JOIN or a comma of a FROM list, lower-cased. */
export function sqlAliases(sql: string): ReadonlyMap<string, string> {
  const { words } = scan(sql, -1);
  const aliases = new Map<string, string>();
  for (let index = 0; index < words.length; index++) {
    if (!startsTableReference(words, index)) continue;
    const table = words[index + 1];
    if (!table || (table.kind !== 'word' && table.kind !== 'quoted') || notAliases.has(lower(table) ?? '')) continue;
    let next = index + 2;
    if (lower(words[next]) === 'as') next++;
    const alias = words[next];
    const tableName = nameOf(table).toLowerCase();
    aliases.set(tableName, tableName);
    if (alias && (alias.kind === 'word' || alias.kind === 'quoted') && !notAliases.has(lower(alias) ?? '')) aliases.set(nameOf(alias).toLowerCase(), tableName);
  }
  return aliases;
}

/** Whether words[index] is FROM, JOIN, or a comma inside a FROM list (at the same parenthesis depth). */
function startsTableReference(words: readonly SqlWord[], index: number): boolean {
  const word = lower(words[index]);
  if (word === 'from' || word === 'join') return true;
  if (words[index]?.text !== ',') return false;
  let depth = 0;
  for (let back = index - 1; back >= 0; back--) {
    const text = words[back]!.text;
    if (text === ')') depth++;
    else if (text === '(') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && clauseKeywords.has(lower(words[back]) ?? '')) return lower(words[back]) === 'from';
  }
  return false;
}

/** What completion at `offset` of the SQL should offer, with the range of the name being typed. */
export type SqlCompletionSpot =
  | { readonly kind: 'table'; readonly start: number; readonly end: number }
  | { readonly kind: 'column'; readonly table: string; readonly start: number; readonly end: number };

export function sqlCompletionSpot(sql: string, offset: number): SqlCompletionSpot | undefined {
  const { words, inert } = scan(sql, offset);
  if (inert) return undefined;
  const typedStart = offset - (/[\w$#]*$/.exec(sql.slice(0, offset))?.[0].length ?? 0);
  const end = typedStart + (/^[\w$#]*/.exec(sql.slice(typedStart))?.[0].length ?? 0);
  const before = words.filter((word) => word.end <= typedStart);
  const last = before[before.length - 1];
  if (last?.text === '.' && last.end === typedStart) {
    const qualifier = before[before.length - 2];
    if (!qualifier || qualifier.end !== last.start || (qualifier.kind !== 'word' && qualifier.kind !== 'quoted')) return undefined;
    const table = sqlAliases(sql).get(nameOf(qualifier).toLowerCase());
    return table ? { kind: 'column', table, start: typedStart, end } : undefined;
  }
  if (last && startsTableReference(before, before.length - 1)) return { kind: 'table', start: typedStart, end };
  return undefined;
}

/** The `qualifier.column` at `offset` (hover): the column's table through the aliases, and the range of the whole reference. */
export function sqlColumnAt(sql: string, offset: number): { table: string; column: string; start: number; end: number } | undefined {
  const { words, inert } = scan(sql, offset);
  if (inert) return undefined;
  const index = words.findIndex((word) => word.start <= offset && offset <= word.end && (word.kind === 'word' || word.kind === 'quoted'));
  if (index < 0) return undefined;
  const [qualifier, dot, column] = words[index - 1]?.text === '.' ? [words[index - 2], words[index - 1], words[index]] : [words[index], words[index + 1], words[index + 2]];
  if (!qualifier || !column || dot?.text !== '.' || qualifier.end !== dot.start || dot.end !== column.start) return undefined;
  const table = sqlAliases(sql).get(nameOf(qualifier).toLowerCase());
  return table ? { table, column: nameOf(column), start: qualifier.start, end: column.end } : undefined;
}
