import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psdev } from '../../support/psdev';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer } from '../client/faultServer';

describe('psdev request/run --timeout and Ctrl+C against a server that never answers', () => {
  let server: FaultServer;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  before(async () => {
    server = await startFaultServer((request) => (isTokenRequest(request) ? tokenReply('tok') : 'hang'));
    env = { PS_URL: server.url, PS_CLIENT_ID: 'id', PS_CLIENT_SECRET: 'secret', PS_ALLOW_INSECURE: '1' };
    dir = mkdtempSync(join(tmpdir(), 'psdev-timeout-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('request --timeout 0.3 fails in about 0.3 s with a one-line reason', async () => {
    const started = Date.now();
    const result = await psdev(['request', 'GET', '/ws/v1/district', '--timeout', '0.3'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no answer within 0\.3 s/);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('run --timeout applies to every request of the file', async () => {
    const file = join(dir, 'hang.psreq');
    writeFileSync(file, 'GET /ws/v1/district\n');
    const result = await psdev(['run', file, '--timeout', '0.3'], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout + result.stderr, /no answer within 0\.3 s/);
  });

  it('Ctrl+C (the CLI signal) stops a hanging request at once', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 200);
    const started = Date.now();
    const result = await psdev(['request', 'GET', '/ws/v1/district'], env, process.cwd(), interrupt.signal);
    assert.equal(result.code, 130);
    assert.equal(result.stderr, 'psdev: interrupted\n');
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
  });

  for (const bad of ['0', '-1', 'soon', '1e9']) {
    it(`--timeout ${bad} is a usage error`, async () => {
      const result = await psdev(['request', 'GET', '/ws/v1/district', `--timeout=${bad}`], env);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--timeout needs a number of seconds/);
    });
  }
});
