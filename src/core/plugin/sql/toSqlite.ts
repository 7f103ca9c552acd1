// Oracle SQL of PowerQueries rewritten for SQLite, at the token level: the constructs real plugins
// use either become SQLite (plus the ora_* functions the sandbox registers, see oracleFunctions) or
// a named refusal. Never a silent approximation: a construct without a faithful rewrite is refused.
import { firstToken, isGroup, isOuterJoinMark, splitCommas, upper, type SqlNode } from './nodes';
import { rewriteOuterJoins } from './outerJoins';
import { codeTokens, tokenizeSql, type SqlToken } from './tokens';
import { UnsupportedSql } from './unsupported';

export interface SqliteTranslation {
  readonly sql: string;
  /** The binds in order of appearance, without the colon, as written. */
  readonly binds: readonly string[];
}

export interface TranslateOptions {
  /**
   * The query's declared args: a bind is renamed to its arg's spelling (PowerSchool matches them
   * ignoring case), and an array arg's `IN (:name)` reads the JSON array bound to `:name`.
   */
  readonly args?: readonly { readonly name: string; readonly array: boolean }[];
}


/** What the translated text of one level is made of: operands join with operators into expressions. */
interface Item {
  readonly text: string;
  readonly role: 'operand' | 'operator' | 'keyword' | 'comma';
  /** Upper-cased keyword or operator. */
  readonly word?: string;
}

const keywords = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS', 'LIKE', 'BETWEEN', 'EXISTS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AS', 'ON',
  'JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'CROSS', 'FULL', 'NATURAL', 'USING', 'GROUP', 'ORDER', 'BY', 'HAVING', 'UNION', 'ALL', 'DISTINCT',
  'WITH', 'ASC', 'DESC', 'NULLS', 'FIRST', 'LAST', 'OVER', 'PARTITION', 'ESCAPE', 'MINUS', 'INTERSECT', 'EXCEPT', 'ROWS', 'RANGE',
  'PRECEDING', 'FOLLOWING', 'UNBOUNDED', 'CURRENT', 'ROW', 'UNIQUE', 'WITHIN', 'FETCH', 'OFFSET', 'LIMIT', 'START', 'CONNECT', 'PRIOR',
]);

/** Oracle names whose SQLite spelling differs; the ora_* ones are registered by the sandbox. */
const renamedFunctions: Readonly<Record<string, string>> = {
  NVL: 'ifnull', NVL2: 'ora_nvl2', TO_CHAR: 'ora_to_char', TO_DATE: 'ora_to_date', TO_NUMBER: 'ora_to_number', TRUNC: 'ora_trunc',
  ADD_MONTHS: 'ora_add_months', MONTHS_BETWEEN: 'ora_months_between', LAST_DAY: 'ora_last_day', SUBSTR: 'ora_substr', INSTR: 'ora_instr',
  REGEXP_SUBSTR: 'ora_regexp_substr', REGEXP_LIKE: 'ora_regexp_like', REGEXP_REPLACE: 'ora_regexp_replace', REGEXP_INSTR: 'ora_regexp_instr',
  REGEXP_COUNT: 'ora_regexp_count', INITCAP: 'ora_initcap', LPAD: 'ora_lpad', RPAD: 'ora_rpad', GREATEST: 'max', LEAST: 'min', MOD: 'ora_mod',
  FLOOR: 'ora_floor', CEIL: 'ora_ceil', ROUND: 'ora_round', LENGTH: 'ora_length',
};

/** Oracle constructs with no faithful rewrite yet: refused by name. */
const refusedWords: Readonly<Record<string, string>> = {
  ROWNUM: 'ROWNUM outside WHERE ROWNUM <= n', CONNECT: 'CONNECT BY', PRIOR: 'CONNECT BY … PRIOR', LEVEL: 'LEVEL (CONNECT BY)', INTERVAL: 'INTERVAL literals',
  KEEP: 'KEEP (DENSE_RANK …)', PIVOT: 'PIVOT', UNPIVOT: 'UNPIVOT', MODEL: 'MODEL', FETCH: 'FETCH FIRST', SYSTIMESTAMP: 'SYSTIMESTAMP',
  MERGE: 'MERGE', TO_TIMESTAMP: 'TO_TIMESTAMP', NUMTODSINTERVAL: 'NUMTODSINTERVAL', SYS_CONNECT_BY_PATH: 'SYS_CONNECT_BY_PATH',
};

