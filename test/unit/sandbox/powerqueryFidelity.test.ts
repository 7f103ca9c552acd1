import * as assert from 'node:assert/strict';
import { parsePowerQueries } from '../../../src/core/catalog';
import { startTestSandbox, type TestSandbox } from './harness';

// Each test checks one fact of ../shared/reference/real-server-behaviour.md, "PowerQueries", over
// real HTTP to the sandbox; the quoted reference line is in the test name.

const query = (name: string) => `/ws/schema/query/${name}`;
const dcidMap = query('com.pearson.core.student.student_dcid_id_map');
const basicInfo = query('com.pearson.core.student.search.get_student_basic_info');
const attendanceDetail = query('com.pearson.core.attendance.student_attendance_detail');

describe('sandbox PowerQueries answer like a real server (real-server-behaviour.md)', () => {
  let t: TestSandbox;
  let absent: number[];
  before(async () => {
    t = await startTestSandbox();
    // Students with attendance records, found through the query itself.
    const firsts = (await t.send('POST', `${attendanceDetail}?pagesize=0&projection=students.dcid`, {})).body.record;
    absent = [...new Set<number>(firsts.map((record: any) => Number(record.tables.students.dcid)))].slice(0, 10);
  });
  after(() => t.sandbox.close());

  it('"Most built-in com.pearson.core.* queries answer flattened": flat string values keyed by column, plus _name (core table) and _id (number)', async () => {
    const api = (await t.get('/ws/schema/query/api')).body;
    const args: Record<string, object> = {
      'com.pearson.core.guardian.student_guardian_detail': { students_dcid: [5001] },
      'com.pearson.core.terms.yearid': { schoolid: 0, currentdate: '2026-10-01' },
      'com.pearson.core.terms.year_terms': { schoolid: 100, yearid: 36 },
      'com.pearson.core.calendar.district_cycle_days': { yearid: 36 },
      'com.pearson.core.school.school_detail': { school_number: 100 },
      'com.pearson.core.attendance.attendance_code_by_school_date': { schoolid: 100, att_date: '2026-10-01' },
      'com.pearson.core.teachers.sectionEnrollments': { section_dcid: [1, 2] },
    };
    const flattenedNames = Object.keys(api.paths).map((path) => path.replace('/ws/schema/query/', ''))
      .filter((name) => name.startsWith('com.pearson.core.') && !/daily_attendance_template|student_attendance_detail|time_attendance_template/.test(name));
    assert.ok(flattenedNames.length >= 10);
    for (const name of flattenedNames) {
      const { status, body } = await t.send('POST', `${query(name)}?pagesize=5`, args[name] ?? {});
      assert.equal(status, 200, name);
      assert.ok(body.record?.length > 0, `${name} returns records`);
      for (const record of body.record) {
        assert.equal(record.tables, undefined, `${name} is flattened`);
        assert.equal(record._name, body.name, `${name}: _name is the core table`);
        assert.match(record._name, /^[A-Z_]+$/);
        assert.equal(typeof record._id, 'number', `${name}: _id is a number`);
        for (const [key, value] of Object.entries(record)) if (!key.startsWith('_')) assert.equal(typeof value, 'string', `${name}.${key} is a string`);
      }
    }
  });

  it('"student_dcid_id_map → record[0].id is STUDENTS.ID and record[0].dcid the DCID"', async () => {
    const { body } = await t.send('POST', dcidMap, { students_dcid: [5007] });
    const v1 = (await t.get('/ws/v1/student/5007')).body.student;
    const table = (await t.get('/ws/schema/table/students/5007?projection=dcid,id')).body.tables.students;
    assert.equal(body.record[0].dcid, String(v1.id), 'the DCID (what /ws/v1 calls id)');
    assert.equal(body.record[0].id, table.id, 'STUDENTS.ID');
    assert.notEqual(body.record[0].id, body.record[0].dcid);
  });

  it('"terms.year_terms → record[i].firstday/lastday/dcid"', async () => {
    const { body } = await t.send('POST', query('com.pearson.core.terms.year_terms'), { schoolid: 100, yearid: 36 });
    assert.ok(body.record.length > 0);
    for (const record of body.record) {
      assert.match(record.firstday, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(record.lastday, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(record.dcid, /^\d+$/);
    }
  });

  it('"teachers.sectionEnrollments → dcid, id, first_name, last_name, lastfirst, grade_level, gender, student_number"', async () => {
    const { body } = await t.send('POST', query('com.pearson.core.teachers.sectionEnrollments'), { section_dcid: [1] });
    assert.ok(body.record.length > 0);
    assert.deepEqual(Object.keys(body.record[0]).filter((key) => !key.startsWith('_')).sort(),
      ['dcid', 'first_name', 'gender', 'grade_level', 'id', 'last_name', 'lastfirst', 'student_number']);
  });

  it('"Some queries are not flattened and keep record[i].tables.<table>.<column>: attendance.daily_attendance_template, attendance.student_attendance_detail"', async () => {
    const detail = (await t.send('POST', `${attendanceDetail}?pagesize=1`, { students_dcid: [absent[0]] })).body;
    assert.equal(detail.name, 'ATTENDANCE');
    assert.equal(typeof detail.record[0].tables.attendance.att_date, 'string');
    assert.equal(typeof detail.record[0].tables.students.dcid, 'string');
    const { tables } = detail.record[0];
    const studentId = (await t.send('POST', dcidMap, { students_dcid: [absent[0]] })).body.record[0].id;
    const daily = (await t.send('POST', query('com.pearson.core.attendance.daily_attendance_template'), { studentid: Number(studentId), att_date: tables.attendance.att_date })).body;
    assert.equal(daily.record[0].tables.attendance.att_date, tables.attendance.att_date);
    assert.equal(daily.record[0].name, 'ATTENDANCE');
  });

  it('"student_attendance_detail (whose arguments include attendance_att_mode_code, students_dcid, attendance_att_date_start/_end)": accepted and applied', async () => {
    const all = (await t.send('POST', `${attendanceDetail}?pagesize=0`, { students_dcid: absent })).body.record;
    assert.ok(all.length > 2);
    const dates = all.map((record: any) => record.tables.attendance.att_date).sort();
    const [start, end] = [dates[1], dates[dates.length - 2]];
    const expected = all.filter((record: any) => record.tables.attendance.att_date >= start && record.tables.attendance.att_date <= end).length;
    const body = { students_dcid: absent, attendance_att_mode_code: 'ATT_ModeDaily', attendance_att_date_start: start, attendance_att_date_end: end };
    const ranged = (await t.send('POST', `${attendanceDetail}?pagesize=0`, body)).body.record;
    assert.equal(ranged.length, expected);
    assert.ok(ranged.every((record: any) => record.tables.attendance.att_date >= start && record.tables.attendance.att_date <= end));
    assert.ok(ranged.every((record: any) => absent.map(String).includes(record.tables.students.dcid)));
    assert.deepEqual((await t.send('POST', attendanceDetail, { ...body, attendance_att_mode_code: 'ATT_ModeMeeting' })).body, { '@extensions': '' });
  });

  it('"Top-level name is the core table (STUDENTS), not the query name"', async () => {
    assert.equal((await t.send('POST', `${basicInfo}?pagesize=1`, {})).body.name, 'STUDENTS');
    assert.equal((await t.send('POST', query('com.pearson.core.terms.yearid'), { schoolid: 0, currentdate: '2026-10-01' })).body.name, 'TERMS');
  });

  it('"An empty result is just {"@extensions": ""} — no record key"', async () => {
    const { status, body } = await t.send('POST', dcidMap, { students_dcid: [1] });
    assert.equal(status, 200);
    assert.deepEqual(body, { '@extensions': '' });
  });

  it('"count=true adds "count": N beside name and record"', async () => {
    const { body } = await t.send('POST', `${dcidMap}?count=true&pagesize=5`, {});
    assert.equal(body.count, 200);
    assert.equal(body.name, 'STUDENTS');
    assert.equal(body.record.length, 5);
  });

  it('"order=students.last_name,students.first_name;desc — terms separated by `,`, a direction after `;`"', async () => {
    const { status, body } = await t.send('POST', `${basicInfo}?order=students.grade_level,students.dcid;desc&pagesize=0`, {});
    assert.equal(status, 200, body?.message);
    const rows = body.record.map((record: any) => [Number(record.grade_level), Number(record.dcid)]);
    for (let i = 1; i < rows.length; i++) {
      const [[grade0, dcid0], [grade1, dcid1]] = [rows[i - 1], rows[i]];
      assert.ok(grade0 < grade1 || (grade0 === grade1 && dcid0 > dcid1), `row ${i}: grade ascending, then dcid descending`);
    }
  });

  it('"projection is ;-separated table.column, * or table.*"', async () => {
    const sections = query('com.pearson.core.student.student_sections');
    const keys = async (projection: string) => Object.keys((await t.send('POST', `${sections}?pagesize=1&projection=${encodeURIComponent(projection)}`, { students_dcid: [5001] })).body.record[0]).filter((key) => !key.startsWith('_')).sort();
    assert.deepEqual(await keys('courses.*'), ['course_name', 'course_number']);
    assert.deepEqual(await keys('students.dcid;sections.room'), ['room', 'students_dcid']);
    assert.deepEqual(await keys('*'), ['course_name', 'course_number', 'dcid', 'room', 'section_number', 'sections_dcid', 'students_dcid']);
    assert.equal((await t.send('POST', `${sections}?projection=nosuch.*`, {})).status, 400);
  });

  it('"pagesize=0 streams every row"', async () => {
    assert.equal((await t.send('POST', `${basicInfo}?pagesize=0`, {})).body.record.length, 200);
  });

  it('"$dataversion in the body returns "$dataversion" in the answer"', async () => {
    const { body } = await t.send('POST', `${dcidMap}?pagesize=1`, { $dataversion: '42', $dataversion_applicationname: 'myapp' });
    assert.equal(body.$dataversion, '42');
    assert.equal(body.record.length, 1);
  });

  it('"Swagger list: definitions named powerquery.resp.<name>.record and powerquery.param.<name>; each path\'s post carries summary, tags, x-plugin-id"', async () => {
    const api = (await t.get('/ws/schema/query/api')).body;
    for (const [path, operations] of Object.entries<any>(api.paths)) {
      const name = path.replace('/ws/schema/query/', '');
      assert.ok(api.definitions[`powerquery.resp.${name}.record`], `${name} record definition`);
      assert.ok(api.definitions[`powerquery.param.${name}`], `${name} param definition`);
      assert.equal(typeof operations.post.summary, 'string');
      assert.ok(Array.isArray(operations.post.tags) && operations.post.tags.length > 0);
      assert.ok('x-plugin-id' in operations.post);
    }
    assert.deepEqual(Object.keys(api.definitions['powerquery.resp.com.pearson.core.student.student_dcid_id_map.record'].properties).sort(), ['_id', '_name', 'dcid', 'id']);
    // The editor's reader of this document keeps naming columns table.column, flattened or not.
    const parsed = new Map(parsePowerQueries(api).map((info) => [info.name, info]));
    assert.deepEqual(parsed.get('com.pearson.core.terms.yearid')?.columns, ['terms.yearid']);
    assert.deepEqual(parsed.get('com.pearson.core.student.student_sections')?.columns.slice(0, 3), ['cc.dcid', 'students.dcid', 'sections.dcid']);
    assert.deepEqual(parsed.get('com.pearson.core.attendance.student_attendance_detail')?.args.map((arg) => arg.name),
      ['students_dcid', 'attendance_att_mode_code', 'attendance_att_date_start', 'attendance_att_date_end']);
    assert.ok(parsed.get('com.pearson.core.attendance.student_attendance_detail')?.columns.includes('attendance_code.att_code'));
  });

  it('"An uninstalled query: 404"', async () => {
    const { status, body } = await t.send('POST', query('com.example.not_installed'), {});
    assert.equal(status, 404);
    assert.deepEqual(Object.keys(body), ['message']);
    assert.equal((await t.send('POST', `${query('com.example.not_installed')}/count`, {})).status, 404);
  });
});
