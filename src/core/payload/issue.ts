import type { PayloadIssue, PowerSchoolErrorCode } from './types';

/** PowerSchool's view of a problem: what its POST result would carry for the record. */
export interface PowerSchoolView {
  readonly code: PowerSchoolErrorCode;
  /** Data-dictionary path below `student/`, e.g. `name/last_name`. */
  readonly field: string;
  readonly message: string;
}

/** A finding before it has a text range, with PowerSchool's view of it for the sandbox. */
export interface LocatedIssue extends PayloadIssue {
  /** Several when PowerSchool answers one bad value with several errors. */
  readonly ps?: PowerSchoolView | readonly PowerSchoolView[];
  /**
   * A record without client_uid: its "Add client_uid" fix takes a value no other record of the
   * body uses, so it is added once the whole body is known (`clientUidAllocator`).
   */
  readonly wantsClientUid?: true;
}

// PowerSchool's recorded texts (real-server-behaviour.md, "Student POST").
export const psRequiredMessage = 'No data submitted for required element';
export const psIntegerMessage = 'Value must be an integer';
export const psNumberMessage = 'Value must be a number';
export const psLengthMessage = (limit: number): string => `Value may not contain more than ${limit} character(s).`;
export const psPhysicalStreetMessage = 'Name of the street is required.';
export const psLocalIdTakenMessage = 'Local ID already exists in the database and can not be used in an insert.';
/** The reference records the INVALID_DATE_VALUE code but not its text: this wording is ours. */
export const psInvalidDateMessage = 'Invalid date value: use YYYY-MM-DD, or "" to clear the date';

/**
 * The `field` of a POST result: `student/<path>`, except that INVALID_DATE_VALUE was recorded
 * as `students/demographics/birth_date` (real-server-behaviour.md), so date errors say `students/`.
 */
export function psResultField(view: PowerSchoolView): string {
  return `${view.code === 'INVALID_DATE_VALUE' ? 'students' : 'student'}/${view.field}`;
}

/** "Value must be an integer", plus "Value must be a number" when the value is no number at all, as PowerSchool answers. */
export function psIntegerMessages(value: unknown): string[] {
  const numeric = typeof value === 'number' || (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value));
  return numeric ? [psIntegerMessage] : [psIntegerMessage, psNumberMessage];
}
