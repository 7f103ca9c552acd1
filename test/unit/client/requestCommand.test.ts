import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';
import { psdev } from '../../support/psdev';

const envFor = (sandbox: SandboxHandle): NodeJS.ProcessEnv => ({ PS_URL: sandbox.url, PS_CLIENT_ID: sandbox.clientId, PS_CLIENT_SECRET: sandbox.clientSecret });

describe('psdev request --all (client paging through the CLI)', () => {
  let sandbox: SandboxHandle;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ students: 130, schools: 2, maxPageSize: 40 });
    dir = mkdtempSync(join(tmpdir(), 'psdev-client-cli-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns every record, in order, when --pagesize is above the server cap, at any --concurrency', async () => {
    const capped = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--pagesize', '100'], envFor(sandbox));
    assert.equal(capped.code, 0, capped.stderr);
    const records = JSON.parse(capped.stdout) as { id: number }[];
    assert.equal(records.length, 130);
    assert.equal(new Set(records.map((r) => r.id)).size, 130);
    const serial = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--concurrency', '1'], envFor(sandbox));
    assert.equal(serial.stdout, capped.stdout);
  });

  it('streams an empty result as [] and PowerQuery pages with a --body file', async () => {
    const none = await psdev(['request', 'GET', '/ws/v1/district/student?q=local_id=le=0', '--all'], envFor(sandbox));
    assert.equal(none.stdout, '[]\n');
    const args = join(dir, 'args.json');
    writeFileSync(args, '{}');
    const query = await psdev(['request', 'POST', '/ws/schema/query/com.pearson.core.student.student_dcid_id_map', '--body', args, '--all'], envFor(sandbox));
    assert.equal(query.code, 0, query.stderr);
    assert.equal(JSON.parse(query.stdout).length, 130);
  });

  it('rejects paging options without --all, and bad numbers', async () => {
    for (const argv of [['--pagesize', '10'], ['--all', '--concurrency', '0'], ['--all', '--pagesize', 'many']]) {
      const result = await psdev(['request', 'GET', '/ws/v1/district/student', ...argv], envFor(sandbox));
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, /^psdev: --(pagesize|concurrency).*\n$/);
    }
  });

  it('exits 1 with one line on stderr when a page fails mid-run', async () => {
    const failing = await startSandbox({ students: 130, schools: 2, faults: ['500:every=3'] });
    try {
      const result = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--pagesize', '20'], envFor(failing));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^psdev: GET \/ws\/v1\/district\/student → 500 Internal Server Error[^\n]*\n$/);
      assert.ok(!result.stderr.includes(failing.clientSecret));
    } finally {
      await failing.close();
    }
  });

  it('reports an --out file that cannot be written instead of crashing', async () => {
    const result = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--out', join(dir, 'missing', 'x.ndjson')], envFor(sandbox));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^psdev: cannot write .*x\.ndjson: ENOENT\n$/);
  });

  it('writes NDJSON to --out, one record a line, in order', async () => {
    const file = join(dir, 'students.ndjson');
    const result = await psdev(['request', 'GET', '/ws/v1/district/student', '--all', '--concurrency', '3', '--out', file], envFor(sandbox));
    assert.equal(result.code, 0, result.stderr);
    const ids = readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id);
    assert.equal(ids.length, 130);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  });
});
