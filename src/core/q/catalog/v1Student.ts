import { ENROLL_STATUSES } from '../../schema';
import type { CatalogField, FieldCatalog } from './types';

// Fields of the v1 student resource usable in `q=` on /ws/v1/district/student,
// /ws/v1/school/{id}/student and their /count variants. The seven marked documented are the
// ones PowerSchool's "searching" page lists (see PS_API_NOTES.md); the rest come from the
// student data dictionary in the same notes and are accepted by the sandbox, but the real
// server may reject them, so validation only warns about them.

const STATUS_LETTERS = ENROLL_STATUSES.map((s) => ({ value: s.letter, meaning: s.meaning }));

const STATUS_CODES = [
  { value: '0', meaning: 'Active' },
  { value: '-1', meaning: 'Pre-Registered' },
  { value: '2', meaning: 'Transferred-Out' },
  { value: '3', meaning: 'Graduated' },
  { value: '4', meaning: 'Historical' },
];

const GRADE_LEVELS = [
  { value: '-2', meaning: 'Preschool (two years before Kindergarten)' },
  { value: '-1', meaning: 'Preschool' },
  { value: '0', meaning: 'Kindergarten' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), meaning: `Grade ${i + 1}` })),
  { value: '99', meaning: 'Graduated (in the graduated school 999999)' },
];

export const V1_STUDENT_FIELDS: readonly CatalogField[] = [
  { name: 'id', type: 'number', column: 'Students.DCID', documented: false, description: 'The student DCID: sequential, guaranteed unique.' },
  { name: 'local_id', type: 'number', column: 'Students.Student_Number', documented: true, description: 'The student number assigned by the school.' },
  { name: 'student_username', type: 'string', length: 20, column: 'Students.Student_Web_ID', documented: true, description: 'The student user ID for signing in to PowerSchool. Internationalized characters are supported.' },
  { name: 'state_province_id', type: 'string', length: 32, column: 'Students.State_StudentNumber', documented: true, description: 'The state-assigned student number; usually stays the same from school to school.' },
  { name: 'name.last_name', type: 'string', length: 50, column: 'Students.Last_Name', documented: true, description: 'Last name, with optional `*` wildcard (for example `Ada*`). Internationalized characters are supported.' },
  { name: 'name.first_name', type: 'string', length: 50, column: 'Students.First_Name', documented: false, description: "The student's first name." },
  { name: 'name.middle_name', type: 'string', length: 30, column: 'Students.Middle_Name', documented: false, description: "The student's middle name." },
  {
    name: 'school_enrollment.enroll_status',
    type: 'string',
    length: 2,
    column: 'Students.Enroll_Status',
    documented: true,
    allowedValues: STATUS_LETTERS,
    valuesCaseInsensitive: true,
    description: 'Enrollment status letter, case-insensitive; translated to an enroll_status_code before filtering. `I` (Inactive) means any code other than 0, -1, 2, 3, 4.',
  },
  {
    name: 'school_enrollment.enroll_status_code',
    type: 'number',
    length: 2,
    column: 'Students.Enroll_Status',
    documented: true,
    allowedValues: STATUS_CODES,
    openValues: true,
    description: 'Enrollment status code: any integer; the listed ones have names, all other integers are Inactive.',
  },
  { name: 'school_enrollment.entry_date', type: 'date', column: 'Students.EntryDate', documented: true, description: 'The date the student enrolled for the current enrollment. Format YYYY-MM-DD.' },
  { name: 'school_enrollment.exit_date', type: 'date', column: 'Students.ExitDate', documented: false, description: 'The day after the student last attended the current/last enrollment. Format YYYY-MM-DD.' },
  { name: 'school_enrollment.grade_level', type: 'number', column: 'Students.Grade_Level', documented: false, allowedValues: GRADE_LEVELS, openValues: true, description: 'Grade level: negative = Preschool, 0 = Kindergarten, 1, 2, … = that grade.' },
  { name: 'school_enrollment.school_number', type: 'number', column: 'Students.SchoolID', documented: false, description: 'School_Number of the school the student is enrolled in.' },
  { name: 'school_enrollment.school_id', type: 'number', column: 'Schools.DCID', documented: false, description: 'DCID of the school the student is enrolled in.' },
  { name: 'school_enrollment.entry_code', type: 'string', length: 10, column: 'Students.EntryCode', documented: false, description: 'Entry code, as defined by the district.' },
  { name: 'school_enrollment.exit_code', type: 'string', length: 10, column: 'Students.ExitCode', documented: false, description: 'Exit code, as defined by the district.' },
  { name: 'school_enrollment.track', type: 'string', length: 20, column: 'Students.Track', documented: false, allowedValues: ['A', 'B', 'C', 'D', 'E', 'F'].map((t) => ({ value: t, meaning: `Track ${t}` })), description: "The student's track." },
  { name: 'school_enrollment.district_of_residence', type: 'string', length: 20, column: 'Students.DistrictOfResidence', documented: false, description: "The student's district of residence." },
  { name: 'demographics.gender', type: 'string', length: 2, column: 'Students.Gender', documented: false, allowedValues: [{ value: 'M', meaning: 'Male' }, { value: 'F', meaning: 'Female' }], valuesCaseInsensitive: true, description: "The student's gender." },
  { name: 'demographics.birth_date', type: 'date', column: 'Students.DOB', documented: false, description: "The student's date of birth. Format YYYY-MM-DD." },
  { name: 'demographics.district_entry_date', type: 'date', column: 'Students.DistrictEntryDate', documented: false, description: 'The date the student entered the district. Format YYYY-MM-DD.' },
  { name: 'demographics.projected_graduation_year', type: 'number', column: 'Students.Sched_YearOfGraduation', documented: false, description: 'The year the student is expected to graduate.' },
];

export const V1_STUDENT_CATALOG: FieldCatalog = { title: '/ws/v1 student', fields: V1_STUDENT_FIELDS };
