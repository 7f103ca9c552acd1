import type { SqlValue } from 'sql.js';
import { statusForLetter } from '../../core/schema';
import { bulkInserter, type BulkInserter } from './bulkInsert';
import type { DirectPages } from './directPages';
import { pageInserter, tablePages, type TablePages } from './pageInserter';
import { districtInfo, studentDcidOffset, studentNumberOffset } from './district';
import { cities, courseTitles, firstNames, lastNames, middleNames, schoolNames, streets } from './names';
import { createRandom, type Random } from './random';
import type { SqlStore } from './sqlite';

export interface GenerateOptions {
  readonly seed: number;
  readonly schools: number;
  readonly students: number;
}

interface School {
  readonly dcid: number;
  readonly number: number;
  readonly lowGrade: number;
  readonly highGrade: number;
  readonly name: string;
  readonly courses: number[];
  readonly teacherIds: number[];
  /** section ids per course index within `courses` */
  readonly sections: number[][];
  studentCount: number;
}

interface Course { readonly dcid: number; readonly number: string; readonly name: string; readonly credit: number }

const pad = (value: number, width: number) => String(value).padStart(width, '0');
// Months and days as two digits, looked up: the generator writes about ten dates and phone numbers a student.
const twoDigits = Array.from({ length: 32 }, (_, value) => pad(value, 2));
const isoDate = (year: number, month: number, day: number) => `${year}-${twoDigits[month]}-${twoDigits[day]}`;
const fourDigits = (value: number) => (value < 1000 ? pad(value, 4) : String(value));
const phone = (random: Random) => `555-${random.int(200, 999)}-${fourDigits(random.int(0, 9999))}`;
const gradeBands: ReadonlyArray<readonly [number, number]> = [[0, 5], [6, 8], [9, 12]];
// The district's mix of enrollment statuses, by letter; the stored codes come from the one status table.
const enrollStatusShares: ReadonlyArray<readonly [string, number]> = [['A', 0.9], ['P', 0.03], ['T', 0.03], ['G', 0.02], ['H', 0.02]];
const enrollStatuses = enrollStatusShares.map(([letter, share]) => [statusForLetter(letter)!.code!, share] as const);
const races = ['W', 'B', 'A', 'I', 'P', 'H'];
const letterGrades: ReadonlyArray<readonly [string, number, number]> = [['A', 95, 4], ['B', 85, 3], ['C', 75, 2], ['D', 65, 1], ['F', 50, 0]];
const lunchStatuses = ['F', 'R', 'P', 'P', 'P'];
const medicalAlerts = ['Peanut allergy', 'Asthma: inhaler in nurse office', 'Diabetic: see nurse', 'Bee sting allergy'];
const feeKinds = ['Lab fee', 'Field trip', 'Yearbook', 'Library fine'];

function pickStatus(random: Random): number {
  let roll = random.next();
  for (const [code, share] of enrollStatuses) {
    if (roll < share) return code;
    roll -= share;
  }
  return 0;
}

/** How the bulk of a generated district (staff, sections, students and what hangs off them) was written. */
export type BulkTablesWrittenBy = 'pages' | 'inserts';

/** Writes a table's rows, as `bulkInserter` takes them. */
type RowsOf = (table: string, columns: readonly string[], fixed?: Readonly<Record<string, string | number>>) => BulkInserter;

/** The tables written by pages when the file allows it: staff, sections, and every table the student loop writes. */
const directTables = ['users', 'schoolstaff', 'teachers', 'sections', 'sectionteacher', 'students', 'studentrace', 'attendance', 'storedgrades', 'fees',
  'u_studentsuserfields', 'studentcorefields', 's_stu_x', 'sandbox_student_email', 'guardian', 'guardianstudent', 'cc'];

/**
 * Deterministically fills the store with a district: same options, same rows, same DCIDs. With
 * `openPages` (the database file, written directly), the bulk of it (`directTables`) is written as
 * b-tree pages after the first transaction instead of by INSERTs, when SQLite's schema lets it
 * (`tablePages`); the rows are the same either way.
 */
