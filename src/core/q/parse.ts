import { byRange, editDistance } from '../text';
import { tokenizeQ } from './tokenize';
import { isNullText, percentDecode } from './values';
import type {
  ParseQOptions,
  ParseQResult,
  QDiagnostic,
  QDialect,
  QExpression,
  QFix,
  QOperator,
  QOperatorNode,
  QTerm,
  QToken,
  QValue,
} from './types';

const KNOWN_OPERATORS: Readonly<Record<string, QOperator>> = {
  '==': '==',
  '!=': '!=',
  '=gt=': '=gt=',
  '=ge=': '=ge=',
  '=lt=': '=lt=',
  '=le=': '=le=',
};

/** Spellings borrowed from other query languages whose PowerSchool equivalent is certain. */
const CERTAIN_REPLACEMENTS: Readonly<Record<string, QOperator>> = {
  '>': '=gt=',
  '>=': '=ge=',
  '=>': '=ge=',
  '<': '=lt=',
  '<=': '=le=',
  '=<': '=le=',
  '=ne=': '!=',
  '=eq=': '==',
  '=': '==',
  '=gt': '=gt=',
  '=ge': '=ge=',
  '=lt': '=lt=',
  '=le': '=le=',
  '=ne': '!=',
};

export const OPERATOR_DOCS: Readonly<Record<QOperator, string>> = {
  '==': 'equal to (with `*` wildcards on text, or an in-list `==(A,B)`)',
  '!=': 'not equal to (FIQL; documented for PowerQuery `$q` only)',
  '=gt=': 'greater than',
  '=ge=': 'greater than or equal to',
  '=lt=': 'less than',
  '=le=': 'less than or equal to',
};

const FIELD_CHAR = /^[A-Za-z0-9_.$]+$/;

/** Known operators closest to an unknown one (`=gx=` → `=gt=`, `=ge=`). */
export function closestOperators(op: string, dialect: QDialect): QOperator[] {
  const certain = CERTAIN_REPLACEMENTS[op];
  if (certain) return [certain];
  const candidates = (Object.keys(KNOWN_OPERATORS) as QOperator[]).filter((o) => dialect === 'powerquery' || o !== '!=');
  let best = Infinity;
  let result: QOperator[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(op, candidate);
    if (distance < best) {
      best = distance;
      result = [candidate];
    } else if (distance === best) {
      result.push(candidate);
    }
  }
  return best <= 2 ? result : [];
}

export function knownOperator(op: string): QOperator | undefined {
  return KNOWN_OPERATORS[op];
}

interface Cursor {
  tokens: QToken[];
  index: number;
}

function peek(cursor: Cursor): QToken | undefined {
  return cursor.tokens[cursor.index];
}

