import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pluginFolderFiles, readPlugin, readPluginFolder, type Plugin } from '../../../src/core/plugin';
import { standardCatalog } from '../../../src/sandbox/catalog/catalog';
import { basic, startTestSandbox, type TestSandbox } from './harness';

const exampleDir = join(process.cwd(), 'examples', 'plugin');
const active = '/ws/schema/query/com.example.roster.students.active';
const enrollments = '/ws/schema/query/com.example.roster.sections.enrollments';
const followUp = '/ws/schema/query/com.example.roster.students.follow_up';

/** The example plugin with its files edited: `edit(path, text)` returns the new text. */
function editedExample(edit: (path: string, text: string) => string): Plugin {
  return readPlugin(pluginFolderFiles(exampleDir).map((file) => ({ path: file.path, text: edit(file.path, file.text) })));
}

async function pluginToken(t: TestSandbox, index: number): Promise<string> {
  const { clientId, clientSecret } = t.sandbox.plugins[index]!;
  const response = await fetch(`${t.sandbox.url}/oauth/access_token`, {
    method: 'POST',
    headers: { Authorization: basic(clientId, clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('sandbox installs plugins', () => {
  let t: TestSandbox;
  let token: string;
  const narrow = editedExample((path, text) => (path === 'plugin.xml' ? text.replace(/\s*<field table="STUDENTS" field="LAST_NAME"[^>]*\/>/, '').replace('field="NOTE" access="FullAccess"', 'field="NOTE" access="ViewOnly"').replace('name="Roster Export"', 'name="Roster Narrow"') : path.startsWith('queries_root') ? text.replace(/com\.example\.roster/g, 'com.example.narrow') : text));
  const unsupported = editedExample((path, text) => (path === 'plugin.xml' ? text.replace('name="Roster Export"', 'name="Roster Rownum"')
    : path.startsWith('queries_root') ? text.replace(/com\.example\.roster/g, 'com.example.rownum').replace('ORDER BY s.last_name, s.first_name', 'AND ROWNUM <= 5 ORDER BY s.last_name')
      .replace('TO_CHAR(cc.dateenrolled, \'YYYY-MM-DD\')', 'PS_UNKNOWN_FN(cc.dateenrolled)') : text));

  before(async () => {
    t = await startTestSandbox({ plugins: [readPluginFolder(exampleDir), narrow, unsupported] });
    token = await pluginToken(t, 0);
  });
  after(() => t.sandbox.close());

  it('gives each plugin its own client id and secret, the default client unchanged', async () => {
    assert.deepEqual(t.sandbox.plugins.map((plugin) => [plugin.name, plugin.clientId]), [['Roster Export', 'psdev-plugin-roster-export'], ['Roster Narrow', 'psdev-plugin-roster-narrow'], ['Roster Rownum', 'psdev-plugin-roster-rownum']]);
    assert.notEqual(t.sandbox.plugins[0]!.clientSecret, t.sandbox.plugins[1]!.clientSecret);
    assert.equal((await t.send('POST', `${active}/count`, { schoolid: '100' })).status, 200, 'the default client sees the installed queries');
    assert.equal((await t.send('POST', `${active}/count`, { schoolid: '100' }, 'not-a-token')).status, 401);
  });

  it('every query of examples/plugin runs and returns its declared columns', async () => {
    const school = (await t.get('/ws/v1/district/school')).body.schools.school[0].school_number;
    const students = await t.send('POST', `${active}?pagesize=0`, { schoolid: String(school) }, token);
    assert.equal(students.status, 200, students.text);
    assert.ok(students.body.record.length > 10);
    assert.deepEqual(Object.keys(students.body.record[0]).sort(), ['_id', '_name', 'dcid', 'first_name', 'grade_level', 'id', 'last_name', 'student_number']);
    const names = students.body.record.map((record: any) => `${record.last_name}, ${record.first_name}`);
    assert.deepEqual(names, [...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)), 'the SQL\'s ORDER BY stands');
    const count = await t.send('POST', `${active}/count`, { schoolid: String(school) }, token);
    assert.equal(count.body.count, students.body.record.length);

    const term = Number((await t.get('/ws/schema/table/cc?projection=termid&pagesize=1')).body.record[0].tables.cc.termid);
    const enrolled = await t.send('POST', `${enrollments}?pagesize=5`, { termid: String(Math.abs(term)), grade_levels: [9, '10', 11, 12] }, token);
    assert.equal(enrolled.status, 200, enrolled.text);
    assert.equal(enrolled.body.record.length, 5);
    assert.deepEqual(Object.keys(enrolled.body.record[0].tables).sort(), ['cc', 'courses', 'sections', 'students']);
    assert.match(enrolled.body.record[0].tables.cc.dateenrolled, /^\d{4}-\d{2}-\d{2}$/);
    const none = await t.send('POST', enrollments, { termid: String(Math.abs(term)), grade_levels: [99] }, token);
    assert.deepEqual(none.body, { '@extensions': '' }, 'array arg bound into IN (…)');

    const dcid = Number(students.body.record[0].dcid);
    // The plugin is not granted the key column studentsdcid, so the (all-granted) default client writes the note.
    const written = await t.send('POST', '/ws/schema/table/u_roster_notes', { tables: { u_roster_notes: { studentsdcid: dcid, note: 'call home', category: 'attendance', follow_up: 1 } } });
    assert.equal(written.status, 200, written.text);
    const notes = await t.send('POST', followUp, {}, token);
    assert.deepEqual(notes.body.record, [{ dcid: String(dcid), category: 'attendance', note: 'call home', _name: 'students', _id: dcid }]);
  });

  it('user_schema_root tables exist and accept /ws/schema/table reads and writes', async () => {
    const metadata = await t.get('/ws/schema/table/u_roster_notes/metadata', token);
    assert.equal(metadata.status, 200, metadata.text);
    const read = await t.get('/ws/schema/table/u_roster_notes?projection=note,category', token);
    assert.equal(read.status, 200, read.text);
    assert.ok(standardCatalog().table('u_roster_notes') === undefined, 'the table comes from the plugin, not the catalog');
  });

  it("enforces the calling plugin's grants: 403 NoAccess naming the column it lacks", async () => {
    const refused = await t.send('POST', '/ws/schema/query/com.example.narrow.students.active', { schoolid: '1' }, await pluginToken(t, 1));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body.errors, [{ code: 'NoAccess', field: 'LAST_NAME', resource: 'Students' }]);
    const viewOnlyWrite = await t.send('POST', '/ws/schema/table/u_roster_notes', { tables: { u_roster_notes: { note: 'x' } } }, await pluginToken(t, 1));
    assert.equal(viewOnlyWrite.status, 403, 'a ViewOnly grant reads but does not write');
    assert.deepEqual(viewOnlyWrite.body.errors, [{ code: 'NoAccess', field: 'note', resource: 'U_roster_notes' }]);
    const granted = await t.send('POST', '/ws/schema/table/u_roster_notes', { tables: { u_roster_notes: { category: 'x' } } }, await pluginToken(t, 1));
    assert.equal(granted.status, 200, granted.text);
    assert.equal((await t.send('POST', '/ws/schema/query/com.example.narrow.students.active', { schoolid: '1' })).status, 200, 'the default client has every grant');
  });

  it('checks args: required, by type, and unknown ones', async () => {
    const missing = await t.send('POST', active, {}, token);
    assert.equal(missing.status, 400);
    assert.match(missing.body.message, /Missing required argument 'schoolid'/);
    const notArray = await t.send('POST', enrollments, { termid: '1', grade_levels: 9 }, token);
    assert.equal(notArray.status, 400);
    assert.match(notArray.body.message, /'grade_levels' must be an array/);
    assert.equal((await t.send('POST', active, { schoolid: '1', nosuch: 1 }, token)).status, 400);
  });

  it('answers SQL it cannot run with a 400 naming the construct, and lists it at install', async () => {
    const refused = await t.send('POST', '/ws/schema/query/com.example.rownum.students.active', { schoolid: '1' }, await pluginToken(t, 2));
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /cannot run ROWNUM/);
    assert.deepEqual(t.sandbox.plugins[2]!.unsupportedQueries.map((query) => query.name), ['com.example.rownum.students.active']);
  });

  it('answers a function neither Oracle-emulated nor SQLite\'s with a 400 naming it, not a 500', async () => {
    const refused = await t.send('POST', '/ws/schema/query/com.example.rownum.sections.enrollments', { termid: '1' }, await pluginToken(t, 2));
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.body.message, /^The sandbox cannot run the function PS_UNKNOWN_FN\(\)/);
    assert.deepEqual(refused.body.errors, [{ resource: 'com.example.rownum.sections.enrollments', field: 'sql', code: 'UNSUPPORTED_SQL' }]);
  });

  it('lists the installed queries in the Swagger document and the access list', async () => {
    const swagger = await t.get('/ws/schema/query/api', token);
    assert.ok(swagger.body.paths[followUp], 'the plugin query is listed');
    const access = await t.get('/ws/powerqueryaccesslist/com.example.roster.students.follow_up', token);
    assert.deepEqual(access.body.access_request.field.map((field: any) => `${field.table}.${field.field}`), ['STUDENTS.DCID', 'U_ROSTER_NOTES.CATEGORY', 'U_ROSTER_NOTES.NOTE']);
  });
  it('lists each installed plugin with its permission mappings at GET /ws/psdev/plugins (read-only, no secrets)', async () => {
    const listed = await t.get('/ws/psdev/plugins', token);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.plugins.map((plugin: any) => [plugin.name, plugin.client_id, plugin.permission_mappings.length]), [['Roster Export', 'psdev-plugin-roster-export', 1], ['Roster Narrow', 'psdev-plugin-roster-narrow', 1], ['Roster Rownum', 'psdev-plugin-roster-rownum', 1]]);
    assert.deepEqual(listed.body.plugins[0].permission_mappings[0], {
      page: '/admin/roster_export/home.html',
      file: 'permissions_root/roster.permission_mappings.xml',
      implies: [
        { allow: 'post', target: '/ws/schema/query/com.example.roster.students.active' },
        { allow: 'post', target: '/ws/schema/query/com.example.roster.sections.enrollments' },
        { allow: 'post', target: '/ws/schema/query/com.example.roster.students.follow_up' },
        { allow: 'get', target: '/ws/schema/table/U_ROSTER_NOTES' },
      ],
    });
    assert.ok(!listed.text.includes(t.sandbox.plugins[0]!.clientSecret), 'no client secret in the listing');
    assert.equal((await t.get('/ws/psdev/plugins')).status, 200, 'the default client reads it too');
    assert.equal((await t.send('POST', '/ws/psdev/plugins', {}, token)).status, 405, 'read-only');
  });
});
