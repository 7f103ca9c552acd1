import type { Database, SqlValue } from 'sql.js';

// The Oracle functions oracleToSqlite (core/plugin/sql) rewrites calls to, with Oracle's semantics
// over the store's values: DATE is 'YYYY-MM-DD' text, or 'YYYY-MM-DD HH:MM:SS' when it has a time
// (so it still compares as text with stored dates), '' is NULL, and a value Oracle would refuse
// raises the error Oracle would (ORA-01722 …) instead of producing an answer.

type Value = SqlValue;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;
const monthNames = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
const dayNames = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const dayMs = 86_400_000;

class OracleError extends Error {}

/** A date value as UTC milliseconds, or undefined when the value is not a date. */
function dateOf(value: Value): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = datePattern.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

function requireDate(value: Value, where: string): number {
  const date = dateOf(value);
  if (date === undefined) throw new OracleError(`ORA-01858: ${where} expects a date, got '${String(value)}'`);
  return date;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Milliseconds back to the store's text: the time only when it is not midnight. */
function dateText(ms: number): string {
  const date = new Date(Math.round(ms / 1000) * 1000);
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** Oracle's implicit conversion to NUMBER: numeric text converts, anything else is ORA-01722. */
function numberOf(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  throw new OracleError(`ORA-01722: invalid number '${String(value)}'`);
}

/** Oracle's text of a NUMBER: no trailing zeros and no leading zero before the point (0.5 is '.5'). */
function numberText(value: number): string {
  const text = String(Number(value.toPrecision(15)));
  return text.replace(/^(-?)0\./, '$1.');
}

function textOf(value: Value): string | null {
  if (value === null || value === '') return null;
  return typeof value === 'number' ? numberText(value) : String(value);
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + Math.trunc(months);
  const lastOfSource = new Date(Date.UTC(year, date.getUTCMonth() + 1, 0)).getUTCDate();
  const lastOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // Oracle: the last day of a month maps to the last day of the target month.
  const day = date.getUTCDate() === lastOfSource ? lastOfTarget : Math.min(date.getUTCDate(), lastOfTarget);
  return Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

function monthsBetween(later: number, earlier: number): number {
  const a = new Date(later);
  const b = new Date(earlier);
  const whole = (a.getUTCFullYear() - b.getUTCFullYear()) * 12 + (a.getUTCMonth() - b.getUTCMonth());
  const lastDay = (d: Date) => d.getUTCDate() === new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  if (a.getUTCDate() === b.getUTCDate() || (lastDay(a) && lastDay(b))) return whole;
  const seconds = (d: Date) => d.getUTCDate() * 86400 + d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return whole + (seconds(a) - seconds(b)) / (31 * 86400);
}

/** Date format elements, longest first so `MONTH` wins over `MON` and `MM`. */
const dateElements = ['YYYY', 'RRRR', 'MONTH', 'HH24', 'HH12', 'DDD', 'DAY', 'MON', 'YY', 'RR', 'MM', 'DD', 'DY', 'HH', 'MI', 'SS', 'AM', 'PM', 'Q', 'D', 'FM'];

/** Splits an Oracle date format into elements and literal text; an unknown element is refused by name. */
function dateFormatParts(format: string): { element?: string; text: string }[] {
  const parts: { element?: string; text: string }[] = [];
  for (let at = 0; at < format.length; ) {
    const rest = format.slice(at);
    if (rest[0] === '"') {
      const end = format.indexOf('"', at + 1);
      if (end < 0) throw new OracleError('ORA-01861: unterminated "…" in a date format');
      parts.push({ text: format.slice(at + 1, end) });
      at = end + 1;
      continue;
    }
    if (/^[\s\-/,.:;]/.test(rest)) {
      parts.push({ text: rest[0]! });
      at++;
      continue;
    }
    const element = dateElements.find((candidate) => rest.toUpperCase().startsWith(candidate));
    if (!element) throw new OracleError(`The sandbox does not support the date format element '${rest.match(/^\w+/)?.[0] ?? rest[0]}' (in '${format}')`);
    parts.push({ element, text: rest.slice(0, element.length) });
    at += element.length;
  }
  return parts;
}

/** Names follow the element's case: MONTH → JANUARY, Month → January, month → january. */
function cased(name: string, written: string): string {
  if (written === written.toUpperCase()) return name;
  if (written[0] === written[0]!.toUpperCase()) return name[0] + name.slice(1).toLowerCase();
  return name.toLowerCase();
}

function formatDate(ms: number, format: string): string {
  const date = new Date(ms);
  let fill = true;
  let out = '';
  for (const part of dateFormatParts(format)) {
    if (!part.element) {
      out += part.text;
      continue;
    }
    const hours = date.getUTCHours();
    const number = (value: number, width: number) => (fill ? pad(value, width) : String(value));
    const name = (value: string, width: number) => (fill ? cased(value, part.text).padEnd(width) : cased(value, part.text));
    switch (part.element) {
      case 'FM': fill = !fill; break;
      case 'YYYY': case 'RRRR': out += pad(date.getUTCFullYear(), 4); break;
      case 'YY': case 'RR': out += pad(date.getUTCFullYear() % 100); break;
      case 'MM': out += number(date.getUTCMonth() + 1, 2); break;
      case 'MONTH': out += name(monthNames[date.getUTCMonth()]!, 9); break;
      case 'MON': out += cased(monthNames[date.getUTCMonth()]!.slice(0, 3), part.text); break;
      case 'DD': out += number(date.getUTCDate(), 2); break;
      case 'DDD': out += number(Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / dayMs) + 1, 3); break;
      case 'D': out += String(date.getUTCDay() + 1); break;
      case 'DAY': out += name(dayNames[date.getUTCDay()]!, 9); break;
      case 'DY': out += cased(dayNames[date.getUTCDay()]!.slice(0, 3), part.text); break;
      case 'HH24': out += number(hours, 2); break;
      case 'HH': case 'HH12': out += number(hours % 12 === 0 ? 12 : hours % 12, 2); break;
      case 'MI': out += number(date.getUTCMinutes(), 2); break;
      case 'SS': out += number(date.getUTCSeconds(), 2); break;
      case 'AM': case 'PM': out += hours < 12 ? 'AM' : 'PM'; break;
      case 'Q': out += String(Math.floor(date.getUTCMonth() / 3) + 1); break;
    }
  }
  return out;
}

function parseDate(text: string, format: string): number {
  let at = 0;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let pm: boolean | undefined;
  const digits = (max: number): number => {
    const match = new RegExp(`^\\d{1,${max}}`).exec(text.slice(at));
    if (!match) throw new OracleError(`ORA-01858: '${text}' does not match the format '${format}'`);
    at += match[0].length;
    return Number(match[0]);
  };
  for (const part of dateFormatParts(format)) {
    if (!part.element) {
      // Oracle is lenient about punctuation: any separator matches any other.
      if (/^[\s\-/,.:;]$/.test(part.text) && /^[\s\-/,.:;]/.test(text.slice(at))) at++;
      else if (text.slice(at, at + part.text.length).toUpperCase() === part.text.toUpperCase()) at += part.text.length;
      else if (!/^[\s\-/,.:;]$/.test(part.text)) throw new OracleError(`ORA-01861: '${text}' does not match the format '${format}'`);
      continue;
    }
    switch (part.element) {
      case 'FM': break;
      case 'YYYY': case 'RRRR': year = digits(4); break;
      case 'YY': year = 2000 + digits(2); break;
      case 'RR': { const short = digits(2); year = short < 50 ? 2000 + short : 1900 + short; break; }
      case 'MM': month = digits(2); break;
      case 'MON': case 'MONTH': {
        const found = monthNames.findIndex((name) => text.slice(at).toUpperCase().startsWith(part.element === 'MON' ? name.slice(0, 3) : name));
        if (found < 0) throw new OracleError(`ORA-01843: not a valid month in '${text}'`);
        month = found + 1;
        at += part.element === 'MON' ? 3 : monthNames[found]!.length;
        break;
      }
      case 'DD': day = digits(2); break;
      case 'HH24': hour = digits(2); break;
      case 'HH': case 'HH12': hour = digits(2) % 12; break;
      case 'MI': minute = digits(2); break;
      case 'SS': second = digits(2); break;
      case 'AM': case 'PM': pm = text.slice(at, at + 2).toUpperCase() === 'PM'; at += 2; break;
      default: throw new OracleError(`The sandbox does not parse the date format element '${part.text}' in TO_DATE`);
    }
  }
  if (text.slice(at).trim() !== '') throw new OracleError(`ORA-01830: date format picture ends before converting all of '${text}'`);
  if (month < 1 || month > 12) throw new OracleError(`ORA-01843: not a valid month in '${text}'`);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) throw new OracleError(`ORA-01847: day of month must be between 1 and last day of month in '${text}'`);
  if (hour > 23 || minute > 59 || second > 59) throw new OracleError(`ORA-01850: not a valid time in '${text}'`);
  return Date.UTC(year, month - 1, day, hour + (pm ? 12 : 0), minute, second);
}

/** TO_CHAR of a number with a 9/0/./,/FM picture; other elements are refused by name. */
function formatNumber(value: number, format: string): string {
  let picture = format;
  const fill = !/^FM/i.test(picture);
  if (!fill) picture = picture.slice(2);
  if (!/^[90.,]+$/.test(picture)) throw new OracleError(`The sandbox does not support the number format '${format}'`);
  const [whole = '', fraction = ''] = picture.split('.');
  const decimals = fraction.length;
  const fixed = Math.abs(value).toFixed(decimals);
  const [integerDigits = '', fractionDigits = ''] = fixed.split('.');
  const slots = whole.replace(/,/g, '');
  if (integerDigits.replace(/^0+/, '').length > slots.length) return '#'.repeat(format.length + 1);
  const firstZero = slots.indexOf('0');
  const minimumDigits = firstZero < 0 ? 0 : slots.length - firstZero;
  let digits = integerDigits === '0' && (minimumDigits > 0 || decimals === 0) ? integerDigits : integerDigits.replace(/^0+/, '');
  digits = digits.padStart(minimumDigits, '0');
  // Group separators where the picture has them, counted from the right.
  let grouped = '';
  let digitIndex = digits.length - 1;
  for (let at = whole.length - 1; at >= 0 && digitIndex >= 0; at--) {
    if (whole[at] === ',') grouped = `,${grouped}`;
    else grouped = digits[digitIndex--] + grouped;
  }
  if (digitIndex >= 0) grouped = digits.slice(0, digitIndex + 1) + grouped;
  const text = `${value < 0 ? '-' : ''}${grouped}${decimals ? `.${fractionDigits}` : ''}`;
  return fill ? text.padStart(format.length + 1) : text;
}

function truncDate(ms: number, unit: string): number {
  const date = new Date(ms);
  switch (unit.toUpperCase()) {
    case 'DD': case 'DDD': case 'J': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    case 'MM': case 'MON': case 'MONTH': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case 'YYYY': case 'YEAR': case 'YY': return Date.UTC(date.getUTCFullYear(), 0, 1);
    case 'Q': return Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1);
    case 'HH': case 'HH24': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours());
    case 'MI': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes());
    default: throw new OracleError(`The sandbox does not support TRUNC(date, '${unit}')`);
  }
}

