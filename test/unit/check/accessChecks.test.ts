import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PsreqAssist } from '../../../src/core/assist';
import { checkPsreq, psreqChecks } from '../../../src/core/check';
import { readPlugin, type GrantedAccess } from '../../../src/core/plugin';
import { PsreqBlocks } from '../../../src/core/psreq';
import { BUILTIN_POWERQUERIES, queryColumnNeeds } from '../../../src/core/schema';
import { startTestSandbox } from '../sandbox/harness';

const manifestOf = (text: string) => readPlugin([{ path: 'plugin.xml', text }]).manifest!;

// real-server-behaviour.md, /ws/schema/table: "a column the plugin was not granted → 403 … NoAccess".
// The editor (and psdev check --plugin) says so before sending, naming the access_request line to add.
const plugin: GrantedAccess = {
  name: 'Roster Names', version: '1', fieldGrants: [
    { table: 'STUDENTS', field: 'DCID', access: 'ViewOnly' },
    { table: 'students', field: 'Last_Name', access: 'ViewOnly' },
    { table: 'U_STUDENTSUSERFIELDS', field: 'TRANSCRIPTADDRCITY', access: 'FullAccess' },
    { table: 'U_STUDENTSUSERFIELDS', field: 'FATHER_NAME', access: 'ViewOnly' },
  ],
};
const findings = async (text: string, known: () => GrantedAccess | undefined = () => plugin) =>
  (await checkPsreq({ parsed: PsreqBlocks.parse(text) }, psreqChecks({ assist: new PsreqAssist(), plugin: known })))
    .filter((finding) => finding.code === 'ungranted-column')
    .map((finding) => [text.slice(finding.start, finding.end), finding.message]);

describe('.psreq checks: columns the connection\'s plugin was not granted', () => {
  it('reports ungranted columns of projection, sort and q, where they are written, naming the missing access_request line', async () => {
    const text = 'GET /ws/schema/table/Students\n    ?projection=dcid,LAST_NAME,first_name\n    &sort=lastfirst\n    &q=enroll_status==0;dcid=gt=1\n';
    assert.deepEqual(await findings(text), [
      ['first_name', `STUDENTS.FIRST_NAME is not granted to plugin 'Roster Names'; add <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
      ['lastfirst', `STUDENTS.LASTFIRST is not granted to plugin 'Roster Names'; add <field table="STUDENTS" field="LASTFIRST" access="ViewOnly"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
      ['enroll_status', `STUDENTS.ENROLL_STATUS is not granted to plugin 'Roster Names'; add <field table="STUDENTS" field="ENROLL_STATUS" access="ViewOnly"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
    ]);
  });

  it('"An unfiltered /count still answers 200": a count is checked for q only; * asks for no column by name', async () => {
    assert.deepEqual(await findings('GET /ws/schema/table/students/count\n'), []);
    assert.deepEqual(await findings('GET /ws/schema/table/students?projection=*\n'), []);
    assert.deepEqual((await findings('GET /ws/schema/table/students/count?q=grade_level==6\n')).map(([at]) => at), ['grade_level']);
  });

  it('a write needs FullAccess: a ViewOnly or ungranted column in the body is named with access="FullAccess"', async () => {
    const text = 'PUT /ws/schema/table/u_studentsuserfields/5001\nContent-Type: application/json\n\n{"tables": {"u_studentsuserfields": {"transcriptaddrcity": "Leysin", "father_name": "X", "grad_day_date_year": "2030"}}}\n';
    assert.deepEqual(await findings(text), [
      ['"father_name"', `U_STUDENTSUSERFIELDS.FATHER_NAME is only ViewOnly for plugin 'Roster Names'; writing it needs <field table="U_STUDENTSUSERFIELDS" field="FATHER_NAME" access="FullAccess"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
      ['"grad_day_date_year"', `U_STUDENTSUSERFIELDS.GRAD_DAY_DATE_YEAR is not granted to plugin 'Roster Names'; add <field table="U_STUDENTSUSERFIELDS" field="GRAD_DAY_DATE_YEAR" access="FullAccess"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
    ]);
  });

  it('checks a record read by id and a URL whose origin is a variable', async () => {
    assert.deepEqual((await findings('@host = http://127.0.0.1\nGET {{host}}/ws/schema/table/students/5001?projection=dcid,gender\n')).map(([at]) => at), ['gender']);
  });

  // real-server-behaviour.md, Plugins: "Every column a PowerQuery touches must be in access_request, or the query fails
  // with a permission error". The built-in queries' columns live in core/schema, so the editor knows them too.
  it('reports the ungranted columns of a built-in PowerQuery at its name, one access_request line each', async () => {
    const name = 'com.pearson.core.student.student_dcid_id_map';
    const text = `POST /ws/schema/query/${name}?pagesize=0\nContent-Type: application/json\n\n{"students_dcid": [1]}\n`;
    assert.deepEqual(await findings(text), [
      [name, `PowerQuery ${name} reads STUDENTS.ID, which is not granted to plugin 'Roster Names'; add <field table="STUDENTS" field="ID" access="ViewOnly"/> in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`],
    ]);
    assert.deepEqual((await findings(`POST {{host}}/ws/schema/query/${name.toUpperCase()}/count\n`)).map(([at]) => at), [name.toUpperCase()]);
    const granted: GrantedAccess = { ...plugin, fieldGrants: [...plugin.fieldGrants, { table: 'STUDENTS', field: 'ID', access: 'ViewOnly' }] };
    assert.deepEqual(await findings(text, () => granted), []);
    assert.deepEqual(await findings('POST /ws/schema/query/com.example.plugin.own_query\n'), [], 'a query not built in: its columns are not known here');
    assert.deepEqual(await findings(`GET /ws/schema/query/${name}\n`), [], 'only POST runs a query');
  });

  it('names exactly the columns the sandbox refuses with 403 NoAccess, for every built-in PowerQuery', async () => {
    const t = await startTestSandbox({ students: 20, schools: 1, plugin });
    try {
      for (const query of BUILTIN_POWERQUERIES) {
        const editor = (await findings(`POST /ws/schema/query/${query.name}\n`)).map(([, message]) => /reads (\S+),/.exec(message!)![1]).sort();
        const answer = await t.send('POST', `/ws/schema/query/${query.name}`, {});
        const refused = answer.status === 403 ? (answer.body.errors as { resource: string; field: string }[]).map((error) => `${error.resource}.${error.field}`.toUpperCase()).sort() : [];
        assert.deepEqual(editor, refused, query.name);
        assert.equal(editor.length, queryColumnNeeds(query).filter(({ table, field }) => !plugin.fieldGrants.some((grant) => grant.table.toUpperCase() === table.toUpperCase() && grant.field.toUpperCase() === field.toUpperCase())).length);
      }
    } finally {
      await t.sandbox.close();
    }
  });

  it('says nothing when the plugin is not known', async () => {
    assert.deepEqual(await findings('GET /ws/schema/table/students?projection=first_name\n', () => undefined), []);
  });

  it('flags exactly the request examples/no-access.psreq says is refused, as the plugin in examples/no-access', async () => {
    const text = readFileSync(join('examples', 'no-access.psreq'), 'utf8');
    const restricted = manifestOf(readFileSync(join('examples', 'no-access', 'plugin.xml'), 'utf8'));
    const found = await findings(text, () => restricted);
    assert.deepEqual(found.map(([at]) => at), ['first_name']);
    assert.match(found[0]![1]!, /add <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"\/>/);
  });
});
