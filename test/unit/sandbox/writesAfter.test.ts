import * as assert from 'node:assert/strict';
import { FaultInjector } from '../../../src/sandbox/faults';
import { TokenIssuer } from '../../../src/sandbox/http/auth';
import { Router } from '../../../src/sandbox/http/router';
import { listen, type RunningServer } from '../../../src/sandbox/http/server';
import { json } from '../../../src/sandbox/http/types';

describe('sandbox server: requests that may write wait for the district\'s save', () => {
  let server: RunningServer;
  let saved: () => void;
  const handled: string[] = [];

  before(async () => {
    const writesAfter = new Promise<void>((resolve) => (saved = resolve));
    const router = new Router()
      .add('GET', '/ws/v1/time', () => json(200, { handled: 'GET' }))
      .add('POST', '/ws/v1/time', () => (handled.push('POST'), json(200, { handled: 'POST' })))
      .add('DELETE', '/ws/v1/time', () => (handled.push('DELETE'), json(200, { handled: 'DELETE' })));
    const tokens = new TokenIssuer({ clientId: 'id', clientSecret: 'secret', lifetimeSeconds: 3600, now: Date.now });
    server = await listen({ clients: [{ tokens, router, refuse: () => undefined }], faults: new FaultInjector([], 1), latencyMs: 0, log: () => undefined, warn: () => undefined, writesAfter }, 0);
  });
  after(() => server.close());

  it('answers reads and token requests at once, and routes a write only once the save has settled', async () => {
    const url = `http://127.0.0.1:${server.port}`;
    const token = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` }, body: 'grant_type=client_credentials' });
    assert.equal(token.status, 200, 'a token is issued while the save runs');
    assert.deepEqual(await (await fetch(`${url}/ws/v1/time`)).json(), { handled: 'GET' });
    const posted = fetch(`${url}/ws/v1/time`, { method: 'POST', body: '{}' });
    const deleted = fetch(`${url}/ws/v1/time`, { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(handled, [], 'no write was routed before the save settled');
    saved();
    assert.deepEqual(await (await posted).json(), { handled: 'POST' });
    assert.deepEqual(await (await deleted).json(), { handled: 'DELETE' });
    assert.deepEqual(handled.sort(), ['DELETE', 'POST']);
  });
});
