// Oracle SQL as PowerQueries write it, cut into tokens with offsets: enough to count a SELECT
// list, find binds, tables and aliases, and say what is under the cursor, without a full parser.

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'bind' | 'comment' | 'dat' | 'punctuation' | 'operator';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** As written (a quoted identifier or string keeps its quotes). */
  readonly text: string;
  /** Offsets in the SQL text; add QuerySql.offset for file offsets. */
  readonly start: number;
  readonly end: number;
  /** Parentheses open around the token (0 at the top level; an opening parenthesis has the depth outside it). */
  readonly depth: number;
  /** Whether the token runs to the end of the text without its closing quote or comment mark. */
  readonly unterminated?: boolean;
}

// Character classes by code (a regular expression per character is most of the tokenizer's time).
const isDigitCode = (code: number) => code >= 48 && code <= 57;
const isWordStartCode = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code === 35 || code >= 0xc0;
const isWordCode = (code: number) => isWordStartCode(code) || isDigitCode(code);
const isSpaceCode = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x3000;
const alternativeClose: Readonly<Record<string, string>> = { '[': ']', '{': '}', '(': ')', '<': '>' };
const twoCharOperators = new Set(['||', '<=', '>=', '<>', '!=', '^=', '=>', ':=']);

/**
 * Oracle's lexical rules as far as PowerQueries use them: `'…'` strings with `''` inside,
 * q-quoted strings (`q'[…]'`), N'…', `"quoted"` identifiers, `--` and nested-free `/* … *\/`
 * comments, `:bind` variables, numbers, and PowerSchool's `~(…)`/`~[…]` DAT tokens (which are
 * text substituted before Oracle sees the SQL, not binds). Whitespace is dropped. Never throws:
 * an unclosed string or comment runs to the end, marked `unterminated`.
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let at = 0;
  const push = (kind: SqlTokenKind, start: number, end: number, unterminated = false) => {
    tokens.push({ kind, text: sql.slice(start, end), start, end, depth, ...(unterminated ? { unterminated } : {}) });
    at = end;
  };
  const until = (close: string, from: number): [number, boolean] => {
    const end = sql.indexOf(close, from);
    return end < 0 ? [sql.length, true] : [end + close.length, false];
  };
  while (at < sql.length) {
    const char = sql[at]!;
    const next = sql[at + 1];
    if (isSpaceCode(char.charCodeAt(0))) {
      at++;
    } else if (char === '-' && next === '-') {
      const end = sql.slice(at).search(/[\r\n]/);
      push('comment', at, end < 0 ? sql.length : at + end);
    } else if (char === '/' && next === '*') {
      const [end, open] = until('*/', at + 2);
      push('comment', at, end, open);
    } else if (char === "'" || ((char === 'n' || char === 'N') && next === "'")) {
      push('string', at, ...stringEnd(sql, char === "'" ? at : at + 1));
    } else if ((char === 'q' || char === 'Q') && next === "'" && sql[at + 2] !== undefined) {
      const open = sql[at + 2]!;
      const [end, unterminated] = until(`${alternativeClose[open] ?? open}'`, at + 3);
      push('string', at, end, unterminated);
    } else if ((char === 'n' || char === 'N') && (sql[at + 1] === 'q' || sql[at + 1] === 'Q') && sql[at + 2] === "'" && sql[at + 3] !== undefined) {
      const open = sql[at + 3]!;
      const [end, unterminated] = until(`${alternativeClose[open] ?? open}'`, at + 4);
      push('string', at, end, unterminated);
    } else if (char === '"') {
      const [end, unterminated] = until('"', at + 1);
      push('quoted', at, end, unterminated);
    } else if (char === '~' && (next === '(' || next === '[')) {
      const [end, unterminated] = until(next === '(' ? ')' : ']', at + 2);
      push('dat', at, end, unterminated);
    } else if (char === ':' && isWordCode(sql.charCodeAt(at + 1))) {
      let end = at + 1;
      while (end < sql.length && isWordCode(sql.charCodeAt(end))) end++;
      push('bind', at, end);
    } else if (isWordStartCode(char.charCodeAt(0))) {
      let end = at + 1;
      while (end < sql.length && isWordCode(sql.charCodeAt(end))) end++;
      push('word', at, end);
    } else if (isDigitCode(char.charCodeAt(0)) || (char === '.' && isDigitCode(sql.charCodeAt(at + 1)))) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?/.exec(sql.slice(at))!;
      push('number', at, at + match[0].length);
    } else if (char === '(') {
      push('punctuation', at, at + 1);
      depth++;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      push('punctuation', at, at + 1);
    } else if (char === ',' || char === '.' || char === ';') {
      push('punctuation', at, at + 1);
    } else {
      push('operator', at, at + (next !== undefined && twoCharOperators.has(char + next) ? 2 : 1));
    }
  }
  return tokens;
}

function stringEnd(sql: string, quote: number): [number, boolean] {
  let at = quote + 1;
  while (at < sql.length) {
    if (sql[at] === "'") {
      if (sql[at + 1] === "'") at += 2;
      else return [at + 1, false];
    } else at++;
  }
  return [sql.length, true];
}

/** The token at `offset` (SQL offsets): the one containing it, or the one ending right there (a cursor just after a word). */
export function sqlTokenAt(tokens: readonly SqlToken[], offset: number): SqlToken | undefined {
  let low = 0;
  let high = tokens.length - 1;
  let found: SqlToken | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const token = tokens[middle]!;
    if (token.end < offset) low = middle + 1;
    else if (token.start > offset) high = middle - 1;
    else {
      found = token;
      // Prefer the token that starts here over one that merely ends here (`a.|b`: the `b`).
      if (token.start === offset || token.end > offset) return token;
      low = middle + 1;
    }
  }
  return found;
}

/** Whether a word token is this keyword (case-insensitive). */
export function isKeyword(token: SqlToken | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.length === keyword.length && token.text.toUpperCase() === keyword;
}

/** Code tokens only (no comments): what the analyses walk. */
export function codeTokens(tokens: readonly SqlToken[]): SqlToken[] {
  return tokens.filter((token) => token.kind !== 'comment');
}
