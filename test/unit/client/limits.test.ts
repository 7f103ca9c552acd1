import * as assert from 'node:assert/strict';
import { createGzip } from 'node:zlib';
import { PowerSchoolClient, PowerSchoolError } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from './faultServer';

/** `megabytes` MB of spaces, gzipped: a few hundred KB on the wire. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(1024 * 1024, 32);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
  await new Promise((resolve) => gzip.end(resolve));
  return Buffer.concat(chunks);
}

describe('client body limits, redirects with a body and userinfo (fault server)', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler, maxBodyBytes?: number) => {
    server = await startFaultServer((request, index) => (isTokenRequest(request) ? tokenReply('tok') : handler(request, index)));
    return new PowerSchoolClient({ name: 'c', url: server.url, clientId: 'id', clientSecret: 'secret-value' }, { maxBodyBytes, retry: { retries: 0 } });
  };
  const failure = (work: Promise<unknown>) => work.then(() => assert.fail('expected a failure'), (error: unknown) => error as PowerSchoolError);

  it('stops reading a body past the limit with a one-line error', async () => {
    const client = await start(() => ({ body: 'x'.repeat(3 * 1024 * 1024) }), 1024 * 1024);
    const error = await failure(client.request({ path: '/ws/v1/big' }));
    assert.equal(error.kind, 'limit');
    assert.equal(error.message, 'GET /ws/v1/big: the response body is over the 1.0 MB limit; stopped reading');
  });

  it('stops an endless body at the limit', async () => {
    const client = await start(() => 'endless', 2 * 1024 * 1024);
    const error = await failure(client.request({ path: '/ws/v1/endless' }));
    assert.equal(error.kind, 'limit');
  });

  it('stops inflating a gzip bomb at the limit: memory grows by far less than the inflated size', async () => {
    const bomb = await gzipBomb(256);
    const client = await start(() => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb }), 4 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const error = await failure(client.request({ path: '/ws/v1/bomb' })).finally(() => clearInterval(sampler));
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.equal(error.kind, 'limit');
    assert.ok(peak - before < 128 * 1024 * 1024, `RSS grew ${Math.round((peak - before) / 1048576)} MB for a 256 MB bomb`);
  });

  it('keeps a body under the limit whole, its size counted in decoded bytes', async () => {
    const client = await start(() => ({ body: { ok: 'é'.repeat(1000) } }), 4096);
    const response = await client.request({ path: '/ws/v1/small' });
    assert.deepEqual(response.body, { ok: 'é'.repeat(1000) });
    assert.equal(response.sizeBytes, Buffer.byteLength(JSON.stringify({ ok: 'é'.repeat(1000) })));
  });

  it('streams a 2xx body to streamBodyTo without keeping it', async () => {
    const client = await start(() => ({ body: 'abc'.repeat(100_000) }));
    const chunks: Buffer[] = [];
    const response = await client.request({ path: '/ws/v1/file', streamBodyTo: (chunk) => void chunks.push(Buffer.from(chunk)) });
    assert.equal(response.rawText, '');
    assert.equal(response.sizeBytes, 300_000);
    assert.equal(Buffer.concat(chunks).toString(), 'abc'.repeat(100_000));
  });

  for (const status of [307, 308]) {
    it(`re-sends the body after a ${status} redirect (same origin)`, async () => {
      const client = await start((request) => (request.path === '/ws/v1/old' ? { status, headers: { location: '/ws/v1/new' } } : { body: { got: request.body, method: request.method } }));
      const response = await client.request({ method: 'POST', path: '/ws/v1/old', body: { name: 'x' } });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { got: '{"name":"x"}', method: 'POST' });
      const redirected = server!.requests.filter((request) => request.path === '/ws/v1/new');
      assert.equal(redirected[0].headers.authorization, 'Bearer tok');
    });
  }

  it('never prints the password of a URL with userinfo (PS_URL=http://user:password@host)', async () => {
    server = await startFaultServer(() => tokenReply('tok'));
    const url = server.url.replace('http://', 'http://admin:hunter2%21x@');
    const client = new PowerSchoolClient({ name: 'c', url, clientId: 'id', clientSecret: 'secret-value' }, { retry: { retries: 0 } });
    const error = await failure(client.request({ path: '/ws/v1/district' }));
    assert.doesNotMatch(error.message, /hunter2/);
    assert.equal(client.redactor.redact(`see ${url}/x and hunter2!x`), `see http://***@${server.url.slice('http://'.length)}/x and ***`);
  });

  it('redacts a streamed text as it would the whole, wherever the chunks split it', () => {
    const client = new PowerSchoolClient({ name: 'c', url: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret-value' });
    const texts = [
      `[${'{"a":"Bearer abc.def","s":"secret-value"},'.repeat(5000)}{}]`,
      // No `,`, `}` or `]` anywhere: cut once a megabyte waits, never inside a token.
      'word secret-value Bearer xyz '.repeat(50_000),
      // The fallback cut lands on a space or quote: never between a key or scheme and the value it names.
      `[${'{"u":"http://ad,min:pa]ss,wd@h/x"},'.repeat(20_000)}{}]`,
      ...[1, 2, 3, 5, 7, 11].map((pad) => `${'p'.repeat(pad)} access_token: "tok-${pad}" client_secret = cs${pad} Bearer   bt${pad} http://u:pw${pad}@h/ `.repeat(30_000)),
    ];
    for (const text of texts) {
      for (const size of [7, 977, 65_536]) {
        const stream = client.redactor.streaming();
        let out = '';
        for (let i = 0; i < text.length; i += size) out += stream.push(text.slice(i, i + size));
        out += stream.end();
        const whole = client.redactor.redact(text);
        // Where they part, not the megabytes around it.
        let at = 0;
        while (at < whole.length && out[at] === whole[at]) at++;
        assert.ok(out === whole, `chunks of ${size}: differs at ${at}: ${JSON.stringify(out.slice(at - 40, at + 40))} vs ${JSON.stringify(whole.slice(at - 40, at + 40))}`);
      }
    }
  });
});