/** Oracle regular expressions: POSIX classes and the match parameter map onto JavaScript's. */
function regex(pattern: string, match: Value = null, global = false): RegExp {
  const source = pattern
    .replace(/\[:alpha:\]/g, 'A-Za-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:space:\]/g, '\\s').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~');
  let flags = global ? 'g' : '';
  for (const flag of String(match ?? '')) {
    if (flag === 'i') flags += 'i';
    else if (flag === 'm') flags += 'm';
    else if (flag === 'n') flags += 's';
    else if (flag !== 'c') throw new OracleError(`ORA-01760: bad regular expression match parameter '${flag}'`);
  }
  return new RegExp(source, [...new Set(flags)].join(''));
}

function nthMatch(text: string, pattern: string, position: number, occurrence: number, match: Value): RegExpExecArray | undefined {
  const expression = regex(pattern, match, true);
  expression.lastIndex = position - 1;
  let found: RegExpExecArray | null = null;
  for (let count = 0; count < occurrence; count++) {
    found = expression.exec(text);
    if (!found) return undefined;
    if (found[0] === '') expression.lastIndex++;
  }
  return found ?? undefined;
}

/** Oracle SUBSTR: position 0 is 1, a negative position counts from the end, NULL for nothing. */
function substr(value: Value, position: Value, length: Value = null): Value {
  const text = textOf(value);
  if (text === null || position === null) return null;
  let start = Math.trunc(numberOf(position));
  if (start === 0) start = 1;
  if (start < 0) start = text.length + start + 1;
  if (start < 1 || start > text.length) return null;
  if (length !== null && numberOf(length) < 1) return null;
  const piece = length === null ? text.slice(start - 1) : text.slice(start - 1, start - 1 + Math.trunc(numberOf(length)));
  return piece === '' ? null : piece;
}

