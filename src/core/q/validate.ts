import { findField, type CatalogField, type FieldCatalog } from './catalog/types';
import { byRange, closestName } from '../text';
import { ENROLL_STATUSES, isEnrollStatusLetterField } from '../schema';
import { parseQ } from './parse';
import type { ParseQResult, QDiagnostic, QDialect, QExpression, QFix, QSeverity, QTerm, QValue } from './types';
import { checkDate, parseNumber, suggestIsoDate } from './values';

// Checks a q expression against a field catalog. Every diagnostic has the exact range of what is
// wrong, a message that names the fix, and quick fixes only where the fix is certain.

export type ValidateQInput = string | ParseQResult | QExpression;

function diagnostic(start: number, end: number, severity: QSeverity, code: string, message: string, fixes?: QFix[]): QDiagnostic {
  return fixes && fixes.length > 0 ? { start, end, severity, code, message, fixes } : { start, end, severity, code, message };
}

function listValues(field: CatalogField, limit = 8): string {
  const values = field.allowedValues ?? [];
  const shown = values.slice(0, limit).map((v) => `${v.value} = ${v.meaning}`).join(', ');
  return values.length > limit ? `${shown}, …` : shown;
}

function checkField(term: QTerm, catalog: FieldCatalog, dialect: QDialect, out: QDiagnostic[]): CatalogField | undefined {
  const { name, start, end } = term.field;
  // Names with characters no field has were reported by the parser already (invalid-field).
  if (name === '' || !/^[A-Za-z0-9_.$]+$/.test(name)) return undefined;
  if (dialect === 'powerquery' && !name.includes('.')) {
    const qualified = catalog.fields.filter((f) => f.name.toLowerCase().endsWith(`.${name.toLowerCase()}`));
    const fixes = qualified.length === 1 ? [{ start, end, newText: qualified[0].name, title: `Use '${qualified[0].name}'` }] : undefined;
    out.push(diagnostic(start, end, 'error', 'powerquery-field-form', `In $q, name columns as table.column${qualified.length > 0 ? `, e.g. '${qualified[0].name}'` : ', e.g. students.last_name'}`, fixes));
    return qualified.length === 1 ? qualified[0] : undefined;
  }
  const field = findField(catalog, name);
  if (field) {
    if (field.documented === false) {
      out.push(diagnostic(start, end, 'warning', 'field-undocumented',
        `'${name}' is a ${catalog.title} field, but PowerSchool documents searching only by ${catalog.fields.filter((f) => f.documented).map((f) => f.name).join(', ')}; the server may reject it`));
    }
    return field;
  }
  const names = catalog.fields.map((f) => f.name);
  const sameButCase = catalog.caseInsensitive ? undefined : catalog.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  const suggestion = sameButCase?.name ?? closestName(name, names);
  const fixes = suggestion ? [{ start, end, newText: suggestion, title: `Change to '${suggestion}'` }] : undefined;
  const message = suggestion
    ? `Unknown field '${name}' for ${catalog.title}; did you mean '${suggestion}'?`
    : `Unknown field '${name}' for ${catalog.title}; known fields include ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`;
  out.push(diagnostic(start, end, 'error', 'unknown-field', message, fixes));
  return undefined;
}

