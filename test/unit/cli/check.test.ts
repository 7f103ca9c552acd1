import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
      "bad.psreq:5:51: error: unknown system variable '$nonsense' ($guid, $randomInt, $timestamp, $datetime, $localDatetime, $date, $processEnv) [unknown-system-variable]",
      "bad.psreq:5:63: warning: 'y' is not a parameter of GET /ws/v1/school/{id} (it accepts expansions) [unknown-parameter]",
      "bad.psreq:5:67: warning: 'undeclared' is not defined in this file: declare it with @undeclared = value [undefined-variable]",
    ]);
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
});