function instr(value: Value, search: Value, position: Value = 1, occurrence: Value = 1): Value {
  const text = textOf(value);
  const wanted = textOf(search);
  if (text === null || wanted === null || position === null || occurrence === null) return null;
  const start = Math.trunc(numberOf(position));
  let count = Math.trunc(numberOf(occurrence));
  if (count < 1) throw new OracleError(`ORA-01428: argument '${count}' is out of range`);
  if (start > 0) {
    for (let at = text.indexOf(wanted, start - 1); at >= 0; at = text.indexOf(wanted, at + 1)) if (--count === 0) return at + 1;
  } else if (start < 0) {
    for (let at = text.lastIndexOf(wanted, text.length + start); at >= 0; at = text.lastIndexOf(wanted, at - 1)) if (--count === 0) return at + 1;
  }
  return 0;
}

/** An Oracle LIKE pattern as a whole-text, case-sensitive regular expression. */
function likeExpression(pattern: string, escape: string | undefined): RegExp {
  if (escape !== undefined && escape.length !== 1) throw new OracleError('ORA-01425: escape character must be character string of length 1');
  let source = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at]!;
    if (char === escape && at + 1 < pattern.length) source += pattern[++at]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

const nullIfEmpty = (value: string): Value => (value === '' ? null : value);

