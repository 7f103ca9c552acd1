import type { QSqlColumn } from '../../core/q';

export type FieldType = 'string' | 'number' | 'date';

/** One writable or filterable attribute of the v1 student resource and the STUDENTS column behind it. */
export interface StudentField {
  /** Dotted v1 path, e.g. `name.last_name`. */
  readonly path: string;
  /** Column of STUDENTS (or a trusted SQL expression over alias `s` when `sql` is set). */
  readonly column: string;
  readonly type: FieldType;
  /** Maximum length for strings (per the API data dictionary in the user's notes). */
  readonly length?: number;
  /** Whether POST may set it on INSERT / UPDATE. */
  readonly insert: boolean;
  readonly update: boolean;
  readonly sql?: string;
}

const f = (path: string, column: string, type: FieldType, length: number | undefined, insert: boolean, update: boolean, sql?: string): StudentField =>
  ({ path, column, type, length, insert, update, sql });

// From the notes' data dictionary ("Attribute / Actions / Type / Length / DataBase Column").
export const studentFields: readonly StudentField[] = [
  f('id', 'dcid', 'number', undefined, false, false),
  f('local_id', 'student_number', 'number', undefined, true, false),
  f('state_province_id', 'state_studentnumber', 'string', 32, true, true),
  f('student_username', 'student_web_id', 'string', 20, false, false),
  f('name.last_name', 'last_name', 'string', 50, true, true),
  f('name.first_name', 'first_name', 'string', 50, true, true),
  f('name.middle_name', 'middle_name', 'string', 30, true, true),
  f('school_enrollment.enroll_status_code', 'enroll_status', 'number', 2, true, false),
  f('school_enrollment.enroll_status', 'enroll_status', 'number', 2, true, false),
  f('school_enrollment.grade_level', 'grade_level', 'number', undefined, true, false),
  f('school_enrollment.entry_date', 'entrydate', 'date', undefined, true, false),
  f('school_enrollment.exit_date', 'exitdate', 'date', undefined, true, false),
  f('school_enrollment.school_number', 'schoolid', 'number', undefined, true, false),
  f('school_enrollment.school_id', 'schoolid', 'number', undefined, false, false, '(SELECT sc.dcid FROM schools sc WHERE sc.school_number = s.schoolid)'),
  f('school_enrollment.entry_code', 'entrycode', 'string', 10, true, false),
  f('school_enrollment.entry_comment', 'transfercomment', 'string', 4000, true, false),
  f('school_enrollment.exit_code', 'exitcode', 'string', 10, true, false),
  f('school_enrollment.exit_comment', 'exitcomment', 'string', 4000, true, false),
  f('school_enrollment.district_of_residence', 'districtofresidence', 'string', 20, true, false),
  f('school_enrollment.track', 'track', 'string', 20, true, false),
  f('school_enrollment.full_time_equivalency.fteid', 'fteid', 'number', 10, true, false),
  f('addresses.physical.street', 'street', 'string', 60, true, true),
  f('addresses.physical.city', 'city', 'string', 50, true, true),
  f('addresses.physical.state_province', 'state', 'string', 2, true, true),
  f('addresses.physical.postal_code', 'zip', 'string', 10, true, true),
  f('addresses.physical.grid_location', 'geocode', 'string', 40, true, true),
  f('addresses.mailing.street', 'mailing_street', 'string', 60, true, true),
  f('addresses.mailing.city', 'mailing_city', 'string', 50, true, true),
  f('addresses.mailing.state_province', 'mailing_state', 'string', 2, true, true),
  f('addresses.mailing.postal_code', 'mailing_zip', 'string', 10, true, true),
  f('addresses.mailing.grid_location', 'mailing_geocode', 'string', 40, true, true),
  f('contact.emergency_contact_name1', 'emerg_contact_1', 'string', 60, true, true),
  f('contact.emergency_phone1', 'emerg_phone_1', 'string', 30, true, true),
  f('contact.emergency_contact_name2', 'emerg_contact_2', 'string', 60, true, true),
  f('contact.emergency_phone2', 'emerg_phone_2', 'string', 60, true, true),
  f('contact.guardian_email', 'guardianemail', 'string', 100, true, true),
  f('contact.guardian_fax', 'guardianfax', 'string', 30, true, true),
  f('contact.mother', 'mother', 'string', 60, true, true),
  f('contact.father', 'father', 'string', 60, true, true),
  f('contact.doctor_name', 'doctor_name', 'string', 60, true, true),
  f('contact.doctor_phone', 'doctor_phone', 'string', 30, true, true),
  f('contact_info.email', 'email', 'string', 100, true, true, '(SELECT e.email FROM sandbox_student_email e WHERE e.studentsdcid = s.dcid)'),
  f('demographics.gender', 'gender', 'string', 2, true, true),
  f('demographics.birth_date', 'dob', 'date', undefined, true, true),
  f('demographics.district_entry_date', 'districtentrydate', 'date', undefined, true, true),
  f('demographics.projected_graduation_year', 'sched_yearofgraduation', 'number', undefined, true, true),
  f('initial_enrollment.district_entry_date', 'districtentrydate', 'date', undefined, true, true),
  f('initial_enrollment.district_entry_grade_level', 'districtentrygradelevel', 'number', 10, true, true),
  f('initial_enrollment.school_entry_date', 'schoolentrydate', 'date', undefined, true, true),
  f('initial_enrollment.school_entry_grade_level', 'schoolentrygradelevel', 'number', 10, true, true),
  f('phones.main.number', 'home_phone', 'string', 30, true, true),
  f('schedule_setup.home_room', 'home_room', 'string', 60, true, true),
  f('schedule_setup.next_school', 'next_school', 'number', 10, true, true),
  f('schedule_setup.sched_next_year_grade', 'sched_nextyeargrade', 'number', 10, true, true),
];

const byPath = new Map(studentFields.map((field) => [field.path, field]));

export function studentField(path: string): StudentField | undefined {
  return byPath.get(path.toLowerCase());
}

/** Column lookup for q on /ws/v1 student lists (SQL over STUDENTS aliased `s`). */
export function studentQColumn(path: string): QSqlColumn | undefined {
  const field = studentField(path);
  if (!field) return undefined;
  return { sql: field.sql ?? `s.${field.column}`, type: field.type };
}
