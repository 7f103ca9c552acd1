import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PowerSchoolClient, PowerSchoolError, Redactor, errorDetailsFrom, type Logger } from '../../../src/core/client';
import { invalidTokenReply, isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from './faultServer';

const secret = 'S3cr3t-client-secret-value';
const token = 'tok-0f1e2d3c4b5a69788796a5b4';

describe('client errors and redaction (fault server)', () => {
  let server: FaultServer | undefined;
  let lines: string[];
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler) => {
    lines = [];
    const log: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug: (m) => lines.push(m) };
    server = await startFaultServer(handler);
    return new PowerSchoolClient({ name: 'e', url: server.url, clientId: 'the-id', clientSecret: secret }, { log, sleep: async () => undefined, retry: { retries: 1 } });
  };

  it('reads PowerSchool\'s message and errors[] into one line with method, path and status', async () => {
    const client = await start((request) => (isTokenRequest(request) ? tokenReply(token) : {
      status: 400,
      body: { message: 'Validation Failed', errors: [{ resource: 'u_ext', field: 'amount', code: 'INVALID_VALUE' }, { resource: 'u_ext', field: 'when', code: 'missing' }] },
    }));
    const error = await client.getJson('/ws/schema/table/u_ext', { method: 'POST', body: { tables: {} } }).catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.message, 'POST /ws/schema/table/u_ext → 400 Bad Request: Validation Failed; amount INVALID_VALUE; when missing');
    assert.equal(error.status, 400);
    assert.equal(error.method, 'POST');
    assert.equal(error.path, '/ws/schema/table/u_ext');
    assert.equal(error.serverMessage, 'Validation Failed');
    assert.deepEqual(error.errors.map((e) => e.code), ['INVALID_VALUE', 'missing']);
  });

  it('keeps a multi-line server message on one line and leaves the query string out', async () => {
    const client = await start((request) => (isTokenRequest(request) ? tokenReply(token) : { status: 500, body: 'Internal error\n  at Foo.bar\n  at Baz' }));
    const error = (await client.getJson('/ws/v1/district/student', { query: { q: 'name.last_name==Smith' } }).catch((e: unknown) => e)) as Error;
    assert.equal(error.message, 'GET /ws/v1/district/student → 500 Internal Server Error: Internal error at Foo.bar at Baz');
  });

  it('keeps the secret and every token out of messages, stacks, causes, inspection and log lines after a run with failures', async () => {
    let issued = 0;
    const client = await start((request) => {
      if (isTokenRequest(request)) return tokenReply(`${token}-${++issued}`);
      // A careless server echoing credentials back must not leak them either.
      if (request.path === '/echo') return { status: 400, body: { message: `bad header ${request.headers.authorization} for ${secret}` } };
      if (request.path === '/revoked') return invalidTokenReply;
      return { status: 503, body: { message: 'busy' } };
    });
    const errors: unknown[] = [];
    for (const path of ['/echo', '/revoked', '/busy']) await client.getJson(path).catch((e: unknown) => errors.push(e));
    assert.equal(errors.length, 3);
    const credentials = [secret, `${token}-1`, `${token}-2`, `${token}-3`, Buffer.from(`the-id:${secret}`).toString('base64')];
    const shown = [...lines, ...errors.flatMap((e) => [String(e), (e as Error).stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e), String((e as Error).cause ?? '')])].join('\n');
    assert.ok(lines.length >= 5, lines.join('\n'));
    assert.match(shown, /GET \/echo → 400 Bad Request: bad header Bearer \*\*\* for \*\*\*/);
    for (const value of credentials) assert.ok(!shown.includes(value), `leaked ${value.slice(0, 6)}…`);
    assert.ok(issued >= 2);
  });

  it('keeps a bad secret out of the error when the token is refused', async () => {
    const client = await start(() => ({ status: 401, body: { error: 'invalid_client', error_description: `Bad client credentials ${secret}` } }));
    const error = (await client.getJson('/ws/v1/district').catch((e: unknown) => e)) as Error;
    assert.equal(error.message, 'POST /oauth/access_token → 401 Unauthorized: invalid_client: Bad client credentials ***');
    assert.ok(!inspect(error).includes(secret));
  });

  it('redacts text and headers in one place', () => {
    const redactor = new Redactor();
    redactor.remember(secret);
    redactor.remember(token);
    assert.equal(redactor.redact(`Authorization: Bearer ${token} and ${secret}`), 'Authorization: Bearer *** and ***');
    assert.equal(redactor.redact('{"access_token":"abc.def","expires_in":"5"}'), '{"access_token":"***","expires_in":"5"}');
    assert.equal(redactor.redact('Basic dGhlLWlkOnNlY3JldA=='), 'Basic ***');
    assert.equal(redactor.redact('access_token=abc.def&x=1'), 'access_token=***&x=1');
    // The token URL's path is not a key: a message about it keeps its words.
    assert.equal(redactor.redact('POST /oauth/access_token: cannot reach 127.0.0.1:9 (ECONNREFUSED)'), 'POST /oauth/access_token: cannot reach 127.0.0.1:9 (ECONNREFUSED)');
    assert.deepEqual(redactor.redactHeaders({ Authorization: `Bearer ${token}`, accept: 'application/json', 'X-Echo': `v=${secret}`, cookie: 'JSESSIONID=1' }), {
      Authorization: 'Bearer ***', accept: 'application/json', 'X-Echo': 'v=***', cookie: '***',
    });
  });

  it('reads the OAuth error shape and plain text bodies', () => {
    assert.deepEqual(errorDetailsFrom({ error: 'invalid_client', error_description: 'Bad client credentials' }), { message: 'invalid_client: Bad client credentials', errors: [] });
    assert.deepEqual(errorDetailsFrom('Service Unavailable'), { message: 'Service Unavailable', errors: [] });
    assert.deepEqual(errorDetailsFrom({ message: 'x', errors: { field: 'f', code: 'c' } }).errors, [{ resource: undefined, field: 'f', code: 'c', message: undefined }]);
  });
});
