import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';
import { psdev } from '../../support/psdev';

const examples = resolve('examples');

describe('psdev run', () => {
  let sandbox: SandboxHandle;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({});
    env = { PS_URL: sandbox.url, PS_CLIENT_ID: sandbox.clientId, PS_CLIENT_SECRET: sandbox.clientSecret };
    dir = mkdtempSync(join(tmpdir(), 'psdev-run-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  for (const file of readdirSync(examples).filter((name) => name.endsWith('.psreq'))) {
    it(`runs examples/${file} green with psdev run --sandbox`, async () => {
      const result = await psdev(['run', join(examples, file), '--json', '--sandbox']);
      assert.equal(result.code, 0, result.stderr + result.stdout.slice(0, 2000));
      const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { status: number });
      assert.ok(lines.length >= 3, `${file} has several requests`);
      for (const line of lines) assert.ok(line.status < 400, JSON.stringify(line).slice(0, 300));
    });
  }

  it('starts an embedded sandbox with --sandbox and prints status lines and bodies', async () => {
    const result = await psdev(['run', join(examples, 'district.psreq'), '--sandbox']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^### The district\nGET http:\/\/127\.0\.0\.1:\d+\/ws\/v1\/district\n200 OK · \d+ ms · /m);
    assert.match(result.stdout, /"district": \{/);
    assert.match(result.stderr, /6 request\(s\) run: 0 failed/);
  });

  it('runs one request by --name, its dependency first', async () => {
    const file = write('chain.psreq', '# @name list\nGET /ws/v1/district/student?pagesize=1\n\n###\n# @name one\nGET /ws/v1/student/{{list.response.body.students.student.id}}\n\n###\nGET /ws/v1/district\n');
    const result = await psdev(['run', file, '--name', 'one', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { name?: string; status: number; body: { student?: { id: number } } });
    assert.deepEqual(lines.map((line) => line.name), ['list', 'one']);
    assert.equal(typeof lines[1].body.student?.id, 'number');
    assert.equal((await psdev(['run', file, '--name', 'nope'], env)).code, 2);
  });

  it('exits 1 when a request fails, and keeps going', async () => {
    const file = write('fails.psreq', 'GET /ws/schema/table/NO_SUCH_TABLE\n\n###\nGET /ws/v1/district\n');
    const result = await psdev(['run', file], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /404/);
    assert.match(result.stdout, /200 OK/);
    assert.match(result.stderr, /2 request\(s\) run: 1 failed/);
  });

  it('exits 1 on file errors with file:line:col, sending nothing', async () => {
    const file = write('bad.psreq', 'GET /ws/v1/district\n\n###\n# @name\nGET /ws/v1/district\n');
    const result = await psdev(['run', file], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /bad\.psreq:4:1: error: '# @name' needs a name/);
    assert.equal(result.stdout, '');
  });

  it('reports an undefined variable at its position and refuses @confirm without --yes', async () => {
    const file = write('vars.psreq', 'GET /ws/v1/district/student?pagesize={{size}}\n\n###\n# @confirm\nGET /ws/v1/district\n');
    const result = await psdev(['run', file], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /vars\.psreq:1:38: error: 'size' is not defined/);
    assert.match(result.stderr, /vars\.psreq:5:1: error: not sent: .*@confirm.*--yes/);
    assert.equal((await psdev(['run', file, '--yes', '--name', 'x'], env)).code, 2);
  });
});
