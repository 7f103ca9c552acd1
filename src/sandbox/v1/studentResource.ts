import type { SqlValue } from 'sql.js';
import type { Catalog, CatalogTable } from '../catalog/catalog';
import type { FragmentCache } from '../data/fragmentCache';
import { quoteIdentifier, type Row, type SqlStore } from '../data/sqlite';
import { statusForCode } from '../../core/schema';
import { elementBytes, inList, pickExpansions, pickExtensions, text } from './v1Response';
import { verbatim } from './xmlQuirks';

/** Every expansion of the student resource, in the order PowerSchool lists them in `@expansions`. */
export const studentExpansions = ['demographics', 'addresses', 'alerts', 'phones', 'school_enrollment', 'ethnicity_race', 'contact',
  'contact_info', 'initial_enrollment', 'schedule_setup', 'fees', 'lunch'] as const;
export type StudentExpansion = (typeof studentExpansions)[number];

/** `@expansions` is ", "-separated, `@extensions` ","-separated (as in the captured response). */
export const expansionsAttribute = studentExpansions.join(', ');

/** One-to-one extensions of STUDENTS published as resource extensions (child `_C` tables are not). */
export function studentExtensionTables(catalog: Catalog): CatalogTable[] {
  const extensions = catalog.tables.filter((table) => table.extensionOf === 'students' && table.primaryKey === 'studentsdcid' && !table.name.endsWith('_c'));
  const core = catalog.table('studentcorefields');
  return core ? [...extensions, core] : extensions;
}

/** Parses `expansions=a,b` (unknown names are ignored, like unknown extensions). */
export function parseExpansions(text: string | null): Set<StudentExpansion> {
  return pickExpansions(text, studentExpansions);
}

export function parseExtensions(text: string | null, available: readonly CatalogTable[]): CatalogTable[] {
  return pickExtensions(text, available);
}

const money = (value: SqlValue | undefined) => (typeof value === 'number' ? value.toFixed(2) : undefined);
// Recorded as strings ("0.00"), unlike fee amounts (real-server-behaviour.md: lunch balances are strings).
const balance = (value: SqlValue | undefined) => verbatim((typeof value === 'number' ? value : 0).toFixed(2));

/**
 * The district's race codes (STUDENTRACE.RACECD) with their descriptions and federal categories,
 * as the ethnicity_race expansion names them (recorded: {"district_race_code":"AS",
 * "district_race_code_description":"Asian","federal_race_code_category":"Asian"}).
 */
const raceCodes: Readonly<Record<string, { description: string; federal: string }>> = {
  W: { description: 'White', federal: 'White' },
  B: { description: 'Black or African American', federal: 'Black or African American' },
  A: { description: 'Asian', federal: 'Asian' },
  I: { description: 'American Indian or Alaska Native', federal: 'American Indian or Alaska Native' },
  P: { description: 'Native Hawaiian or Other Pacific Islander', federal: 'Native Hawaiian or Other Pacific Islander' },
  // The district keeps a Hispanic race code; its federal category is White (ethnicity is reported apart).
  H: { description: 'Hispanic', federal: 'White' },
};

function group<T extends Row>(rows: T[], key: string): Map<SqlValue, T[]> {
  const map = new Map<SqlValue, T[]>();
  for (const row of rows) {
    const list = map.get(row[key]!) ?? [];
    list.push(row);
    map.set(row[key]!, list);
  }
  return map;
}

/**
 * The STUDENTS columns `renderStudents` reads: a row of all 152 columns cost a page of 100 students
 * several ms in SQLite and in building row objects. A column `renderStudents` starts reading must be
 * added here (a test in test/unit/sandbox/studentCache.test.ts records every column it reads).
 */
export const renderedStudentColumns = [
  'dcid', 'id', 'student_number', 'student_web_id', 'state_studentnumber', 'first_name', 'middle_name', 'last_name',
  'gender', 'dob', 'districtentrydate', 'sched_yearofgraduation',
  'street', 'city', 'state', 'zip', 'geocode', 'mailing_street', 'mailing_city', 'mailing_state', 'mailing_zip', 'mailing_geocode',
  'alert_discipline', 'alert_disciplineexpires', 'alert_guardian', 'alert_guardianexpires', 'alert_medical', 'alert_medicalexpires', 'alert_other', 'alert_otherexpires',
  'home_phone',
  'enroll_status', 'grade_level', 'entrydate', 'exitdate', 'schoolid', 'entrycode', 'transfercomment', 'exitcode', 'exitcomment', 'districtofresidence', 'track', 'fteid',
  'fedethnicity', 'ethnicity',
  'emerg_contact_1', 'emerg_phone_1', 'emerg_contact_2', 'emerg_phone_2', 'guardianemail', 'guardianfax', 'mother', 'father', 'doctor_name', 'doctor_phone',
  'districtentrygradelevel', 'schoolentrydate', 'schoolentrygradelevel',
  'home_room', 'next_school', 'sched_nextyeargrade',
  'balance1', 'balance2', 'balance3', 'balance4', 'lunch_id', 'lunchstatus',
] as const;

