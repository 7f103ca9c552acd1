// PowerSchool's built-in PowerQueries that the references list: name, core table, whether
// records are flattened, arguments and returned columns (`<column column="table.column">key</column>`
// as named_queries.xml has them). One home for the editor's checks (the columns a plugin must be
// granted) and the sandbox (which runs each with its own SQL). Names and argument names come from
// the references (public client code); where they leave arguments or returned columns
// unconfirmed, we chose plausible ones and say so in `note`.
// Flattening follows real-server-behaviour.md: most com.pearson.core.* queries answer flat
// records keyed by their columns' output keys; daily_attendance_template and
// student_attendance_detail keep `tables.<table>.<column>`.

/** `primitive`: a plugin's untyped argument, bound as the sandbox's runQuery reads it. */
export type PowerQueryArgType = 'array' | 'number' | 'date' | 'string' | 'primitive';

export interface PowerQueryArg {
  readonly name: string;
  readonly type: PowerQueryArgType;
  readonly required: boolean;
  readonly description: string;
}

/** One SELECT item, as named_queries.xml has it: `<column column="students.dcid">dcid</column>`. */
export interface PowerQueryColumn {
  /** The source `table.column` that q, order, projection and access name; the SQL selects it under this alias. */
  readonly column: string;
  /** The key of the column in a flattened record. */
  readonly key: string;
}

export interface PowerQueryDefinition {
  readonly name: string;
  /** Upper-case, as PowerSchool answers it in `name` and `_name`. */
  readonly coreTable: string;
  /** Flat records keyed by `PowerQueryColumn.key` (true), or `tables.<table>.<column>` (false). */
  readonly flattened: boolean;
  readonly summary: string;
  readonly args: readonly PowerQueryArg[];
  /** Result columns in order (a sandbox's SQL selects exactly their `column` aliases). */
  readonly columns: readonly PowerQueryColumn[];
  /** The column whose value becomes each record's `id` (`_id` when flattened). */
  readonly idColumn: string;
  readonly note?: string;
}

const arg = (name: string, type: PowerQueryArgType, required: boolean, description: string): PowerQueryArg => ({ name, type, required, description });
/** `table.column` keyed by its column name, or `[table.column, key]` where that would collide. */
const columns = (...items: (string | readonly [string, string])[]): PowerQueryColumn[] =>
  items.map((item) => (typeof item === 'string' ? { column: item, key: item.slice(item.indexOf('.') + 1) } : { column: item[0], key: item[1] }));
/** An unflattened query's records are keyed by table, so its columns keep `table.column`. */
const tableColumns = (...items: string[]): PowerQueryColumn[] => items.map((item) => ({ column: item, key: item }));

