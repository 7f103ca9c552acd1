// Interpreting value text: percent-decoding, the PowerQuery null, numbers, dates, wildcards.

/**
 * Decodes a query-string value as the server's servlet container does: `+` is a space and `%XX`
 * escapes are UTF-8 bytes; malformed escapes are kept as written instead of throwing.
 */
export function percentDecode(raw: string): string {
  const text = raw.indexOf('+') < 0 ? raw : raw.replace(/\+/g, ' ');
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Decode the well-formed runs one by one and keep the rest literally.
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** PowerQuery `$q` spells null as a NUL character (`\u0000` in JSON); accept the escape written literally too. */
export function isNullText(text: string): boolean {
  return text === '\u0000' || text === '\\u0000' || text === '%00';
}

/** A finite number written in plain decimal notation (`12`, `-1`, `3.5`), otherwise undefined. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return undefined;
  let i = 0;
  if (t.charCodeAt(0) === 45 || t.charCodeAt(0) === 43) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return undefined;
  }
  if (digits === 0) return undefined;
  const value = Number(t);
  return Number.isFinite(value) ? value : undefined;
}

export type DateCheck =
  | { kind: 'ok'; iso: string }
  | { kind: 'malformed' }
  | { kind: 'impossible'; reason: string };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function digitsAt(text: string, start: number, count: number): number | undefined {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return undefined;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** Checks the `YYYY-MM-DD` form the API requires and that the day exists (no 2023-02-30). */
export function checkDate(text: string): DateCheck {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return { kind: 'malformed' };
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year === undefined || month === undefined || day === undefined) return { kind: 'malformed' };
  if (month < 1 || month > 12) return { kind: 'impossible', reason: `month ${text.slice(5, 7)} does not exist` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { kind: 'impossible', reason: `${text.slice(0, 7)} has days 01 to ${String(last).padStart(2, '0')}` };
  }
  return { kind: 'ok', iso: text };
}

/**
 * Recognises other date spellings whose meaning is certain and returns them as `YYYY-MM-DD`, for
 * a quick fix: `2017/08/01`, `2017-8-1`, and `08/31/2017` / `31/08/2017` only when the day is
 * above 12 (`08/01/2017` could be either order, so no suggestion).
 */
export function suggestIsoDate(text: string): string | undefined {
  const parts = text.split(/[-/.]/);
  if (parts.length !== 3 || parts.some((p) => p.length === 0 || p.length > 4 || !/^\d+$/.test(p))) return undefined;
  let year: number;
  let month: number;
  let day: number;
  if (parts[0].length === 4) {
    [year, month, day] = parts.map(Number);
  } else if (parts[2].length === 4) {
    const [first, second] = parts.map(Number);
    if (first > 12 && second <= 12) [day, month, year] = parts.map(Number);
    else if (second > 12 && first <= 12) [month, day, year] = parts.map(Number);
    else if (first === second) [month, day, year] = parts.map(Number);
    else return undefined;
  } else {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `YYYY-MM-DD` prefix of a stored value (a string such as `2017-08-01T00:00:00` or a Date), if any. */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || value.length < 10) return undefined;
  const head = value.slice(0, 10);
  return checkDate(head).kind === 'ok' ? head : undefined;
}

/**
 * Case-insensitive `*` wildcard match without regular expressions (no backtracking blow-up):
 * the classic greedy algorithm with one remembered star, O(n·m) worst case, linear in practice.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < v.length) {
    if (pi < p.length && p[pi] === '*') {
      starP = pi++;
      starV = vi;
    } else if (pi < p.length && p[pi] === v[vi]) {
      pi++;
      vi++;
    } else if (starP >= 0) {
      pi = starP + 1;
      vi = ++starV;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