function checkValue(term: QTerm, field: CatalogField, value: QValue, dialect: QDialect, out: QDiagnostic[]): void {
  const { start, end, text } = value;
  const op = term.operator?.known;
  if (value.isNull) {
    if (dialect !== 'powerquery') out.push(diagnostic(start, end, 'warning', 'null-undocumented', 'The null value (\\u0000) is documented only for PowerQuery $q'));
    else if (op !== '==' && op !== '!=') out.push(diagnostic(start, end, 'error', 'operator-not-allowed', 'null can only be compared with == or !='));
    return;
  }
  if (value.wildcard) {
    if (field.type !== 'string') {
      out.push(diagnostic(start, end, 'error', 'wildcard-not-allowed', `'*' wildcards only work on text fields; '${field.name}' is a ${field.type}: compare with an exact value or =ge=/=le=`));
      return;
    }
    if (op && op !== '==' && op !== '!=') {
      out.push(diagnostic(start, end, 'error', 'wildcard-not-allowed', `'*' wildcards only work with ==; use == or remove the '*'`));
      return;
    }
  }
  switch (field.type) {
    case 'date': {
      const check = checkDate(text);
      if (check.kind === 'malformed') {
        const iso = suggestIsoDate(text);
        out.push(diagnostic(start, end, 'error', 'invalid-date', `'${text}' is not a date in the form YYYY-MM-DD${iso ? `; write ${iso}` : ', e.g. 2017-08-01'}`,
          iso && iso !== text ? [{ start, end, newText: iso, title: `Change to ${iso}` }] : undefined));
      } else if (check.kind === 'impossible') {
        out.push(diagnostic(start, end, 'error', 'impossible-date', `${text} does not exist: ${check.reason}`));
      }
      return;
    }
    case 'number': {
      if (parseNumber(text) === undefined) {
        const allowed = field.allowedValues?.length ? ` (e.g. ${listValues(field, 5)})` : '';
        out.push(diagnostic(start, end, 'error', 'type-mismatch', `'${text}' is not a number; '${field.name}' is numeric${allowed}`));
        return;
      }
      break;
    }
    case 'boolean': {
      if (!/^(true|false|1|0)$/i.test(text)) out.push(diagnostic(start, end, 'error', 'type-mismatch', `'${text}' is not a boolean; write true or false`));
      return;
    }
    case 'string': {
      const literal = value.wildcard ? text.replace(/\*/g, '') : text;
      if (field.length !== undefined && literal.length > field.length) {
        out.push(diagnostic(start, end, 'warning', 'value-too-long', `'${field.name}' holds at most ${field.length} characters, so this value can never match; shorten it`));
      }
      break;
    }
  }
  if (field.allowedValues && field.allowedValues.length > 0 && !value.wildcard) {
    const exact = field.allowedValues.find((v) => v.value === text);
    const folded = exact ?? field.allowedValues.find((v) => v.value.toLowerCase() === text.toLowerCase());
    if (exact || (folded && field.valuesCaseInsensitive)) return;
    if (folded) {
      out.push(diagnostic(start, end, 'error', 'value-not-allowed', `'${text}' must be written '${folded.value}' (= ${folded.meaning})`,
        [{ start, end, newText: folded.value, title: `Change to '${folded.value}'` }]));
      return;
    }
    if (field.openValues) return;
    if (isEnrollStatusLetterField(field.name) && parseNumber(text) !== undefined) {
      out.push(diagnostic(start, end, 'error', 'value-not-allowed',
        `'${field.name}' takes a status letter: ${listValues(field)}; for numeric codes use '${field.name}_code'`));
      return;
    }
    out.push(diagnostic(start, end, 'error', 'value-not-allowed', `'${text}' is not a value of '${field.name}'; use one of: ${listValues(field)}`));
  }
}

function checkTerm(term: QTerm, catalog: FieldCatalog, dialect: QDialect, out: QDiagnostic[]): void {
  const field = checkField(term, catalog, dialect, out);
  const operator = term.operator;
  if (operator?.known && term.values.length > 1 && operator.known !== '==' && operator.known !== '!=') {
    out.push(diagnostic(operator.start, operator.end, 'error', 'operator-not-allowed',
      `An in-list matches any of its values, so it only works with ==; use == or a single value with '${operator.op}'`,
      [{ start: operator.start, end: operator.end, newText: '==', title: "Change to '=='" }]));
  }
  if (!field) return;
  if (operator?.known && operator.known !== '==' && operator.known !== '!=' && term.values.length <= 1 && field.type === 'string' && isEnrollStatusLetterField(field.name)) {
    out.push(diagnostic(operator.start, operator.end, 'warning', 'operator-meaningless',
      `Status letters have no order ('${operator.op}' compares their codes ${ENROLL_STATUSES.filter((status) => status.code !== undefined).map((status) => `${status.letter}=${status.code}`).join(', ')}); use == with an in-list such as ==(A,P)`));
  }
  if (!operator?.known) return;
  for (const value of term.values) checkValue(term, field, value, dialect, out);
}

/**
 * Diagnostics for a q expression against a catalog. Given text (or a parse result) they include
 * the syntax diagnostics; given an expression, only the catalog checks.
 */
export function validateQ(
  input: ValidateQInput,
  catalog: FieldCatalog,
  dialect: QDialect = 'v1',
  options: { percentDecode?: boolean } = {},
): QDiagnostic[] {
  let expression: QExpression;
  const out: QDiagnostic[] = [];
  if (typeof input === 'string') {
    const parsed = parseQ(input, { dialect, percentDecode: options.percentDecode });
    expression = parsed.expression;
    out.push(...parsed.diagnostics);
  } else if ('terms' in input) {
    expression = input;
  } else {
    expression = input.expression;
    out.push(...input.diagnostics);
  }
  for (const term of expression.terms) checkTerm(term, catalog, dialect, out);
  return out.sort(byRange);
}
