import * as assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from './harness';

describe('sandbox /ws/schema', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  it('lists areas, the tables of an area and all tables', async () => {
    const areas = (await t.get('/ws/schema/area')).body.areas as { name: string; subareas: unknown[] }[];
    assert.ok(areas.some((area) => area.name === 'Students'));
    const students = (await t.get('/ws/schema/area/Students/table')).body;
    assert.equal(students.area, 'Students');
    assert.ok(students.tables.some((table: { name: string; primaryKey: string }) => table.name === 'STUDENTS' && table.primaryKey === 'dcid'));
    assert.equal((await t.get('/ws/schema/area/Nope/table')).status, 404);
    const all = (await t.get('/ws/schema/table')).body.tables;
    assert.equal(all.length, 101);
  });

  it('describes a table: columns with type, length and key; access on request', async () => {
    const { body } = await t.get('/ws/schema/table/students/metadata?expansions=access');
    assert.equal(body.name, 'STUDENTS');
    assert.equal(body.primaryKey, 'dcid');
    assert.equal(body.coreTable, true);
    assert.equal(body.columns.length, 152);
    const lastName = body.columns.find((column: { name: string }) => column.name === 'last_name');
    assert.deepEqual([lastName.type, lastName.length, lastName.key, lastName.access], ['VARCHAR2', 50, false, 'ViewOnly']);
    assert.equal(body.columns.find((column: { name: string }) => column.name === 'dcid').key, true);
    const extension = (await t.get('/ws/schema/table/U_STUDENTSUSERFIELDS/metadata?expansions=access')).body;
    assert.equal(extension.access, 'FullAccess');
    assert.equal((await t.get('/ws/schema/table/nosuchtable/metadata')).status, 404);
  });

  it('counts and queries records with q, projection, sort and paging; the same DCIDs as /ws/v1', async () => {
    const total = (await t.get('/ws/schema/table/students/count')).body.count;
    assert.equal(total, 200);
    const active = (await t.get('/ws/schema/table/students/count?q=enroll_status==0')).body.count;
    assert.equal(active, (await t.get('/ws/v1/district/student/count?q=school_enrollment.enroll_status==A')).body.resource.count);
    const { body } = await t.get('/ws/schema/table/students?q=ENROLL_STATUS==0&projection=dcid,last_name,first_name&pagesize=5&sort=last_name');
    assert.equal(body.name, 'STUDENTS');
    assert.equal(body.record.length, 5);
    const first = body.record[0];
    assert.deepEqual(Object.keys(first.tables), ['students']);
    assert.deepEqual(Object.keys(first.tables.students).sort(), ['dcid', 'first_name', 'last_name']);
    assert.equal(typeof first.tables.students.dcid, 'string', 'table values come back as strings');
    const names = body.record.map((record: any) => record.tables.students.last_name);
    assert.deepEqual(names, [...names].sort());
    const v1 = await t.get(`/ws/v1/student/${first.id}`);
    assert.equal(v1.body.student.name.last_name, first.tables.students.last_name);
    const descending = (await t.get('/ws/schema/table/students?projection=dcid&pagesize=2&sort=dcid&sortdescending=true')).body.record;
    assert.ok(Number(descending[0].id) > Number(descending[1].id));
  });

  it('pages add up to the count', async () => {
    const count = (await t.get('/ws/schema/table/cc/count')).body.count;
    let seen = 0;
    for (let page = 1; ; page++) {
      const records = (await t.get(`/ws/schema/table/cc?projection=dcid&page=${page}&pagesize=100`)).body.record;
      seen += records.length;
      if (records.length < 100) break;
    }
    assert.ok(count > 0);
    assert.equal(seen, count);
  });

  it('rejects a bad q, projection or sort with 400', async () => {
    assert.equal((await t.get('/ws/schema/table/students?q=nosuch==1')).status, 400);
    assert.equal((await t.get('/ws/schema/table/students?projection=dcid,nosuch')).status, 400);
    assert.equal((await t.get('/ws/schema/table/students?sort=nosuch')).status, 400);
  });

  it('gets one record by key with a projection; 404 when missing', async () => {
    const { status, body } = await t.get('/ws/schema/table/students/5001?projection=dcid,last_name');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body.tables.students).sort(), ['dcid', 'last_name']);
    assert.equal((await t.get('/ws/schema/table/students/1')).status, 404);
  });

  it('writes extension tables: POST, PUT, DELETE with the documented result shapes', async () => {
    const created = await t.send('POST', '/ws/schema/table/s_crosslea_reenrollments_s', { tables: { s_crosslea_reenrollments_s: {} } });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.insert_count, 1);
    const id = created.body.result[0].success_message.id;
    assert.equal(created.body.result[0].status, 'SUCCESS');
    assert.equal(created.body.result[0].action, 'INSERT');
    assert.match(created.body.result[0].success_message.ref, new RegExp(`/ws/schema/table/s_crosslea_reenrollments_s/${id}$`));

    const updated = await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { transcriptaddrcity: 'Leysin' } } });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.update_count, updated.body.result[0].action], [1, 'UPDATE']);
    assert.equal((await t.get('/ws/schema/table/u_studentsuserfields/5001')).body.tables.u_studentsuserfields.transcriptaddrcity, 'Leysin');
    const v1 = (await t.get('/ws/v1/student/5001?extensions=u_studentsuserfields')).body.student._extension_data._table_extension;
    assert.ok(v1._field.some((field: any) => field.name === 'transcriptaddrcity' && field.value === 'Leysin'));

    assert.equal((await t.send('DELETE', '/ws/schema/table/u_studentsuserfields/5001', '')).status, 204);
    assert.equal((await t.get('/ws/schema/table/u_studentsuserfields/5001')).status, 404);
    assert.equal((await t.send('DELETE', '/ws/schema/table/u_studentsuserfields/5001', '')).status, 404);
    const recreated = await t.send('POST', '/ws/schema/table/u_studentsuserfields', { tables: { u_studentsuserfields: { studentsdcid: 5001, father_name: 'Joe' } } });
    assert.equal(recreated.status, 200, recreated.text);
    assert.equal(recreated.body.result[0].success_message.id, 5001);
  });

  it('refuses writes to core tables (403), unknown tables (404), bad bodies and values (400)', async () => {
    assert.equal((await t.send('POST', '/ws/schema/table/students', { tables: { students: { last_name: 'X' } } })).status, 403);
    assert.equal((await t.send('DELETE', '/ws/schema/table/students/5001', '')).status, 403);
    assert.equal((await t.send('POST', '/ws/schema/table/u_nope', { tables: { u_nope: {} } })).status, 404);
    assert.equal((await t.send('PUT', '/ws/schema/table/u_studentsuserfields/999999', { tables: { u_studentsuserfields: {} } })).status, 404);
    const badJson = await t.send('POST', '/ws/schema/table/u_studentsuserfields', '{"tables": ');
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.message, /Malformed JSON/);
    const tooLong = await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5002', { tables: { u_studentsuserfields: { father_name: 'x'.repeat(81), nosuch: 1 } } });
    assert.equal(tooLong.status, 400);
    assert.deepEqual(tooLong.body.errors.map((error: any) => error.code).sort(), ['FIELD_VALIDATION_ERROR', 'INVALID_FIELD']);
    const orphan = await t.send('POST', '/ws/schema/table/s_stu_x', { tables: { s_stu_x: { studentsdcid: 1 } } });
    assert.equal(orphan.status, 400);
    assert.equal(orphan.body.errors[0].code, 'INVALID_REFERENCE');
  });
});
