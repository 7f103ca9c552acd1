const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Shape only, as JSON Schema's `date` format is checked; calendar validity is `isRealDate`. */
export function isDateShaped(text: string): boolean {
  return datePattern.test(text);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a YYYY-MM-DD text that names a day that exists (2024-02-29 yes, 2023-02-30 no). */
export function isRealDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
