import { NAMED_STATUS_CODES, STATUS_CODE_VALUES, STATUS_LETTER_VALUES } from './enrollStatus';

// Every attribute of the v1 student resource (GET/POST /ws/v1/…/student), as the student data
// dictionary in the user's notes (PS_API_NOTES.md) names it: path, type, length, database column,
// which POST actions set it, and whether PowerSchool's "searching" page documents it for `q`.
// q completion and validation, the sandbox's filters and POST, and a test against the student
// JSON Schema's `x-ps-column` annotations all read this one list.

export type ResourceFieldType = 'string' | 'number' | 'date';

/** What POST may do with a field; READ: the server sends it, ignores it in a body. */
export type FieldAction = 'INSERT' | 'UPDATE';

export interface ValueHint {
  readonly value: string;
  readonly meaning: string;
}

export interface ResourceField {
  /** Dotted path below `student`, e.g. `name.last_name`. */
  readonly path: string;
  readonly type: ResourceFieldType;
  /** Maximum characters for text, digits for numbers, when the data dictionary says. */
  readonly length?: number;
  /** Database column as the data dictionary names it, e.g. `Students.Last_Name`. */
  readonly column: string;
  /** Listed on PowerSchool's "searching" page: q on it is documented (others get a warning). */
  readonly searchable: boolean;
  /** Which POST actions set it (none: read-only), as the student JSON Schema's `x-ps-actions` say. */
  readonly actions: readonly FieldAction[];
  readonly description: string;
  /** Values worth offering; `open`: others are valid too; `caseInsensitive`: letter case does not matter. */
  readonly values?: { readonly known: readonly ValueHint[]; readonly open?: boolean; readonly caseInsensitive?: boolean };
}

const both: readonly FieldAction[] = ['INSERT', 'UPDATE'];
const insert: readonly FieldAction[] = ['INSERT'];
const none: readonly FieldAction[] = [];

/** Grade levels: negative = preschool, 0 = kindergarten, 99 = the graduated school's grade. */
export const GRADE_LEVEL_VALUES: readonly ValueHint[] = [
  { value: '-2', meaning: 'Preschool (two years before Kindergarten)' },
  { value: '-1', meaning: 'Preschool' },
  { value: '0', meaning: 'Kindergarten' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), meaning: `Grade ${i + 1}` })),
  { value: '99', meaning: 'Graduated (in the graduated school 999999)' },
];

const field = (path: string, type: ResourceFieldType, length: number | undefined, column: string, actions: readonly FieldAction[], description: string, extra: Partial<ResourceField> = {}): ResourceField =>
  ({ path, type, ...(length !== undefined ? { length } : {}), column, searchable: false, actions, description, ...extra });

