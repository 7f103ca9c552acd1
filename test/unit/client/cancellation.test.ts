import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PowerSchoolClient, PowerSchoolError } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from './faultServer';

describe('client cancellation and timeouts over HTTP (fault server)', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler, timeoutMs = 10_000) => {
    server = await startFaultServer((request, index) => (isTokenRequest(request) ? tokenReply('tok') : handler(request, index)));
    return new PowerSchoolClient({ name: 'c', url: server.url, clientId: 'id', clientSecret: 'secret-value' }, { timeoutMs });
  };
  const elapsed = async (work: Promise<unknown>) => {
    const started = Date.now();
    const error = await work.then(() => undefined, (e: unknown) => e);
    return { error: error as Error, ms: Date.now() - started };
  };

  it('aborts a request in flight at once, and the server sees the connection dropped', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    // Cancelled once the server holds the request (a fixed delay raced the token fetch on a busy machine).
    const client = await start(() => {
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 20);
      return 'hang';
    });
    const error = await client.request({ path: '/ws/v1/district', signal: controller.signal }).then(() => undefined, (e: unknown) => e as Error);
    assert.equal(error?.name, 'AbortError');
    assert.ok(Date.now() - abortedAt < 1000, `${Date.now() - abortedAt} ms after abort()`);
    for (let waited = 0; server!.dropped() === 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(server!.dropped(), 1);
  });

  it('aborts a POST in flight too', async () => {
    const client = await start(() => 'hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await elapsed(client.request({ method: 'POST', path: '/ws/v1/student', body: { students: {} }, signal: controller.signal }));
    assert.equal(error.name, 'AbortError');
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('aborts a retry wait at once, even a long Retry-After', async () => {
    const client = await start(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const { error, ms } = await elapsed(client.request({ path: '/ws/v1/district', signal: controller.signal }));
    assert.equal(error.name, 'AbortError');
    assert.ok(ms < 1000, `${ms} ms`);
    assert.equal(server!.requests.filter((r) => !isTokenRequest(r)).length, 1);
  });

  it('rejects at once when the signal is already aborted, sending nothing', async () => {
    const client = await start(() => ({ body: {} }));
    await assert.rejects(client.request({ path: '/x', signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(server!.requests.length, 0);
  });

  it('times out a request that gets no answer, with a one-line error', async () => {
    const client = await start(() => 'hang', 120);
    const { error, ms } = await elapsed(client.request({ path: '/ws/v1/district' }));
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.message, 'GET /ws/v1/district: no answer within 0.12 s');
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('times out a body that stalls half-way, not only a missing answer', async () => {
    const client = await start(() => 'stall', 150);
    const { error, ms } = await elapsed(client.request({ path: '/ws/v1/district/student' }));
    assert.ok(error instanceof PowerSchoolError, String(error));
    assert.equal(error.kind, 'timeout');
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('aborts while a body is half-way in', async () => {
    const client = await start(() => 'stall');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const { error, ms } = await elapsed(client.request({ path: '/ws/v1/district/student', signal: controller.signal }));
    assert.equal(error.name, 'AbortError');
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('reports a refused connection in one line, for the token POST too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = new PowerSchoolClient({ name: 'down', url: `http://127.0.0.1:${port}`, clientId: 'id', clientSecret: 'secret-value' });
    const { error, ms } = await elapsed(client.getJson('/ws/v1/district'));
    assert.ok(error instanceof PowerSchoolError, String(error));
    assert.equal(error.kind, 'network');
    assert.equal(error.message, `POST /oauth/access_token: cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
    assert.ok(ms < 2000);
  });

  it('names the host it could not reach for a request to another host, not the connection\'s', async () => {
    const client = await start(() => ({ status: 200, body: '{}' }));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { error } = await elapsed(client.request({ path: `http://127.0.0.1:${port}/get` }));
    assert.ok(error instanceof PowerSchoolError, String(error));
    assert.equal(error.message, `GET /get: cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
