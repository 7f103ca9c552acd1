import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { psdev } from '../../support/psdev';

describe('psdev plugin', () => {
  let dir: string;
  const example = join(process.cwd(), 'examples', 'plugin');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-plugin-cli-'));
    cpSync(example, join(dir, 'roster'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const breakQueries = () => {
    const path = join(dir, 'roster', 'queries_root', 'roster.named_queries.xml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('AND s.schoolid = :schoolid', 'AND s.schoolid = :school'));
  };

  it('check: a clean plugin prints nothing and exits 0 (examples/plugin)', async () => {
    const result = await psdev(['plugin', 'check', 'roster'], {}, dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '1 plugin(s) checked: 0 error(s), 0 warning(s)\n');
  });

  it('check: prints file:line:col: severity: message for every finding of every folder and exits 1 on errors', async () => {
    breakQueries();
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'plugin.xml'), '<plugin name="Other" version="1" description="d"><oauth/><publisher name="x"/></plugin>');
    const result = await psdev(['plugin', 'check', 'roster', 'other'], {}, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      `roster/queries_root/roster.named_queries.xml:6:15: warning: required arg 'schoolid' is never used in the SQL: bind it as :schoolid, or remove it (every call must still pass it) [unused-arg]`,
      `roster/queries_root/roster.named_queries.xml:20:23: error: :school is not declared: add <arg name="school" type="primitive" required="true" description="…"/> to the query's <args> (PowerSchool binds only declared args) [undeclared-bind]`,
    ]);
    assert.equal(result.stderr, '2 plugin(s) checked: 1 error(s), 1 warning(s)\n');
  });

  it('check: SQL the sandbox cannot run is an info line naming the construct, and no error (exit 0)', async () => {
    const path = join(dir, 'roster', 'queries_root', 'roster.named_queries.xml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('AND s.schoolid = :schoolid', 'AND s.schoolid = :schoolid AND s.id = s.id(+)'));
    const result = await psdev(['plugin', 'check', 'roster'], {}, dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, 'roster/queries_root/roster.named_queries.xml:20:48: info: The sandbox cannot run the Oracle (+) outer join that marks every table of the FROM: write LEFT JOIN … ON instead (PowerSchool may still run it; the sandbox answers Run with 400) [sandbox-sql]\n');
    assert.equal(result.stderr, '1 plugin(s) checked: 0 error(s), 0 warning(s)\n');
  });

  it('check --json: one object per finding with 1-based start and end', async () => {
    breakQueries();
    const result = await psdev(['plugin', 'check', 'roster', '--json'], {}, dir);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines[1], { file: 'roster/queries_root/roster.named_queries.xml', line: 20, column: 23, endLine: 20, endColumn: 30, severity: 'error', code: 'undeclared-bind', message: `:school is not declared: add <arg name="school" type="primitive" required="true" description="…"/> to the query's <args> (PowerSchool binds only declared args)` });
    assert.equal(result.stderr, '');
  });

  it('check: a folder that cannot be read is an error naming it; no folder or an unknown action is a usage error', async () => {
    const missing = await psdev(['plugin', 'check', 'nowhere'], {}, dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^nowhere: error: cannot read .*nowhere: ENOENT\n/);
    assert.equal((await psdev(['plugin', 'check'], {}, dir)).code, 2);
    assert.match((await psdev(['plugin', 'zip', 'roster'], {}, dir)).stderr, /unknown action 'zip': use check, package or run/);
  });

  it('package: zips plugin.xml and the *_root folders without .git, backups or OS junk, named NAME-VERSION.zip', async () => {
    for (const junk of ['.git/HEAD', 'README.md', 'queries_root/roster.named_queries.xml~', 'queries_root/.roster.named_queries.xml.swp', 'web_root/.DS_Store', 'web_root/admin/roster_export/home.html.bak', '__MACOSX/._plugin.xml']) {
      mkdirSync(join(dir, 'roster', junk, '..'), { recursive: true });
      writeFileSync(join(dir, 'roster', junk), 'junk');
    }
    const result = await psdev(['plugin', 'package', 'roster'], {}, dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const zip = join(dir, 'Roster-Export-1.2.0.zip');
    assert.match(result.stderr, /wrote .*Roster-Export-1\.2\.0\.zip: 5 file\(s\), \d+ bytes \(0 warning\(s\)\)\n$/);
    assert.deepEqual(Object.keys(unzipSync(readFileSync(zip))).sort(), [
      'permissions_root/roster.permission_mappings.xml',
      'plugin.xml',
      'queries_root/roster.named_queries.xml',
      'user_schema_root/u_roster.xml',
      'web_root/admin/roster_export/home.html',
    ]);
  });

  it('package --out FILE; refuses a plugin with errors (and writes nothing) or without plugin.xml', async () => {
    const out = join(dir, 'out.zip');
    assert.equal((await psdev(['plugin', 'package', 'roster', '--out', out], {}, dir)).code, 0);
    assert.ok(existsSync(out));
    breakQueries();
    const refused = await psdev(['plugin', 'package', 'roster', '--out', join(dir, 'broken.zip')], {}, dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /undeclared-bind/);
    assert.match(refused.stderr, /not packaged: 1 error\(s\) to fix first \(1 warning\(s\)\)/);
    assert.ok(!existsSync(join(dir, 'broken.zip')));
    rmSync(join(dir, 'roster', 'plugin.xml'));
    const bare = await psdev(['plugin', 'package', 'roster'], {}, dir);
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /no plugin\.xml at the top of the folder/);
  });

  it('is listed by psdev --help', async () => {
    assert.match((await psdev(['--help'])).stdout, /\n {2}plugin +check a PowerSchool plugin folder, zip it for installing, or run its queries on a sandbox\n/);
    assert.match((await psdev(['plugin', '--help'])).stdout, /psdev plugin package DIR \[--out FILE\.zip\]/);
  });
});
