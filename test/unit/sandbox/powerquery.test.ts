import * as assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from './harness';

const dcidMap = '/ws/schema/query/com.pearson.core.student.student_dcid_id_map';

describe('sandbox PowerQueries', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  // Updated for issue 12: the records used to be `tables.students` with `id` = DCID and `name` = the
  // query name; the reference says this query answers flattened and `name` is the core table.
  it('runs a query with array args (ref: "student_dcid_id_map → record[0].id is STUDENTS.ID and record[0].dcid the DCID")', async () => {
    const { status, body } = await t.send('POST', dcidMap, { students_dcid: [5001, '5002', 1] });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.name, 'STUDENTS', 'ref: "Top-level name is the core table"');
    assert.deepEqual(body.record, [{ dcid: '5001', id: '1', _name: 'STUDENTS', _id: 5001 }, { dcid: '5002', id: '2', _name: 'STUDENTS', _id: 5002 }]);
    assert.equal(body.record[0].id, '1', 'STUDENTS.ID (the sandbox DCID is ID + 5000)');
  });

  it('counts with /count, pages with pagesize (0 = all) and sums pages to the count', async () => {
    const count = (await t.send('POST', `${dcidMap}/count`, {})).body.count;
    assert.equal(count, 200);
    assert.equal((await t.send('POST', `${dcidMap}?pagesize=0`, {})).body.record.length, 200);
    let seen = 0;
    for (let page = 1; page <= 3; page++) seen += (await t.send('POST', `${dcidMap}?page=${page}&pagesize=70`, {})).body.record.length;
    assert.equal(seen, 200);
    assert.equal((await t.send('POST', dcidMap, {})).body.record.length, 100, 'default page size is the max');
    const withCount = await t.send('POST', `${dcidMap}?pagesize=5&count=true`, {});
    assert.equal(withCount.body.count, 200);
  });

  // Updated for issue 12: order was `column,desc` separated by ';' (our invention); the documented
  // syntax is `a,b;desc` (see the order test below), and records are flattened.
  it('filters with $q, projects columns and orders', async () => {
    const { body } = await t.send('POST', `${dcidMap}?order=students.id;desc&pagesize=3`, { $q: 'students.id=le=10;students.id=gt=2', projection: 'students.id' });
    assert.deepEqual(body.record.map((record: any) => record.id), ['10', '9', '8']);
    assert.deepEqual(Object.keys(body.record[0]).sort(), ['_id', '_name', 'id']);
    assert.equal((await t.send('POST', `${dcidMap}/count`, { $q: 'students.id=le=10;students.id=gt=2' })).body.count, 8);
    assert.equal((await t.send('POST', dcidMap, { $q: 'students.nosuch==1' })).status, 400);
    assert.equal((await t.send('POST', dcidMap, { projection: 'students.nosuch' })).status, 400);
    assert.equal((await t.send('POST', `${dcidMap}?order=students.id;sideways`, {})).status, 400);
  });

  it('validates arguments: unknown, missing required, wrong type → 400', async () => {
    const unknown = await t.send('POST', dcidMap, { student_dcid: [1] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'student_dcid');
    const missing = await t.send('POST', '/ws/schema/query/com.pearson.core.terms.yearid', { schoolid: 0 });
    assert.equal(missing.status, 400);
    assert.match(missing.body.message, /currentdate/);
    assert.equal((await t.send('POST', '/ws/schema/query/com.pearson.core.terms.yearid', { schoolid: 'x', currentdate: '2026-10-01' })).status, 400);
    assert.equal((await t.send('POST', '/ws/schema/query/com.pearson.core.terms.yearid', { schoolid: 0, currentdate: '10/01/2026' })).status, 400);
    assert.equal((await t.send('POST', dcidMap, { students_dcid: 5001 })).status, 400);
    assert.equal((await t.send('POST', dcidMap, '{oops')).status, 400);
  });

  it('answers every built-in query, consistently with the district data', async () => {
    const yearid = (await t.send('POST', '/ws/schema/query/com.pearson.core.terms.yearid', { schoolid: 0, currentdate: '2026-10-01' })).body.record;
    assert.equal(yearid.length, 1);
    assert.equal(yearid[0].yearid, '36', 'ref: "terms.yearid → record[0].yearid"');
    const args: Record<string, object> = {
      'com.pearson.core.guardian.student_guardian_detail': { students_dcid: [5001] },
      'com.pearson.core.terms.yearid': { schoolid: 100, currentdate: '2026-10-01' },
      'com.pearson.core.terms.year_terms': { schoolid: 100, yearid: 36 },
      'com.pearson.core.attendance.daily_attendance_template': { studentid: 1, att_date: '2026-10-01' },
      'com.pearson.core.attendance.time_attendance_template': { studentid: 1, dcid: 0, att_date: '2026-10-01' },
      'com.pearson.core.calendar.district_cycle_days': { yearid: 36 },
      'com.pearson.core.school.school_detail': { school_number: 100 },
      'com.pearson.core.attendance.attendance_code_by_school_date': { schoolid: 100, att_date: '2026-10-01' },
      'com.pearson.core.teachers.sectionEnrollments': { section_dcid: [1, 2] },
      'com.powerschool.core.users.coteacher_access_roles': { users_dcids: [1, 2, 3] },
    };
    const api = (await t.get('/ws/schema/query/api')).body;
    const names = Object.keys(api.paths).map((path) => path.replace('/ws/schema/query/', ''));
    assert.equal(names.length, 17);
    for (const name of names) {
      const response = await t.send('POST', `/ws/schema/query/${name}?pagesize=0`, args[name] ?? {});
      assert.equal(response.status, 200, `${name}: ${response.text}`);
      if ((args[name] && !/_template/.test(name)) || /grade_levels|special_program|racecodes|basic_info|student_sections|attendance_detail/.test(name)) {
        assert.ok(response.body.record?.length > 0, `${name} returns records`);
      }
    }
    const guardian = (await t.send('POST', '/ws/schema/query/com.pearson.core.guardian.student_guardian_detail', { students_dcid: [5001] })).body.record[0];
    assert.equal(guardian.dcid, '5001');
  });

  // Updated for issue 12: the argument definition was named `<name>.args`; real clients read `powerquery.param.<name>`.
  it('publishes the Swagger 2.0 listing and the access lists', async () => {
    const api = (await t.get('/ws/schema/query/api')).body;
    assert.equal(api.swagger, '2.0');
    const path = api.paths['/ws/schema/query/com.pearson.core.terms.yearid'].post;
    assert.ok(path.summary && path['x-sql'] && path.tags.length === 1);
    assert.deepEqual(api.definitions['powerquery.param.com.pearson.core.terms.yearid'].required, ['schoolid', 'currentdate']);
    const all = (await t.get('/ws/powerqueryaccesslist')).body.access_request.field;
    assert.ok(all.some((field: any) => field.table === 'STUDENTS' && field.field === 'DCID' && field.access === 'ViewOnly'));
    const one = (await t.get('/ws/powerqueryaccesslist/com.pearson.core.student.student_dcid_id_map')).body;
    assert.deepEqual(one.access_request.field.map((field: any) => `${field.table}.${field.field}`), ['STUDENTS.DCID', 'STUDENTS.ID']);
    assert.equal((await t.get('/ws/powerqueryaccesslist/nope')).status, 404);
    assert.equal((await t.get(dcidMap)).status, 405, 'GET on a query is the wrong method');
  });
});