const renderedColumnList = renderedStudentColumns.join(', ');

/** The STUDENTS rows `renderStudents` needs, of the students matching `where` (SQL over STUDENTS), by DCID. */
export function studentRowsToRender(store: SqlStore, where: string, params: readonly SqlValue[]): Row[] {
  return store.all(`SELECT ${renderedColumnList} FROM students WHERE ${where} ORDER BY dcid`, params);
}

/**
 * Builds v1 student objects for rows of STUDENTS (at least `renderedStudentColumns`), loading each requested expansion and
 * extension for the whole page in one query (so a page of 100 costs a handful of queries).
 */
export function renderStudents(store: SqlStore, rows: readonly Row[], expansions: ReadonlySet<StudentExpansion>, extensions: readonly CatalogTable[]): Record<string, unknown>[] {
  if (rows.length === 0) return [];
  const dcids = rows.map((row) => row.dcid!);
  const ids = rows.map((row) => row.id!);
  const schoolDcid = new Map(store.all('SELECT school_number, dcid FROM schools').map((row) => [row.school_number, row.dcid]));
  const races = expansions.has('ethnicity_race') ? group(store.all(`SELECT studentid, racecd FROM studentrace WHERE studentid IN (${inList(ids)}) ORDER BY dcid`, ids), 'studentid') : undefined;
  const fees = expansions.has('fees') ? group(store.all(`SELECT * FROM fees WHERE studentid IN (${inList(ids)}) ORDER BY dcid`, ids), 'studentid') : undefined;
  const emails = expansions.has('contact_info') ? new Map(store.all(`SELECT studentsdcid, email FROM sandbox_student_email WHERE studentsdcid IN (${inList(dcids)})`, dcids).map((row) => [row.studentsdcid, row.email])) : undefined;
  const extensionRows = extensions.map((table) => ({
    table,
    rows: new Map(store.all(`SELECT * FROM ${quoteIdentifier(table.name)} WHERE studentsdcid IN (${inList(dcids)})`, dcids).map((row) => [row.studentsdcid, row])),
  }));

  return rows.map((row) => {
    const student: Record<string, unknown> = {
      id: row.dcid,
      local_id: row.student_number,
      student_username: text(row.student_web_id),
      state_province_id: text(row.state_studentnumber),
      name: { first_name: text(row.first_name), middle_name: text(row.middle_name), last_name: text(row.last_name) },
    };
    if (expansions.has('demographics')) {
      student.demographics = { gender: text(row.gender), birth_date: text(row.dob), district_entry_date: text(row.districtentrydate), projected_graduation_year: row.sched_yearofgraduation };
    }
    if (expansions.has('addresses')) {
      student.addresses = {
        physical: { street: text(row.street), city: text(row.city), state_province: text(row.state), postal_code: text(row.zip), grid_location: text(row.geocode) },
        mailing: { street: text(row.mailing_street), city: text(row.mailing_city), state_province: text(row.mailing_state), postal_code: text(row.mailing_zip), grid_location: text(row.mailing_geocode) },
      };
    }
    if (expansions.has('alerts')) {
      // Alerts come from the STUDENTS.ALERT_* pairs; ids are synthetic (undocumented in the references).
      const alerts = (['discipline', 'guardian', 'medical', 'other'] as const).flatMap((type, index) =>
        text(row[`alert_${type}`]) === undefined ? [] : [{ id: Number(row.dcid) * 10 + index, type, description: row[`alert_${type}`], end_date: text(row[`alert_${type}expires`]) }]);
      student.alerts = { alert: alerts };
    }
    if (expansions.has('phones')) student.phones = { main: { number: text(row.home_phone) } };
    if (expansions.has('school_enrollment')) {
      const status = statusForCode(Number(row.enroll_status));
      student.school_enrollment = {
        enroll_status: status.letter,
        enroll_status_description: status.meaning.replace(/ \(.*\)$/, ''),
        enroll_status_code: row.enroll_status,
        grade_level: row.grade_level,
        entry_date: text(row.entrydate),
        exit_date: text(row.exitdate),
        school_number: row.schoolid,
        school_id: schoolDcid.get(row.schoolid!),
        entry_code: text(row.entrycode),
        entry_comment: text(row.transfercomment),
        exit_code: text(row.exitcode),
        exit_comment: text(row.exitcomment),
        district_of_residence: text(row.districtofresidence),
        track: text(row.track),
        full_time_equivalency: { fteid: row.fteid, name: row.fteid === 1 ? 'Full Time' : undefined },
      };
    }
    if (races) {
      student.ethnicity_race = {
        federal_ethnicity: row.fedethnicity === 1 ? 'YES' : 'NO',
        scheduling_reporting_ethnicity: text(row.ethnicity),
        races: (races.get(row.id!) ?? []).map((race) => ({
          district_race_code: race.racecd,
          district_race_code_description: raceCodes[String(race.racecd)]?.description,
          federal_race_code_category: raceCodes[String(race.racecd)]?.federal,
        })),
      };
    }
    if (expansions.has('contact')) {
      student.contact = {
        emergency_contact_name1: text(row.emerg_contact_1), emergency_phone1: text(row.emerg_phone_1),
        emergency_contact_name2: text(row.emerg_contact_2), emergency_phone2: text(row.emerg_phone_2),
        guardian_email: text(row.guardianemail), guardian_fax: text(row.guardianfax), mother: text(row.mother), father: text(row.father),
        doctor_name: text(row.doctor_name), doctor_phone: text(row.doctor_phone),
      };
    }
    if (emails) student.contact_info = { email: text(emails.get(row.dcid!)) };
    if (expansions.has('initial_enrollment')) {
      student.initial_enrollment = {
        district_entry_date: text(row.districtentrydate), district_entry_grade_level: row.districtentrygradelevel,
        school_entry_date: text(row.schoolentrydate), school_entry_grade_level: row.schoolentrygradelevel,
      };
    }
    if (expansions.has('schedule_setup')) {
      student.schedule_setup = { home_room: text(row.home_room), next_school: row.next_school, sched_next_year_grade: row.sched_nextyeargrade };
    }
    if (fees) {
      // Shape undocumented in the references: one `fee` per FEES transaction of the student.
      student.fees = { fee: (fees.get(row.id!) ?? []).map((fee) => ({ id: fee.dcid, date: fee.date_value, description: fee.description, amount: money(fee.debit), type: fee.feestype, school_number: fee.schoolid })) };
    }
    if (expansions.has('lunch')) {
      student.lunch = { balance_1: balance(row.balance1), balance_2: balance(row.balance2), balance_3: balance(row.balance3), balance_4: balance(row.balance4), lunch_id: row.lunch_id, lunch_status: text(row.lunchstatus) };
    }
    if (extensionRows.length) {
      student._extension_data = {
        _table_extension: extensionRows.map(({ table, rows: byStudent }) => {
          const extension = byStudent.get(row.dcid!);
          const fields = table.columns.filter((column) => column.name !== table.primaryKey && text(extension?.[column.name]) !== undefined)
            // Recorded: every value is a string ("1854") typed "String", whatever the column type.
            .map((column) => ({ name: column.name, type: 'String', value: verbatim(String(extension![column.name])) }));
          // recordFound is true when the extension row exists (real-server-behaviour.md, /ws/v1 value types).
          return { recordFound: extension !== undefined, _field: fields, name: table.name };
        }),
      };
    }
    return student;
  });
}