/** Parses q text into an AND list of terms with diagnostics; never throws. */
export function parseQ(text: string, options: ParseQOptions = {}): ParseQResult {
  const dialect = options.dialect ?? 'v1';
  const tokens = tokenizeQ(text);
  const diagnostics: QDiagnostic[] = [];
  const significant = tokens.filter((t) => t.kind !== 'whitespace');
  const cursor: Cursor = { tokens: significant, index: 0 };
  const terms: QTerm[] = [];
  const report = (start: number, end: number, code: string, message: string, fixes?: QFix[]) => {
    diagnostics.push(fixes ? { start, end, message, severity: 'error', code, fixes } : { start, end, message, severity: 'error', code });
  };

  const makeValue = (token: QToken): QValue => {
    const decoded = options.percentDecode ? percentDecode(token.text) : token.text;
    return {
      raw: token.text,
      text: decoded,
      start: token.start,
      end: token.end,
      wildcard: decoded.includes('*'),
      isNull: isNullText(token.text) || isNullText(decoded),
    };
  };

  const makeOperator = (token: QToken): QOperatorNode => {
    const op = token.text.toLowerCase();
    const known = KNOWN_OPERATORS[op];
    if (!known) {
      const suggestions = closestOperators(op, dialect);
      const advice = suggestions.length > 0 ? `: use ${suggestions.map((s) => `'${s}'`).join(' or ')}` : ': use ==, =gt=, =ge=, =lt= or =le=';
      const hint = op === '=' ? "'=' alone is not an operator" : `'${token.text}' is not a q operator`;
      const fixes = suggestions.map((s) => ({ start: token.start, end: token.end, newText: s, title: `Replace '${token.text}' with '${s}'` }));
      // One suggestion is a certain fix; two equally close ones (=gx= → =gt= / =ge=) are offered side by side.
      report(token.start, token.end, 'unknown-operator', op === '=' ? `${hint}; use '==' for equality` : hint + advice, fixes.length > 0 ? fixes : undefined);
      return { op, start: token.start, end: token.end };
    }
    if (known === '!=' && dialect !== 'powerquery') {
      diagnostics.push({
        start: token.start,
        end: token.end,
        severity: 'warning',
        code: 'operator-undocumented',
        message: "'!=' is documented only for PowerQuery $q; the server may reject it here",
      });
    }
    return { op, known, start: token.start, end: token.end };
  };

  /** Skips to the next `;` (exclusive) after an error, so one mistake yields one diagnostic. */
  const skipToSemicolon = () => {
    while (cursor.index < significant.length && significant[cursor.index].kind !== 'semicolon') cursor.index++;
  };

  const parseList = (term: QTerm, open: QToken) => {
    cursor.index++;
    if (dialect === 'powerquery') {
      // The reference says $q forbids parentheses; an in-list is the one place they would appear.
      report(open.start, open.end, 'parentheses-not-supported', "PowerQuery $q does not accept parentheses or in-lists; write one term per value or use a PowerQuery argument");
    }
    let expectValue = true;
    while (cursor.index < significant.length) {
      const token = significant[cursor.index];
      if (token.kind === 'rparen') {
        cursor.index++;
        if (expectValue) {
          const where = term.values.length === 0 ? 'inside' : 'after the last comma in';
          report(open.start, token.end, 'missing-value', `Missing value ${where} the list; write values like ==(A,P)`);
        }
        term.list = { start: open.start, end: token.end };
        term.end = token.end;
        return;
      }
      if (token.kind === 'semicolon') break;
      cursor.index++;
      if (token.kind === 'comma') {
        if (expectValue) report(token.start, token.end, 'missing-value', 'Missing value before this comma');
        expectValue = true;
        continue;
      }
      if (token.kind === 'value' && expectValue) {
        term.values.push(makeValue(token));
        term.end = token.end;
        expectValue = false;
        continue;
      }
      report(token.start, token.end, 'unexpected-token', `Unexpected '${token.text}' in the list; separate values with ','`);
      term.end = token.end;
    }
    const last = significant[cursor.index - 1];
    term.list = { start: open.start, end: last.end };
    term.end = last.end;
    report(open.start, open.end, 'unclosed-list', "This '(' is never closed; end the list with ')'", [
      { start: last.end, end: last.end, newText: ')', title: "Insert ')'" },
    ]);
  };

  const parseTerm = (first: QToken): QTerm => {
    let fieldToken: QToken | undefined;
    if (first.kind === 'field') {
      fieldToken = first;
      cursor.index++;
    }
    const field = fieldToken
      ? { name: fieldToken.text, start: fieldToken.start, end: fieldToken.end }
      : { name: '', start: first.start, end: first.start };
    const term: QTerm = { field, values: [], start: field.start, end: field.end };
    if (fieldToken && !FIELD_CHAR.test(fieldToken.text)) {
      report(fieldToken.start, fieldToken.end, 'invalid-field', `'${fieldToken.text}' is not a field name; names use letters, digits, '_' and '.'`);
    }
    const opToken = peek(cursor);
    if (!fieldToken) {
      report(first.start, first.end, 'missing-field', 'Missing field name before the operator, e.g. name.last_name==Smith');
    }
    if (!opToken || opToken.kind !== 'operator') {
      if (fieldToken) {
        report(field.start, field.end, 'missing-operator', `'${field.name}' needs an operator and a value, e.g. ${field.name}==value`);
      }
      if (opToken && opToken.kind !== 'semicolon') {
        report(opToken.start, opToken.end, 'unexpected-token', `Unexpected '${opToken.text}'; expected an operator such as == or =gt=`);
        skipToSemicolon();
        const last = significant[cursor.index - 1];
        term.end = Math.max(term.end, last.end);
      }
      return term;
    }
    cursor.index++;
    term.operator = makeOperator(opToken);
    term.end = opToken.end;
    const next = peek(cursor);
    if (next && next.kind === 'lparen') {
      parseList(term, next);
    } else if (next && next.kind === 'value') {
      cursor.index++;
      term.values.push(makeValue(next));
      term.end = next.end;
    } else {
      report(opToken.start, opToken.end, 'missing-value', `Missing value after '${opToken.text}'`);
    }
    return term;
  };

  const mergeOrFix = (left: QTerm, comma: QToken): QFix[] | undefined => {
    // `a==X,a==Y` means "a is X or Y": exactly what an in-list says, so the rewrite is certain.
    const after = significant[cursor.index + 1];
    const op = significant[cursor.index + 2];
    const value = significant[cursor.index + 3];
    const end = significant[cursor.index + 4];
    if (
      left.operator?.known === '==' && left.values.length === 1 && !left.list &&
      after?.kind === 'field' && after.text === left.field.name &&
      op?.kind === 'operator' && op.text === '==' && value?.kind === 'value' &&
      (!end || end.kind === 'semicolon') && comma.end === after.start
    ) {
      const newText = `${left.field.name}==(${left.values[0].raw},${value.text})`;
      return [{ start: left.start, end: value.end, newText, title: `Use the in-list ${newText}` }];
    }
    return undefined;
  };

  let reportedEmptyAt = -1;
  while (cursor.index <= significant.length) {
    const token = peek(cursor);
    const previous = significant[cursor.index - 1];
    if (!token || token.kind === 'semicolon') {
      // Empty term: `;` at the start, `;;`, or a trailing `;`.
      const semicolon = token && !previous ? token : previous?.kind === 'semicolon' ? (token ?? previous) : undefined;
      if (semicolon && semicolon.start !== reportedEmptyAt) {
        reportedEmptyAt = semicolon.start;
        report(semicolon.start, semicolon.end, 'empty-term', "Empty term: remove the extra ';'", [
          { start: semicolon.start, end: semicolon.end, newText: '', title: "Remove ';'" },
        ]);
      }
      if (!token) break;
      cursor.index++;
      continue;
    }
    if (token.kind === 'field' || token.kind === 'operator') {
      const term = parseTerm(token);
      terms.push(term);
      const after = peek(cursor);
      if (after && after.kind !== 'semicolon') {
        if (after.kind === 'comma') {
          const message =
            dialect === 'powerquery'
              ? "PowerQuery $q does not accept ',' (OR); for several values of one field use separate requests or an argument"
              : "',' (OR) is not part of PowerSchool's q grammar; join terms with ';' (AND), or list alternatives of one field as field==(A,B)";
          report(after.start, after.end, 'or-not-supported', message, mergeOrFix(term, after));
        } else {
          report(after.start, after.end, 'unexpected-token', `Unexpected '${after.text}'; terms are separated by ';'`);
        }
        skipToSemicolon();
      }
      continue;
    }
    // A stray `,`, `(`, `)` or value where a term should start.
    const message =
      token.kind === 'lparen' || token.kind === 'rparen'
        ? `Parentheses cannot group terms${dialect === 'powerquery' ? ' in $q' : ''}; terms are joined with ';' (AND)`
        : `Unexpected '${token.text}'; a term looks like field==value`;
    report(token.start, token.end, token.kind === 'lparen' || token.kind === 'rparen' ? 'parentheses-not-supported' : 'unexpected-token', message);
    cursor.index++;
    skipToSemicolon();
  }

  const expression: QExpression = { terms, start: 0, end: text.length };
  diagnostics.sort(byRange);
  return { expression, diagnostics, tokens };
}
