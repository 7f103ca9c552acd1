// PowerSchool enrollment status: letters accepted by `school_enrollment.enroll_status` and the
// integer codes stored in Students.Enroll_Status (per the API data dictionary in the user's notes).
// The server translates a letter to an enroll_status_code before filtering; `I` (Inactive) means
// "any code that is not one of the named ones", so it is a set, not a single code.

export interface EnrollStatus {
  letter: string;
  /** The stored code, or undefined for Inactive (every other integer). */
  code: number | undefined;
  meaning: string;
}

export const ENROLL_STATUSES: readonly EnrollStatus[] = [
  { letter: 'A', code: 0, meaning: 'Active' },
  { letter: 'P', code: -1, meaning: 'Pre-Registered' },
  { letter: 'T', code: 2, meaning: 'Transferred-Out' },
  { letter: 'G', code: 3, meaning: 'Graduated' },
  { letter: 'H', code: 4, meaning: 'Historical' },
  { letter: 'I', code: undefined, meaning: 'Inactive (any other code)' },
];

/** The codes that have their own letter; every other integer is Inactive. */
export const NAMED_STATUS_CODES: readonly number[] = [0, -1, 2, 3, 4];

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