export function generateDistrict(store: SqlStore, options: GenerateOptions, openPages?: () => DirectPages | undefined): BulkTablesWrittenBy {
  const random = createRandom(options.seed);
  const district = districtInfo();
  const year = Number(district.yearStart.slice(0, 4));
  const { courses, schools, schoolOfStudent } = store.transaction(() => {
    const meta = bulkInserter(store, 'sandbox_meta', ['key', 'value']);
    meta.add(['seed', String(options.seed)]);
    meta.add(['generated_students', String(options.students)]);
    meta.done();

    const courses = insertCourses(store);
    const schools = insertSchools(store, random, options.schools, courses);
    insertTerms(store, schools, district.yearId, district.yearStart, district.yearEnd);
    insertCalendarCodes(store, schools, district.yearId);
    return { courses, schools, schoolOfStudent: assignSchools(random, schools, options.students) };
  });
  const direct = openPages && !store.inTransaction ? directRows(store, openPages) : undefined;
  const writePeople = (rows: RowsOf) => {
    insertStaff(rows, random, schools);
    const sections = insertSections(rows, schools, courses, district.yearId);
    insertStudents(rows, random, schools, courses, sections, schoolOfStudent, year, district.yearId);
  };
  if (direct) {
    writePeople(direct.rows);
    direct.pages.commit();
  } else {
    store.transaction(() => writePeople((table, columns, fixed) => bulkInserter(store, table, columns, fixed)));
  }
  return direct ? 'pages' : 'inserts';
}

/** The page writers of `directTables`, when the file can be written and every one of them by pages (else none: nothing is written). */
function directRows(store: SqlStore, openPages: () => DirectPages | undefined): { pages: DirectPages; rows: RowsOf } | undefined {
  const pages = openPages();
  if (!pages) return undefined;
  const plans = new Map<string, TablePages>();
  for (const table of directTables) {
    const plan = tablePages(store, pages, table);
    if (typeof plan === 'string') return undefined;
    plans.set(table, plan);
  }
  return {
    pages,
    rows: (table, columns, fixed) => {
      const plan = plans.get(table);
      if (!plan) throw new Error(`${table} is written by pages only when it is one of directTables`);
      return pageInserter(pages, plan, columns, fixed);
    },
  };
}

function insertCourses(store: SqlStore): Course[] {
  const courses: Course[] = [];
  const insert = bulkInserter(store, 'courses', ['dcid', 'id', 'course_number', 'course_name', 'credit_hours', 'credittype', 'schoolid', 'status']);
  courseTitles.forEach((title, index) => {
    for (let level = 1; level <= 3; level++) {
      const dcid = courses.length + 1;
      const course = { dcid, number: `${title.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}${pad(index, 2)}${level}`, name: level === 1 ? title : `${title} ${level === 2 ? 'II' : 'III'}`, credit: level === 3 ? 1 : 0.5 };
      courses.push(course);
      insert.add([dcid, dcid, course.number, course.name, course.credit, 'ELEC', 0, 0]);
    }
  });
  insert.done();
  return courses;
}