/** Arithmetic and concatenation go through ora_* functions so that dates, NULLs and '' behave as in Oracle. */
const chainFunctions: Readonly<Record<string, string>> = { '+': 'ora_add', '-': 'ora_sub', '||': 'ora_concat' };
const orderByEnd = new Set(['LIMIT', 'OFFSET', 'ROWS', 'RANGE', 'UNION', 'MINUS', 'EXCEPT', 'INTERSECT', 'FETCH', 'FOR']);

/**
 * Rewrites one PowerQuery's Oracle SQL for the sandbox's SQLite, or throws UnsupportedSql naming
 * the first construct it cannot run faithfully.
 */
export function oracleToSqlite(sql: string, options: TranslateOptions = {}): SqliteTranslation {
  const tokens = codeTokens(tokenizeSql(sql));
  const unterminated = tokens.find((token) => token.unterminated);
  if (unterminated) throw new UnsupportedSql('an unterminated string, identifier or comment', unterminated.start, unterminated.end);
  const binds: string[] = [];
  const translator = new Translator(options, binds);
  const text = translator.level(nest(tokens));
  return { sql: text, binds };
}

function nest(tokens: readonly SqlToken[]): SqlNode[] {
  const root: SqlNode[] = [];
  const stack: { open: SqlToken; children: SqlNode[] }[] = [];
  for (const token of tokens) {
    const siblings = stack.at(-1)?.children ?? root;
    if (token.text === '(' && token.kind === 'punctuation') stack.push({ open: token, children: [] });
    else if (token.text === ')' && token.kind === 'punctuation') {
      const group = stack.pop();
      if (!group) throw new UnsupportedSql('an unbalanced )', token.start, token.end);
      (stack.at(-1)?.children ?? root).push({ kind: 'group', open: group.open, children: group.children });
    } else siblings.push({ kind: 'token', token });
  }
  const open = stack.pop();
  if (open) throw new UnsupportedSql('an unclosed (', open.open.start, open.open.end);
  return root;
}


/** Oracle recurses CONNECT BY until its condition fails; a condition that never fails stops here instead of hanging. */
const maxConnectByLevel = 100_000;

class Translator {
  /** What LEVEL means where it is being translated (inside a CONNECT BY list). */
  private levelText: string | undefined;

  constructor(private readonly options: TranslateOptions, private readonly binds: string[]) {}

  /** One parenthesis level (or a CASE body): items first, then arithmetic chains, then ORDER BY null ordering. */
  level(written: readonly SqlNode[]): string {
    const nodes = rewriteOuterJoins(written);
    const connect = nodes.findIndex((node) => upper(node) === 'CONNECT');
    if (connect >= 0) return this.connectByLevel(nodes, connect);
    const limited = rownumLimit(nodes);
    const text = emit(likes(chains(this.items(limited?.rest ?? nodes))));
    return limited ? `${text} LIMIT ${limited.limit}` : text;
  }

  /**
   * `SELECT … LEVEL … FROM dual CONNECT BY <condition on LEVEL>`, the list-splitting idiom
   * (`REGEXP_SUBSTR(:list, '[^,]+', 1, LEVEL)`): rows for LEVEL = 1 (always, as Oracle returns the
   * root) then 2, 3 … while the condition holds, as a recursive CTE. Other hierarchies are refused.
   */
  private connectByLevel(nodes: readonly SqlNode[], connect: number): string {
    const token = firstToken(nodes[connect]!);
    const refuse = (why: string) => new UnsupportedSql(`CONNECT BY ${why}`, token.start, token.end);
    if (upper(nodes[connect + 1]) !== 'BY' || upper(nodes[connect - 1]) !== 'DUAL' || upper(nodes[connect - 2]) !== 'FROM') throw refuse('other than SELECT … FROM dual CONNECT BY <condition on LEVEL>');
    const condition = nodes.slice(connect + 2);
    if (nodes.some((node) => ['PRIOR', 'START', 'NOCYCLE'].includes(upper(node) ?? '')) || condition.some((node) => rownumClauseEnd.has(upper(node) ?? ''))) throw refuse('with PRIOR, START WITH, NOCYCLE or a clause after it');
    const outer = this.levelText;
    try {
      this.levelText = '"psdev_level"."n"';
      const select = this.level(nodes.slice(0, connect - 1));
      this.levelText = '("psdev_level"."n" + 1)';
      const holds = this.level(condition);
      return `${select} (WITH RECURSIVE "psdev_level"("n") AS (SELECT 1 UNION ALL SELECT "n" + 1 FROM "psdev_level" WHERE "n" < ${maxConnectByLevel} AND (${holds})) SELECT "n" FROM "psdev_level") AS "psdev_level"`;
    } finally {
      this.levelText = outer;
    }
  }

