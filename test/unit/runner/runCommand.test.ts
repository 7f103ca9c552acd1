import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startOtherHost, type OtherHost } from '../../support/otherHost';
import { readPlugin } from '../../../src/core/plugin';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';
import { psdev } from '../../support/psdev';

const manifestOf = (text: string) => readPlugin([{ path: 'plugin.xml', text }]).manifest!;

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

  it('runs examples/no-access.psreq as the plugin in examples/no-access: only the request named refused gets the 403 NoAccess it documents', async () => {
    const plugin = manifestOf(readFileSync(join(examples, 'no-access', 'plugin.xml'), 'utf8'));
    const restricted = await startSandbox({ plugin, students: 20, schools: 1 });
    try {
      const result = await psdev(['run', join(examples, 'no-access.psreq'), '--json'], { PS_URL: restricted.url, PS_CLIENT_ID: restricted.clientId, PS_CLIENT_SECRET: restricted.clientSecret });
      assert.equal(result.code, 1, result.stderr);
      const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { name?: string; status: number; body: unknown });
      assert.deepEqual(lines.map((line) => [line.name ?? '', line.status]), [['', 200], ['refused', 403], ['', 200], ['', 200]]);
      assert.deepEqual(lines[1]!.body, { message: 'At least one column lacks sufficient permission', errors: [{ code: 'NoAccess', field: 'first_name', resource: 'Students' }] });
    } finally {
      await restricted.close();
    }
  });

  it('the fix examples/no-access/plugin.xml documents (its commented access_request line) lets every request of the example succeed', async () => {
    const text = readFileSync(join(examples, 'no-access', 'plugin.xml'), 'utf8');
    const fixed = text.replace(/<!-- The fix[^]*?(<field [^>]*\/>)\s*-->/, '$1');
    assert.notEqual(fixed, text);
    const sandbox = await startSandbox({ plugin: manifestOf(fixed), students: 20, schools: 1 });
    try {
      const result = await psdev(['run', join(examples, 'no-access.psreq'), '--json'], { PS_URL: sandbox.url, PS_CLIENT_ID: sandbox.clientId, PS_CLIENT_SECRET: sandbox.clientSecret });
      assert.equal(result.code, 0, result.stderr + result.stdout.slice(0, 1000));
    } finally {
      await sandbox.close();
    }
  });

  it('passes examples/tests with psdev test --sandbox, and runs examples/environments with the environment its # @env chooses', async () => {
    const suite = await psdev(['test', join(examples, 'tests'), '--sandbox']);
    assert.equal(suite.code, 0, suite.stderr + suite.stdout);
    assert.match(suite.stderr, /5 test\(s\) in 1 file\(s\): 5 passed, 0 failed/);
    const environments = await psdev(['run', join(examples, 'environments', 'environments.psreq'), '--json', '--sandbox']);
    assert.equal(environments.code, 0, environments.stderr);
    const [first] = environments.stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; assertions: { passed: boolean }[] });
    assert.match(decodeURIComponent(first!.url), /name\.last_name==S\*&pagesize=5$/);
    assert.deepEqual(first!.assertions.map((assertion) => assertion.passed), [true, true]);
  });

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

  it('sends the values of the environment chosen with --env (else the file\'s # @env), private over public, .env for {{$dotenv}}', async () => {
    const folder = mkdtempSync(join(dir, 'env-'));
    writeFileSync(join(folder, 'http-client.env.json'), '{"$shared": {"size": "1"}, "small": {"size": "2"}, "large": {"size": "3", "school": "x"}}');
    writeFileSync(join(folder, 'http-client.private.env.json'), '{"large": {"size": "4"}}');
    writeFileSync(join(folder, '.env'), 'EXTRA=dotted\n');
    const file = join(folder, 'env.psreq');
    writeFileSync(file, '# @env small\nGET /ws/v1/district/student?pagesize={{size}}&extra={{$dotenv EXTRA}}\n');
    const sizes = async (args: string[]) => {
      const result = await psdev(['run', file, '--json', ...args], env);
      assert.equal(result.code, 0, result.stderr);
      return new URL((JSON.parse(result.stdout.trim()) as { url: string }).url).search;
    };
    assert.equal(await sizes([]), '?pagesize=2&extra=dotted');
    assert.equal(await sizes(['--env', 'large']), '?pagesize=4&extra=dotted');
    const unknown = await psdev(['run', file, '--env', 'nope'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no environment 'nope': small, large/);
  });

  it('--var NAME=VALUE sets a variable over the environment\'s and answers # @prompt, which a script cannot (run and test)', async () => {
    const folder = mkdtempSync(join(dir, 'var-'));
    writeFileSync(join(folder, 'http-client.env.json'), '{"$shared": {"size": "1"}}');
    const file = join(folder, 'prompt.psreq');
    writeFileSync(file, '# @prompt school\nGET /ws/v1/district/student?pagesize={{size}}&school={{school}}\n?? status == 200\n');
    const asked = await psdev(['run', file], env);
    assert.equal(asked.code, 1);
    assert.match(asked.stderr, /prompt\.psreq:1:\d+: error: 'school' is asked with # @prompt.* or pass --var NAME=VALUE/);
    const given = await psdev(['run', file, '--json', '--var', 'school=a=b', '--var', 'size=3'], env);
    assert.equal(given.code, 0, given.stderr);
    assert.equal(new URL((JSON.parse(given.stdout.trim()) as { url: string }).url).search, '?pagesize=3&school=a=b');
    const tested = await psdev(['test', file, '--var', 'school=5'], env);
    assert.equal(tested.code, 0, tested.stderr + tested.stdout);
    assert.match(tested.stderr, /1 passed, 0 failed/);
    const bad = await psdev(['run', file, '--var', 'no-equals'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--var takes NAME=VALUE \(got 'no-equals'\)/);
  });

  it('an environment pinning the local sandbox ("$connection") runs on an embedded one; one pinning a VS Code connection asks for PS_* naming it (run and test)', async function () {
    this.timeout(60_000);
    const folder = mkdtempSync(join(dir, 'pinned-'));
    writeFileSync(join(folder, 'http-client.env.json'), JSON.stringify({ local: { $connection: 'Local sandbox' }, district: { $connection: 'District test' } }));
    const file = join(folder, 'pinned.psreq');
    writeFileSync(file, '# @env local\nGET /ws/v1/district/student/count\n?? status == 200\n');
    const local = await psdev(['run', file, '--json']);
    assert.equal(local.code, 0, local.stderr);
    assert.ok((JSON.parse(local.stdout.trim()) as { body: { resource: { count: number } } }).body.resource.count > 0);
    const tested = await psdev(['test', file]);
    assert.equal(tested.code, 0, tested.stderr + tested.stdout);
    assert.match(tested.stderr, /1 passed, 0 failed/);
    const district = await psdev(['run', file, '--env', 'district']);
    assert.equal(district.code, 2);
    assert.match(district.stderr, /set PS_URL, PS_CLIENT_ID, PS_CLIENT_SECRET for the connection 'District test' the environment pins/);
    // PS_* is the connection psdev has for any other name.
    const given = await psdev(['run', file, '--env', 'district', '--json'], env);
    assert.equal(given.code, 0, given.stderr);
    assert.equal(new URL((JSON.parse(given.stdout.trim()) as { url: string }).url).origin, new URL(sandbox.url).origin);
    // psdev test: the file pinning a connection psdev cannot reach fails alone, and the others still run.
    const districtFile = join(folder, 'district.psreq');
    writeFileSync(districtFile, '# @env district\nGET /ws/v1/district/student/count\n?? status == 200\n');
    const both = await psdev(['test', file, districtFile]);
    assert.equal(both.code, 1, both.stderr + both.stdout);
    assert.match(both.stderr, /district\.psreq: error: set PS_URL, PS_CLIENT_ID, PS_CLIENT_SECRET for the connection 'District test'/);
    assert.match(both.stderr, /1 test\(s\) in 1 file\(s\): 1 passed, 0 failed; 1 file\(s\) with errors/);
    const unpinned = await psdev(['run', write('unpinned.psreq', 'GET /ws/v1/district/student/count\n')]);
    assert.equal(unpinned.code, 2);
    assert.match(unpinned.stderr, /set PS_URL, PS_CLIENT_ID, PS_CLIENT_SECRET \(or pass --sandbox/);
  });

  it('psdev check --env names the environments that define a variable the chosen one lacks', async () => {
    const folder = mkdtempSync(join(dir, 'check-env-'));
    writeFileSync(join(folder, 'http-client.env.json'), '{"small": {"size": "2"}, "large": {"size": "3", "school": "x"}}');
    const file = join(folder, 'vars.psreq');
    writeFileSync(file, 'GET /ws/v1/district/student?pagesize={{size}}&school={{school}}\n');
    const result = await psdev(['check', file, '--env', 'small'], {}, folder);
    assert.match(result.stdout, /vars\.psreq:1:\d+: warning: 'school' is not defined in the chosen environment; environment 'large' defines it \[variable-not-in-environment\]/);
    assert.doesNotMatch(result.stdout, /'size'/);
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

  describe('what a file may send (issue 13, item 2)', () => {
    let other: OtherHost;
    before(async () => (other = await startOtherHost()));
    after(() => other.close());
    beforeEach(() => other.arrived.splice(0));

    it('reads < file bodies only inside the file\'s folder tree unless --allow-outside', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'psdev-outside-'));
      try {
        writeFileSync(join(outside, 'secret.txt'), 'outside-secret');
        const project = join(dir, 'project');
        mkdirSync(join(project, 'bodies'), { recursive: true });
        writeFileSync(join(project, 'bodies', 'ok.json'), '{"ok":1}');
        symlinkSync(join(outside, 'secret.txt'), join(project, 'bodies', 'link.txt'));
        const file = join(project, 'send.psreq');
        writeFileSync(file, `POST ${other.url}/in\n\n< ./bodies/ok.json\n\n###\nPOST ${other.url}/abs\n\n< ${join(outside, 'secret.txt')}\n\n###\nPOST ${other.url}/up\n\n< ../../${basename(outside)}/secret.txt\n\n###\nPOST ${other.url}/link\n\n< ./bodies/link.txt\n`);
        const refused = await psdev(['run', file], env);
        assert.equal(refused.code, 1);
        assert.deepEqual(other.arrived, [`POST /in {"ok":1}`]);
        const errors = refused.stderr.split('\n').filter((line) => / error: /.test(line));
        assert.equal(errors.length, 3, refused.stderr);
        for (const line of errors) assert.match(line, /send\.psreq:\d+:3: error: not sent: the body file .*secret\.txt is outside .*project\. Pass --allow-outside to read it\.$/);
        other.arrived.splice(0);
        const allowed = await psdev(['run', file, '--allow-outside'], env);
        assert.equal(allowed.code, 0, allowed.stderr);
        assert.deepEqual(other.arrived.map((line) => line.split(' ').slice(1).join(' ')), ['/in {"ok":1}', '/abs outside-secret', '/up outside-secret', '/link outside-secret']);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('refuses data from a response to another host without --yes, naming the host', async () => {
      const file = write('exfiltrate.psreq', `# @name students\nGET /ws/v1/district/student?pagesize=2\n\n###\nPOST ${other.url}/f\nContent-Type: application/json\n\n{{students.response.body.students}}\n`);
      const refused = await psdev(['run', file], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /exfiltrate\.psreq:5:1: error: not sent: This request sends data from the response of 'students' \(read from 'env'\) to 127\.0\.0\.2:\d+, another server\. \(pass --yes to send it\)/);
      assert.deepEqual(other.arrived, []);
      const sent = await psdev(['run', file, '--yes'], env);
      assert.equal(sent.code, 0, sent.stderr);
      assert.equal(other.arrived.length, 1);
      assert.match(other.arrived[0], /^POST \/f \{.*"student":\[\{"id":\d+/);
    });
  });
});