function insertSchools(store: SqlStore, random: Random, count: number, courses: readonly Course[]): School[] {
  const insert = bulkInserter(store, 'schools', ['dcid', 'id', 'school_number', 'name', 'abbreviation', 'low_grade', 'high_grade',
    'schooladdress', 'schoolcity', 'schoolstate', 'schoolzip', 'schoolphone', 'principal', 'principalemail', 'district_number',
    'alternate_school_number', 'sortorder', 'asstprincipal', 'asstprincipalemail']);
  const schools: School[] = [];
  for (let index = 0; index < count; index++) {
    const [lowGrade, highGrade] = gradeBands[index % gradeBands.length]!;
    const dcid = index + 1;
    const number = 100 * (index + 1);
    const base = schoolNames[index % schoolNames.length]!;
    const name = index < schoolNames.length ? base : `${base} ${Math.floor(index / schoolNames.length) + 1}`;
    const first = courses.length ? (index * 5) % courses.length : 0;
    const schoolCourses = Array.from({ length: Math.min(6, courses.length) }, (_, offset) => courses[(first + offset * 3) % courses.length]!.dcid);
    schools.push({ dcid, number, lowGrade, highGrade, name, courses: schoolCourses, teacherIds: [], sections: [], studentCount: 0 });
    const principal = `${random.pick(firstNames)} ${random.pick(lastNames)}`;
    // Picked by index, not from the random stream, so adding it left every other generated value unchanged.
    const assistant = [firstNames[(index * 7 + 3) % firstNames.length]!, lastNames[(index * 11 + 5) % lastNames.length]!];
    insert.add([dcid, dcid, number, name, name.split(' ').map((word) => word[0]).join(''), lowGrade, highGrade,
      `${random.int(10, 9999)} ${random.pick(streets)}`, random.pick(cities), 'CA', `9${pad(random.int(0, 9999), 4)}`, phone(random),
      principal, `${principal.split(' ')[0]!.toLowerCase()}@sandbox.example.org`, 4321, number + 10000, index + 1,
      assistant.join(' '), `${assistant[0]!.toLowerCase()}.${assistant[1]!.toLowerCase()}@sandbox.example.org`]);
  }
  insert.done();
  return schools;
}

function insertTerms(store: SqlStore, schools: readonly School[], yearId: number, start: string, end: string): void {
  const insert = bulkInserter(store, 'terms', ['dcid', 'id', 'schoolid', 'yearid', 'name', 'abbreviation', 'firstday', 'lastday', 'isyearrec', 'portion', 'noofdays']);
  let dcid = 1;
  const year = Number(start.slice(0, 4));
  const addYear = (schoolNumber: number) => {
    insert.add([dcid++, yearId * 100, schoolNumber, yearId, `${year}-${year + 1}`, `${String(year).slice(2)}-${String(year + 1).slice(2)}`, start, end, 1, 1, 180]);
    insert.add([dcid++, yearId * 100 + 1, schoolNumber, yearId, 'Semester 1', 'S1', start, isoDate(year + 1, 1, 15), 0, 2, 90]);
    insert.add([dcid++, yearId * 100 + 2, schoolNumber, yearId, 'Semester 2', 'S2', isoDate(year + 1, 1, 16), end, 0, 2, 90]);
    insert.add([dcid++, (yearId - 1) * 100, schoolNumber, yearId - 1, `${year - 1}-${year}`, `${String(year - 1).slice(2)}-${String(year).slice(2)}`,
      isoDate(year - 1, 8, 18), isoDate(year, 6, 5), 1, 1, 180]);
  };
  addYear(0); // district-level year term (schoolid 0), as com.pearson.core.terms.yearid expects
  for (const school of schools) addYear(school.number);
  insert.done();
}

function assignSchools(random: Random, schools: School[], students: number): Int32Array {
  const schoolOfStudent = new Int32Array(students);
  for (let index = 0; index < students; index++) {
    const school = random.int(0, schools.length - 1);
    schoolOfStudent[index] = school;
    schools[school]!.studentCount++;
  }
  return schoolOfStudent;
}

