import type { QToken, QTokenKind } from './types';

// A hand-written, single-pass, contextual scanner: what a character means depends on whether a
// field, an operator or a value is expected (`=` inside a value is just a character, FIQL-style).
// Each character is looked at a bounded number of times, so it is linear in the text length.

type Mode = 'field' | 'operator' | 'value' | 'list';

const MAX_OPERATOR_LETTERS = 8;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Characters that begin an operator: `=`, `!`, `<`, `>`. */
export function isOperatorStart(code: number): boolean {
  return code === 61 || code === 33 || code === 60 || code === 62;
}

function isStructural(code: number): boolean {
  return code === 59 /* ; */ || code === 44 /* , */ || code === 40 /* ( */ || code === 41; /* ) */
}

function structuralKind(code: number): QTokenKind {
  if (code === 59) return 'semicolon';
  if (code === 44) return 'comma';
  return code === 40 ? 'lparen' : 'rparen';
}

/** Length of the operator starting at `i` (at least 1 when text[i] starts an operator). */
function operatorLength(text: string, i: number): number {
  const first = text.charCodeAt(i);
  const second = text.charCodeAt(i + 1);
  if (first === 61 /* = */) {
    if (second === 61) return 2; // ==
    if (second === 60 || second === 62) return 2; // =< => (unknown, diagnosed by the parser)
    let j = i + 1;
    while (j < text.length && j - i - 1 < MAX_OPERATOR_LETTERS && isLetter(text.charCodeAt(j))) j++;
    if (j > i + 1 && text.charCodeAt(j) === 61) return j + 1 - i; // =gt=, =gx=
    // `=gt2017-01-01`: keep a two-letter operator name with the operator so the parser can say
    // that its closing `=` is missing instead of reading "gt2017-01-01" as the value.
    if (j - i - 1 >= 2 && isKnownOperatorName(text.slice(i + 1, i + 3))) return 3;
    return 1;
  }
  if (first === 33 /* ! */) return second === 61 ? 2 : 1;
  // < > <= >=
  return second === 61 ? 2 : 1;
}

function isKnownOperatorName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'gt' || lower === 'ge' || lower === 'lt' || lower === 'le' || lower === 'ne';
}

/** Splits q text into tokens; never throws, every character belongs to exactly one token. */
export function tokenizeQ(text: string): QToken[] {
  const tokens: QToken[] = [];
  const push = (kind: QTokenKind, start: number, end: number) => {
    tokens.push({ kind, start, end, text: text.slice(start, end) });
  };
  let mode: Mode = 'field';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      push('whitespace', i, j);
      i = j;
      continue;
    }
    if (mode === 'value' && code === 40) {
      push('lparen', i, i + 1);
      i++;
      mode = 'list';
      continue;
    }
    if (isStructural(code)) {
      const kind = structuralKind(code);
      push(kind, i, i + 1);
      i++;
      if (mode === 'list') {
        if (kind === 'rparen' || kind === 'semicolon') mode = 'field';
      } else {
        mode = 'field';
      }
      continue;
    }
    if (mode === 'value' || mode === 'list') {
      // A value runs to the next structural character; inner spaces belong to it, trailing ones do not.
      let j = i;
      let lastNonSpace = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (isStructural(c)) break;
        if (!isSpace(c)) lastNonSpace = j;
        j++;
      }
      push('value', i, lastNonSpace + 1);
      i = lastNonSpace + 1;
      if (mode === 'value') mode = 'field';
      continue;
    }
    if (isOperatorStart(code)) {
      const length = operatorLength(text, i);
      push('operator', i, i + length);
      i += length;
      mode = 'value';
      continue;
    }
    // A field name runs to an operator, a structural character or whitespace.
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isOperatorStart(c) || isStructural(c) || isSpace(c)) break;
      j++;
    }
    push('field', i, j);
    i = j;
    mode = 'operator';
  }
  return tokens;
}
