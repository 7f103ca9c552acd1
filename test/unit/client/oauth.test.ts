import * as assert from 'node:assert/strict';
import { PowerSchoolClient, PowerSchoolError, cleartextProblem, isLoopbackHost } from '../../../src/core/client';
import { invalidTokenReply, isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from './faultServer';

const credentials = { clientId: 'my-client-id', clientSecret: 'my-very-secret-secret' };
const noSleep = async () => undefined;

function clientFor(server: FaultServer, deps: ConstructorParameters<typeof PowerSchoolClient>[1] = {}) {
  return new PowerSchoolClient({ name: 'fault', url: server.url, ...credentials }, { sleep: noSleep, ...deps });
}

describe('client OAuth over HTTP (fault server)', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler) => (server = await startFaultServer(handler));

  it('asks for the token exactly as the notes show, then sends it as a Bearer', async () => {
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('token-A') : { body: { district: { name: 'D' } } }));
    await clientFor(s).getJson('/ws/v1/district');
    const [token, call] = s.requests;
    assert.equal(token.method, 'POST');
    assert.equal(token.path, '/oauth/access_token');
    assert.equal(token.headers.authorization, `Basic ${Buffer.from('my-client-id:my-very-secret-secret').toString('base64')}`);
    assert.equal(token.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
    assert.equal(token.headers.accept, 'application/json');
    assert.equal(token.body, 'grant_type=client_credentials');
    assert.equal(call.path, '/ws/v1/district');
    assert.equal(call.headers.authorization, 'Bearer token-A');
    assert.equal(call.headers.accept, 'application/json');
  });

  it('keeps a connection path prefix (a PowerSchool behind /ps/)', async () => {
    const s = await start((request) => (request.path.endsWith('/oauth/access_token') ? tokenReply('t') : { body: { ok: 1 } }));
    const client = new PowerSchoolClient({ name: 'p', url: `${s.url}/ps`, ...credentials }, { sleep: noSleep });
    await client.getJson('/ws/v1/district');
    assert.deepEqual(s.requests.map((r) => r.path), ['/ps/oauth/access_token', '/ps/ws/v1/district']);
  });

  it('fetches one token for concurrent callers while the token endpoint is slow', async () => {
    const s = await start((request) => (isTokenRequest(request) ? { ...(tokenReply('shared') as object), delayMs: 80 } : { body: { ok: true } }));
    const client = clientFor(s);
    await Promise.all(Array.from({ length: 10 }, () => client.getJson('/ws/v1/district')));
    assert.equal(s.requests.filter(isTokenRequest).length, 1);
    assert.ok(s.requests.filter((r) => !isTokenRequest(r)).every((r) => r.headers.authorization === 'Bearer shared'));
  });

  it('caches the token until shortly before expires_in (a string of seconds) runs out', async () => {
    let issued = 0;
    const s = await start((request) => (isTokenRequest(request) ? tokenReply(`t${++issued}`, '600') : { body: {} }));
    let now = 1_000_000;
    const client = clientFor(s, { now: () => now, tokenRenewMarginMs: 30_000 });
    await client.getJson('/x');
    now += 560_000; // 40 s left: still outside the 30 s margin
    await client.getJson('/x');
    assert.equal(issued, 1);
    now += 15_000; // 25 s left: renewed before the server could refuse it
    await client.getJson('/x');
    assert.equal(issued, 2);
    assert.equal(s.requests.at(-1)!.headers.authorization, 'Bearer t2');
  });

  it('renews an expired token once on 401 invalid_token and repeats the request', async () => {
    let issued = 0;
    const s = await start((request) => {
      if (isTokenRequest(request)) return tokenReply(`t${++issued}`);
      return request.headers.authorization === 'Bearer t1' ? invalidTokenReply : { body: { district: {} } };
    });
    const response = await clientFor(s).request({ path: '/ws/v1/district' });
    assert.equal(response.status, 200);
    assert.deepEqual(s.requests.map((r) => `${r.path} ${r.headers.authorization?.split(' ')[0]}`), [
      '/oauth/access_token Basic', '/ws/v1/district Bearer', '/oauth/access_token Basic', '/ws/v1/district Bearer',
    ]);
  });

  it('renews once for many requests refused together, and every one is repeated with the new token', async () => {
    let issued = 0;
    const s = await start((request) => {
      if (isTokenRequest(request)) return { ...(tokenReply(`t${++issued}`) as object), delayMs: 20 };
      return request.headers.authorization === 'Bearer t1' ? { ...(invalidTokenReply as object), delayMs: 10 } : { body: { path: request.path } };
    });
    const client = clientFor(s);
    await client.accessToken();
    const paths = Array.from({ length: 8 }, (_, i) => `/ws/v1/student/${i}`);
    const bodies = await Promise.all(paths.map((path) => client.getJson<{ path: string }>(path)));
    assert.deepEqual(bodies.map((body) => body.path), paths);
    assert.equal(issued, 2);
    assert.equal(s.requests.filter((r) => r.headers.authorization === 'Bearer t2').length, 8);
  });

  it('renews only once: a second invalid_token is the answer, not a loop', async () => {
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('always-bad') : invalidTokenReply));
    const client = clientFor(s);
    const error = await client.getJson('/ws/v1/district').catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.status, 401);
    assert.equal(s.requests.filter(isTokenRequest).length, 2);
    assert.equal(s.requests.length, 4);
  });

  it('does not renew on a 401 that is not about the token (insufficient_scope)', async () => {
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('t') : { status: 401, headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' } }));
    const response = await clientFor(s).request({ path: '/ws/v1/district' });
    assert.equal(response.status, 401);
    assert.equal(s.requests.filter(isTokenRequest).length, 1);
  });

  it('shares a failed token fetch with every waiting caller, and tries afresh on the next call', async () => {
    let attempts = 0;
    const s = await start((request) => {
      if (!isTokenRequest(request)) return { body: {} };
      return ++attempts === 1 ? { status: 401, body: { error: 'invalid_client', error_description: 'Bad client credentials' }, delayMs: 30 } : tokenReply('good');
    });
    const client = clientFor(s);
    const results = await Promise.allSettled([client.getJson('/a'), client.getJson('/b'), client.getJson('/c')]);
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof PowerSchoolError && /invalid_client: Bad client credentials/.test(r.reason.message)));
    assert.equal(attempts, 1);
    await client.getJson('/a');
    assert.equal(attempts, 2);
  });

  it('lets one waiting caller cancel without failing the others', async () => {
    const s = await start((request) => (isTokenRequest(request) ? { ...(tokenReply('t') as object), delayMs: 60 } : { body: { ok: 1 } }));
    const client = clientFor(s);
    const controller = new AbortController();
    const cancelled = client.getJson('/a', { signal: controller.signal });
    const other = client.getJson('/b');
    controller.abort();
    await assert.rejects(cancelled, { name: 'AbortError' });
    assert.deepEqual(await other, { ok: 1 });
  });

  it('refuses to send credentials over http:// except to loopback or when allowInsecure', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response(JSON.stringify({ access_token: 'x', expires_in: '100' }), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const remote = new PowerSchoolClient({ name: 'r', url: 'http://10.1.2.3', ...credentials }, { fetch });
    const error = await remote.request({ path: '/ws/v1/district' }).catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError && error.kind === 'insecure');
    assert.match(error.message, /refusing to send credentials over plain http:\/\/ to 10\.1\.2\.3/);
    assert.equal(calls, 0);
    const allowed = new PowerSchoolClient({ name: 'r', url: 'http://10.1.2.3', ...credentials, allowInsecure: true }, { fetch });
    await allowed.request({ path: '/ws/v1/district' });
    assert.equal(calls, 2);
    for (const url of ['http://127.0.0.1:8080', 'http://127.10.0.2', 'http://localhost:3000', 'http://[::1]:9000', 'https://ps.example.org', 'http://127.1']) assert.equal(cleartextProblem(url, false), undefined, url);
    for (const url of ['http://ps.example.org', 'http://128.0.0.1', 'http://localhost.evil.example', 'http://evil.localhost', 'http://[::2]', 'http://192.168.1.10']) assert.ok(cleartextProblem(url, false), url);
    assert.equal(isLoopbackHost('[::1]'), true);
  });

  it('sends no token to another origin named by an absolute URL', async () => {
    const other = await startFaultServer(() => ({ body: { elsewhere: true } }));
    try {
      const s = await start((request) => (isTokenRequest(request) ? tokenReply('t') : { body: {} }));
      const response = await clientFor(s).request({ path: `${other.url}/ws/v1/district` });
      assert.equal(response.status, 200);
      assert.equal(other.requests[0].headers.authorization, undefined);
      assert.equal(s.requests.length, 0);
    } finally {
      await other.close();
    }
  });
});