function insertStaff(rows: RowsOf, random: Random, schools: School[]): void {
  const users = rows('users', ['dcid', 'first_name', 'last_name', 'lastfirst', 'email_addr', 'homeschoolid', 'teachernumber', 'title', 'loginid', 'teacherloginid', 'ptaccess', 'psaccess']);
  // SCHOOLSTAFF.ID is what SECTIONS.TEACHER and CC.TEACHERID point to; TEACHERS is PowerSchool's view over both.
  const staff = rows('schoolstaff', ['dcid', 'id', 'users_dcid', 'schoolid', 'status', 'staffstatus']);
  const teachers = rows('teachers', ['dcid', 'id', 'users_dcid', 'first_name', 'last_name', 'lastfirst', 'email_addr', 'schoolid', 'status', 'staffstatus', 'teachernumber', 'loginid']);
  let userDcid = 1;
  for (const school of schools) {
    const count = Math.max(3, Math.ceil(school.studentCount / 25));
    for (let index = 0; index < count; index++) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const login = `${first[0]}${last}${userDcid}`.toLowerCase();
      const number = `T${pad(userDcid, 5)}`;
      const lastFirst = `${last}, ${first}`;
      const email = `${login}@sandbox.example.org`;
      users.add([userDcid, first, last, lastFirst, email, school.number, number, 'Teacher', login, login, 1, 0]);
      staff.add([userDcid, userDcid, userDcid, school.number, 1, 1]);
      teachers.add([userDcid, userDcid, userDcid, first, last, lastFirst, email, school.number, 1, 1, number, login]);
      school.teacherIds.push(userDcid);
      userDcid++;
    }
  }
  for (const inserter of [users, staff, teachers]) inserter.done();
}

const coursesPerStudent = 4;
const sectionSize = 28;

/** A section as CC rows copy it. */
interface SectionRow { readonly courseNumber: string; readonly sectionNumber: string; readonly teacher: number }

/** Writes the schools' sections and their lead teachers; returns them by id (DCID and ID are equal). */
function insertSections(rows: RowsOf, schools: School[], courses: readonly Course[], yearId: number): SectionRow[] {
  const written: SectionRow[] = [];
  const byDcid = new Map(courses.map((course) => [course.dcid, course]));
  const sections = rows('sections', ['dcid', 'id', 'course_number', 'section_number', 'schoolid', 'termid', 'teacher', 'room', 'expression', 'maxenrollment', 'no_of_students', 'gradebooktype']);
  // Each section's lead teacher (role 25).
  const leads = rows('sectionteacher', ['id', 'sectionid', 'teacherid', 'roleid', 'start_date', 'end_date', 'priorityorder']);
  let id = 1;
  for (const school of schools) {
    const perCourse = Math.max(1, Math.ceil((school.studentCount * coursesPerStudent) / school.courses.length / sectionSize));
    school.courses.forEach((courseDcid, courseIndex) => {
      const course = byDcid.get(courseDcid)!;
      const ids: number[] = [];
      for (let number = 1; number <= perCourse; number++) {
        const teacher = school.teacherIds[(courseIndex * perCourse + number) % school.teacherIds.length]!;
        sections.add([id, id, course.number, String(number), school.number, yearId * 100, teacher, `R${100 + ((id * 7) % 60)}`, `${(number % 7) + 1}(A)`, sectionSize + 4, 0, 2]);
        leads.add([id, id, teacher, 25, null, null, 1]);
        written[id] = { courseNumber: course.number, sectionNumber: String(number), teacher };
        ids.push(id++);
      }
      school.sections.push(ids);
    });
  }
  sections.done();
  leads.done();
  return written;
}

function insertCalendarCodes(store: SqlStore, schools: readonly School[], yearId: number): void {
  const codes = bulkInserter(store, 'attendance_code', ['dcid', 'id', 'schoolid', 'yearid', 'att_code', 'description', 'presence_status_cd', 'sortorder', 'calculate_ada_yn', 'calculate_adm_yn']);
  const cycle = bulkInserter(store, 'cycle_day', ['dcid', 'id', 'schoolid', 'year_id', 'letter', 'day_number', 'abbreviation', 'day_name', 'sortorder']);
  const gen = bulkInserter(store, 'gen', ['dcid', 'id', 'cat', 'name', 'value', 'schoolid', 'yearid', 'sortorder']);
  let id = 1;
  let cycleId = 1;
  for (const school of [{ number: 0 }, ...schools]) {
    for (const [index, [code, description, presence]] of ([['', 'Present', 'Present'], ['A', 'Absent', 'Absent'], ['T', 'Tardy', 'Present'], ['E', 'Excused', 'Absent']] as const).entries()) {
      codes.add([id, id, school.number, yearId, code, description, presence, index + 1, 1, 1]);
      id++;
    }
    for (let day = 1; day <= 6; day++) {
      const letter = String.fromCharCode(64 + day);
      cycle.add([cycleId, cycleId, school.number, yearId, letter, day, `${letter} Day`, `Day ${letter}`, day]);
      cycleId++;
    }
  }
  ['Gifted and Talented', 'Special Education', 'English Learners', 'Title I'].forEach((name, index) => {
    gen.add([index + 1, index + 1, 'specprog', name, name.split(' ').map((word) => word[0]).join(''), 0, 0, index + 1]);
  });
  codes.done();
  cycle.done();
  gen.done();
}