/**
 * The page's students (by DCID, in that order) as list elements for `listOfElements`, each kept in
 * `cache` per expansions and extensions asked for: only students not kept are read and rendered.
 */
export function studentElements(store: SqlStore, cache: FragmentCache, dcids: readonly number[], expansions: ReadonlySet<StudentExpansion>, extensions: readonly CatalogTable[]): Uint8Array[] {
  const variant = `${[...expansions].join(',')}|${extensions.map((table) => table.name).join(',')}`;
  return cache.parts(variant, dcids, (missing) => {
    const rows = studentRowsToRender(store, `dcid IN (${inList(missing)})`, missing);
    const students = renderStudents(store, rows, expansions, extensions);
    return new Map(rows.map((row, index) => [Number(row.dcid), elementBytes(students[index])]));
  });
}

/**
 * Keeps `cache` equal to a fresh `studentElements`: a row keyed by a student's DCID (STUDENTS, the
 * contact e-mail, the one-to-one extensions) forgets that student; a row of a table that
 * `renderStudents` reads by another key (schools, races and fees by STUDENTS.ID) forgets them all.
 * A table `renderStudents` starts reading must be added here (the property test in
 * test/unit/sandbox/studentCache.test.ts writes each of them).
 */
export function watchStudentRows(store: SqlStore, catalog: Catalog, cache: FragmentCache): void {
  const keyedByDcid = new Set(['students', 'sandbox_student_email', ...studentExtensionTables(catalog).map((table) => table.name.toLowerCase())]);
  const readByOtherKeys = new Set(['schools', 'studentrace', 'fees']);
  store.onRowChange((table, rowid) => {
    const name = table.toLowerCase();
    if (keyedByDcid.has(name)) cache.forget(rowid);
    else if (readByOtherKeys.has(name)) cache.clear();
  });
}
