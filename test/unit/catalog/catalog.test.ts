import * as assert from 'node:assert/strict';
import type { PowerSchoolClient } from '../../../src/core/client';
import { catalogKeys, columnTypeText, SchemaCatalog, snapshotVersion, type CatalogSnapshot } from '../../../src/core/catalog';
import type { SandboxHandle } from '../../../src/sandbox';
import { gated, recording, sandboxClient } from './sandboxHarness';

describe('catalog: SchemaCatalog against the sandbox', () => {
  let sandbox: SandboxHandle;
  let client: PowerSchoolClient;

  before(async () => {
    ({ sandbox, client } = await sandboxClient());
  });
  after(() => sandbox.close());

  const fresh = (transport = recording(client)) => ({ transport, catalog: new SchemaCatalog(transport, { identity: sandbox.url }) });

  it('lists areas and the tables of an area, alphabetical', async () => {
    const { catalog } = fresh();
    const areas = await catalog.areas();
    const students = areas.find((area) => area.name === 'Students');
    assert.ok(students, `areas: ${areas.map((area) => area.name).join(', ')}`);
    assert.deepEqual(students.subareas, []);
    const tables = await catalog.areaTables('Students');
    assert.ok(tables.some((table) => table.name === 'STUDENTS'));
    assert.deepEqual(tables.map((table) => table.name), [...tables.map((table) => table.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('lists every table alphabetically with comment and primary key', async () => {
    const { catalog } = fresh();
    const tables = await catalog.tables();
    assert.ok(tables.length > 80, `${tables.length} tables`);
    const names = tables.map((table) => table.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const students = tables.find((table) => table.name === 'STUDENTS');
    assert.equal(students?.primaryKey, 'dcid');
    assert.match(students?.comment ?? '', /student/i);
  });

  it('reads a table\'s columns with type, length, key, nullability and access', async () => {
    const { catalog } = fresh();
    const students = await catalog.table('STUDENTS');
    assert.equal(students.name, 'STUDENTS');
    assert.ok(students.columns.length >= 150, `${students.columns.length} columns`);
    const dcid = students.columns.find((column) => column.name === 'dcid');
    assert.deepEqual({ key: dcid?.key, nullable: dcid?.nullable }, { key: true, nullable: false });
    const lastName = students.columns.find((column) => column.name === 'last_name');
    assert.ok(lastName);
    assert.equal(lastName.key, false);
    assert.match(columnTypeText(lastName), /^VARCHAR2\(\d+\)$/);
    assert.equal(lastName.access, 'ViewOnly');
    assert.deepEqual(students.actions, ['GET']);
    assert.equal(students.columns.filter((column) => column.key).length, 1);
  });

  it('reads PowerQueries from the Swagger listing with arguments and columns', async () => {
    const { catalog } = fresh();
    const queries = await catalog.powerQueries();
    assert.equal(queries.length, 17);
    const guardian = queries.find((query) => query.name === 'com.pearson.core.guardian.student_guardian_detail');
    assert.ok(guardian);
    assert.equal(guardian.namespace, 'com.pearson.core.guardian');
    assert.deepEqual(guardian.args.map((arg) => [arg.name, arg.type, arg.required]), [['guardian_id', 'array', false], ['students_dcid', 'array', false]]);
    assert.ok(guardian.columns.includes('students.dcid'));
    const yearid = queries.find((query) => query.name === 'com.pearson.core.terms.yearid');
    assert.deepEqual(yearid?.args.map((arg) => [arg.name, arg.type, arg.required]), [['schoolid', 'number', true], ['currentdate', 'date', true]]);
    const namespaces = await catalog.namespaces();
    assert.ok(namespaces.some((namespace) => namespace.name === 'com.pearson.core.terms' && namespace.queries.length >= 2));
    assert.equal(namespaces.reduce((sum, namespace) => sum + namespace.queries.length, 0), 17);
  });

  it('reads /ws/v1/metadata as key/value rows', async () => {
    const { catalog } = fresh();
    const metadata = await catalog.metadata();
    const version = metadata.find((entry) => entry.key === 'powerschool_version');
    assert.ok(version?.value, JSON.stringify(metadata));
    assert.equal(metadata.find((entry) => entry.key === 'schema_table_query_max_page_size')?.value, '100');
  });

  it('fetches each part once; concurrent asks share one request', async () => {
    const { catalog, transport } = fresh();
    const [a, b] = await Promise.all([catalog.tables(), catalog.tables()]);
    assert.equal(a, b);
    await catalog.tables();
    await catalog.table('students');
    await catalog.table('STUDENTS');
    assert.deepEqual(transport.calls, ['/ws/schema/table', '/ws/schema/table/students/metadata']);
  });

  it('invalidate drops a part and what lies under it, and tells the host', async () => {
    let changes = 0;
    const transport = recording(client);
    const catalog = new SchemaCatalog(transport, { identity: sandbox.url, onDidChange: () => changes++ });
    await catalog.tables();
    await catalog.table('students');
    await catalog.metadata();
    assert.equal(changes, 3);
    catalog.invalidate(catalogKeys.tables);
    assert.equal(changes, 4);
    assert.equal(catalog.peek(catalogKeys.tables), undefined);
    assert.equal(catalog.peek(catalogKeys.table('students')), undefined);
    assert.ok(catalog.peek(catalogKeys.metadata), 'metadata is not under tables');
    await catalog.table('students');
    assert.equal(transport.calls.filter((path) => path.endsWith('/students/metadata')).length, 2);
  });

  it('a refresh during a fetch wins: the older answer is not cached', async () => {
    const transport = gated(client);
    const catalog = new SchemaCatalog(transport, { identity: sandbox.url });
    const first = catalog.tables();
    catalog.invalidate(catalogKeys.tables);
    transport.release();
    assert.ok((await first).length > 0, 'the caller still gets its answer');
    assert.equal(catalog.peek(catalogKeys.tables), undefined);
  });

  it('reloads from a snapshot with no request at all, after a JSON round trip', async () => {
    const { catalog } = fresh();
    await catalog.tables();
    await catalog.table('students');
    await catalog.powerQueries();
    const stored = JSON.parse(JSON.stringify(catalog.snapshot())) as CatalogSnapshot;
    const offline = { calls: [] as string[], getJson: (path: string) => { offline.calls.push(path); return Promise.reject(new Error('server down')); } };
    const reloaded = new SchemaCatalog(offline, { identity: sandbox.url, snapshot: stored });
    assert.deepEqual(await reloaded.tables(), await catalog.tables());
    assert.deepEqual((await reloaded.table('STUDENTS')).columns, (await catalog.table('students')).columns);
    assert.equal((await reloaded.searchItems()).length, (await catalog.searchItems()).length);
    assert.deepEqual(offline.calls, []);
    await assert.rejects(reloaded.metadata(), /server down/);
  });

  it('ignores a snapshot of another server or of another version', async () => {
    const { catalog } = fresh();
    await catalog.tables();
    const snapshot = catalog.snapshot();
    assert.equal(snapshot.version, snapshotVersion);
    const other = new SchemaCatalog(recording(client), { identity: 'https://elsewhere.example', snapshot });
    assert.equal(other.peek(catalogKeys.tables), undefined);
    const older = new SchemaCatalog(recording(client), { identity: sandbox.url, snapshot: { ...snapshot, version: snapshotVersion + 1 } });
    assert.equal(older.peek(catalogKeys.tables), undefined);
    const garbage = new SchemaCatalog(recording(client), { identity: sandbox.url, snapshot: 'not json at all' });
    assert.equal(garbage.peek(catalogKeys.tables), undefined);
  });

  it('rejects with a readable reason when a table does not exist, and caches nothing', async () => {
    const { catalog } = fresh();
    await assert.rejects(catalog.table('NO_SUCH_TABLE'), /404|not found/i);
    assert.equal(catalog.peek(catalogKeys.table('NO_SUCH_TABLE')), undefined);
  });
});

describe('catalog: a server that is down', () => {
  it('rejects with the reason; a later call tries again', async () => {
    const { sandbox, client } = await sandboxClient();
    await sandbox.close();
    const transport = recording(client);
    const catalog = new SchemaCatalog(transport, { identity: 'closed' });
    await assert.rejects(catalog.tables(), (error: Error) => /ECONNREFUSED|connect|reach|fetch failed/i.test(error.message));
    await assert.rejects(catalog.tables());
    assert.equal(transport.calls.length, 2, 'a failure is not cached');
  });
});

describe('catalog: the large sandbox catalog', () => {
  let sandbox: SandboxHandle;
  let client: PowerSchoolClient;
  before(async () => {
    ({ sandbox, client } = await sandboxClient({ catalog: 'large', students: 3 }));
  });
  after(() => sandbox.close());

  it('lists about 1,000 tables and a 400-column table', async () => {
    const catalog = new SchemaCatalog(client, { identity: sandbox.url });
    const tables = await catalog.tables();
    assert.ok(tables.length >= 990, `${tables.length} tables`);
    const wide = tables.find((table) => table.name === 'S_AL_STU_X');
    assert.ok(wide);
    const metadata = await catalog.table(wide.name);
    assert.equal(metadata.columns.length, 400);
    assert.equal(metadata.columns[0]?.key, true);
  });
});