const studentColumns = ['dcid', 'id', 'student_number', 'state_studentnumber', 'student_web_id', 'first_name', 'middle_name', 'last_name',
  'lastfirst', 'gender', 'dob', 'grade_level', 'schoolid', 'enroll_status', 'exitdate', 'exitcode', 'street', 'city', 'zip',
  'mailing_street', 'mailing_city', 'mailing_zip', 'home_phone', 'mother', 'father', 'emerg_contact_1', 'emerg_phone_1', 'guardianemail',
  'doctor_name', 'doctor_phone', 'alert_medical', 'alert_medicalexpires', 'alert_discipline', 'districtentrydate', 'districtentrygradelevel',
  'schoolentrydate', 'schoolentrygradelevel', 'home_room', 'next_school', 'sched_nextyeargrade', 'sched_yearofgraduation', 'classof',
  'balance1', 'lunch_id', 'lunchstatus', 'ethnicity', 'fedethnicity', 'enrollment_schoolid'] as const;
const doctorName = studentColumns.indexOf('doctor_name');
const doctorPhone = studentColumns.indexOf('doctor_phone');

function insertStudents(rows: RowsOf, random: Random, schools: School[], courses: readonly Course[], sections: readonly SectionRow[], schoolOfStudent: Int32Array, year: number, yearId: number): void {
  const entryDate = isoDate(year, 8, 17);
  // Every student's; TRACK, GEOCODE and TRANSFERCOMMENT are left NULL.
  const students = rows('students', studentColumns, { entrydate: entryDate, entrycode: 'E1', districtofresidence: 'SUSD', fteid: 1,
    state: 'CA', mailing_state: 'CA', balance2: 0, balance3: 0, balance4: 0, allowwebaccess: 1, student_allowwebaccess: 1 });
  const race = rows('studentrace', ['dcid', 'id', 'studentid', 'racecd']);
  const attendance = rows('attendance', ['dcid', 'id', 'studentid', 'schoolid', 'att_date', 'attendance_codeid', 'att_mode_code', 'yearid', 'periodid', 'ccid', 'total_minutes']);
  const stored = rows('storedgrades', ['dcid', 'studentid', 'schoolid', 'schoolname', 'course_number', 'course_name', 'grade', 'percent', 'gpa_points', 'earnedcrhrs', 'potentialcrhrs', 'grade_level'],
    { sectionid: 0, termid: (yearId - 1) * 100, storecode: 'Y1', datestored: isoDate(year, 6, 10), credit_type: 'ELEC' });
  const fees = rows('fees', ['dcid', 'id', 'studentid', 'schoolid', 'yearid', 'date_value', 'description', 'debit', 'credit', 'feestype', 'neteffect']);
  // One row a student in each of these, every value a function of the student's.
  const userFields = rows('u_studentsuserfields', ['studentsdcid', 'transcriptaddrline1', 'transcriptaddrcity', 'transcriptaddrzip', 'transcriptaddrcountry', 'father_name', 'grad_day_date_year']);
  const coreFields = rows('studentcorefields', ['studentsdcid', 'primarylanguage', 'pscore_legal_first_name', 'pscore_legal_last_name', 'graduation_year']);
  const stateFields = rows('s_stu_x', ['studentsdcid', 'birthcity', 'birthcountry', 'pref_first', 'home_language', 'foster_care']);
  const emails = rows('sandbox_student_email', ['studentsdcid', 'email']);
  const guardians = rows('guardian', ['guardianid', 'firstname', 'lastname', 'email', 'psguid']);
  const guardianStudents = rows('guardianstudent', ['guardianstudentid', 'guardianid', 'studentsdcid']);
  const exitDate = isoDate(year + 1, 6, 5);
  // Every CC row is in the year term, for the whole year, with no absences yet.
  const enrollments = rows('cc', ['dcid', 'id', 'studentid', 'sectionid', 'schoolid', 'course_number', 'section_number', 'teacherid'],
    { termid: yearId * 100, dateenrolled: entryDate, dateleft: exitDate, currentabsences: 0, currenttardies: 0 });
  const ccRow: SqlValue[] = new Array<SqlValue>(8);
  let enrolled = 0;
  const schoolRank = new Map(schools.map((school, index) => [school.number, index]));
  let attendanceId = 1;
  let storedId = 1;
  let feeId = 1;
  for (let index = 0; index < schoolOfStudent.length; index++) {
    const school = schools[schoolOfStudent[index]!]!;
    const id = index + 1;
    const dcid = id + studentDcidOffset;
    const first = random.pick(firstNames);
    const middle = random.pick(middleNames);
    const last = random.pick(lastNames);
    const gender = random.chance(0.5) ? 'F' : 'M';
    const grade = random.int(school.lowGrade, school.highGrade);
    const status = pickStatus(random);
    const birthYear = year - 6 - grade + (random.chance(0.3) ? 1 : 0);
    const street = `${random.int(10, 9999)} ${random.pick(streets)}`;
    const city = random.pick(cities);
    const zip = `9${fourDigits(random.int(0, 9999))}`;
    const separateMailing = random.chance(0.15);
    const motherFirst = random.pick(firstNames);
    const mother = `${motherFirst} ${last}`;
    const father = `${random.pick(firstNames)} ${last}`;
    const contactPhone = phone(random);
    const hasAlert = random.chance(0.08);
    const entryGrade = Math.max(school.lowGrade, grade - random.int(0, 3));
    const gradYear = year + 1 + (12 - grade);
    const lunch = random.pick(lunchStatuses);
    const raceCode = random.pick(races);
    const username = `${first[0]}${last}${id}`.toLowerCase().slice(0, 20);
    const guardianEmail = `${motherFirst.toLowerCase()}.${last.toLowerCase()}@family.example.org`;
    const exit = status === 2 || status === 3 ? isoDate(year, 10, random.int(1, 28)) : exitDate;
    const values: SqlValue[] = [dcid, id, id + studentNumberOffset, String(1000000000 + id * 7), username, first, middle || null, last,
      `${last}, ${first}`, gender, isoDate(birthYear, random.int(1, 12), random.int(1, 28)), grade, school.number, status, exit,
      status === 2 ? 'T1' : status === 3 ? 'G1' : null, street, city, zip,
      separateMailing ? `PO Box ${random.int(100, 9999)}` : street, city, zip, phone(random), mother, father, mother, contactPhone,
      guardianEmail, random.chance(0.3) ? `Dr. ${random.pick(lastNames)}` : null, null,
      hasAlert ? random.pick(medicalAlerts) : null,
      hasAlert ? isoDate(year + 1, 6, 30) : null, random.chance(0.02) ? 'Behavior plan on file' : null,
      isoDate(year - (grade - entryGrade), 8, 17), entryGrade, isoDate(year - (grade - entryGrade), 8, 17), entryGrade,
      `R${100 + (index % 40)}`, grade >= school.highGrade ? (schools[(schoolRank.get(school.number)! + 1) % schools.length]!.number) : school.number,
      grade + 1, gradYear, gradYear, Math.round(random.next() * 5000) / 100, id + 900000, lunch,
      raceCode === 'H' ? 'Hispanic' : 'Not Hispanic', raceCode === 'H' ? 1 : 0, school.number];
    // Doctor phone pairs with doctor name (the notes' pair rule), so fill it when a doctor is present.
    if (values[doctorName] !== null) values[doctorPhone] = phone(random);
    students.add(values);
    race.add([id, id, id, raceCode]);

    if (status === 0) {
      if (random.chance(0.25)) {
        attendance.add([attendanceId, attendanceId, id, school.number, isoDate(year, random.int(9, 11), random.int(1, 28)),
          (schoolRank.get(school.number)! + 1) * 4 + random.int(2, 4), 'ATT_ModeDaily', yearId, 0, 0, 0]);
        attendanceId++;
      }
    }
    if (grade >= 7) {
      for (let term = 0; term < 2; term++) {
        const course = courses[(index + term * 5) % courses.length]!;
        const [letter, percent, points] = random.pick(letterGrades);
        stored.add([storedId, id, school.number, school.name, course.number, course.name, letter, percent,
          points, letter === 'F' ? 0 : course.credit, course.credit, grade - 1]);
        storedId++;
      }
    }
    if (random.chance(0.1)) {
      const amount = random.int(5, 80);
      fees.add([feeId, feeId, id, school.number, yearId, isoDate(year, 9, random.int(1, 28)), random.pick(feeKinds), amount, 0, 'Fee', -amount]);
      feeId++;
    }

    userFields.add([dcid, street, city, zip, 'US', father, grade >= 9 ? `June ${gradYear}` : null]);
    coreFields.add([dcid, primaryLanguages[dcid % primaryLanguages.length]!, first, last, String(gradYear)]);
    stateFields.add([dcid, city, 'US', dcid % 5 === 0 ? leadingCharacters(first, 3) : null, 1, 0]);
    emails.add([dcid, `${username}@students.sandbox.example.org`]);
    guardians.add([id, textBeforeSpace(mother), last, guardianEmail, `GUARDIAN-${pad(id, 8)}`]);
    guardianStudents.add([id, id, dcid]);
    if (status === 0) enroll(enrollments, ccRow, ++enrolled, id, school, sections);
  }
  for (const inserter of [students, race, attendance, stored, fees, userFields, coreFields, stateFields, emails, guardians, guardianStudents, enrollments]) inserter.done();
}

