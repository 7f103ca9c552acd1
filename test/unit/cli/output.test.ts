import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { commands } from '../../../src/cli/commands';
import { dispatch } from '../../../src/cli/dispatch';
import { psdev } from '../../support/psdev';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Handler } from '../client/faultServer';

const token = 'tok-4b1f9e2c7d';

/** psdev with stdout and stderr that say they are a terminal. */
async function psdevOnTerminal(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough().on('data', (chunk: Buffer) => (stdout += chunk)), { isTTY: true });
  const err = Object.assign(new PassThrough().on('data', (chunk: Buffer) => (stderr += chunk)), { isTTY: true });
  const code = await dispatch(commands, { argv, stdout: out, stderr: err, env, cwd: process.cwd(), signal: new AbortController().signal });
  return { code, stdout, stderr };
}

describe('psdev output: escapes, redaction, body limits and endless pages (fault server)', () => {
  let server: FaultServer | undefined;
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'psdev-output-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: Handler) => {
    server = await startFaultServer((request, index) => (isTokenRequest(request) ? tokenReply(token) : handler(request, index)));
    return { PS_URL: server.url, PS_CLIENT_ID: 'id', PS_CLIENT_SECRET: 'secret-value-9', PS_ALLOW_INSECURE: '1' };
  };
  const echo: Handler = (request) => ({ body: { youSent: request.headers, body: request.body } });

  it('escapes terminal control characters in error messages on stderr', async () => {
    const env = await start(() => ({ status: 400, body: { message: 'bad \u001b]0;pwned\u0007\u001b[2J request\u009b31m' } }));
    const result = await psdev(['request', 'GET', '/ws/v1/district'], env);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(result.stderr, /bad \\u001b\]0;pwned\\u0007\\u001b\[2J request\\u009b31m/);
  });

  it('escapes control characters in a text body printed to a terminal; JSON stays valid JSON', async () => {
    const env = await start((request) => (request.path.endsWith('.txt') ? { body: 'hi\u001b[31m red\r\n' } : { body: { note: 'a\u009bb\u007f' } }));
    const text = await psdevOnTerminal(['request', 'GET', '/ws/v1/file.txt'], env);
    assert.equal(text.stdout, 'hi\\u001b[31m red\\u000d\n\n');
    const json = await psdevOnTerminal(['request', 'GET', '/ws/v1/district'], env);
    assert.doesNotMatch(json.stdout, /[\u007f-\u009f]/);
    assert.deepEqual(JSON.parse(json.stdout), { note: 'a\u009bb\u007f' });
  });

  it('psdev check quotes a file\'s text inertly on a terminal', async () => {
    const file = join(dir, 'escape.psreq');
    writeFileSync(file, 'GET /ws/v1/district/student?q=name.last_name==\u001b[2J\u001b]0;x\u0007\n\n{{undefined\u001b[31m}}\n');
    const result = await psdevOnTerminal(['check', file], {});
    assert.doesNotMatch(result.stdout + result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('masks the token a server echoes back, on stdout and with --out', async () => {
    const env = await start(echo);
    const printed = await psdev(['request', 'GET', '/ws/v1/district'], env);
    assert.equal(printed.code, 0);
    assert.ok(!printed.stdout.includes(token), printed.stdout);
    assert.match(printed.stdout, /Bearer \*\*\*/);
    const file = join(dir, 'echo.json');
    const saved = await psdev(['request', 'POST', '/ws/v1/echo', '--out', file], env);
    assert.equal(saved.code, 0);
    assert.ok(!readFileSync(file, 'utf8').includes(token));
    const psreq = join(dir, 'echo.psreq');
    writeFileSync(psreq, 'GET /ws/v1/district\n');
    for (const argv of [['run', psreq], ['run', psreq, '--json']]) {
      const run = await psdev(argv, env);
      assert.equal(run.code, 0);
      assert.ok(!run.stdout.includes(token), run.stdout);
    }
    const json = await psdev(['run', psreq, '--json'], env);
    assert.equal(JSON.parse(json.stdout).body.youSent.authorization, 'Bearer ***');
  });

  it('--out streams a large body to the file, masking tokens wherever the chunks split them', async () => {
    const piece = `{"a":"${'x'.repeat(1000)}","t":"${token}"},`;
    const body = `[${piece.repeat(4000)}{}]`;
    const env = await start(() => ({ body }));
    const file = join(dir, 'big.json');
    const result = await psdev(['request', 'GET', '/ws/v1/big', '--out', file], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(file, 'utf8'), body.split(token).join('***'));
    assert.match(result.stderr, /^200 OK, \d+ bytes written to /);
  });

  it('--max-body stops a body past the limit with one line, and --out leaves no half file', async () => {
    const env = await start(() => 'endless');
    const printed = await psdev(['request', 'GET', '/ws/v1/endless', '--max-body', '1'], env);
    assert.equal(printed.code, 1);
    assert.equal(printed.stderr, 'psdev: GET /ws/v1/endless: the response body is over the 1.0 MB limit; stopped reading\n');
    const file = join(dir, 'endless.json');
    const saved = await psdev(['request', 'GET', '/ws/v1/endless', '--max-body', '1', '--out', file], env);
    assert.equal(saved.code, 1);
    assert.equal(existsSync(file), false);
    const bad = await psdev(['request', 'GET', '/ws/v1/endless', '--max-body', 'lots'], env);
    assert.equal(bad.code, 2);
  });

  it('@all stops when pages repeat (a server that ignores page)', async () => {
    const page = { students: { student: Array.from({ length: 100 }, (_, id) => ({ id })) } };
    const env = await start(() => ({ body: page }));
    const psreq = join(dir, 'all.psreq');
    writeFileSync(psreq, '# @all\nGET /ws/v1/district/student\n');
    const result = await psdev(['run', psreq], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error: GET \/ws\/v1\/district\/student: page 2 repeats page 1; the server does not page this resource, stopped/);
    assert.equal(server!.requests.filter((request) => !isTokenRequest(request)).length, 2);
  });

  it('@all stops endless distinct pages at the body limit', async () => {
    const env = await start((request) => ({ body: { students: { student: Array.from({ length: 100 }, (_, i) => ({ id: `${request.query.get('page')}-${i}`, pad: 'x'.repeat(500) })) } } }));
    const psreq = join(dir, 'endless.psreq');
    writeFileSync(psreq, '# @all\nGET /ws/v1/district/student\n');
    const result = await psdev(['run', psreq, '--max-body', '1'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the pages add up to more than the 1\.0 MB limit; stopped at page \d+/);
  });

  it('--all stops when pages go past the server\'s count', async () => {
    const env = await start((request) => (request.path.endsWith('/count') ? { body: { resource: { count: 150 } } } : { body: { students: { student: Array.from({ length: 100 }, (_, i) => ({ id: i })) } } }));
    const result = await psdev(['request', 'GET', '/ws/v1/district/student', '--all'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /page 2 held 100 records where 50 were expected/);
  });
});
