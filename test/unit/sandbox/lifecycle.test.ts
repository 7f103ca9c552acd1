import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox';

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
