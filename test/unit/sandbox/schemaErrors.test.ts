import * as assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from './harness';

// Each test checks one fact of ../shared/reference/real-server-behaviour.md, "/ws/schema/table",
// over real HTTP to the sandbox; the quoted reference line is in the test name.

describe('sandbox /ws/schema/table answers like a real server (real-server-behaviour.md)', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  const onlyMessage = (body: any, message: string) => assert.deepEqual(body, { message }, 'ref: "Errors carry a message and no other keys unless stated"');

  it('"bad projection → 400 Invalid field specified: <col> is not valid column for table: Students"', async () => {
    const { status, body } = await t.get('/ws/schema/table/students?projection=dcid,nosuch');
    assert.equal(status, 400);
    onlyMessage(body, 'Invalid field specified: nosuch is not valid column for table: Students');
    const byId = await t.get('/ws/schema/table/students/5001?projection=Bogus_Col');
    assert.equal(byId.status, 400);
    onlyMessage(byId.body, 'Invalid field specified: Bogus_Col is not valid column for table: Students');
  });

  it('"type mismatch in q → 400 Invalid number \'2020-01-01\' passed for comparison to number field LogTypeID"', async () => {
    const { status, body } = await t.get('/ws/schema/table/log?q=LogTypeID=ge=2020-01-01');
    assert.equal(status, 400);
    onlyMessage(body, "Invalid number '2020-01-01' passed for comparison to number field LogTypeID");
    const count = await t.get('/ws/schema/table/log/count?q=LogTypeID==x');
    assert.equal(count.status, 400);
    onlyMessage(count.body, "Invalid number 'x' passed for comparison to number field LogTypeID");
    assert.equal((await t.get('/ws/schema/table/students/count?q=enroll_status==A')).status, 200, 'enroll status letters are still numbers');
  });

  it('"q on a CLOB → 400 Querying not supported against clob or blob field types"', async () => {
    const { status, body } = await t.get('/ws/schema/table/students?q=alert_medical==x*');
    assert.equal(status, 400);
    onlyMessage(body, 'Querying not supported against clob or blob field types');
    assert.equal((await t.get('/ws/schema/table/students/count?q=last_name==A*;alert_medical==x')).status, 400);
  });

  it('"Errors carry a message and no other keys unless stated": bad sort, bad q grammar, unknown q column, missing record', async () => {
    for (const path of ['/ws/schema/table/students?sort=nosuch', '/ws/schema/table/students?q=last_name=gx=A', '/ws/schema/table/students/count?q=nosuch==1', '/ws/schema/table/students/1']) {
      const { status, body } = await t.get(path);
      assert.ok(status === 400 || status === 404, path);
      assert.deepEqual(Object.keys(body), ['message'], path);
    }
  });

  it('"unknown table → 404 Resource not found"', async () => {
    for (const path of ['/ws/schema/table/nosuchtable', '/ws/schema/table/nosuchtable/count', '/ws/schema/table/nosuchtable/1', '/ws/schema/table/nosuchtable/metadata']) {
      const { status, body } = await t.get(path);
      assert.equal(status, 404, path);
      onlyMessage(body, 'Resource not found');
    }
  });

  it('"TEACHERS (a view) → 405"', async () => {
    for (const path of ['/ws/schema/table/TEACHERS', '/ws/schema/table/teachers/count', '/ws/schema/table/teachers/1']) {
      const { status, body } = await t.get(path);
      assert.equal(status, 405, path);
      assert.deepEqual(Object.keys(body), ['message']);
    }
  });

  it('"Extension-table writes answer result[0].status == SUCCESS; reads by id give tables.<lowercase table>"', async () => {
    const inserted = await t.send('POST', '/ws/schema/table/S_CROSSLEA_REENROLLMENTS_S', { tables: { S_CROSSLEA_REENROLLMENTS_S: {} } });
    assert.equal(inserted.status, 200, inserted.text);
    assert.equal(inserted.body.result[0].status, 'SUCCESS');
    const insertedRead = await t.get(`/ws/schema/table/S_CROSSLEA_REENROLLMENTS_S/${inserted.body.result[0].success_message.id}`);
    assert.deepEqual(Object.keys(insertedRead.body.tables), ['s_crosslea_reenrollments_s']);
    const written = await t.send('PUT', '/ws/schema/table/U_STUDENTSUSERFIELDS/5003', { tables: { U_STUDENTSUSERFIELDS: { father_name: 'Ada' } } });
    assert.equal(written.status, 200, written.text);
    assert.equal(written.body.result[0].status, 'SUCCESS');
    const read = await t.get('/ws/schema/table/U_STUDENTSUSERFIELDS/5003');
    assert.deepEqual(Object.keys(read.body.tables), ['u_studentsuserfields']);
    assert.equal(read.body.tables.u_studentsuserfields.father_name, 'Ada');
  });
});
