import * as assert from 'node:assert/strict';
import { localName, parsePluginXml, parseXml, type XmlElement } from '../../../src/core/plugin';
import { scaffoldPlugin, type ScaffoldedFile } from '../../../src/core/plugin/scaffold';

function fileOf(files: readonly ScaffoldedFile[], pattern: RegExp): ScaffoldedFile {
  const file = files.find((candidate) => pattern.test(candidate.path));
  assert.ok(file, `a file matching ${pattern} among ${files.map((candidate) => candidate.path).join(', ')}`);
  return file;
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(localName(child) === name ? [child] : []), ...descendants(child, name)]);
}

describe('core/plugin: scaffoldPlugin (PowerSchool: New Plugin)', () => {
  const { folder, files } = scaffoldPlugin({ name: 'Roster Export & Sync' });

  it('writes plugin.xml, one named query file and one permission mapping file, in the layout PowerSchool expects', () => {
    assert.equal(folder, 'roster_export_sync');
    assert.deepEqual(files.map((file) => file.path).sort(), [
      'permissions_root/roster_export_sync.permission_mappings.xml',
      'plugin.xml',
      'queries_root/roster_export_sync.named_queries.xml',
    ]);
  });

  it('plugin.xml has the name (escaped), a version, OAuth and a grant for every column the query reads', () => {
    const plugin = parsePluginXml(fileOf(files, /^plugin\.xml$/).text);
    assert.equal(plugin.name, 'Roster Export & Sync');
    assert.equal(plugin.version, '1.0.0');
    const root = parseXml(fileOf(files, /^plugin\.xml$/).text);
    assert.equal(root.attributes.xmlns, 'http://plugin.powerschool.pearson.com');
    assert.equal(descendants(root, 'oauth').length, 1);
    assert.equal(descendants(root, 'contact').length, 1);

    const queries = parseXml(fileOf(files, /named_queries/).text);
    const columns = descendants(queries, 'column').map((column) => column.attributes.column!.toUpperCase());
    const granted = new Set(plugin.fieldGrants.map((grant) => `${grant.table}.${grant.field}`.toUpperCase()));
    assert.ok(columns.length >= 3);
    for (const column of columns) assert.ok(granted.has(column), `${column} is granted`);
    assert.ok(plugin.fieldGrants.every((grant) => grant.access === 'ViewOnly'), 'a new plugin reads only');
  });

  it('the named query declares every :bind of its SQL as an arg and one <column> per selected expression', () => {
    const queries = parseXml(fileOf(files, /named_queries/).text);
    assert.equal(localName(queries), 'queries');
    const [query] = descendants(queries, 'query');
    assert.equal(query!.attributes.name, 'com.example.roster_export_sync.students.roster');
    assert.equal(query!.attributes.flattened, 'true');
    assert.equal(query!.attributes.coreTable, 'students');
    const sql = descendants(query!, 'sql')[0]!.text;
    const binds = [...sql.matchAll(/:(\w+)/g)].map((match) => match[1]);
    assert.deepEqual(descendants(query!, 'arg').map((arg) => arg.attributes.name), [...new Set(binds)]);
    const selected = /select([\s\S]*?)\bfrom\b/i.exec(sql)![1]!.split(',');
    assert.equal(descendants(query!, 'column').length, selected.length);
  });

  it('the permission mapping grants the query to a page', () => {
    const mappings = parseXml(fileOf(files, /permission_mappings/).text);
    assert.equal(localName(mappings), 'permission_mappings');
    const [implies] = descendants(mappings, 'implies');
    assert.equal(implies!.attributes.allow, 'post');
    assert.equal(implies!.text.trim(), '/ws/schema/query/com.example.roster_export_sync.students.roster');
  });

  it('derives file and query names a plugin can use from any name, and refuses an empty one', () => {
    const odd = scaffoldPlugin({ name: '  42 Ünïcode—Plugin!  ' }).files;
    assert.ok(odd.some((file) => file.path === 'queries_root/p42_unicode_plugin.named_queries.xml'), odd.map((file) => file.path).join());
    assert.throws(() => scaffoldPlugin({ name: '  ' }), /name/);
  });
});