function pad2(value: Value, length: Value, fill: Value, left: boolean): Value {
  const text = textOf(value);
  const with_ = fill === undefined ? ' ' : textOf(fill);
  if (text === null || length === null || with_ === null) return null;
  const width = Math.trunc(numberOf(length));
  if (width <= 0) return null;
  if (text.length >= width) return text.slice(0, width);
  return left ? text.padStart(width, with_) : text.padEnd(width, with_);
}

/** The functions by name and arities (sql.js registers one arity per function object). */
function definitions(sysdate: () => number): Record<string, { arities: readonly number[]; run: (...args: Value[]) => Value }> {
  const nulls = (args: Value[]) => args.some((arg) => arg === null);
  return {
    ora_sysdate: { arities: [0], run: () => dateText(sysdate()) },
    ora_add: {
      arities: [2],
      run: (a, b) => {
        if (a === null || b === null) return null;
        const left = dateOf(a);
        const right = dateOf(b);
        if (left !== undefined && right !== undefined) throw new OracleError('ORA-00975: date + date is not allowed');
        if (left !== undefined) return dateText(left + numberOf(b) * dayMs);
        if (right !== undefined) return dateText(right + numberOf(a) * dayMs);
        return numberOf(a) + numberOf(b);
      },
    },
    ora_sub: {
      arities: [2],
      run: (a, b) => {
        if (a === null || b === null) return null;
        const left = dateOf(a);
        const right = dateOf(b);
        if (left !== undefined && right !== undefined) return (left - right) / dayMs;
        if (left !== undefined) return dateText(left - numberOf(b) * dayMs);
        if (right !== undefined) throw new OracleError('ORA-00932: inconsistent datatypes: number - date');
        return numberOf(a) - numberOf(b);
      },
    },
    ora_concat: {
      arities: [2],
      run: (a, b) => {
        const text = (textOf(a) ?? '') + (textOf(b) ?? '');
        return nullIfEmpty(text);
      },
    },
    ora_like: {
      arities: [2, 3],
      run: (value, pattern, escape = null) => {
        const text = textOf(value);
        const like = textOf(pattern);
        if (text === null || like === null) return null;
        return likeExpression(like, escape === null ? undefined : String(escape)).test(text) ? 1 : 0;
      },
    },
    ora_nvl2: { arities: [3], run: (value, ifSet, ifNull) => (value === null ? ifNull! : ifSet!) },
    ora_to_char: {
      arities: [1, 2],
      run: (value, format = null) => {
        if (value === null) return null;
        if (format === null || format === undefined) return textOf(value);
        const date = dateOf(value);
        if (date !== undefined) return nullIfEmpty(formatDate(date, String(format)));
        return formatNumber(numberOf(value), String(format));
      },
    },
    ora_to_date: {
      arities: [1, 2],
      run: (value, format) => {
        if (value === null) return null;
        if (format === undefined || format === null) throw new OracleError(`TO_DATE('${String(value)}') without a format depends on the server's NLS_DATE_FORMAT; write TO_DATE(text, 'YYYY-MM-DD') or similar`);
        return dateText(parseDate(String(value).trim(), String(format)));
      },
    },
    ora_to_number: { arities: [1], run: (value) => (value === null ? null : numberOf(value)) },
    ora_trunc: {
      arities: [1, 2],
      run: (value, unit = null) => {
        if (value === null) return null;
        const date = dateOf(value);
        if (date !== undefined) return dateText(truncDate(date, unit === null ? 'DD' : String(unit)));
        const digits = unit === null ? 0 : Math.trunc(numberOf(unit));
        const scale = 10 ** digits;
        return Math.trunc(numberOf(value) * scale) / scale;
      },
    },
    ora_round: {
      arities: [1, 2],
      run: (value, digits = null) => {
        if (value === null) return null;
        if (dateOf(value) !== undefined) throw new OracleError('The sandbox does not support ROUND(date)');
        const scale = 10 ** (digits === null ? 0 : Math.trunc(numberOf(digits)));
        const number = numberOf(value);
        return (Math.sign(number) * Math.round(Math.abs(number) * scale)) / scale;
      },
    },
    ora_floor: { arities: [1], run: (value) => (value === null ? null : Math.floor(numberOf(value))) },
    ora_ceil: { arities: [1], run: (value) => (value === null ? null : Math.ceil(numberOf(value))) },
    ora_mod: {
      arities: [2],
      run: (a, b) => {
        if (a === null || b === null) return null;
        const divisor = numberOf(b);
        return divisor === 0 ? numberOf(a) : numberOf(a) % divisor;
      },
    },
    ora_length: { arities: [1], run: (value) => textOf(value)?.length ?? null },
    ora_extract: {
      arities: [2],
      run: (field, value) => {
        if (value === null) return null;
        const date = new Date(requireDate(value, 'EXTRACT'));
        switch (field) {
          case 'YEAR': return date.getUTCFullYear();
          case 'MONTH': return date.getUTCMonth() + 1;
          case 'DAY': return date.getUTCDate();
          case 'HOUR': return date.getUTCHours();
          case 'MINUTE': return date.getUTCMinutes();
          default: return date.getUTCSeconds();
        }
      },
    },
    ora_add_months: { arities: [2], run: (value, months) => (value === null || months === null ? null : dateText(addMonths(requireDate(value, 'ADD_MONTHS'), numberOf(months)))) },
    ora_months_between: { arities: [2], run: (a, b) => (a === null || b === null ? null : monthsBetween(requireDate(a, 'MONTHS_BETWEEN'), requireDate(b, 'MONTHS_BETWEEN'))) },
    ora_last_day: {
      arities: [1],
      run: (value) => {
        if (value === null) return null;
        const date = new Date(requireDate(value, 'LAST_DAY'));
        return dateText(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
      },
    },
    ora_substr: { arities: [2, 3], run: (value, position, length) => substr(value, position!, length ?? null) },
    ora_instr: { arities: [2, 3, 4], run: (value, search, position, occurrence) => instr(value, search!, position ?? 1, occurrence ?? 1) },
    ora_initcap: { arities: [1], run: (value) => (value === null ? null : String(value).toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())) },
    ora_lpad: { arities: [2, 3], run: (value, length, fill) => pad2(value, length!, fill, true) },
    ora_rpad: { arities: [2, 3], run: (value, length, fill) => pad2(value, length!, fill, false) },
    ora_regexp_like: {
      arities: [2, 3],
      run: (value, pattern, match = null) => (value === null || pattern === null ? null : regex(String(pattern), match).test(String(value)) ? 1 : 0),
    },
    ora_regexp_substr: {
      arities: [2, 3, 4, 5, 6],
      run: (value, pattern, position = 1, occurrence = 1, match = null, group = 0) => {
        if (nulls([value, pattern!, position!, occurrence!])) return null;
        const found = nthMatch(String(value), String(pattern), numberOf(position!), numberOf(occurrence!), match);
        return found ? nullIfEmpty(found[numberOf(group!)] ?? '') : null;
      },
    },
    ora_regexp_instr: {
      arities: [2, 3, 4, 5, 6],
      run: (value, pattern, position = 1, occurrence = 1, returnOption = 0, match = null) => {
        if (nulls([value, pattern!, position!, occurrence!])) return null;
        const found = nthMatch(String(value), String(pattern), numberOf(position!), numberOf(occurrence!), match);
        return found ? found.index + 1 + (numberOf(returnOption!) ? found[0].length : 0) : 0;
      },
    },
    ora_regexp_replace: {
      arities: [2, 3, 4, 5, 6],
      run: (value, pattern, replacement = null, position = 1, occurrence = 0, match = null) => {
        if (value === null) return null;
        if (pattern === null) return value;
        const text = String(value);
        const start = numberOf(position!) - 1;
        const expression = regex(String(pattern), match, true);
        const target = numberOf(occurrence!);
        let count = 0;
        const replaced = text.slice(start).replace(expression, (whole, ...groups) => {
          count++;
          if (target !== 0 && count !== target) return whole;
          return String(replacement ?? '').replace(/\\(\d)/g, (_, digit: string) => String(groups[Number(digit) - 1] ?? ''));
        });
        return nullIfEmpty(text.slice(0, start) + replaced);
      },
    },
    ora_regexp_count: {
      arities: [2, 3, 4],
      run: (value, pattern, position = 1, match = null) => {
        if (nulls([value, pattern!, position!])) return null;
        return [...String(value).slice(numberOf(position!) - 1).matchAll(regex(String(pattern), match, true))].length;
      },
    },
  };
}

