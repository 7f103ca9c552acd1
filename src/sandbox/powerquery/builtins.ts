// Implementations of the built-in PowerQueries listed in the references. Names and argument
// names come from the catalog (public client code); where the references leave arguments or
// returned columns unconfirmed, we chose plausible ones and say so in `note`.
// SQL uses :name placeholders for arguments; array arguments arrive as a JSON text bound to
// `json_each`, and an optional argument that was not given is bound as NULL.
// Flattening follows real-server-behaviour.md: most com.pearson.core.* queries answer flat
// records keyed by their columns' output keys; daily_attendance_template and
// student_attendance_detail keep `tables.<table>.<column>`.

/** `primitive`: a plugin's untyped argument (see runQuery's primitiveValue). */
export type ArgType = 'array' | 'number' | 'date' | 'string' | 'primitive';

export interface BuiltinArg {
  readonly name: string;
  readonly type: ArgType;
  readonly required: boolean;
  readonly description: string;
}

/** One SELECT item, as named_queries.xml has it: `<column column="students.dcid">dcid</column>`. */
export interface QueryColumn {
  /** The source `table.column` that q, order, projection and access name; the SQL selects it under this alias. */
  readonly column: string;
  /** The key of the column in a flattened record. */
  readonly key: string;
}

export interface BuiltinQuery {
  readonly name: string;
  /** Upper-case, as PowerSchool answers it in `name` and `_name`. */
  readonly coreTable: string;
  /** Flat records keyed by `QueryColumn.key` (true), or `tables.<table>.<column>` (false). */
  readonly flattened: boolean;
  readonly summary: string;
  readonly args: readonly BuiltinArg[];
  /** Result columns in order; the SQL selects exactly their `column` aliases. */
  readonly columns: readonly QueryColumn[];
  /** The column whose value becomes each record's `id` (`_id` when flattened). */
  readonly idColumn: string;
  readonly sql: string;
  readonly note?: string;
}

const arg = (name: string, type: ArgType, required: boolean, description: string): BuiltinArg => ({ name, type, required, description });
const inArray = (column: string, name: string) => `(:${name} IS NULL OR ${column} IN (SELECT value FROM json_each(:${name})))`;
/** `table.column` keyed by its column name, or `[table.column, key]` where that would collide. */
const columns = (...items: (string | readonly [string, string])[]): QueryColumn[] =>
  items.map((item) => (typeof item === 'string' ? { column: item, key: item.slice(item.indexOf('.') + 1) } : { column: item[0], key: item[1] }));
/** An unflattened query's records are keyed by table, so its columns keep `table.column`. */
const tableColumns = (...items: string[]): QueryColumn[] => items.map((item) => ({ column: item, key: item }));