  private items(nodes: readonly SqlNode[]): Item[] {
    const items: Item[] = [];
    const operand = (text: string) => items.push({ text, role: 'operand' });
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index]!;
      if (isGroup(node)) {
        operand(`(${this.groupBody(node, items.at(-1))})`);
        continue;
      }
      const token = node.token;
      const word = upper(node);
      if (token.kind === 'dat') throw new UnsupportedSql(`the DAT token ${token.text}`, token.start, token.end, 'PowerSchool substitutes DAT tokens in pages, not in PowerQuery SQL; declare an <arg> and bind it instead');
      if (word === 'LEVEL' && this.levelText) {
        operand(this.levelText);
        continue;
      }
      if (word !== undefined && refusedWords[word]) throw new UnsupportedSql(refusedWords[word]!, token.start, token.end);
      if (word === 'CASE') {
        const end = matchingEnd(nodes, index);
        operand(`CASE ${this.level(nodes.slice(index + 1, end))} END`);
        index = end;
      } else if (word === 'MINUS') {
        items.push({ text: 'EXCEPT', role: 'keyword', word: 'EXCEPT' });
      } else if (word === 'SYSDATE' || word === 'CURRENT_DATE') {
        operand('ora_sysdate()');
      } else if (word === 'DATE' && nodes[index + 1]?.kind === 'token' && (nodes[index + 1] as { token: SqlToken }).token.kind === 'string') {
        operand(this.stringLiteral((nodes[++index] as { token: SqlToken }).token));
      } else if (word !== undefined && isGroup(nodes[index + 1]) && !keywords.has(word)) {
        index = this.functionCall(nodes, index, items);
      } else if (word !== undefined && keywords.has(word)) {
        items.push({ text: word, role: 'keyword', word });
      } else if (token.kind === 'word' || token.kind === 'quoted') {
        // A qualified name (`s.lastfirst`, `t.*`) is one operand; a schema-qualified call is refused.
        let text = token.text;
        while (nodes[index + 1]?.kind === 'token' && (nodes[index + 1] as { token: SqlToken }).token.text === '.' && nodes[index + 2]?.kind === 'token') {
          text += `.${(nodes[index + 2] as { token: SqlToken }).token.text}`;
          index += 2;
        }
        if (text.includes('.') && isGroup(nodes[index + 1]) && !isOuterJoinMark(nodes[index + 1]!)) throw new UnsupportedSql(`the package function ${text}`, token.start, firstToken(nodes[index + 1]!).end, 'PowerSchool database packages (PS_CustomFields …) are not emulated');
        operand(text);
      } else if (token.kind === 'bind') {
        operand(this.bind(token, items.at(-1)));
      } else if (token.kind === 'string') {
        operand(this.stringLiteral(token));
      } else if (token.kind === 'number') {
        operand(token.text.replace(/[fFdD]$/, ''));
      } else if (token.text === ',') {
        items.push({ text: ',', role: 'comma' });
      } else if (token.text === ';') {
        if (index !== nodes.length - 1) throw new UnsupportedSql('more than one statement', token.start, token.end);
      } else if (token.kind === 'operator' || token.kind === 'punctuation') {
        const text = token.text === '^=' ? '!=' : token.text;
        if (text === '*' && items.at(-1)?.role !== 'operand') operand('*');
        else items.push({ text, role: 'operator', word: text });
      } else {
        operand(token.text);
      }
    }
    return items;
  }

  /** A parenthesised group (a `(+)` never gets here: rewriteOuterJoins rewrote or refused it); `IN (:array)` expands the array's binds. */
  private groupBody(group: Extract<SqlNode, { kind: 'group' }>, before: Item | undefined): string {
    const only = group.children.length === 1 ? group.children[0] : undefined;
    if (before?.word === 'IN' && only?.kind === 'token' && only.token.kind === 'bind' && this.declared(only.token)?.array) {
      return `SELECT value FROM json_each(${this.bind(only.token, before)})`;
    }
    return this.level(group.children);
  }

  private declared(bind: SqlToken): { readonly name: string; readonly array: boolean } | undefined {
    const wanted = bind.text.slice(1).toLowerCase();
    return this.options.args?.find((arg) => arg.name.toLowerCase() === wanted);
  }

  private bind(token: SqlToken, before: Item | undefined): string {
    const arg = this.declared(token);
    if (arg?.array && before?.word !== 'IN') throw new UnsupportedSql(`the array argument ${token.text} outside IN (…)`, token.start, token.end);
    const name = arg?.name ?? token.text.slice(1);
    this.binds.push(name);
    return `:${name}`;
  }

  /** Oracle's '' is NULL; q'[…]' and N'…' become plain SQLite strings. */
  private stringLiteral(token: SqlToken): string {
    let text = token.text;
    if (/^n/i.test(text)) text = text.slice(1);
    if (/^q'/i.test(text)) text = `'${text.slice(3, -2).replace(/'/g, "''")}'`;
    return text === "''" ? 'NULL' : text;
  }

  /** `name(args)` and what follows it (OVER (…), WITHIN GROUP (…)); returns the last node index used. */
  private functionCall(nodes: readonly SqlNode[], index: number, items: Item[]): number {
    const nameToken = (nodes[index] as { token: SqlToken }).token;
    const name = nameToken.text.toUpperCase();
    const group = nodes[index + 1] as Extract<SqlNode, { kind: 'group' }>;
    const args = () => (group.children.length === 0 ? [] : splitCommas(group.children).map((arg) => this.level(arg)));
    let text: string;
    let next = index + 1;
    if (refusedWords[name]) throw new UnsupportedSql(refusedWords[name]!, nameToken.start, nameToken.end);
    if (name === 'DECODE') {
      text = this.decode(args(), nameToken);
    } else if (name === 'EXTRACT') {
      const [part, from, ...rest] = group.children;
      const field = upper(part);
      if (!field || !['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'].includes(field) || upper(from) !== 'FROM') throw new UnsupportedSql('this EXTRACT form', nameToken.start, nameToken.end, 'write EXTRACT(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND FROM date)');
      text = `ora_extract('${field}', ${this.level(rest)})`;
    } else if (name === 'LISTAGG') {
      const [value, separator, ...extra] = args();
      if (upper(group.children[0]) === 'DISTINCT') throw new UnsupportedSql('LISTAGG(DISTINCT …)', nameToken.start, nameToken.end);
      if (extra.length) throw new UnsupportedSql('LISTAGG … ON OVERFLOW', nameToken.start, nameToken.end);
      let order = '';
      if (upper(nodes[next + 1]) === 'WITHIN' && upper(nodes[next + 2]) === 'GROUP' && isGroup(nodes[next + 3])) {
        order = ` ${this.level((nodes[next + 3] as Extract<SqlNode, { kind: 'group' }>).children)}`;
        next += 3;
      }
      if (upper(nodes[next + 1]) === 'OVER') throw new UnsupportedSql('LISTAGG … OVER (…)', nameToken.start, nameToken.end);
      text = `group_concat(${value ?? 'NULL'}, ${separator ?? "''"}${order})`;
    } else if (name === 'TRIM' && group.children.some((child) => upper(child) === 'FROM')) {
      text = `nullif(${this.trimFrom(group.children, nameToken)}, '')`;
    } else if (name === 'TRIM' || name === 'LTRIM' || name === 'RTRIM') {
      // Oracle's '' is NULL: text trimmed to nothing is NULL.
      text = `nullif(${name.toLowerCase()}(${args().join(', ')}), '')`;
    } else {
      text = `${renamedFunctions[name] ?? nameToken.text}(${args().join(', ')})`;
    }
    if (upper(nodes[next + 1]) === 'OVER' && isGroup(nodes[next + 2])) {
      text += ` OVER (${this.level((nodes[next + 2] as Extract<SqlNode, { kind: 'group' }>).children)})`;
      next += 2;
    }
    items.push({ text, role: 'operand' });
    return next;
  }

  /**
   * `TRIM([LEADING|TRAILING|BOTH] [char] FROM text)`: Oracle's char is one character, so SQLite's
   * ltrim/rtrim/trim with that one-character set remove exactly what Oracle removes.
   */
  private trimFrom(children: readonly SqlNode[], name: SqlToken): string {
    const side = upper(children[0]);
    const sided = side === 'LEADING' || side === 'TRAILING' || side === 'BOTH';
    const from = children.findIndex((child) => upper(child) === 'FROM');
    const chars = children.slice(sided ? 1 : 0, from);
    const source = children.slice(from + 1);
    if (source.length === 0) throw new UnsupportedSql('TRIM(… FROM) without the text to trim', name.start, name.end);
    const trim = side === 'LEADING' ? 'ltrim' : side === 'TRAILING' ? 'rtrim' : 'trim';
    return `${trim}(${this.level(source)}${chars.length ? `, ${this.level(chars)}` : ''})`;
  }

  /** DECODE matches NULL with NULL, which SQLite's IS does. */
  private decode(args: readonly string[], name: SqlToken): string {
    if (args.length < 3) throw new UnsupportedSql('DECODE with fewer than 3 arguments', name.start, name.end);
    const [subject, ...pairs] = args;
    let text = 'CASE';
    for (let at = 0; at + 1 < pairs.length; at += 2) text += ` WHEN (${subject}) IS (${pairs[at]}) THEN ${pairs[at + 1]}`;
    if (pairs.length % 2 === 1) text += ` ELSE ${pairs.at(-1)}`;
    return `${text} END`;
  }
}

const rownumClauseEnd: ReadonlySet<string> = new Set(['ORDER', 'GROUP', 'HAVING', 'UNION', 'MINUS', 'INTERSECT', 'EXCEPT', 'CONNECT', 'START']);

/**
 * `WHERE ROWNUM <= n` (or `< n`, `= 1`) as an AND term of a plain SELECT is a LIMIT: Oracle numbers
 * rows as the WHERE accepts them, before any GROUP BY or ORDER BY, so a level that sorts, groups or
 * combines is refused (the top-N-of-a-sorted-subquery form still works: the ORDER BY sits inside).
 */
function rownumLimit(nodes: readonly SqlNode[]): { rest: SqlNode[]; limit: number } | undefined {
  const at = nodes.findIndex((node) => upper(node) === 'ROWNUM');
  if (at < 0) return undefined;
  const token = firstToken(nodes[at]!);
  const refuse = (why: string) => new UnsupportedSql(`ROWNUM ${why}`, token.start, token.end);
  const operator = nodes[at + 1]?.kind === 'token' ? (nodes[at + 1] as { token: SqlToken }).token.text : '';
  const bound = nodes[at + 2]?.kind === 'token' && (nodes[at + 2] as { token: SqlToken }).token.kind === 'number' ? Number((nodes[at + 2] as { token: SqlToken }).token.text) : undefined;
  const before = upper(nodes[at - 1]);
  const after = upper(nodes[at + 3]);
  const limit = bound === undefined || !Number.isInteger(bound) ? undefined : operator === '<=' ? bound : operator === '<' ? bound - 1 : operator === '=' && bound === 1 ? 1 : undefined;
  if (limit === undefined || (before !== 'WHERE' && before !== 'AND') || (nodes[at + 3] !== undefined && after !== 'AND' && !rownumClauseEnd.has(after ?? ''))) {
    throw refuse('outside WHERE ROWNUM <= n (an AND term of the WHERE)');
  }
  if (nodes.some((node) => upper(node) === 'OR')) throw refuse('in a WHERE with OR');
  if (nodes.some((node) => rownumClauseEnd.has(upper(node) ?? '') || upper(node) === 'DISTINCT')) throw refuse('with ORDER BY, GROUP BY, DISTINCT or UNION at the same level (Oracle numbers the rows before sorting them); sort in a subquery and filter ROWNUM outside it');
  if (nodes.slice(at + 1).some((node) => upper(node) === 'ROWNUM')) throw refuse('twice in one WHERE');
  const rest = before === 'AND' ? [...nodes.slice(0, at - 1), ...nodes.slice(at + 3)] : after === 'AND' ? [...nodes.slice(0, at), ...nodes.slice(at + 4)] : [...nodes.slice(0, at - 1), ...nodes.slice(at + 3)];
  return { rest, limit: Math.max(0, limit) };
}

function matchingEnd(nodes: readonly SqlNode[], caseIndex: number): number {
  let open = 0;
  for (let index = caseIndex; index < nodes.length; index++) {
    const word = upper(nodes[index]);
    if (word === 'CASE') open++;
    else if (word === 'END' && --open === 0) return index;
  }
  const token = firstToken(nodes[caseIndex]!);
  throw new UnsupportedSql('a CASE without END', token.start, token.end);
}

/**
 * Runs of `operand (op operand)*` with + - || * /: * and / bind tighter (and divide as decimals,
 * as Oracle does); + - || fold left through ora_add/ora_sub/ora_concat. A - or + with no operand
 * before it is a sign.
 */
function chains(items: readonly Item[]): Item[] {
  const signed: Item[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const next = items[index + 1];
    if (item.role === 'operator' && (item.text === '-' || item.text === '+') && signed.at(-1)?.role !== 'operand' && next?.role === 'operand') {
      signed.push({ text: `${item.text}${next.text}`, role: 'operand' });
      index++;
    } else signed.push(item);
  }
  const result: Item[] = [];
  for (let index = 0; index < signed.length; ) {
    if (signed[index]!.role !== 'operand') {
      result.push(signed[index++]!);
      continue;
    }
    const terms: string[] = [signed[index]!.text];
    const operators: string[] = [];
    index++;
    while (index + 1 < signed.length && signed[index]!.role === 'operator' && ['+', '-', '||', '*', '/'].includes(signed[index]!.text) && signed[index + 1]!.role === 'operand') {
      const operator = signed[index]!.text;
      const right = signed[index + 1]!.text;
      if (operator === '*' || operator === '/') terms[terms.length - 1] = `${terms.at(-1)} ${operator === '/' ? '* 1.0 /' : '*'} ${right}`;
      else {
        operators.push(operator);
        terms.push(right);
      }
      index += 2;
    }
    let text = terms[0]!;
    operators.forEach((operator, position) => (text = `${chainFunctions[operator]}(${text}, ${terms[position + 1]})`));
    result.push({ text, role: 'operand' });
  }
  return result;
}

/**
 * `a [NOT] LIKE b [ESCAPE c]` becomes ora_like(a, b[, c]): Oracle's LIKE is case-sensitive, SQLite's
 * is not for ASCII letters.
 */
function likes(items: readonly Item[]): Item[] {
  const result: Item[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const negated = item.word === 'NOT' && items[index + 1]?.word === 'LIKE';
    const like = negated ? index + 1 : index;
    const subject = result.at(-1);
    const pattern = items[like + 1];
    if (items[like]?.word !== 'LIKE' || (!negated && item.word !== 'LIKE') || subject?.role !== 'operand' || pattern?.role !== 'operand') {
      result.push(item);
      continue;
    }
    const escape = items[like + 2]?.word === 'ESCAPE' && items[like + 3]?.role === 'operand' ? items[like + 3]!.text : undefined;
    result.pop();
    result.push({ text: `${negated ? 'NOT ' : ''}ora_like(${subject.text}, ${pattern.text}${escape ? `, ${escape}` : ''})`, role: 'operand' });
    index = like + (escape ? 3 : 1);
  }
  return result;
}

/** Joins a level's items; every ORDER BY term gets Oracle's null ordering (last ascending, first descending) unless it names one. */
function emit(items: readonly Item[]): string {
  const parts: string[] = [];
  let ordering = false;
  let term: string[] = [];
  const closeTerm = () => {
    if (term.length === 0) return;
    const last = term.at(-1)!.toUpperCase();
    const named = term.some((part) => part.toUpperCase() === 'NULLS');
    parts.push(...term, ...(named ? [] : [last === 'DESC' ? 'NULLS FIRST' : 'NULLS LAST']));
    term = [];
  };
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (ordering) {
      if (item.role === 'comma') {
        closeTerm();
        parts.push(',');
        continue;
      }
      if (item.role === 'keyword' && orderByEnd.has(item.word!)) {
        closeTerm();
        ordering = false;
      } else {
        term.push(item.text);
        continue;
      }
    }
    parts.push(item.text);
    if (item.word === 'BY' && items[index - 1]?.word === 'ORDER') ordering = true;
  }
  closeTerm();
  return parts.join(' ').replace(/ , /g, ', ');
}
