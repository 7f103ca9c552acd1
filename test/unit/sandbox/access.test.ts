import * as assert from 'node:assert/strict';
import { readPlugin, type FieldGrant, type GrantedAccess } from '../../../src/core/plugin';
import { startTestSandbox, type TestSandbox } from './harness';

const manifestOf = (text: string) => readPlugin([{ path: 'plugin.xml', text }]).manifest!;

// Facts from real-server-behaviour.md, quoted per test. The sandbox runs as the plugin it is given.
const noAccess = (field: string, resource: string) => ({ message: 'At least one column lacks sufficient permission', errors: [{ code: 'NoAccess', field, resource }] });
const dcidMap = '/ws/schema/query/com.pearson.core.student.student_dcid_id_map';

const pluginXml = (oauth: string, fields: string) => `<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="http://plugin.powerschool.pearson.com" name="Access test" version="1.0" description="grants under test">
  ${oauth}
  <access_request>
${fields}
  </access_request>
  <publisher name="Tests"><contact email="tests@example.org"/></publisher>
</plugin>`;

const restricted = manifestOf(pluginXml('<oauth/>', `
    <field table="LOG" field="DCID" access="ViewOnly"/>
    <field table="Log" field="id" access="ViewOnly"/>
    <field table="STUDENTS" field="DCID" access="ViewOnly"/>
    <field table="students" field="LASTFIRST" access="ViewOnly"/>
    <field table="STUDENTS" field="GRADE_LEVEL" access="ViewOnly"/>
    <field table="U_STUDENTSUSERFIELDS" field="STUDENTSDCID" access="FullAccess"/>
    <field table="U_STUDENTSUSERFIELDS" field="TRANSCRIPTADDRCITY" access="FullAccess"/>
    <field table="U_STUDENTSUSERFIELDS" field="FATHER_NAME" access="ViewOnly"/>`));

