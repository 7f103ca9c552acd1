// Shapes shared by every part of the q-expression language: tokens, the parse tree and diagnostics.
// All positions are 0-based UTF-16 offsets into the text that was parsed; `end` is exclusive.

/**
 * Where the expression is used; each place accepts a slightly different grammar.
 * - `v1`: `/ws/v1/...?q=` (resource field paths such as `name.last_name`)
 * - `schema`: `/ws/schema/table/{t}?q=` (plain column names, case-insensitive)
 * - `powerquery`: `$q` in a PowerQuery body (`table.column`, no `,` OR, no parentheses)
 */
export type QDialect = 'v1' | 'schema' | 'powerquery';

/** Operators the parser understands. `!=` is a FIQL operator documented only for PowerQuery `$q`. */
export type QOperator = '==' | '!=' | '=gt=' | '=ge=' | '=lt=' | '=le=';

export interface QSpan {
  start: number;
  end: number;
}

export type QTokenKind =
  | 'field'
  | 'operator'
  | 'value'
  | 'semicolon'
  | 'comma'
  | 'lparen'
  | 'rparen'
  | 'whitespace';

export interface QToken extends QSpan {
  kind: QTokenKind;
  text: string;
}

export interface QField extends QSpan {
  name: string;
}

export interface QOperatorNode extends QSpan {
  /** The operator as written, lower-cased (`=GT=` → `=gt=`); may be unknown, e.g. `=gx=` or `>=`. */
  op: string;
  /** The operator when it is one the parser knows, otherwise undefined. */
  known?: QOperator;
}

export interface QValue extends QSpan {
  /** Exactly as written. */
  raw: string;
  /** The value compared: percent-decoded when the parse option asked for it, otherwise `raw`. */
  text: string;
  /** True when the value contains `*` (matches any run of characters, case-insensitively). */
  wildcard: boolean;
  /** True for the PowerQuery null value (a NUL character, written `\u0000` in JSON). */
  isNull: boolean;
}

export interface QTerm extends QSpan {
  field: QField;
  /** Missing while the user is still typing (`name.last_na`); an error diagnostic says so. */
  operator?: QOperatorNode;
  /** One value, several for an in-list `==(A,P)`, none when missing. */
  values: QValue[];
  /** Present when the values were written as a parenthesised in-list; spans `(` to `)` inclusive. */
  list?: QSpan;
}

/** A `;`-separated AND list of terms. */
export interface QExpression extends QSpan {
  terms: QTerm[];
}

export type QSeverity = 'error' | 'warning' | 'info';

export interface QFix {
  start: number;
  end: number;
  newText: string;
  title: string;
}

export interface QDiagnostic extends QSpan {
  message: string;
  severity: QSeverity;
  /** Stable identifier, e.g. `missing-operator`, `unknown-field`; hosts key quick fixes and docs on it. */
  code: string;
  /** Edits that certainly fix the problem (offered as quick fixes). */
  fixes?: QFix[];
}

export interface ParseQOptions {
  dialect?: QDialect;
  /** Decode values as a URL query string (`%XX`, `+` = space) for text taken verbatim from a URL. Default false. */
  percentDecode?: boolean;
}

export interface ParseQResult {
  /** Always present; when there are error diagnostics it holds what could be recovered. */
  expression: QExpression;
  diagnostics: QDiagnostic[];
  tokens: QToken[];
}
