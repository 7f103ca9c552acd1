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
  readonly ps?: PowerSchoolView;
}

export const psRequiredMessage = 'No data submitted for required element';
export const psIntegerMessage = 'Value must be an integer';
export const psLengthMessage = (limit: number): string => `Value may not contain more than ${limit} character(s).`;
