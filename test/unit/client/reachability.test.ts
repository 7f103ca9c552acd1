import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { PowerSchoolClient, type Reachability } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from './faultServer';

const credentials = { clientId: 'id', clientSecret: 'secret' };
const noSleep = async () => undefined;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('client reachability (what a status dot follows)', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function outcomesOf(url: string, work: (client: PowerSchoolClient) => Promise<unknown>): Promise<Reachability[]> {
    const seen: Reachability[] = [];
    const client = new PowerSchoolClient({ name: 'r', url, ...credentials }, { sleep: noSleep, retry: { retries: 0 }, onReachability: (reachability) => seen.push(reachability) });
    await work(client).catch(() => undefined);
    return seen;
  }
  const start = async (handler: Handler) => (server = await startFaultServer(handler));

  it('an answer with the credentials accepted is reachable, an error status included', async () => {
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('t') : { status: 500, body: { message: 'boom' } }));
    assert.deepEqual(await outcomesOf(s.url, (client) => client.requestOk({ path: '/ws/v1/metadata' })), ['reachable', 'reachable']);
  });

  it('a refused token is an authentication failure', async () => {
    const s = await start(() => ({ status: 401, body: { error: 'invalid_client' } }));
    assert.deepEqual(await outcomesOf(s.url, (client) => client.requestOk({ path: '/ws/v1/metadata' })), ['authFailed']);
  });

  it('a 401 that a fresh token does not cure is an authentication failure', async () => {
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('t') : { status: 401, body: { message: 'Invalid token' } }));
    const outcomes = await outcomesOf(s.url, (client) => client.request({ path: '/ws/v1/metadata' }));
    assert.equal(outcomes.at(-1), 'authFailed');
  });

  it('a refused connection is unreachable; a cancelled request and another host say nothing', async () => {
    assert.deepEqual(await outcomesOf(`http://127.0.0.1:${await closedPort()}`, (client) => client.request({ path: '/ws/v1/metadata' })), ['unreachable']);
    const s = await start((request) => (isTokenRequest(request) ? tokenReply('t') : { body: {} }));
    const aborted = new AbortController();
    aborted.abort();
    assert.deepEqual(await outcomesOf(s.url, (client) => client.request({ path: '/x', signal: aborted.signal })), []);
    assert.deepEqual(await outcomesOf(s.url, async (client) => client.request({ path: `http://127.0.0.1:${await closedPort()}/elsewhere` })), []);
  });
});