export const builtinQueries: readonly BuiltinQuery[] = [
  {
    name: 'com.pearson.core.guardian.student_guardian_detail', coreTable: 'GUARDIAN', flattened: true, summary: 'Guardians and the students they are linked to',
    args: [arg('guardian_id', 'array', false, 'GUARDIAN.GUARDIANID values'), arg('students_dcid', 'array', false, 'STUDENTS.DCID values')],
    columns: columns('guardian.guardianid', 'guardian.firstname', 'guardian.lastname', 'guardian.email', 'students.dcid', 'students.student_number', 'students.lastfirst'),
    idColumn: 'guardian.guardianid',
    sql: `SELECT g.guardianid AS "guardian.guardianid", g.firstname AS "guardian.firstname", g.lastname AS "guardian.lastname", g.email AS "guardian.email",
      s.dcid AS "students.dcid", s.student_number AS "students.student_number", s.lastfirst AS "students.lastfirst"
      FROM guardian g JOIN guardianstudent gs ON gs.guardianid = g.guardianid JOIN students s ON s.dcid = gs.studentsdcid
      WHERE ${inArray('g.guardianid', 'guardian_id')} AND ${inArray('s.dcid', 'students_dcid')}`,
    note: 'students_dcid (used in the design examples) is accepted besides guardian_id; returned columns beyond id are our choice.',
  },
  {
    name: 'com.pearson.core.student.student_dcid_id_map', coreTable: 'STUDENTS', flattened: true, summary: 'Maps student DCIDs to student IDs',
    args: [arg('students_dcid', 'array', false, 'STUDENTS.DCID values'), arg('students_id', 'array', false, 'STUDENTS.ID values')],
    columns: columns('students.dcid', 'students.id'), idColumn: 'students.dcid',
    sql: `SELECT s.dcid AS "students.dcid", s.id AS "students.id" FROM students s WHERE ${inArray('s.dcid', 'students_dcid')} AND ${inArray('s.id', 'students_id')}`,
  },
  {
    name: 'com.pearson.core.terms.yearid', coreTable: 'TERMS', flattened: true, summary: 'The year id of the school year containing a date',
    args: [arg('schoolid', 'number', true, 'TERMS.SCHOOLID (0 for the district)'), arg('currentdate', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('terms.yearid'), idColumn: 'terms.yearid',
    sql: `SELECT t.yearid AS "terms.yearid" FROM terms t WHERE t.schoolid = :schoolid AND t.isyearrec = 1 AND t.firstday <= :currentdate AND t.lastday >= :currentdate`,
  },
  {
    name: 'com.pearson.core.terms.year_terms', coreTable: 'TERMS', flattened: true, summary: 'The terms of a school year',
    args: [arg('schoolid', 'number', true, 'TERMS.SCHOOLID'), arg('yearid', 'number', true, 'TERMS.YEARID')],
    columns: columns('terms.dcid', 'terms.id', 'terms.name', 'terms.abbreviation', 'terms.firstday', 'terms.lastday'), idColumn: 'terms.dcid',
    sql: `SELECT t.dcid AS "terms.dcid", t.id AS "terms.id", t.name AS "terms.name", t.abbreviation AS "terms.abbreviation", t.firstday AS "terms.firstday", t.lastday AS "terms.lastday"
      FROM terms t WHERE t.schoolid = :schoolid AND t.yearid = :yearid`,
  },
  {
    name: 'com.pearson.core.calendar.district_cycle_days', coreTable: 'CYCLE_DAY', flattened: true, summary: 'District cycle days of a year',
    args: [arg('yearid', 'number', true, 'CYCLE_DAY.YEAR_ID')],
    columns: columns('cycle_day.dcid', 'cycle_day.letter', 'cycle_day.day_number', 'cycle_day.abbreviation', 'cycle_day.day_name'), idColumn: 'cycle_day.dcid',
    sql: `SELECT c.dcid AS "cycle_day.dcid", c.letter AS "cycle_day.letter", c.day_number AS "cycle_day.day_number", c.abbreviation AS "cycle_day.abbreviation", c.day_name AS "cycle_day.day_name"
      FROM cycle_day c WHERE c.schoolid = 0 AND c.year_id = :yearid`,
    note: 'Returned columns are our choice (unconfirmed in the references).',
  },
  {
    name: 'com.pearson.core.schools.grade_levels', coreTable: 'SCHOOLS', flattened: true, summary: 'Grade levels taught in the district',
    args: [], columns: columns('schools.grade_level', 'schools.grade_text'), idColumn: 'schools.grade_level',
    sql: `WITH RECURSIVE g(n) AS (SELECT MIN(low_grade) FROM schools UNION ALL SELECT n + 1 FROM g WHERE n < (SELECT MAX(high_grade) FROM schools))
      SELECT n AS "schools.grade_level", CASE WHEN n = 0 THEN 'K' WHEN n < 0 THEN 'PK' ELSE CAST(n AS TEXT) END AS "schools.grade_text" FROM g WHERE n IS NOT NULL`,
  },
  {
    name: 'com.pearson.core.school.school_detail', coreTable: 'SCHOOLS', flattened: true, summary: 'One school by school number',
    args: [arg('school_number', 'number', true, 'SCHOOLS.SCHOOL_NUMBER')],
    columns: columns('schools.dcid', 'schools.id', 'schools.school_number', 'schools.name', 'schools.abbreviation', 'schools.low_grade', 'schools.high_grade', 'schools.principal'), idColumn: 'schools.dcid',
    sql: `SELECT dcid AS "schools.dcid", id AS "schools.id", school_number AS "schools.school_number", name AS "schools.name", abbreviation AS "schools.abbreviation",
      low_grade AS "schools.low_grade", high_grade AS "schools.high_grade", principal AS "schools.principal" FROM schools WHERE school_number = :school_number`,
    note: 'Returned columns are our choice (unconfirmed in the references).',
  },
  {
    name: 'com.pearson.core.attendance.attendance_code_by_school_date', coreTable: 'ATTENDANCE_CODE', flattened: true, summary: 'Attendance codes valid at a school on a date',
    args: [arg('schoolid', 'number', true, 'ATTENDANCE_CODE.SCHOOLID'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('attendance_code.dcid', 'attendance_code.id', 'attendance_code.att_code', 'attendance_code.description', 'attendance_code.presence_status_cd'), idColumn: 'attendance_code.dcid',
    sql: `SELECT a.dcid AS "attendance_code.dcid", a.id AS "attendance_code.id", a.att_code AS "attendance_code.att_code", a.description AS "attendance_code.description", a.presence_status_cd AS "attendance_code.presence_status_cd"
      FROM attendance_code a WHERE a.schoolid = :schoolid AND a.yearid IN (SELECT t.yearid FROM terms t WHERE t.schoolid = :schoolid AND t.isyearrec = 1 AND t.firstday <= :att_date AND t.lastday >= :att_date)`,
  },
  {
    name: 'com.pearson.core.attendance.daily_attendance_template', coreTable: 'ATTENDANCE', flattened: false, summary: 'A student\'s daily attendance on a date',
    args: [arg('studentid', 'number', true, 'STUDENTS.ID'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: tableColumns('attendance.dcid', 'attendance.studentid', 'attendance.att_date', 'attendance.attendance_codeid', 'attendance.att_mode_code', 'attendance.schoolid'), idColumn: 'attendance.dcid',
    sql: `SELECT dcid AS "attendance.dcid", studentid AS "attendance.studentid", att_date AS "attendance.att_date", attendance_codeid AS "attendance.attendance_codeid",
      att_mode_code AS "attendance.att_mode_code", schoolid AS "attendance.schoolid" FROM attendance WHERE studentid = :studentid AND att_date = :att_date`,
  },
  {
    name: 'com.pearson.core.attendance.time_attendance_template', coreTable: 'ATTENDANCE', flattened: true, summary: 'A student\'s time attendance record',
    args: [arg('studentid', 'number', true, 'STUDENTS.ID'), arg('dcid', 'number', true, 'ATTENDANCE.DCID (0 when creating)'), arg('att_date', 'date', true, 'a date YYYY-MM-DD')],
    columns: columns('attendance.dcid', 'attendance.studentid', 'attendance.att_date', 'attendance.total_minutes'), idColumn: 'attendance.dcid',
    sql: `SELECT dcid AS "attendance.dcid", studentid AS "attendance.studentid", att_date AS "attendance.att_date", total_minutes AS "attendance.total_minutes"
      FROM attendance WHERE studentid = :studentid AND att_date = :att_date AND (:dcid = 0 OR dcid = :dcid)`,
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
    sql: `SELECT a.dcid AS "attendance.dcid", s.dcid AS "students.dcid", a.att_date AS "attendance.att_date", a.att_mode_code AS "attendance.att_mode_code",
      c.att_code AS "attendance_code.att_code", c.description AS "attendance_code.description"
      FROM attendance a JOIN students s ON s.id = a.studentid LEFT JOIN attendance_code c ON c.id = a.attendance_codeid
      WHERE ${inArray('s.dcid', 'students_dcid')} AND (:attendance_att_mode_code IS NULL OR a.att_mode_code = :attendance_att_mode_code)
      AND (:attendance_att_date_start IS NULL OR a.att_date >= :attendance_att_date_start) AND (:attendance_att_date_end IS NULL OR a.att_date <= :attendance_att_date_end)`,
    note: 'Arguments as real clients send them (students_dcid, attendance_att_mode_code, attendance_att_date_start/_end); which are required is unconfirmed.',
  },
  {
    name: 'com.pearson.core.attendance.special_program', coreTable: 'GEN', flattened: true, summary: 'Programs valid for ATTENDANCE.PROGRAMID',
    args: [], columns: columns('gen.id', 'gen.name', 'gen.value'), idColumn: 'gen.id',
    sql: `SELECT id AS "gen.id", name AS "gen.name", value AS "gen.value" FROM gen WHERE cat = 'specprog'`,
  },
  {
    name: 'com.pearson.core.teachers.sectionEnrollments', coreTable: 'STUDENTS', flattened: true, summary: 'Students enrolled in sections',
    args: [arg('section_dcid', 'array', true, 'SECTIONS.DCID values')],
    columns: columns('students.dcid', 'students.id', 'students.first_name', 'students.last_name', 'students.lastfirst', 'students.grade_level', 'students.gender', 'students.student_number'),
    idColumn: 'students.dcid',
    sql: `SELECT DISTINCT s.dcid AS "students.dcid", s.id AS "students.id", s.first_name AS "students.first_name", s.last_name AS "students.last_name", s.lastfirst AS "students.lastfirst",
      s.grade_level AS "students.grade_level", s.gender AS "students.gender", s.student_number AS "students.student_number"
      FROM cc JOIN sections sec ON sec.id = cc.sectionid JOIN students s ON s.id = cc.studentid WHERE sec.dcid IN (SELECT value FROM json_each(:section_dcid))`,
  },
  {
    name: 'com.pearson.core.student.student_sections', coreTable: 'CC', flattened: true, summary: 'A student\'s sections',
    args: [arg('students_dcid', 'array', false, 'STUDENTS.DCID values')],
    columns: columns('cc.dcid', ['students.dcid', 'students_dcid'], ['sections.dcid', 'sections_dcid'], 'courses.course_number', 'courses.course_name', 'sections.section_number', 'sections.room'), idColumn: 'cc.dcid',
    sql: `SELECT cc.dcid AS "cc.dcid", s.dcid AS "students.dcid", sec.dcid AS "sections.dcid", co.course_number AS "courses.course_number", co.course_name AS "courses.course_name",
      sec.section_number AS "sections.section_number", sec.room AS "sections.room"
      FROM cc JOIN students s ON s.id = cc.studentid JOIN sections sec ON sec.id = cc.sectionid JOIN courses co ON co.course_number = sec.course_number WHERE ${inArray('s.dcid', 'students_dcid')}`,
    note: 'Arguments and output keys unconfirmed in the references; students_dcid is our choice.',
  },
  {
    name: 'com.pearson.core.student.search.get_student_basic_info', coreTable: 'STUDENTS', flattened: true, summary: 'Basic student information',
    args: [], columns: columns('students.dcid', 'students.id', 'students.student_number', 'students.lastfirst', 'students.grade_level', 'students.schoolid', 'students.enroll_status'), idColumn: 'students.dcid',
    sql: `SELECT dcid AS "students.dcid", id AS "students.id", student_number AS "students.student_number", lastfirst AS "students.lastfirst", grade_level AS "students.grade_level",
      schoolid AS "students.schoolid", enroll_status AS "students.enroll_status" FROM students`,
    note: 'Arguments and columns unconfirmed in the references; filter with $q.',
  },
  {
    name: 'com.powerschool.core.users.coteacher_access_roles', coreTable: 'USERS', flattened: false, summary: 'Section roles of (co-)teachers',
    args: [arg('users_dcids', 'array', true, 'USERS.DCID values')],
    columns: tableColumns('users.dcid', 'sectionteacher.sectionid', 'sectionteacher.roleid'), idColumn: 'users.dcid',
    sql: `SELECT u.dcid AS "users.dcid", st.sectionid AS "sectionteacher.sectionid", st.roleid AS "sectionteacher.roleid"
      FROM users u JOIN schoolstaff ss ON ss.users_dcid = u.dcid JOIN sectionteacher st ON st.teacherid = ss.id WHERE u.dcid IN (SELECT value FROM json_each(:users_dcids))`,
    note: 'Not a com.pearson.core query: whether it is flattened is unconfirmed; we keep tables.',
  },
  {
    name: 'com.powerschool.core.dats.students.racecodes', coreTable: 'STUDENTRACE', flattened: false, summary: 'Race codes per student',
    args: [], columns: tableColumns('studentrace.dcid', 'students.dcid', 'studentrace.racecd'), idColumn: 'studentrace.dcid',
    sql: `SELECT r.dcid AS "studentrace.dcid", s.dcid AS "students.dcid", r.racecd AS "studentrace.racecd" FROM studentrace r JOIN students s ON s.id = r.studentid`,
    note: 'Not a com.pearson.core query: whether it is flattened is unconfirmed; we keep tables.',
  },
];

/**
 * The table.column pairs a query needs granted: its declared columns (real plugins whose SQL
 * joins on ungranted columns work in production, so PowerSchool checks the declared ones:
 * plugin-corpus-facts.md). /ws/powerqueryaccesslist and the 403 both answer from this list.
 */
export function queryColumnNeeds(query: Pick<BuiltinQuery, 'columns'>): { table: string; field: string }[] {
  return query.columns.map(({ column }) => {
    const dot = column.indexOf('.');
    return { table: column.slice(0, dot), field: column.slice(dot + 1) };
  });
}