describe('sandbox access model (the sandbox runs as a plugin)', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox({ students: 50, schools: 2, plugin: restricted })));
  after(() => t.sandbox.close());

  describe('/ws/schema/table — "a column the plugin was not granted → 403 {"message":"At least one column lacks sufficient permission","errors":[{"code":"NoAccess","field":"SchoolID","resource":"Log"}]}"', () => {
    it('refuses an ungranted column in a projection with exactly the recorded body (field as the request wrote it, resource in the server\'s casing)', async () => {
      const { status, text, headers } = await t.get('/ws/schema/table/log?projection=dcid,SchoolID');
      assert.equal(status, 403);
      assert.equal(text, JSON.stringify(noAccess('SchoolID', 'Log')));
      assert.match(headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual((await t.get('/ws/schema/table/students/5001?projection=dcid,first_name')).body, noAccess('first_name', 'Students'));
    });

    it('answers a projection of granted columns (grants compared case-insensitively: "Table-name case is mixed")', async () => {
      const { status, body } = await t.get('/ws/schema/table/students?projection=DCID,lastfirst&pagesize=2');
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body.record[0].tables.students).sort(), ['dcid', 'lastfirst']);
    });

    it('expands * (or no projection) to the granted columns only — our choice: the documented 403 is for columns asked for', async () => {
      for (const path of ['/ws/schema/table/students?pagesize=1', '/ws/schema/table/students?projection=*&pagesize=1', '/ws/schema/table/students/5001']) {
        const { status, body } = await t.get(path);
        assert.equal(status, 200, path);
        const record = body.record ? body.record[0].tables.students : body.tables.students;
        assert.deepEqual(Object.keys(record).sort(), ['dcid', 'grade_level', 'lastfirst'], path);
      }
    });

    it('refuses an ungranted column in q and in sort', async () => {
      assert.deepEqual((await t.get('/ws/schema/table/students?projection=dcid&q=Enroll_Status==0')).body, noAccess('Enroll_Status', 'Students'));
      assert.equal((await t.get('/ws/schema/table/students?projection=dcid&q=grade_level==6')).status, 200);
      const sorted = await t.get('/ws/schema/table/students?projection=dcid&sort=last_name');
      assert.equal(sorted.status, 403);
      assert.deepEqual(sorted.body, noAccess('last_name', 'Students'));
    });

    it('"An unfiltered /count still answers 200", even on a table with no grant at all; a filtered count checks q', async () => {
      assert.equal((await t.get('/ws/schema/table/cc/count')).status, 200);
      assert.equal((await t.get('/ws/schema/table/students/count')).body.count, 50);
      const filtered = await t.get('/ws/schema/table/students/count?q=enroll_status==0');
      assert.equal(filtered.status, 403);
      assert.deepEqual(filtered.body, noAccess('enroll_status', 'Students'));
    });

    it('writes need FullAccess: ViewOnly or no grant → 403 NoAccess; a FullAccess column is written', async () => {
      const viewOnly = await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { transcriptaddrcity: 'Leysin', Father_Name: 'X' } } });
      assert.equal(viewOnly.status, 403);
      assert.deepEqual(viewOnly.body, noAccess('Father_Name', 'U_studentsuserfields'));
      const ungranted = await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { grad_day_date_year: '2030' } } });
      assert.deepEqual([ungranted.status, ungranted.body], [403, noAccess('grad_day_date_year', 'U_studentsuserfields')]);
      const granted = await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { transcriptaddrcity: 'Leysin' } } });
      assert.equal(granted.status, 200, granted.text);
      assert.equal((await t.get('/ws/schema/table/u_studentsuserfields/5001?projection=transcriptaddrcity')).body.tables.u_studentsuserfields.transcriptaddrcity, 'Leysin');
      const onTableWithoutGrants = await t.send('POST', '/ws/schema/table/s_crosslea_reenrollments_s', { tables: { s_crosslea_reenrollments_s: { grade_level: 3 } } });
      assert.deepEqual([onTableWithoutGrants.status, onTableWithoutGrants.body], [403, noAccess('grade_level', 'S_crosslea_reenrollments_s')]);
    });

    it('metadata?expansions=access reports each column\'s grant (NoAccess where none; inferred label)', async () => {
      const columns: { name: string; access: string }[] = (await t.get('/ws/schema/table/u_studentsuserfields/metadata?expansions=access')).body.columns;
      const byName = Object.fromEntries(columns.map((column) => [column.name, column.access]));
      assert.deepEqual([byName.transcriptaddrcity, byName.father_name, byName.grad_day_date_year], ['FullAccess', 'ViewOnly', 'NoAccess']);
    });
  });

  describe('PowerQueries — "Every column a PowerQuery touches must be in access_request, or the query fails with a permission error"', () => {
    it('refuses a query with an ungranted column (the same 403 NoAccess body; the query\'s text is inferred), /count too', async () => {
      for (const path of [dcidMap, `${dcidMap}/count`]) {
        const { status, body } = await t.send('POST', path, { students_dcid: [5001] });
        assert.equal(status, 403, path);
        assert.deepEqual(body, noAccess('ID', 'Students'), path);
      }
    });

    it('/ws/powerqueryaccesslist/{name} lists exactly what the query needs: a plugin granting that list runs it', async () => {
      const listed = (await t.get('/ws/powerqueryaccesslist/com.pearson.core.student.student_dcid_id_map')).body.access_request.field as FieldGrant[];
      assert.deepEqual(listed, [{ table: 'STUDENTS', field: 'DCID', access: 'ViewOnly' }, { table: 'STUDENTS', field: 'ID', access: 'ViewOnly' }]);
      const granted = await startTestSandbox({ students: 20, schools: 1, plugin: { ...restricted, fieldGrants: listed } });
      try {
        const { status, body } = await granted.send('POST', dcidMap, { students_dcid: [5001] });
        assert.equal(status, 200);
        assert.deepEqual(body.record[0], { dcid: '5001', id: body.record[0].id, _name: 'STUDENTS', _id: 5001 });
      } finally {
        await granted.sandbox.close();
      }
    });
  });

  describe('/ws/v1 — "A plugin without accessLevelV1Api … gets 401 {"errorMessage":{"message":"Plugin is missing required accessLevelV1Api READ permission"}} on every /ws/v1 resource except /ws/v1/metadata"', () => {
    it('refuses every /ws/v1 resource with the recorded body, metadata excepted', async () => {
      for (const path of ['/ws/v1/district', '/ws/v1/district/student?pagesize=1', '/ws/v1/student/5001', '/ws/v1/district/school/count', '/ws/v1/no/such/resource']) {
        const { status, text } = await t.get(path);
        assert.equal(status, 401, path);
        assert.equal(text, '{"errorMessage":{"message":"Plugin is missing required accessLevelV1Api READ permission"}}', path);
      }
      assert.equal((await t.send('POST', '/ws/v1/student', { students: { student: [] } })).status, 401);
      assert.equal((await t.get('/ws/v1/metadata')).status, 200);
      assert.equal((await t.get('/ws/schema/table/students/count')).status, 200, '/ws/schema is not gated by accessLevelV1Api');
    });

    it('still answers 401 with an empty body to a request without a token (authentication comes first)', async () => {
      const { status, text } = await t.get('/ws/v1/district', 'not-a-token');
      assert.deepEqual([status, text], [401, '']);
    });

    it('a READ-level plugin reads /ws/v1 but its writes get the same envelope naming FULL (inferred: no server answer recorded)', async () => {
      const read: GrantedAccess = { ...restricted, accessLevelV1Api: 'READ' };
      const sandbox = await startTestSandbox({ students: 20, schools: 1, plugin: read });
      try {
        assert.equal((await sandbox.get('/ws/v1/district/student/count')).status, 200);
        const write = await sandbox.send('POST', '/ws/v1/student', { students: { student: [] } });
        assert.equal(write.status, 401);
        assert.equal(write.text, '{"errorMessage":{"message":"Plugin is missing required accessLevelV1Api FULL permission"}}');
      } finally {
        await sandbox.sandbox.close();
      }
    });
  });

  it('without a plugin the sandbox has every grant and accessLevelV1Api FULL (everything works as before)', async () => {
    const open = await startTestSandbox({ students: 20, schools: 1 });
    try {
      assert.equal((await open.get('/ws/schema/table/log?projection=dcid,SchoolID')).status, 200);
      assert.equal((await open.get('/ws/v1/district')).status, 200);
      assert.equal((await open.send('POST', dcidMap, { students_dcid: [5001] })).status, 200);
    } finally {
      await open.sandbox.close();
    }
  });
});