export const BUILTIN_POWERQUERIES: readonly PowerQueryDefinition[] = [
  {
    name: 'com.pearson.core.guardian.student_guardian_detail', coreTable: 'GUARDIAN', flattened: true, summary: 'Guardians and the students they are linked to',
    args: [arg('guardian_id', 'array', false, 'GUARDIAN.GUARDIANID values'), arg('students_dcid', 'array', false, 'STUDENTS.DCID values')],
    columns: columns('guardian.guardianid', 'guardian.firstname', 'guardian.lastname', 'guardian.email', 'students.dcid', 'students.student_number', 'students.lastfirst'),
    idColumn: 'guardian.guardianid',
    note: 'students_dcid (used in the design examples) is accepted besides guardian_id; returned columns beyond id are our choice.',
  },
  {
    name: 'com.pearson.core.student.student_dcid_id_map', coreTable: 'STUDENTS', flattened: true, summary: 'Maps student DCIDs to student IDs',
    args: [arg('students_dcid', 'array', false, 'STUDENTS.DCID values'), arg('students_id', 'array', false, 'STUDENTS.ID values')],
    columns: columns('students.dcid', 'students.id'), idColumn: 'students.dcid',
  },
  {
    name: 'com.pearson.core.terms.yearid', coreTable: 'TERMS', flattened: true, summary: 'The year id of the school year containing a date',
    args: [arg('schoolid', 'number', true, 'TERMS.SCHOOLID (0 for the district)'), arg('currentdate', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('terms.yearid'), idColumn: 'terms.yearid',
  },
  {
    name: 'com.pearson.core.terms.year_terms', coreTable: 'TERMS', flattened: true, summary: 'The terms of a school year',
    args: [arg('schoolid', 'number', true, 'TERMS.SCHOOLID'), arg('yearid', 'number', true, 'TERMS.YEARID')],
    columns: columns('terms.dcid', 'terms.id', 'terms.name', 'terms.abbreviation', 'terms.firstday', 'terms.lastday'), idColumn: 'terms.dcid',
  },
  {
    name: 'com.pearson.core.calendar.district_cycle_days', coreTable: 'CYCLE_DAY', flattened: true, summary: 'District cycle days of a year',
    args: [arg('yearid', 'number', true, 'CYCLE_DAY.YEAR_ID')],
    columns: columns('cycle_day.dcid', 'cycle_day.letter', 'cycle_day.day_number', 'cycle_day.abbreviation', 'cycle_day.day_name'), idColumn: 'cycle_day.dcid',
    note: 'Returned columns are our choice (unconfirmed in the references).',
  },
  {
    name: 'com.pearson.core.schools.grade_levels', coreTable: 'SCHOOLS', flattened: true, summary: 'Grade levels taught in the district',
    args: [], columns: columns('schools.grade_level', 'schools.grade_text'), idColumn: 'schools.grade_level',
  },
  {
    name: 'com.pearson.core.school.school_detail', coreTable: 'SCHOOLS', flattened: true, summary: 'One school by school number',
    args: [arg('school_number', 'number', true, 'SCHOOLS.SCHOOL_NUMBER')],
    columns: columns('schools.dcid', 'schools.id', 'schools.school_number', 'schools.name', 'schools.abbreviation', 'schools.low_grade', 'schools.high_grade', 'schools.principal'), idColumn: 'schools.dcid',
    note: 'Returned columns are our choice (unconfirmed in the references).',
  },
  {
    name: 'com.pearson.core.attendance.attendance_code_by_school_date', coreTable: 'ATTENDANCE_CODE', flattened: true, summary: 'Attendance codes valid at a school on a date',
    args: [arg('schoolid', 'number', true, 'ATTENDANCE_CODE.SCHOOLID'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('attendance_code.dcid', 'attendance_code.id', 'attendance_code.att_code', 'attendance_code.description', 'attendance_code.presence_status_cd'), idColumn: 'attendance_code.dcid',
  },
  {
    name: 'com.pearson.core.attendance.daily_attendance_template', coreTable: 'ATTENDANCE', flattened: false, summary: 'A student\'s daily attendance on a date',
    args: [arg('studentid', 'number', true, 'STUDENTS.ID'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: tableColumns('attendance.dcid', 'attendance.studentid', 'attendance.att_date', 'attendance.attendance_codeid', 'attendance.att_mode_code', 'attendance.schoolid'), idColumn: 'attendance.dcid',
  },
  {
    name: 'com.pearson.core.attendance.time_attendance_template', coreTable: 'ATTENDANCE', flattened: true, summary: 'A student\'s time attendance record',
    args: [arg('studentid', 'number', true, 'STUDENTS.ID'), arg('dcid', 'number', true, 'ATTENDANCE.DCID (0 when creating)'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('attendance.dcid', 'attendance.studentid', 'attendance.att_date', 'attendance.total_minutes'), idColumn: 'attendance.dcid',
  },
  {
    name: 'com.pearson.core.attendance.student_attendance_detail', coreTable: 'ATTENDANCE', flattened: false, summary: 'Attendance records with codes, per student',
    args: [
      arg('students_dcid', 'array', false, 'STUDENTS.DCID values'),
      arg('attendance_att_mode_code', 'string', false, 'ATTENDANCE.ATT_MODE_CODE, e.g. ATT_ModeDaily'),
      arg('attendance_att_date_start', 'date', false, 'first ATTENDANCE.ATT_DATE, YYYY-MM-DD'),
      arg('attendance_att_date_end', 'date', false, 'last ATTENDANCE.ATT_DATE, YYYY-MM-DD'),
    ],
    columns: tableColumns('attendance.dcid', 'students.dcid', 'attendance.att_date', 'attendance.att_mode_code', 'attendance_code.att_code', 'attendance_code.description'), idColumn: 'attendance.dcid',
    note: 'Arguments as real clients send them (students_dcid, attendance_att_mode_code, attendance_att_date_start/_end); which are required is unconfirmed.',
  },
  {
    name: 'com.pearson.core.attendance.special_program', coreTable: 'GEN', flattened: true, summary: 'Programs valid for ATTENDANCE.PROGRAMID',
    args: [], columns: columns('gen.id', 'gen.name', 'gen.value'), idColumn: 'gen.id',
  },
  {
    name: 'com.pearson.core.teachers.sectionEnrollments', coreTable: 'STUDENTS', flattened: true, summary: 'Students enrolled in sections',
    args: [arg('section_dcid', 'array', true, 'SECTIONS.DCID values')],
    columns: columns('students.dcid', 'students.id', 'students.first_name', 'students.last_name', 'students.lastfirst', 'students.grade_level', 'students.gender', 'students.student_number'),
    idColumn: 'students.dcid',
  },
  {
    name: 'com.pearson.core.student.student_sections', coreTable: 'CC', flattened: true, summary: 'A student\'s sections',
    args: [arg('students_dcid', 'array', false, 'STUDENTS.DCID values')],
    columns: columns('cc.dcid', ['students.dcid', 'students_dcid'], ['sections.dcid', 'sections_dcid'], 'courses.course_number', 'courses.course_name', 'sections.section_number', 'sections.room'), idColumn: 'cc.dcid',
    note: 'Arguments and output keys unconfirmed in the references; students_dcid is our choice.',
  },
  {
    name: 'com.pearson.core.student.search.get_student_basic_info', coreTable: 'STUDENTS', flattened: true, summary: 'Basic student information',
    args: [], columns: columns('students.dcid', 'students.id', 'students.student_number', 'students.lastfirst', 'students.grade_level', 'students.schoolid', 'students.enroll_status'), idColumn: 'students.dcid',
    note: 'Arguments and columns unconfirmed in the references; filter with $q.',
  },
  {
    name: 'com.powerschool.core.users.coteacher_access_roles', coreTable: 'USERS', flattened: false, summary: 'Section roles of (co-)teachers',
    args: [arg('users_dcids', 'array', true, 'USERS.DCID values')],
    columns: tableColumns('users.dcid', 'sectionteacher.sectionid', 'sectionteacher.roleid'), idColumn: 'users.dcid',
    note: 'Not a com.pearson.core query: whether it is flattened is unconfirmed; we keep tables.',
  },
  {
    name: 'com.powerschool.core.dats.students.racecodes', coreTable: 'STUDENTRACE', flattened: false, summary: 'Race codes per student',
    args: [], columns: tableColumns('studentrace.dcid', 'students.dcid', 'studentrace.racecd'), idColumn: 'studentrace.dcid',
    note: 'Not a com.pearson.core query: whether it is flattened is unconfirmed; we keep tables.',
  },
];

/**
 * The table.column pairs a query needs granted: its declared columns (real plugins whose SQL
 * joins on ungranted columns work in production, so PowerSchool checks the declared ones:
 * plugin-corpus-facts.md). The sandbox's /ws/powerqueryaccesslist and 403, and the editor's
 * ungranted-column check, all answer from this list.
 */
export function queryColumnNeeds(query: PowerQueryDefinition): { table: string; field: string }[] {
  return query.columns.map(({ column }) => {
    const dot = column.indexOf('.');
    return { table: column.slice(0, dot), field: column.slice(dot + 1) };
  });
}

/** The built-in query of this name (any letter case), or undefined. */
export function builtinPowerQuery(name: string): PowerQueryDefinition | undefined {
  return byName.get(name.toLowerCase());
}

const byName = new Map(BUILTIN_POWERQUERIES.map((query) => [query.name.toLowerCase(), query]));
