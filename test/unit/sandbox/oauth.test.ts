import * as assert from 'node:assert/strict';
import { basic, requestToken, startTestSandbox, type TestSandbox } from './harness';

describe('sandbox OAuth', () => {
  let t: TestSandbox;
  let clock = Date.parse('2026-11-27T00:00:00Z');
  before(async () => (t = await startTestSandbox({ now: () => clock })));
  after(() => t.sandbox.close());

  it('issues a Bearer token with expires_in as a string', async () => {
    const response = await requestToken(t.sandbox);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.token_type, 'Bearer');
    assert.equal(typeof body.expires_in, 'string');
    assert.equal(body.expires_in, String(30 * 24 * 3600));
    assert.match(String(body.access_token), /^[0-9a-f-]{36}$/);
  });

  it('returns the same token until it expires, with the remaining lifetime', async () => {
    const first = (await (await requestToken(t.sandbox)).json()) as Record<string, string>;
    clock += 10_000;
    const second = (await (await requestToken(t.sandbox)).json()) as Record<string, string>;
    assert.equal(second.access_token, first.access_token);
    assert.equal(Number(first.expires_in) - Number(second.expires_in), 10);
  });

  it('rejects bad credentials with 401 {error, error_description} and never echoes the secret', async () => {
    const response = await fetch(`${t.sandbox.url}/oauth/access_token`, {
      method: 'POST', headers: { Authorization: basic(t.sandbox.clientId, 'wrong-secret'), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials',
    });
    assert.equal(response.status, 401);
    const text = await response.text();
    assert.deepEqual(Object.keys(JSON.parse(text)).sort(), ['error', 'error_description']);
    assert.doesNotMatch(text, /wrong-secret/);
  });

  it('rejects a missing Authorization header and a wrong grant type', async () => {
    const none = await fetch(`${t.sandbox.url}/oauth/access_token`, { method: 'POST', body: 'grant_type=client_credentials' });
    assert.equal(none.status, 401);
    const grant = await fetch(`${t.sandbox.url}/oauth/access_token/`, {
      method: 'POST', headers: { Authorization: basic(t.sandbox.clientId, t.sandbox.clientSecret) }, body: 'grant_type=password',
    });
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
  });

  it('answers /ws without a token with 401 and the WWW-Authenticate challenge', async () => {
    const response = await fetch(`${t.sandbox.url}/ws/v1/district`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="PowerSchool"');
    const bad = await t.get('/ws/v1/district', 'not-a-token');
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  it('serves /ws/v1/time without a token', async () => {
    const response = await fetch(`${t.sandbox.url}/ws/v1/time`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { resource: { time: string; timestamp: number } };
    assert.equal(body.resource.timestamp, Math.floor(clock / 1000));
  });

  it('expires tokens: 401 with error_description "The access token has expired", then a new token', async () => {
    const token = await t.token();
    assert.equal((await t.get('/ws/v1/district', token)).status, 200);
    clock += 31 * 24 * 3600 * 1000;
    const expired = await t.get('/ws/v1/district', token);
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error_description="The access token has expired"/);
    const fresh = (await (await requestToken(t.sandbox)).json()) as { access_token: string };
    assert.notEqual(fresh.access_token, token);
    assert.equal((await t.get('/ws/v1/district', fresh.access_token)).status, 200);
  });

  it('revokes the live token on demand', async () => {
    const { access_token: token } = (await (await requestToken(t.sandbox)).json()) as { access_token: string };
    t.sandbox.revokeTokens();
    assert.equal((await t.get('/ws/v1/district', token)).status, 401);
    const { access_token: next } = (await (await requestToken(t.sandbox)).json()) as { access_token: string };
    assert.notEqual(next, token);
  });
});
