/** Fixed facts of the generated district and its school year (the sandbox's "now"). */
export interface DistrictInfo {
  readonly name: string;
  readonly districtNumber: number;
  readonly state: string;
  readonly city: string;
  readonly timezone: string;
  /** PowerSchool year id: first calendar year of the school year minus 1990. */
  readonly yearId: number;
  readonly yearStart: string;
  readonly yearEnd: string;
}

export function districtInfo(): DistrictInfo {
  return {
    name: 'Sandbox Unified School District',
    districtNumber: 4321,
    state: 'CA',
    city: 'Springfield',
    timezone: 'America/Los_Angeles',
    yearId: 36,
    yearStart: '2026-08-17',
    yearEnd: '2027-06-04',
  };
}

/** Student DCIDs and IDs deliberately differ (DCID = ID + this) so a client mixing them up is caught. */
export const studentDcidOffset = 5000;
/** Local ids (STUDENT_NUMBER) are distinct from both. */
export const studentNumberOffset = 200000;
