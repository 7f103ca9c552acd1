const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The student schema's `pattern` for date fields: YYYY-MM-DD or "" (PowerSchool clears the
 * value on an empty date, real-server-behaviour.md). Written as a pattern, not `format: date`,
 * because VS Code's JSON support refuses "" for that format; fieldSpecs finds date fields by it.
 */
export const schemaDatePattern = '^(\\d{4}-\\d{2}-\\d{2})?$';

/** Shape only, as JSON Schema's `date` format is checked; calendar validity is `isRealDate`. */
export function isDateShaped(text: string): boolean {
  return datePattern.test(text);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index++) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** True for a YYYY-MM-DD text that names a day that exists (2024-02-29 yes, 2023-02-30 no). */
export function isRealDate(text: string): boolean {
  // Char codes rather than a regex: it runs for every date of every record on each keystroke.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}
