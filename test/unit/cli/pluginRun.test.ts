import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantFix, readPluginFolder } from '../../../src/core/plugin';
import { psdev } from '../../support/psdev';

describe('psdev plugin run', () => {
  let dir: string;
  const example = join(process.cwd(), 'examples', 'plugin');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-plugin-run-'));
    cpSync(example, join(dir, 'roster'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON answer of a query of examples/plugin, every record, and exits 0', async () => {
    const result = await psdev(['plugin', 'run', 'roster', 'com.example.roster.students.active', '--args', '{"schoolid":"100"}', '--students', '60'], {}, dir);
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.ok(answer.record.length > 0);
    assert.deepEqual(Object.keys(answer.record[0]).sort(), ['_id', '_name', 'dcid', 'first_name', 'grade_level', 'id', 'last_name', 'student_number']);
  });

  it("exits 1 with the 403 NoAccess for a column the plugin lacks; the check's quick fix cures it", async () => {
    const manifest = join(dir, 'roster', 'plugin.xml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\s*<field table="STUDENTS" field="LAST_NAME"[^>]*\/>/, ''));
    const refused = await psdev(['plugin', 'run', 'roster', 'com.example.roster.students.active', '--args', '{"schoolid":"100"}', '--students', '20'], {}, dir);
    assert.equal(refused.code, 1);
    assert.deepEqual(JSON.parse(refused.stdout).errors, [{ code: 'NoAccess', field: 'LAST_NAME', resource: 'Students' }]);
    assert.match(refused.stderr, /answered 403/);

    const fix = grantFix(readPluginFolder(join(dir, 'roster')), [{ table: 'STUDENTS', field: 'LAST_NAME', access: 'ViewOnly' }]);
    assert.ok(fix);
    let text = readFileSync(manifest, 'utf8');
    for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    writeFileSync(manifest, text);
    const cured = await psdev(['plugin', 'run', 'roster', 'com.example.roster.students.active', '--args', '{"schoolid":"100"}', '--students', '20'], {}, dir);
    assert.equal(cured.code, 0, cured.stdout);
  });

  it('exits 1 on a missing argument (400) and refuses unknown queries and bad --args as usage errors', async () => {
    const missing = await psdev(['plugin', 'run', 'roster', 'com.example.roster.students.active', '--students', '5'], {}, dir);
    assert.equal(missing.code, 1);
    assert.match(JSON.parse(missing.stdout).message, /Missing required argument 'schoolid'/);
    const unknown = await psdev(['plugin', 'run', 'roster', 'com.example.nosuch'], {}, dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no query named com\.example\.nosuch \(queries: com\.example\.roster\.students\.active/);
    assert.equal((await psdev(['plugin', 'run', 'roster', 'com.example.roster.students.active', '--args', '[1]'], {}, dir)).code, 2);
  });
});
