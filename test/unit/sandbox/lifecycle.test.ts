import * as assert from 'node:assert/strict';
import { readPlugin } from '../../../src/core/plugin';
import { startSandbox } from '../../../src/sandbox';
import { startTestSandbox } from './harness';

const activeHandles = () => process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap' && kind !== 'Timeout').sort();

describe('sandbox lifecycle', () => {
  it('close() releases the port, sockets and timers; starting again works', async () => {
    const before = activeHandles();
    for (let round = 0; round < 3; round++) {
      const sandbox = await startSandbox({ students: 20, schools: 1, latency: 5, faults: ['latency:ms=5,jitter=2'] });
      const response = await fetch(`${sandbox.url}/ws/v1/time`);
      assert.equal(response.status, 200);
      await response.text();
      await sandbox.close();
      await sandbox.close(); // idempotent
      await assert.rejects(fetch(`${sandbox.url}/ws/v1/time`));
    }
    // fetch's keep-alive client socket notices the server's close on a later tick.
    await new Promise((wake) => setTimeout(wake, 100));
    assert.deepEqual(activeHandles(), before);
  });

  it('runs several sandboxes side by side without sharing state', async () => {
    const [a, b] = await Promise.all([startSandbox({ students: 10, clientSecret: 'a-secret' }), startSandbox({ students: 15, clientSecret: 'b-secret' })]);
    try {
      assert.notEqual(a.port, b.port);
      const token = async (sandbox: typeof a, secret: string) => (await fetch(`${sandbox.url}/oauth/access_token`, {
        method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${secret}`).toString('base64')}` }, body: 'grant_type=client_credentials',
      })).status;
      assert.equal(await token(a, 'a-secret'), 200);
      assert.equal(await token(a, 'b-secret'), 401);
      assert.equal(await token(b, 'b-secret'), 200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  // Issue 12: changing powerschool.sandbox.plugin restarts the embedded sandbox; the writes made
  // before must survive it. The editor's host starts the next sandbox from the previous one's handOver().
  it('handOver() carries every write (and the data versions) into a sandbox started from it, running as another plugin', async () => {
    const first = await startTestSandbox({ students: 20, schools: 1 });
    const posted = await first.send('POST', '/ws/v1/student', { students: { student: [{
      client_uid: 'kept', action: 'INSERT', name: { first_name: 'Kept', last_name: 'Across' },
      school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'A' },
    }] } });
    const dcid = posted.body.results.result.success_message.id as number;
    assert.equal((await first.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { transcriptaddrcity: 'Leysin' } } })).status, 200);
    const version = (await first.get('/ws/dataversion/app/0')).body.$dataversion as number;
    const data = await first.sandbox.handOver();
    await assert.rejects(fetch(`${first.sandbox.url}/ws/v1/time`), 'the first sandbox stopped');
    await first.sandbox.close(); // still idempotent

    const plugin = readPlugin([{ path: 'plugin.xml', text: `<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="http://plugin.powerschool.pearson.com" name="Next" version="1.0" description="restarted as">
  <oauth accessLevelV1Api="READ"/>
  <access_request><field table="U_STUDENTSUSERFIELDS" field="TRANSCRIPTADDRCITY" access="ViewOnly"/></access_request>
  <publisher name="Tests"><contact email="tests@example.org"/></publisher>
</plugin>` }]).manifest!;
    const next = await startTestSandbox({ students: 20, schools: 1, seed: 99, plugin, data });
    try {
      assert.equal((await next.get(`/ws/v1/student/${dcid}`)).body.student.name.last_name, 'Across');
      assert.equal((await next.get('/ws/schema/table/u_studentsuserfields/5001?projection=transcriptaddrcity')).body.tables.u_studentsuserfields.transcriptaddrcity, 'Leysin');
      assert.equal((await next.get('/ws/schema/table/u_studentsuserfields/5001?projection=father_name')).status, 403, 'runs as the new plugin');
      assert.equal((await next.get('/ws/dataversion/app/0')).body.$dataversion, version);
      assert.equal((await next.get('/ws/v1/district/student/count')).body.resource.count, 21, 'the handed-over district, not a new one from seed 99');
    } finally {
      await next.sandbox.close();
    }
    await assert.rejects(startSandbox({ data, dataFile: 'x.sqlite' }), /not both/);
  });

  it('rejects bad options before listening', async () => {
    await assert.rejects(startSandbox({ students: -1 }), /students must be a whole number/);
    await assert.rejects(startSandbox({ faults: ['429:every=x'] }), /every must be/);
    await assert.rejects(startSandbox({ wasmPath: '/nope/sql-wasm.wasm' }), /not found/);
  });

  it('reports a port in use as an error', async () => {
    const first = await startSandbox({ students: 5 });
    try {
      await assert.rejects(startSandbox({ students: 5, port: first.port }), /EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
