import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psdev } from '../../support/psdev';

describe('psdev check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-check-'));
    writeFileSync(join(dir, 'good.psreq'), '@size = 10\n### ok\n# @name list\nGET /ws/v1/district/school?pagesize={{size}}\n\n###\nGET /ws/v1/school/{{list.response.body.schools.school[0].id}}\n');
    writeFileSync(join(dir, 'bad.psreq'), '### bad\nGTE /ws/v1/district\n\n###\nGET /ws/v1/school/{{nobody.response.body.id}}?x={{$nonsense}}&y={{undeclared}}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--plugin DIR warns at each column that plugin.xml does not grant, naming the access_request line (examples/no-access)', async () => {
    const examples = join(process.cwd(), 'examples');
    const result = await psdev(['check', join(examples, 'no-access.psreq'), '--plugin', join(examples, 'no-access')], {}, dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.slice(line.indexOf('no-access.psreq:'))), [
      `no-access.psreq:21:32: warning: STUDENTS.FIRST_NAME is not granted to plugin 'Roster Names'; add <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess) [ungranted-column]`,
    ]);
    const bad = await psdev(['check', 'good.psreq', '--plugin', join(dir, 'nowhere')], {}, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--plugin: cannot read .*plugin\.xml: ENOENT/);
  });

  it('passes a clean file with exit code 0', async () => {
    const result = await psdev(['check', 'good.psreq'], {}, dir);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /1 file\(s\) checked: 0 error\(s\), 0 warning\(s\)/);
  });

  it('prints file:line:col: severity: message for every finding and exits 1 on errors', async () => {
    const result = await psdev(['check', 'bad.psreq'], {}, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      "bad.psreq:2:1: error: unknown HTTP method 'GTE' (GET, POST, PUT, DELETE, PATCH, …) [unknown-method]",
      "bad.psreq:5:21: error: no request is named 'nobody' (add # @name nobody above it) [unknown-request]",
      "bad.psreq:5:47: warning: 'x' is not a parameter of GET /ws/v1/school/{id} (it accepts expansions) [unknown-parameter]",
      "bad.psreq:5:51: error: unknown system variable '$nonsense' ($guid, $randomInt, $timestamp, $datetime, $localDatetime, $date, $processEnv, $dotenv) [unknown-system-variable]",
      "bad.psreq:5:63: warning: 'y' is not a parameter of GET /ws/v1/school/{id} (it accepts expansions) [unknown-parameter]",
      "bad.psreq:5:67: warning: 'undeclared' is not defined in this file or any environment: declare it with @undeclared = value or in http-client.env.json [undefined-variable]",
    ]);
  });

  it('--var NAME=VALUE defines a variable as psdev run --var would, so the check and the run agree', async () => {
    const without = await psdev(['check', '--json', 'bad.psreq'], {}, dir);
    assert.ok(without.stdout.split('\n').some((line) => line.includes('"undefined-variable"')));
    const given = await psdev(['check', '--json', 'bad.psreq', '--var', 'undeclared=7'], {}, dir);
    assert.deepEqual(given.stdout.trim().split('\n').map((line) => JSON.parse(line).code), ['unknown-method', 'unknown-request', 'unknown-parameter', 'unknown-system-variable', 'unknown-parameter']);
    const malformed = await psdev(['check', 'bad.psreq', '--var', 'no-equals'], {}, dir);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--var takes NAME=VALUE \(got 'no-equals'\)/);
  });

  it('emits JSON lines with --json and reports unreadable files', async () => {
    const result = await psdev(['check', '--json', 'bad.psreq', 'missing.psreq'], {}, dir);
    assert.equal(result.code, 1);
    const first = JSON.parse(result.stdout.split('\n')[0]);
    assert.deepEqual(first, { file: 'bad.psreq', line: 2, column: 1, endLine: 2, endColumn: 4, severity: 'error', message: "unknown HTTP method 'GTE' (GET, POST, PUT, DELETE, PATCH, …)", code: 'unknown-method' });
    assert.match(result.stderr, /missing\.psreq: error: cannot read the file \(ENOENT\)/);
  });

  it('counts columns on the first line after a byte-order mark as editors show them', async () => {
    writeFileSync(join(dir, 'bom.psreq'), '\uFEFFGTE /ws/v1/district\n');
    const result = await psdev(['check', 'bom.psreq'], {}, dir);
    assert.equal(result.stdout.trim(), "bom.psreq:1:1: error: unknown HTTP method 'GTE' (GET, POST, PUT, DELETE, PATCH, …) [unknown-method]");
    const json = JSON.parse((await psdev(['check', '--json', 'bom.psreq'], {}, dir)).stdout.split('\n')[0]!);
    assert.deepEqual([json.line, json.column, json.endColumn], [1, 1, 4]);
  });

  it('warns on what a file would send elsewhere, naming the host (issue 13, item 2)', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'body.json'), '{}');
    writeFileSync(join(dir, 'send.psreq'), [
      '@secret = {{$processEnv PS_CLIENT_SECRET}}',
      '### a secret to another host',
      'GET http://127.0.0.2:9/x?s={{secret}}',
      '',
      '### a file from elsewhere',
      'POST http://127.0.0.2:9/f',
      '',
      '< /etc/hostname',
      '',
      '### student data to another host',
      '# @name students',
      'GET /ws/v1/district/student',
      '',
      '###',
      'POST http://localhost:9/f',
      '',
      '{{students.response.body.students}}',
      '',
      '### all fine: home, with a body file inside the folder',
      'POST http://127.0.0.1:9/ws/v1/x?s={{secret}}&n={{students.response.body.students.student[0].id}}',
      '',
      '< ./sub/body.json',
      '',
    ].join('\n'));
    const result = await psdev(['check', 'send.psreq'], { PS_URL: 'http://127.0.0.1:9' }, dir);
    assert.equal(result.code, 0, 'warnings, not errors');
    assert.deepEqual(result.stdout.trim().split('\n'), [
      "send.psreq:3:5: warning: sends {{$processEnv PS_CLIENT_SECRET}} to 127.0.0.2:9, which is not the connection's server [environment-to-other-host]",
      `send.psreq:8:3: warning: the body file /etc/hostname is outside this file's folder ${dir}: psdev run reads it only with --allow-outside, an untrusted workspace never [include-outside]`,
      "send.psreq:15:6: warning: sends data from the response of 'students' to localhost:9, which is not the connection's server [response-to-other-host]",
    ]);
    const allowing = await psdev(['check', 'send.psreq', '--allow-outside'], { PS_URL: 'http://127.0.0.1:9' }, dir);
    assert.deepEqual(allowing.stdout.trim().split('\n').map((line) => /\[([\w-]+)\]$/.exec(line)?.[1]), ['environment-to-other-host', 'response-to-other-host']);
    const noConnection = await psdev(['check', 'send.psreq'], {}, dir);
    assert.equal(noConnection.stdout.trim().split('\n').length, 5, 'without PS_URL every absolute URL is another host');
  });
});
