import { BUILTIN_POWERQUERIES, type PowerQueryDefinition } from '../../core/schema';

// How the sandbox runs PowerSchool's built-in PowerQueries (core/schema's BUILTIN_POWERQUERIES:
// names, arguments, columns, flattening): one SQLite SELECT per query over the generated district.
// SQL uses :name placeholders for arguments; array arguments arrive as a JSON text bound to
// `json_each`, and an optional argument that was not given is bound as NULL. Each SELECT names
// its items exactly as the query's columns (`AS "students.dcid"`).

export interface BuiltinQuery extends PowerQueryDefinition {
  readonly sql: string;
}

const inArray = (column: string, name: string) => `(:${name} IS NULL OR ${column} IN (SELECT value FROM json_each(:${name})))`;

const sqlByName: Readonly<Record<string, string>> = {
  'com.pearson.core.guardian.student_guardian_detail':
    `SELECT g.guardianid AS "guardian.guardianid", g.firstname AS "guardian.firstname", g.lastname AS "guardian.lastname", g.email AS "guardian.email",
      s.dcid AS "students.dcid", s.student_number AS "students.student_number", s.lastfirst AS "students.lastfirst"
      FROM guardian g JOIN guardianstudent gs ON gs.guardianid = g.guardianid JOIN students s ON s.dcid = gs.studentsdcid
      WHERE ${inArray('g.guardianid', 'guardian_id')} AND ${inArray('s.dcid', 'students_dcid')}`,
  'com.pearson.core.student.student_dcid_id_map':
    `SELECT s.dcid AS "students.dcid", s.id AS "students.id" FROM students s WHERE ${inArray('s.dcid', 'students_dcid')} AND ${inArray('s.id', 'students_id')}`,
  'com.pearson.core.terms.yearid':
    `SELECT t.yearid AS "terms.yearid" FROM terms t WHERE t.schoolid = :schoolid AND t.isyearrec = 1 AND t.firstday <= :currentdate AND t.lastday >= :currentdate`,
  'com.pearson.core.terms.year_terms':
    `SELECT t.dcid AS "terms.dcid", t.id AS "terms.id", t.name AS "terms.name", t.abbreviation AS "terms.abbreviation", t.firstday AS "terms.firstday", t.lastday AS "terms.lastday"
      FROM terms t WHERE t.schoolid = :schoolid AND t.yearid = :yearid`,
  'com.pearson.core.calendar.district_cycle_days':
    `SELECT c.dcid AS "cycle_day.dcid", c.letter AS "cycle_day.letter", c.day_number AS "cycle_day.day_number", c.abbreviation AS "cycle_day.abbreviation", c.day_name AS "cycle_day.day_name"
      FROM cycle_day c WHERE c.schoolid = 0 AND c.year_id = :yearid`,
  'com.pearson.core.schools.grade_levels':
    `WITH RECURSIVE g(n) AS (SELECT MIN(low_grade) FROM schools UNION ALL SELECT n + 1 FROM g WHERE n < (SELECT MAX(high_grade) FROM schools))
      SELECT n AS "schools.grade_level", CASE WHEN n = 0 THEN 'K' WHEN n < 0 THEN 'PK' ELSE CAST(n AS TEXT) END AS "schools.grade_text" FROM g WHERE n IS NOT NULL`,
  'com.pearson.core.school.school_detail':
    `SELECT dcid AS "schools.dcid", id AS "schools.id", school_number AS "schools.school_number", name AS "schools.name", abbreviation AS "schools.abbreviation",
      low_grade AS "schools.low_grade", high_grade AS "schools.high_grade", principal AS "schools.principal" FROM schools WHERE school_number = :school_number`,
  'com.pearson.core.attendance.attendance_code_by_school_date':
    `SELECT a.dcid AS "attendance_code.dcid", a.id AS "attendance_code.id", a.att_code AS "attendance_code.att_code", a.description AS "attendance_code.description", a.presence_status_cd AS "attendance_code.presence_status_cd"
      FROM attendance_code a WHERE a.schoolid = :schoolid AND a.yearid IN (SELECT t.yearid FROM terms t WHERE t.schoolid = :schoolid AND t.isyearrec = 1 AND t.firstday <= :att_date AND t.lastday >= :att_date)`,
  'com.pearson.core.attendance.daily_attendance_template':
    `SELECT dcid AS "attendance.dcid", studentid AS "attendance.studentid", att_date AS "attendance.att_date", attendance_codeid AS "attendance.attendance_codeid",
      att_mode_code AS "attendance.att_mode_code", schoolid AS "attendance.schoolid" FROM attendance WHERE studentid = :studentid AND att_date = :att_date`,
  'com.pearson.core.attendance.time_attendance_template':
    `SELECT dcid AS "attendance.dcid", studentid AS "attendance.studentid", att_date AS "attendance.att_date", total_minutes AS "attendance.total_minutes"
      FROM attendance WHERE studentid = :studentid AND att_date = :att_date AND (:dcid = 0 OR dcid = :dcid)`,
  'com.pearson.core.attendance.student_attendance_detail':
    `SELECT a.dcid AS "attendance.dcid", s.dcid AS "students.dcid", a.att_date AS "attendance.att_date", a.att_mode_code AS "attendance.att_mode_code",
      c.att_code AS "attendance_code.att_code", c.description AS "attendance_code.description"
      FROM attendance a JOIN students s ON s.id = a.studentid LEFT JOIN attendance_code c ON c.id = a.attendance_codeid
      WHERE ${inArray('s.dcid', 'students_dcid')} AND (:attendance_att_mode_code IS NULL OR a.att_mode_code = :attendance_att_mode_code)
      AND (:attendance_att_date_start IS NULL OR a.att_date >= :attendance_att_date_start) AND (:attendance_att_date_end IS NULL OR a.att_date <= :attendance_att_date_end)`,
  'com.pearson.core.attendance.special_program':
    `SELECT id AS "gen.id", name AS "gen.name", value AS "gen.value" FROM gen WHERE cat = 'specprog'`,
  'com.pearson.core.teachers.sectionEnrollments':
    `SELECT DISTINCT s.dcid AS "students.dcid", s.id AS "students.id", s.first_name AS "students.first_name", s.last_name AS "students.last_name", s.lastfirst AS "students.lastfirst",
      s.grade_level AS "students.grade_level", s.gender AS "students.gender", s.student_number AS "students.student_number"
      FROM cc JOIN sections sec ON sec.id = cc.sectionid JOIN students s ON s.id = cc.studentid WHERE sec.dcid IN (SELECT value FROM json_each(:section_dcid))`,
  'com.pearson.core.student.student_sections':
    `SELECT cc.dcid AS "cc.dcid", s.dcid AS "students.dcid", sec.dcid AS "sections.dcid", co.course_number AS "courses.course_number", co.course_name AS "courses.course_name",
      sec.section_number AS "sections.section_number", sec.room AS "sections.room"
      FROM cc JOIN students s ON s.id = cc.studentid JOIN sections sec ON sec.id = cc.sectionid JOIN courses co ON co.course_number = sec.course_number WHERE ${inArray('s.dcid', 'students_dcid')}`,
  'com.pearson.core.student.search.get_student_basic_info':
    `SELECT dcid AS "students.dcid", id AS "students.id", student_number AS "students.student_number", lastfirst AS "students.lastfirst", grade_level AS "students.grade_level",
      schoolid AS "students.schoolid", enroll_status AS "students.enroll_status" FROM students`,
  'com.powerschool.core.users.coteacher_access_roles':
    `SELECT u.dcid AS "users.dcid", st.sectionid AS "sectionteacher.sectionid", st.roleid AS "sectionteacher.roleid"
      FROM users u JOIN schoolstaff ss ON ss.users_dcid = u.dcid JOIN sectionteacher st ON st.teacherid = ss.id WHERE u.dcid IN (SELECT value FROM json_each(:users_dcids))`,
  'com.powerschool.core.dats.students.racecodes':
    `SELECT r.dcid AS "studentrace.dcid", s.dcid AS "students.dcid", r.racecd AS "studentrace.racecd" FROM studentrace r JOIN students s ON s.id = r.studentid`,
};

export const builtinQueries: readonly BuiltinQuery[] = BUILTIN_POWERQUERIES.map((query) => {
  const sql = sqlByName[query.name];
  if (sql === undefined) throw new Error(`The sandbox has no SQL for the built-in PowerQuery ${query.name}`);
  return { ...query, sql };
});