/** By DCID modulo 6, the district's mix of home languages. */
const primaryLanguages = ['English', 'English', 'English', 'Spanish', 'Mandarin', 'Vietnamese'];

/** The first `count` characters (code points, as SQL's substr counts them). */
const leadingCharacters = (text: string, count: number) => Array.from(text).slice(0, count).join('');

/** The text before its first space, empty when it has none. */
function textBeforeSpace(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? '' : text.slice(0, space);
}

/**
 * A student's CC rows: the `enrolled`th active student (in DCID order) takes `coursesPerStudent`
 * consecutive courses of the school's list, starting at a position hashed from the student id,
 * and one section of each, spread by id; the teacher is the section's. Rows are numbered by
 * (student, course), from 1. `row` is filled and written for each (the inserter reads it at once).
 */
function enroll(cc: BulkInserter, row: SqlValue[], enrolled: number, id: number, school: School, sections: readonly SectionRow[]): void {
  const courseCount = school.sections.length;
  if (courseCount === 0) return;
  for (let offset = 0; offset < coursesPerStudent; offset++) {
    const ids = school.sections[(id * 7919 + offset) % courseCount]!;
    const sectionId = ids[0]! + (id % ids.length);
    const section = sections[sectionId]!;
    const ccId = (enrolled - 1) * coursesPerStudent + offset + 1;
    row[0] = ccId;
    row[1] = ccId;
    row[2] = id;
    row[3] = sectionId;
    row[4] = school.number;
    row[5] = section.courseNumber;
    row[6] = section.sectionNumber;
    row[7] = section.teacher;
    cc.add(row);
  }
}
