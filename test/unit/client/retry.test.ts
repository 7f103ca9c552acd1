import * as assert from 'node:assert/strict';
import { PowerSchoolClient, PowerSchoolError, parseRetryAfter } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler, type Reply } from './faultServer';

describe('client retries over HTTP (fault server)', () => {
  let server: FaultServer | undefined;
  let slept: number[];
  const now = Date.UTC(2026, 10, 27, 2, 0, 0);
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler) => {
    await server?.close();
    slept = [];
    server = await startFaultServer((request, index) => (isTokenRequest(request) ? tokenReply('tok') : handler(request, index)));
    return new PowerSchoolClient(
      { name: 'retry', url: server.url, clientId: 'id', clientSecret: 'secret-value' },
      { now: () => now, sleep: async (ms) => void slept.push(ms), retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 } },
    );
  };
  const calls = () => server!.requests.filter((r) => !isTokenRequest(r));
  /** Fails the first `failures` calls with `reply`, then answers 200. */
  const failing = (failures: number, reply: Reply): Handler => {
    let n = 0;
    return () => (++n <= failures ? reply : { body: { ok: n } });
  };

  it('waits as Retry-After says, in seconds or as an HTTP date', async () => {
    const client = await start(failing(2, { status: 429, headers: { 'retry-after': '2' } }));
    assert.deepEqual(await client.getJson('/ws/v1/district'), { ok: 3 });
    assert.deepEqual(slept, [2000, 2000]);
    const dated = await start(failing(1, { status: 503, headers: { 'retry-after': new Date(now + 5000).toUTCString() } }));
    await dated.getJson('/ws/v1/district');
    assert.deepEqual(slept, [5000]);
  });

  it('backs off exponentially (with jitter, capped) when there is no Retry-After', async () => {
    const client = await start(failing(3, { status: 502 }));
    await client.getJson('/ws/v1/district');
    assert.equal(slept.length, 3);
    const [a, b, c] = slept;
    assert.ok(a >= 50 && a <= 100 && b >= 100 && b <= 200 && c >= 200 && c <= 400, slept.join(','));
  });

  it('retries 429, 502, 503 and 504 but not 500 or 404', async () => {
    for (const status of [429, 502, 503, 504]) {
      const client = await start(failing(1, { status }));
      assert.equal((await client.request({ path: '/x' })).status, 200, `status ${status}`);
      assert.equal(calls().length, 2);
    }
    for (const status of [500, 404]) {
      const client = await start(failing(1, { status }));
      assert.equal((await client.request({ path: '/x' })).status, status);
      assert.equal(calls().length, 1);
    }
  });

  it('gives up after the configured retries and returns (or throws) the last answer', async () => {
    const client = await start(() => ({ status: 503, body: { message: 'Down for maintenance' } }));
    const error = await client.getJson('/ws/v1/district').catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.message, 'GET /ws/v1/district → 503 Service Unavailable: Down for maintenance');
    assert.equal(calls().length, 4);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const client = await start(failing(1, { status: 429, headers: { 'retry-after': '3600' } }));
    assert.equal((await client.request({ path: '/x' })).status, 429);
    assert.deepEqual(slept, []);
  });

  it('repeats a student POST only when the server refused it before doing any work (429/503)', async () => {
    const gateway = await start(failing(1, { status: 502 }));
    assert.equal((await gateway.request({ method: 'POST', path: '/ws/v1/student', body: { students: {} } })).status, 502);
    assert.equal(calls().length, 1);
    const limited = await start(failing(1, { status: 429, headers: { 'retry-after': '1' } }));
    assert.equal((await limited.request({ method: 'POST', path: '/ws/v1/student', body: { students: {} } })).status, 200);
    assert.deepEqual(calls().map((r) => r.body), ['{"students":{}}', '{"students":{}}']);
    const query = await start(failing(1, { status: 504 }));
    assert.equal((await query.request({ method: 'POST', path: '/ws/schema/query/com.pearson.core.student.student_dcid_id_map', body: {} })).status, 200);
  });

  it('repeats a read on a fresh connection when the server drops one, but never a student POST', async () => {
    const client = await start(failing(1, 'destroy'));
    assert.deepEqual(await client.getJson('/ws/v1/district'), { ok: 2 });
    assert.equal(calls().length, 2);
    const writes = await start(failing(1, 'destroy'));
    const error = await writes.request({ method: 'POST', path: '/ws/v1/student', body: { students: {} } }).catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /^POST \/ws\/v1\/student: connection to 127\.0\.0\.1:\d+ dropped \(\w+\)$/);
    assert.equal(calls().length, 1);
  });

  it('parses Retry-After forms', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
    assert.equal(parseRetryAfter(new Date(now + 10_000).toUTCString(), now), 10_000);
    assert.equal(parseRetryAfter(new Date(now - 10_000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