/**
 * The wall clock of `timeZone` at `now`, as milliseconds read back as UTC: SYSDATE is the database
 * server's local time, which for a district is its own zone (the metadata's `district_timezone`).
 */
function wallClock(now: () => number, timeZone: string): () => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  // SQLite calls SYSDATE for every row it compares; formatting a date is the costly part, so each second is formatted once.
  let second = Number.NaN;
  let wall = 0;
  return () => {
    const at = Math.floor(now() / 1000) * 1000;
    if (at === second) return wall;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    second = at;
    wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall;
  };
}

/** Registers the ora_* functions on a store's database; `now` is the sandbox's clock, SYSDATE its wall clock in `timeZone`. */
export function registerOracleFunctions(db: Database, now: () => number, timeZone: string): void {
  for (const [name, { arities, run }] of Object.entries(definitions(wallClock(now, timeZone)))) {
    const call = (...args: Value[]) => {
      if (!arities.includes(args.length)) throw new OracleError(`ORA-00909: invalid number of arguments (${args.length}) to ${name.replace(/^ora_/, '').toUpperCase()}`);
      return run(...args);
    };
    // sql.js registers one callback per name with nArg = length: -1 lets SQLite pass any count.
    Object.defineProperty(call, 'length', { value: -1 });
    db.create_function(name, call as (...args: Value[]) => Value);
  }
}
