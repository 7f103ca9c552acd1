import { codeFieldFor, isEnrollStatusLetterField, statusForCode, statusForLetter } from '../schema';
import { checkDate, parseNumber, toIsoDate, wildcardMatch } from './values';
import type { QExpression, QOperator, QTerm, QValue } from './types';

// Semantics (the sandbox's filtering; qToSql produces the same results in SQL):
// - Terms are ANDed. A term with a missing or unknown operator, or without values, matches nothing.
// - An in-list `==(A,P)` matches when any value matches; `!=(A,P)` when none does.
// - Text compares case-insensitively; `*` matches any run of characters (only with == and !=).
// - Numbers compare numerically, `YYYY-MM-DD` dates chronologically. The field's declared type
//   (options.typeOf) decides; without one it is inferred from the stored value.
// - A stored null/undefined (or '' for text) matches only the null value (`\u0000`, PowerQuery's null)
//   with ==, and everything-but-null with !=. Other comparisons against null are false, as in SQL.
// - Enrollment status: a status letter on `enroll_status` / `….enroll_status` is translated to its
//   code, as the server does. The code is read from the sibling `…enroll_status_code` field when
//   getValue has it, otherwise from the field itself (a code or a letter). `I` (Inactive) matches
//   every code other than 0, -1, 2, 3, 4. Ordering operators compare codes; with `I` they are false.
// - A stored array (a repeated element) matches when any element matches.

export type QFieldType = 'string' | 'number' | 'date' | 'boolean';

export interface MatchQOptions {
  /** Declared type of a field, e.g. from a catalog; undefined = infer from the stored value. */
  typeOf?: (field: string) => QFieldType | undefined;
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function compareOrdered(op: QOperator, difference: number): boolean {
  switch (op) {
    case '==':
      return difference === 0;
    case '!=':
      return difference !== 0;
    case '=gt=':
      return difference > 0;
    case '=ge=':
      return difference >= 0;
    case '=lt=':
      return difference < 0;
    case '=le=':
      return difference <= 0;
  }
}

function inferType(actual: unknown, value: QValue): QFieldType {
  if (typeof actual === 'number' || typeof actual === 'bigint') return 'number';
  if (typeof actual === 'boolean') return 'boolean';
  if ((actual instanceof Date || typeof actual === 'string') && toIsoDate(actual) && checkDate(value.text).kind === 'ok') return 'date';
  return 'string';
}

/** Compares one stored scalar with one value; `op` is positive (== for the != case, see caller). */
function compareScalar(op: QOperator, actual: unknown, value: QValue, type: QFieldType): boolean {
  if (value.isNull) return false;
  if (isAbsent(actual)) return false;
  switch (type) {
    case 'number': {
      const expected = parseNumber(value.text);
      const stored = typeof actual === 'number' ? actual : parseNumber(String(actual));
      if (value.wildcard && (op === '==' || op === '!=')) return wildcardMatch(value.text, String(actual));
      if (expected === undefined || stored === undefined) return false;
      return compareOrdered(op, stored - expected);
    }
    case 'date': {
      const stored = toIsoDate(actual);
      if (!stored || checkDate(value.text).kind !== 'ok') return false;
      return compareOrdered(op, stored < value.text ? -1 : stored > value.text ? 1 : 0);
    }
    case 'boolean': {
      const stored = String(actual).toLowerCase();
      const expected = value.text.toLowerCase();
      const truthy = (s: string) => s === 'true' || s === '1';
      return compareOrdered(op, truthy(stored) === truthy(expected) ? 0 : 1);
    }
    case 'string': {
      const stored = String(actual);
      if (value.wildcard && (op === '==' || op === '!=')) return wildcardMatch(value.text, stored);
      const a = stored.toLowerCase();
      const b = value.text.toLowerCase();
      return compareOrdered(op, a < b ? -1 : a > b ? 1 : 0);
    }
  }
}

function statusCodeOf(term: QTerm, getValue: (field: string) => unknown): number | undefined {
  const code = getValue(codeFieldFor(term.field.name));
  const fromCode = typeof code === 'number' ? code : typeof code === 'string' ? parseNumber(code) : undefined;
  if (fromCode !== undefined) return fromCode;
  const own = getValue(term.field.name);
  if (typeof own === 'number') return own;
  if (typeof own === 'string') {
    const letter = statusForLetter(own);
    if (letter) return letter.code ?? Number.NaN; // NaN stands for "some Inactive code"
    return parseNumber(own);
  }
  return undefined;
}

function matchesStatus(op: QOperator, code: number, value: QValue): boolean {
  const letter = statusForLetter(value.text);
  if (!letter) {
    const number = parseNumber(value.text);
    return number !== undefined && !Number.isNaN(code) && compareOrdered(op, code - number);
  }
  if (op === '==' || op === '!=') return statusForCode(code).letter === letter.letter;
  if (letter.code === undefined || Number.isNaN(code)) return false;
  return compareOrdered(op, code - letter.code);
}

function matchesTerm(term: QTerm, getValue: (field: string) => unknown, options: MatchQOptions): boolean {
  const op = term.operator?.known;
  if (!op || term.values.length === 0 || term.field.name === '') return false;
  const negated = op === '!=';
  const positive: QOperator = negated ? '==' : op;
  let anyMatch: (value: QValue) => boolean;

  if (isEnrollStatusLetterField(term.field.name) && term.values.some((v) => statusForLetter(v.text))) {
    const code = statusCodeOf(term, getValue);
    if (code === undefined) return false;
    anyMatch = (value) => matchesStatus(positive, code, value);
  } else {
    const actual = getValue(term.field.name);
    const declared = options.typeOf?.(term.field.name);
    const one = (stored: unknown, value: QValue) => {
      if (value.isNull) return isAbsent(stored);
      return compareScalar(positive, stored, value, declared ?? inferType(stored, value));
    };
    if (Array.isArray(actual)) {
      anyMatch = (value) => (actual.length === 0 ? value.isNull : actual.some((element) => one(element, value)));
    } else {
      // `!=` against a stored null is false unless the value is the null itself (SQL semantics).
      if (negated && isAbsent(actual) && !term.values.some((v) => v.isNull)) return false;
      anyMatch = (value) => one(actual, value);
    }
  }
  const found = term.values.some(anyMatch);
  return negated ? !found : found;
}

/** True when the record behind getValue satisfies every term of the expression. */
export function matchesQ(expression: QExpression, getValue: (field: string) => unknown, options: MatchQOptions = {}): boolean {
  for (const term of expression.terms) {
    if (!matchesTerm(term, getValue, options)) return false;
  }
  return true;
}
