// PowerSchool enrollment status: letters accepted by `school_enrollment.enroll_status` and the
// integer codes stored in Students.Enroll_Status (per the API data dictionary in the user's notes).
// The server translates a letter to an enroll_status_code before filtering; `I` (Inactive) means
// "any code that is not one of the named ones", so it is a set, not a single code.

export interface EnrollStatus {
  letter: string;
  /** The stored code, or undefined for Inactive (every other integer). */
  code: number | undefined;
  meaning: string;
  /** PowerSchool refuses Graduated and Transferred-Out when a student POST inserts a record. */
  allowedOnInsert: boolean;
}

export const ENROLL_STATUSES: readonly EnrollStatus[] = [
  { letter: 'A', code: 0, meaning: 'Active', allowedOnInsert: true },
  { letter: 'P', code: -1, meaning: 'Pre-Registered', allowedOnInsert: true },
  { letter: 'T', code: 2, meaning: 'Transferred-Out', allowedOnInsert: false },
  { letter: 'G', code: 3, meaning: 'Graduated', allowedOnInsert: false },
  { letter: 'H', code: 4, meaning: 'Historical', allowedOnInsert: true },
  { letter: 'I', code: undefined, meaning: 'Inactive (any other code)', allowedOnInsert: true },
];

/** The codes that have their own letter; every other integer is Inactive. */
export const NAMED_STATUS_CODES: readonly number[] = ENROLL_STATUSES.flatMap((status) => (status.code === undefined ? [] : [status.code]));

/** The named codes as completion values (`0` Active, `-1` Pre-Registered, …). */
export const STATUS_CODE_VALUES: readonly { value: string; meaning: string }[] = ENROLL_STATUSES.flatMap((status) =>
  status.code === undefined ? [] : [{ value: String(status.code), meaning: status.meaning }],
);

/** The letters as completion values (`A` Active, …, `I` Inactive). */
export const STATUS_LETTER_VALUES: readonly { value: string; meaning: string }[] = ENROLL_STATUSES.map((status) => ({ value: status.letter, meaning: status.meaning }));

export function statusForLetter(text: string): EnrollStatus | undefined {
  if (text.length !== 1) return undefined;
  const upper = text.toUpperCase();
  return ENROLL_STATUSES.find((s) => s.letter === upper);
}

export function statusForCode(code: number): EnrollStatus {
  return ENROLL_STATUSES.find((s) => s.code === code) ?? ENROLL_STATUSES[ENROLL_STATUSES.length - 1];
}

/** True for `enroll_status` and `school_enrollment.enroll_status` (not `…_code`), any letter case. */
export function isEnrollStatusLetterField(field: string): boolean {
  const lower = field.toLowerCase();
  return lower === 'enroll_status' || lower.endsWith('.enroll_status');
}

/** The sibling field that holds the integer code: `school_enrollment.enroll_status_code`. */
export function codeFieldFor(field: string): string {
  return `${field}_code`;
}
