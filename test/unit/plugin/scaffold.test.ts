import * as assert from 'node:assert/strict';
import { analyzeSql, grantLookup, readPlugin } from '../../../src/core/plugin';
import { scaffoldPlugin } from '../../../src/core/plugin/scaffold';

describe('core/plugin: scaffoldPlugin (PowerSchool: New Plugin)', () => {
  const { folder, files } = scaffoldPlugin({ name: 'Roster Export & Sync' });
  const plugin = readPlugin(files);

  it('writes plugin.xml, one named query file and one permission mapping file, in the layout PowerSchool expects, that read without findings', () => {
    assert.equal(folder, 'roster_export_sync');
    assert.deepEqual(files.map((file) => file.path).sort(), [
      'permissions_root/roster_export_sync.permission_mappings.xml',
      'plugin.xml',
      'queries_root/roster_export_sync.named_queries.xml',
    ]);
    assert.deepEqual(plugin.findings, []);
  });

  it('plugin.xml has the name (escaped), a version, OAuth, a publisher and a read grant for every column the query reads', () => {
    const manifest = plugin.manifest!;
    assert.equal(manifest.name, 'Roster Export & Sync');
    assert.equal(manifest.version, '1.0.0');
    assert.ok(manifest.oauth);
    assert.equal(manifest.publisher?.contactEmail, 'developer@example.org');
    const granted = grantLookup(manifest.fieldGrants);
    const query = plugin.queries[0]!;
    assert.ok(query.columns.length >= 3);
    for (const column of query.columns) assert.equal(granted(column.table!, column.field), 'ViewOnly', column.mapping);
    for (const reference of analyzeSql(query.sql!.text).columns) assert.equal(granted('STUDENTS', reference.column), 'ViewOnly', `${reference.column} used in the SQL`);
  });

  it('the named query declares every :bind of its SQL as an arg and one <column> per selected expression', () => {
    const query = plugin.queries[0]!;
    assert.equal(query.name, 'com.example.roster_export_sync.students.roster');
    assert.equal(query.flattened, true);
    assert.equal(query.coreTable, 'students');
    const sql = analyzeSql(query.sql!.text);
    assert.deepEqual(query.args.map((arg) => arg.name), [...new Set(sql.binds.map((bind) => bind.name))]);
    assert.ok('items' in sql.selectList);
    assert.equal(query.columns.length, sql.selectList.items.length);
  });

  it('the permission mapping grants the query to a page', () => {
    const [implies] = plugin.permissionMappings[0]!.implies;
    assert.equal(implies!.allow, 'post');
    assert.equal(implies!.queryName, 'com.example.roster_export_sync.students.roster');
  });

  it('derives file and query names a plugin can use from any name, and refuses an empty one', () => {
    const odd = scaffoldPlugin({ name: '  42 Ünïcode—Plugin!  ' }).files;
    assert.ok(odd.some((file) => file.path === 'queries_root/p42_unicode_plugin.named_queries.xml'), odd.map((file) => file.path).join());
    assert.throws(() => scaffoldPlugin({ name: '  ' }), /name/);
  });
});
