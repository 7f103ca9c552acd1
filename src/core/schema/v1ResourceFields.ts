import { V1_STUDENT_FIELDS, type ResourceField, type ResourceFieldType } from './v1StudentFields';

// The attributes `q` may name on the v1 lists besides students: a school's staff, courses,
// sections and terms, and a section's enrollments. Names, types and database columns are
// PowerSchool's v1 reference (the resource models of /ws/v1/staff/{id}, /course/{id},
// /section/{id}, /term/{id}, /section_enrollment/{id}); the project references say nothing
// about q on these lists. Our choice, marked here and in src/sandbox/README.md: every scalar
// attribute of the resource is searchable (PowerSchool documents no narrower list for them, as it
// does for students), and multi-valued or boolean attributes (school_affiliations, dropped) are
// not, since q has no way to compare them. All are read-only: these resources take no POST.
// Lengths: the v1 reference's where it gives one (course_number, course_name), else the
// column's in ps-tables.json.

export type V1Resource = 'student' | 'staff' | 'course' | 'section' | 'term' | 'section_enrollment';

const read = (path: string, type: ResourceFieldType, column: string, description: string, length?: number): ResourceField =>
  ({ path, type, ...(length !== undefined ? { length } : {}), column, searchable: true, actions: [], description });

const V1_STAFF_FIELDS: readonly ResourceField[] = [
  read('id', 'number', 'Users.DCID', 'The staff member\'s USERS.DCID.'),
  read('users_dcid', 'number', 'Users.DCID', 'The staff member\'s USERS.DCID (the same as id).'),
  read('local_id', 'string', 'Users.TeacherNumber', 'The teacher number assigned by the school.', 80),
  read('admin_username', 'string', 'Users.LoginID', 'The administrator\'s username for signing into PowerSchool.', 80),
  read('teacher_username', 'string', 'Users.TeacherLoginID', 'The teacher\'s username for signing into PowerTeacher.', 80),
  read('name.first_name', 'string', 'Users.First_Name', 'The staff member\'s first name.', 100),
  read('name.middle_name', 'string', 'Users.Middle_Name', 'The staff member\'s middle name.', 100),
  read('name.last_name', 'string', 'Users.Last_Name', 'The staff member\'s last name, with optional `*` wildcard.', 100),
  read('addresses.home.street', 'string', 'Users.Street', 'The staff member\'s street address.', 60),
  read('addresses.home.city', 'string', 'Users.City', 'The city of the staff member\'s address.', 100),
  read('addresses.home.state_province', 'string', 'Users.State', 'The state/province of the staff member\'s address.', 2),
  read('addresses.home.postal_code', 'string', 'Users.Zip', 'The zip/postal code of the staff member\'s address.', 10),
  read('emails.work_email', 'string', 'Users.Email_Addr', 'The staff member\'s work email.', 50),
  read('phones.home_phone', 'string', 'Users.Home_Phone', 'The staff member\'s home phone number.', 30),
];

const V1_COURSE_FIELDS: readonly ResourceField[] = [
  read('id', 'number', 'Courses.DCID', 'The course\'s COURSES.DCID.'),
  read('course_number', 'string', 'Courses.Course_Number', 'Number that identifies the course.', 11),
  read('course_name', 'string', 'Courses.Course_Name', 'Name of the course, with optional `*` wildcard.', 40),
  read('credit_hours', 'number', 'Courses.Credit_Hours', 'Credit hours the course is worth.'),
  read('credit_type', 'string', 'Courses.CreditType', 'The course\'s credit type.', 20),
  read('school_id', 'number', 'Courses.SchoolID', 'The school the course belongs to (absent for district-wide courses).'),
];

const V1_SECTION_FIELDS: readonly ResourceField[] = [
  read('id', 'number', 'Sections.DCID', 'The section\'s SECTIONS.DCID.'),
  read('school_id', 'number', 'Schools.DCID', 'DCID of the section\'s school.'),
  read('course_id', 'number', 'Courses.DCID', 'DCID of the section\'s course.'),
  read('staff_id', 'number', 'SchoolStaff.DCID', 'SCHOOLSTAFF.DCID of the section\'s lead teacher.'),
  read('term_id', 'number', 'Terms.DCID', 'DCID of the section\'s term.'),
  read('section_number', 'string', 'Sections.Section_Number', 'The section number.', 80),
  read('expression', 'string', 'Sections.Expression', 'The periods and days the section meets, e.g. `1(A)`.', 80),
];

const V1_TERM_FIELDS: readonly ResourceField[] = [
  read('id', 'number', 'Terms.DCID', 'The term\'s TERMS.DCID.'),
  read('school_id', 'number', 'Schools.DCID', 'DCID of the term\'s school.'),
  read('start_year', 'number', 'Terms.YearID', 'Starting year of the school year (TERMS.YEARID + 1990).'),
  read('portion', 'number', 'Terms.Portion', 'Portion of the year the term covers (1 = the full year).'),
  read('start_date', 'date', 'Terms.FirstDay', 'First day of the term. Format YYYY-MM-DD.'),
  read('end_date', 'date', 'Terms.LastDay', 'Last day of the term. Format YYYY-MM-DD.'),
  read('abbreviation', 'string', 'Terms.Abbreviation', 'Term abbreviation.', 6),
  read('name', 'string', 'Terms.Name', 'Term name.', 30),
];

const V1_SECTION_ENROLLMENT_FIELDS: readonly ResourceField[] = [
  read('id', 'number', 'CC.DCID', 'The enrollment\'s CC.DCID.'),
  read('section_id', 'number', 'Sections.DCID', 'DCID of the section.'),
  read('student_id', 'number', 'Students.DCID', 'DCID of the student.'),
  read('entry_date', 'date', 'CC.DateEnrolled', 'The day the student entered the section. Format YYYY-MM-DD.'),
  read('exit_date', 'date', 'CC.DateLeft', 'The day after the student left the section. Format YYYY-MM-DD.'),
];

/** Every attribute of each v1 list resource that `q` may name. */
export const V1_RESOURCE_FIELDS: Readonly<Record<V1Resource, readonly ResourceField[]>> = {
  student: V1_STUDENT_FIELDS,
  staff: V1_STAFF_FIELDS,
  course: V1_COURSE_FIELDS,
  section: V1_SECTION_FIELDS,
  term: V1_TERM_FIELDS,
  section_enrollment: V1_SECTION_ENROLLMENT_FIELDS,
};

const fieldsByPath = new Map<V1Resource, ReadonlyMap<string, ResourceField>>((Object.keys(V1_RESOURCE_FIELDS) as V1Resource[])
  .map((resource) => [resource, new Map(V1_RESOURCE_FIELDS[resource].map((field) => [field.path, field]))]));

/** The field of a v1 resource at a dotted path (any letter case), or undefined. */
export function v1ResourceField(resource: V1Resource, path: string): ResourceField | undefined {
  return fieldsByPath.get(resource)?.get(path.toLowerCase());
}
