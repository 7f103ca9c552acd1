import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlugin } from '../../../src/core/plugin';
import { startTestSandbox, type TestSandbox } from './harness';

const manifestOf = (text: string) => readPlugin([{ path: 'plugin.xml', text }]).manifest!;

// PowerSchool's API page: GET /ws/dataversion/{applicationName}/{dataVersion} "Get IDs of changed
// records according to data version subscription"; dataVersion >= 0 (else 400); 200 answers
// {"$dataversion": <integer for the next request>, "tables": …}. Client code reads
// tables.<lower-case table> as arrays of the changed records' ids (real-server-behaviour.md lists
// /ws/dataversion/{application}/{version} among the endpoints real clients use).

const newStudent = (uid: string) => ({
  client_uid: uid,
  action: 'INSERT',
  name: { first_name: 'Dana', last_name: 'Versioned' },
  school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'a' },
});

describe('sandbox /ws/dataversion/{application}/{version}', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox({ students: 20, schools: 1 })));
  after(() => t.sandbox.close());

  it('version 0 before any write: no tables, $dataversion 0 (generating the district is not a change)', async () => {
    const { status, body } = await t.get('/ws/dataversion/enrollment_changes/0');
    assert.equal(status, 200);
    assert.deepEqual(body, { $dataversion: 0, tables: {} });
  });

  it('version 0 after writes lists every table written through the API with the primary keys changed; the returned version asks only for later changes', async () => {
    const posted = await t.send('POST', '/ws/v1/student', { students: { student: [newStudent('dv1')] } });
    const dcid = posted.body.results.result.success_message.id;
    assert.equal((await t.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { transcriptaddrcity: 'Leysin' } } })).status, 200);
    const first = await t.get('/ws/dataversion/enrollment_changes/0');
    assert.equal(first.status, 200);
    assert.equal(typeof first.body.$dataversion, 'number');
    assert.deepEqual(first.body.tables, { students: [dcid], u_studentsuserfields: [5001] });

    assert.deepEqual((await t.get(`/ws/dataversion/enrollment_changes/${first.body.$dataversion}`)).body, { $dataversion: first.body.$dataversion, tables: {} });
    assert.equal((await t.send('DELETE', '/ws/schema/table/u_studentsuserfields/5001', '')).status, 204);
    await t.send('POST', '/ws/v1/student', { students: { student: [{ client_uid: 'dv2', action: 'UPDATE', id: String(dcid), name: { first_name: 'Dani' } }] } });
    const later = await t.get(`/ws/dataversion/enrollment_changes/${first.body.$dataversion}`);
    assert.ok(later.body.$dataversion > first.body.$dataversion);
    assert.deepEqual(later.body.tables, { u_studentsuserfields: [5001], students: [dcid] });
  });

  it('refused or empty writes record nothing', async () => {
    const before = (await t.get('/ws/dataversion/any_app/0')).body.$dataversion;
    assert.equal((await t.send('DELETE', '/ws/schema/table/u_studentsuserfields/999999', '')).status, 404);
    await t.send('POST', '/ws/v1/student', { students: { student: [{ client_uid: 'bad', action: 'UPDATE', id: '999999', name: { first_name: 'X' } }] } });
    assert.equal((await t.get('/ws/dataversion/any_app/0')).body.$dataversion, before);
  });

  it('a negative or non-integer version → 400 (the API page: dataVersion must be >= 0)', async () => {
    for (const version of ['-1', 'abc', '1.5']) {
      const { status, body } = await t.get(`/ws/dataversion/enrollment_changes/${version}`);
      assert.equal(status, 400, version);
      assert.match(body.message, /data version/);
    }
  });

  it('needs a token like every /ws resource (401 without one)', async () => {
    assert.equal((await t.get('/ws/dataversion/enrollment_changes/0', 'not-a-token')).status, 401);
  });

  it('is not /ws/v1: a plugin without accessLevelV1Api still reads it (the API page: accessible to PLUGINS)', async () => {
    const plugin = manifestOf(`<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="http://plugin.powerschool.pearson.com" name="No v1" version="1.0" description="no v1 level">
  <oauth/>
  <access_request><field table="STUDENTS" field="DCID" access="ViewOnly"/></access_request>
  <publisher name="Tests"><contact email="tests@example.org"/></publisher>
</plugin>`);
    const noV1 = await startTestSandbox({ students: 5, schools: 1, plugin });
    try {
      assert.equal((await noV1.get('/ws/v1/district/student')).status, 401);
      assert.equal((await noV1.get('/ws/dataversion/enrollment_changes/0')).status, 200);
    } finally {
      await noV1.sandbox.close();
    }
  });

  it('the change log survives a --data restart (it is written in the same journalled transaction)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psdev-dataversion-'));
    try {
      const dataFile = join(dir, 'district.sqlite');
      const first = await startTestSandbox({ students: 5, schools: 1, dataFile });
      const created = await first.send('POST', '/ws/v1/student', { students: { student: [newStudent('dv3')] } });
      const dcid = created.body.results.result.success_message.id;
      const answer = (await first.get('/ws/dataversion/enrollment_changes/0')).body;
      await first.sandbox.close();
      const second = await startTestSandbox({ students: 5, schools: 1, dataFile });
      try {
        assert.deepEqual((await second.get('/ws/dataversion/enrollment_changes/0')).body, answer);
        assert.deepEqual(answer.tables, { students: [dcid] });
      } finally {
        await second.sandbox.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
