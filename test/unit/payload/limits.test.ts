import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPayloadValidator, validateRequestBody } from '../../../src/core/payload';
import { psdev } from '../../support/psdev';

const deepArrays = (depth: number) => `{"students":{"student":[{"action":"INSERT","name":{"first_name":${'['.repeat(depth)}${']'.repeat(depth)}}}]}}`;
const deepTables = (depth: number) => `{"tables":{"u_x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
const valid = '{"students":{"student":[{"action":"INSERT","client_uid":"1","name":{"first_name":"A","last_name":"B"},"demographics":{"gender":"F","birth_date":"2010-01-01"},"school_enrollment":{"enroll_status":"A","entry_date":"2023-08-20","grade_level":5,"school_number":"100"}}]}}';

describe('payload limits: deep nesting and floods of findings', () => {
  const validator = createPayloadValidator();

  it('reports 5,000 nested arrays in a student body once, at the bracket past the limit, without a stack overflow', () => {
    const text = deepArrays(5000);
    const findings = validator.validateStudentText(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'json-depth');
    assert.equal(text[findings[0].start], '[');
  });

  it('reports 8,000 nested table objects once, without a stack overflow', () => {
    const findings = validator.validateTableText(deepTables(8000), 'u_x', []);
    assert.deepEqual(findings.map((finding) => finding.code), ['json-depth']);
  });

  it('names the JSON pointer of a too-deep parsed value', () => {
    const value = JSON.parse(deepArrays(5000));
    const [issue, ...rest] = validator.validateStudentValue(value);
    assert.equal(rest.length, 0);
    assert.equal(issue.code, 'json-depth');
    assert.match(issue.pointer, /^\/students\/student\/0\/name\/first_name(\/0)+$/);
  });

  it('keeps the editor path (request bodies in .psreq) safe', () => {
    const findings = validateRequestBody(validator, { method: 'POST', url: '/ws/v1/student', body: deepArrays(20_000) });
    assert.deepEqual(findings.map((finding) => finding.code), ['json-depth']);
  });

  it('lists at most 100 syntax errors of a junk body, then counts the rest in one finding', () => {
    const findings = validator.validateStudentText(`[${',,'.repeat(100_000)}]`);
    assert.equal(findings.length, 101);
    assert.match(findings[100].message, /… and \d+ more errors after this one/);
  });

  describe('psdev validate', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'psdev-validate-limits-'));
      writeFileSync(join(dir, 'deep.students.json'), deepArrays(5000));
      writeFileSync(join(dir, 'deep.table.json'), deepTables(8000));
      writeFileSync(join(dir, 'ok.students.json'), valid);
      writeFileSync(join(dir, 'bad.students.json'), valid.replace('"F"', '"Q"'));
      writeFileSync(join(dir, 'junk.json'), `{"students":{"student":[${"'x',".repeat(200_000)}]}}`);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a too-deep file at its line:col and still checks the other files', async () => {
      const result = await psdev(['validate', 'deep.students.json', 'deep.table.json', 'bad.students.json', 'ok.students.json'], {}, dir);
      assert.equal(result.code, 1);
      assert.doesNotMatch(result.stderr, /call stack/);
      assert.match(result.stdout, /^deep\.students\.json:1:\d+: error: nested deeper than 128 levels/m);
      assert.match(result.stdout, /^deep\.table\.json:1:\d+: error: nested deeper than 128 levels/m);
      assert.match(result.stdout, /^bad\.students\.json:\d+:\d+: error: .*\[enum\]/m);
    });

    it('prints at most --max-findings findings per file, then how many more (default 200)', async () => {
      const capped = await psdev(['validate', 'junk.json', '--max-findings', '5'], {}, dir);
      assert.equal(capped.code, 1);
      const lines = capped.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 6);
      assert.equal(lines[5], 'junk.json: … and 96 more (--max-findings to list more)');
      const byDefault = await psdev(['validate', 'junk.json'], {}, dir);
      assert.ok(byDefault.stdout.length < 64 * 1024, `${byDefault.stdout.length} bytes`);
      const bad = await psdev(['validate', 'junk.json', '--max-findings', '0'], {}, dir);
      assert.equal(bad.code, 2);
    });
  });
});
