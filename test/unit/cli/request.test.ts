import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';
import { psdev } from '../../support/psdev';

describe('psdev request', () => {
  let sandbox: SandboxHandle;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ students: 120, schools: 2 });
    env = { PS_URL: sandbox.url, PS_CLIENT_ID: sandbox.clientId, PS_CLIENT_SECRET: sandbox.clientSecret };
    dir = mkdtempSync(join(tmpdir(), 'psdev-request-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the JSON body of a GET using the PS_* environment', async () => {
    const result = await psdev(['request', 'GET', '/ws/v1/district/student/count'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { resource: { count: 120 } });
  });

  it('follows every page with --all, keeping the query', async () => {
    const all = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--pagesize', '50'], env);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(JSON.parse(all.stdout).length, 120);
    const filtered = await psdev(['request', 'GET', '/ws/v1/district/student?q=local_id=le=0', '--all'], env);
    assert.deepEqual(JSON.parse(filtered.stdout), []);
  });

  it('streams --all to an NDJSON file with --out', async () => {
    const file = join(dir, 'students.ndjson');
    const result = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--out', file], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 120);
    assert.match(result.stderr, /120 of 120 records written/);
  });

  it('exits 1 with a one-line reason on an HTTP error', async () => {
    const result = await psdev(['request', 'GET', '/ws/v1/student/987654321'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^psdev: GET \/ws\/v1\/student\/987654321 → 404 Not Found.*\n$/);
  });

  it('sends a JSON body from a file', async () => {
    const body = join(dir, 'bad.json');
    writeFileSync(body, '{"students": ');
    const broken = await psdev(['request', 'POST', '/ws/v1/student', '--body', body], env);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /is not JSON/);
  });

  it('needs a connection: names the missing variables, or takes --sandbox', async () => {
    const missing = await psdev(['request', 'GET', '/ws/v1/district'], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /set PS_URL, PS_CLIENT_ID, PS_CLIENT_SECRET/);
    const embedded = await psdev(['request', 'GET', '/ws/v1/district', '--sandbox'], {});
    assert.equal(embedded.code, 0, embedded.stderr);
    assert.ok(JSON.parse(embedded.stdout).district);
  });

  it('never prints the secret, even verbosely on failure', async () => {
    const result = await psdev(['request', 'GET', '/ws/v1/district'], { ...env, PS_CLIENT_SECRET: 'a-wrong-secret-42', PSDEV_VERBOSE: '1' });
    assert.equal(result.code, 1);
    assert.ok(!(result.stdout + result.stderr).includes('a-wrong-secret-42'));
  });
});
