import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { arraySink, fetchAll, PowerSchoolClient } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, type FaultServer } from './faultServer';
import { tokenReply } from './faultServer';

// ky combines signals with AbortSignal.any; in Node 20 such a combined signal stops passing an
// abort on once it has been garbage-collected. These run with collections forced while a request
// hangs, so a timeout or a cancel that leans on that signal's lifetime fails here.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('client timeouts and cancellation survive garbage collection', function () {
  this.timeout(30_000);
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Collects garbage every few milliseconds until `work` settles; returns its error and how long it took. */
  async function underGc(work: () => Promise<unknown>): Promise<{ error: Error | undefined; ms: number }> {
    const started = Date.now();
    const collector = setInterval(() => collectGarbage(), 5);
    try {
      const error = await work().then(() => undefined, (e: unknown) => e as Error);
      return { error, ms: Date.now() - started };
    } finally {
      clearInterval(collector);
    }
  }

  // A broken abort path hangs for the whole minute of the client's timeout; a loaded machine may take a few
  // seconds where a quiet one takes 300 ms, so the bound tells the two apart without timing the machine.
  const atOnceMs = 10_000;

  const hangingClient = async (timeoutMs: number) => {
    server = await startFaultServer((request) => (isTokenRequest(request) ? tokenReply('tok') : 'hang'));
    const client = new PowerSchoolClient({ name: 'c', url: server.url, clientId: 'id', clientSecret: 'secret-value' }, { timeoutMs });
    await client.accessToken();
    return client;
  };

  it('a timeout fires on time', async () => {
    const client = await hangingClient(400);
    const { error, ms } = await underGc(() => client.request({ path: '/ws/v1/district' }));
    assert.match(String(error?.message), /no answer within 0\.4 s/);
    assert.ok(ms < atOnceMs, `timed out after ${ms} ms`);
  });

  it("the caller's cancel stops the request at once", async () => {
    const client = await hangingClient(60_000);
    const controller = new AbortController();
    const { error, ms } = await underGc(() => {
      setTimeout(() => controller.abort(), 300);
      return client.request({ path: '/ws/v1/district', signal: controller.signal });
    });
    assert.equal(error?.name, 'AbortError');
    assert.ok(ms < atOnceMs, `cancelled after ${ms} ms`);
  });

  it('a paged read with pages in flight at once can still be cancelled', async () => {
    const client = await hangingClient(60_000);
    const controller = new AbortController();
    const { error, ms } = await underGc(() => {
      setTimeout(() => controller.abort(), 300);
      return fetchAll(client, { path: '/ws/v1/district/student' }, arraySink(), { signal: controller.signal, concurrency: 4 });
    });
    assert.equal(error?.name, 'AbortError');
    assert.ok(ms < atOnceMs, `cancelled after ${ms} ms`);
  });
});