export const V1_STUDENT_FIELDS: readonly ResourceField[] = [
  field('id', 'number', undefined, 'Students.DCID', ['UPDATE'], 'The student DCID: sequential, guaranteed unique (on POST it selects the record to update).'),
  field('local_id', 'number', undefined, 'Students.Student_Number', insert, 'The student number assigned by the school.', { searchable: true }),
  field('state_province_id', 'string', 32, 'Students.State_StudentNumber', both, 'The state-assigned student number; usually stays the same from school to school.', { searchable: true }),
  field('student_username', 'string', 20, 'Students.Student_Web_ID', none, 'The student user ID for signing in to PowerSchool (read-only: the data dictionary lists no POST action). Internationalized characters are supported.', { searchable: true }),
  field('name.last_name', 'string', 50, 'Students.Last_Name', both, 'Last name, with optional `*` wildcard (for example `Ada*`). Internationalized characters are supported.', { searchable: true }),
  field('name.first_name', 'string', 50, 'Students.First_Name', both, "The student's first name."),
  field('name.middle_name', 'string', 30, 'Students.Middle_Name', both, "The student's middle name."),
  field('school_enrollment.enroll_status', 'string', 2, 'Students.Enroll_Status', insert,
    `Enrollment status letter, case-insensitive; translated to an enroll_status_code before filtering. \`I\` (Inactive) means any code other than ${NAMED_STATUS_CODES.join(', ')}.`,
    { searchable: true, values: { known: STATUS_LETTER_VALUES, caseInsensitive: true } }),
  field('school_enrollment.enroll_status_code', 'number', 2, 'Students.Enroll_Status', insert,
    'Enrollment status code: any integer; the listed ones have names, all other integers are Inactive.',
    { searchable: true, values: { known: STATUS_CODE_VALUES, open: true } }),
  field('school_enrollment.enroll_status_description', 'string', 2, 'Students.Enroll_Status', none, 'The enrollment status as text: Active, Pre-Registered, Transferred-Out, Graduated, Historical or Inactive.'),
  field('school_enrollment.grade_level', 'number', undefined, 'Students.Grade_Level', insert, 'Grade level: negative = Preschool, 0 = Kindergarten, 1, 2, … = that grade.', { values: { known: GRADE_LEVEL_VALUES, open: true } }),
  field('school_enrollment.entry_date', 'date', undefined, 'Students.EntryDate', insert, 'The date the student enrolled for the current enrollment. Format YYYY-MM-DD.', { searchable: true }),
  field('school_enrollment.exit_date', 'date', undefined, 'Students.ExitDate', insert, 'The day after the student last attended the current/last enrollment. Format YYYY-MM-DD.'),
  field('school_enrollment.school_number', 'number', undefined, 'Students.SchoolID', insert, 'School_Number of the school the student is enrolled in.'),
  field('school_enrollment.school_id', 'number', undefined, 'Schools.DCID', none, 'DCID of the school the student is enrolled in.'),
  field('school_enrollment.entry_code', 'string', 10, 'Students.EntryCode', insert, 'Entry code, as defined by the district.'),
  field('school_enrollment.entry_comment', 'string', 4000, 'Students.TransferComment', insert, 'The entry comment for the school the student is or was enrolled in.'),
  field('school_enrollment.exit_code', 'string', 10, 'Students.ExitCode', insert, 'Exit code, as defined by the district.'),
  field('school_enrollment.exit_comment', 'string', 4000, 'Students.ExitComment', insert, 'Why the student is no longer enrolled at the school.'),
  field('school_enrollment.district_of_residence', 'string', 20, 'Students.DistrictOfResidence', insert, "The student's district of residence."),
  field('school_enrollment.track', 'string', 20, 'Students.Track', insert, "The student's track.",
    { values: { known: ['A', 'B', 'C', 'D', 'E', 'F'].map((track) => ({ value: track, meaning: `Track ${track}` })) } }),
  field('school_enrollment.full_time_equivalency.fteid', 'number', 10, 'Students.FteId', insert, "The student's full-time equivalency ID (School Setup's default when not given)."),
  field('school_enrollment.full_time_equivalency.name', 'string', 80, 'Fte.Name', none, "The name of the student's full-time equivalency."),
  field('addresses.physical.street', 'string', 60, 'Students.Street', both, "The student's street address."),
  field('addresses.physical.city', 'string', 50, 'Students.City', both, "The city of the student's address."),
  field('addresses.physical.state_province', 'string', 2, 'Students.State', both, "The state/province of the student's address."),
  field('addresses.physical.postal_code', 'string', 10, 'Students.Zip', both, "The zip/postal code of the student's address."),
  field('addresses.physical.grid_location', 'string', 40, 'Students.Geocode', both, "The latitude/longitude of the student's physical address."),
  field('addresses.mailing.street', 'string', 60, 'Students.Mailing_Street', both, "The student's mailing street address."),
  field('addresses.mailing.city', 'string', 50, 'Students.Mailing_City', both, "The city of the student's mailing address."),
  field('addresses.mailing.state_province', 'string', 2, 'Students.Mailing_State', both, "The state/province of the student's mailing address."),
  field('addresses.mailing.postal_code', 'string', 10, 'Students.Mailing_Zip', both, "The zip/postal code of the student's mailing address."),
  field('addresses.mailing.grid_location', 'string', 40, 'Students.Mailing_Geocode', both, "The latitude/longitude of the student's mailing address."),
  field('contact.emergency_contact_name1', 'string', 60, 'Students.Emerg_Contact_1', both, "The name of the student's first emergency contact."),
  field('contact.emergency_phone1', 'string', 30, 'Students.Emerg_Phone_1', both, "The phone number of the student's first emergency contact."),
  field('contact.emergency_contact_name2', 'string', 60, 'Students.Emerg_Contact_2', both, "The name of the student's second emergency contact."),
  field('contact.emergency_phone2', 'string', 60, 'Students.Emerg_Phone_2', both, "The phone number of the student's second emergency contact."),
  field('contact.guardian_email', 'string', undefined, 'Students.GuardianEmail', both, "The email of the student's guardian."),
  field('contact.guardian_fax', 'string', 30, 'Students.GuardianFax', both, "The fax number of the student's guardian."),
  field('contact.mother', 'string', 60, 'Students.Mother', both, "The name of the student's mother."),
  field('contact.father', 'string', 60, 'Students.Father', both, "The name of the student's father."),
  field('contact.doctor_name', 'string', 60, 'Students.Doctor_Name', both, "The name of the student's doctor."),
  field('contact.doctor_phone', 'string', 30, 'Students.Doctor_Phone', both, "The phone number of the student's doctor."),
  field('contact_info.email', 'string', undefined, 'PSM_StudentContact.Email', both, "The student's email contact."),
  field('demographics.gender', 'string', 2, 'Students.Gender', both, "The student's gender.",
    { values: { known: [{ value: 'M', meaning: 'Male' }, { value: 'F', meaning: 'Female' }], caseInsensitive: true } }),
  field('demographics.birth_date', 'date', undefined, 'Students.DOB', both, "The student's date of birth. Format YYYY-MM-DD."),
  field('demographics.district_entry_date', 'date', undefined, 'Students.DistrictEntryDate', both, 'The date the student entered the district. Format YYYY-MM-DD.'),
  field('demographics.projected_graduation_year', 'number', undefined, 'Students.Sched_YearOfGraduation', both, 'The year the student is expected to graduate.'),
  field('initial_enrollment.district_entry_date', 'date', undefined, 'Students.DistrictEntryDate', both, "The student's district entry date. Format YYYY-MM-DD."),
  field('initial_enrollment.district_entry_grade_level', 'number', 10, 'Students.DistrictEntryGradeLevel', both, "The student's district entry grade level."),
  field('initial_enrollment.school_entry_date', 'date', undefined, 'Students.SchoolEntryDate', both, "The student's school entry date. Format YYYY-MM-DD."),
  field('initial_enrollment.school_entry_grade_level', 'number', 10, 'Students.SchoolEntryGradeLevel', both, "The student's school entry grade level."),
  field('phones.main.number', 'string', 30, 'Students.Home_Phone', both, "The student's home phone number."),
  field('schedule_setup.home_room', 'string', 60, 'Students.Home_Room', both, "The student's home room."),
  field('schedule_setup.next_school', 'number', 10, 'Students.Next_School', both, 'The school the student goes to next (999999: the graduated school).'),
  field('schedule_setup.sched_next_year_grade', 'number', 10, 'Students.Sched_NextYearGrade', both, 'The grade level the student goes to next year.'),
];
