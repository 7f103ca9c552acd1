import * as assert from 'node:assert/strict';
import { createPluginReader, memoizedSqlAnalysis, readPlugin } from '../../../src/core/plugin';

// plugin-corpus-facts.md, "Surprises worth a test case each": four column forms, coreTable missing
// or empty or any case, summary instead of description, tags, a <script> in a CDATA description.
const queries = `<queries>
\t<!-- Tolland writes <column>T.C</column>; NW-RESA column="ID"; ISA a fake table -->
\t<query name="com.example.roster.students.active" coreTable="Students" flattened="true" tags="clever,all">
\t\t<summary>Active students</summary>
\t\t<description><![CDATA[<script>var picker = 1;</script>]]></description>
\t\t<args>
\t\t\t<arg name="schoolid" type="primitive" required="true" description="school"/>
\t\t\t<arg name="terms" type="array" required="false" default="0"/>
\t\t</args>
\t\t<columns>
\t\t\t<column column="STUDENTS.DCID">students.dcid</column>
\t\t\t<column column="ID">id</column>
\t\t\t<column>STUDENTS.LAST_NAME</column>
\t\t\t<column column="TrackerSG.01StudentNumber" description="fake">student_number</column>
\t\t</columns>
\t\t<sql><![CDATA[SELECT s.dcid, s.id, s.last_name, s.student_number
FROM students s WHERE s.schoolid = :schoolid AND s.enroll_status = 0]]></sql>
\t</query>
\t<query name="ican.att_ytd" flattened="false"><columns/><sql>SELECT 1 FROM dual</sql></query>
</queries>`;

describe('core/plugin: readPlugin, named queries', () => {
  const plugin = readPlugin([{ path: 'queries_root/roster.named_queries.xml', text: queries }]);
  const [query, second] = plugin.queries;

  it('reads name, coreTable as written, flattened, tags, summary and a CDATA description', () => {
    assert.equal(query!.name, 'com.example.roster.students.active');
    assert.equal(query!.coreTable, 'Students');
    assert.equal(query!.flattened, true);
    assert.deepEqual(query!.tags, ['clever', 'all']);
    assert.equal(query!.summary?.value, 'Active students');
    assert.equal(query!.description?.value, '<script>var picker = 1;</script>');
    assert.equal(second!.coreTable, undefined);
    assert.equal(second!.flattened, false);
    assert.deepEqual(plugin.findings.filter((finding) => finding.severity === 'error'), []);
  });

  it('reads args with type, required and default', () => {
    assert.deepEqual(query!.args.map(({ name, type, required, default: fallback }) => ({ name, type, required, fallback })), [
      { name: 'schoolid', type: 'primitive', required: true, fallback: undefined },
      { name: 'terms', type: 'array', required: false, fallback: '0' },
    ]);
  });

  it('reads the four ways real plugins write a column mapping', () => {
    assert.deepEqual(query!.columns.map(({ mapping, table, field, outputName, form }) => ({ mapping, table, field, outputName, form })), [
      { mapping: 'STUDENTS.DCID', table: 'STUDENTS', field: 'DCID', outputName: 'students.dcid', form: 'attribute' },
      { mapping: 'ID', table: undefined, field: 'ID', outputName: 'id', form: 'attribute' },
      { mapping: 'STUDENTS.LAST_NAME', table: 'STUDENTS', field: 'LAST_NAME', outputName: 'STUDENTS.LAST_NAME', form: 'text' },
      { mapping: 'TrackerSG.01StudentNumber', table: 'TrackerSG', field: '01StudentNumber', outputName: 'student_number', form: 'attribute' },
    ]);
    const third = query!.columns[2]!;
    assert.equal(queries.slice(third.mappingRange.start.offset, third.mappingRange.end.offset), 'STUDENTS.LAST_NAME');
  });

  it('keeps the SQL exactly as in the file, with the offset of its first character', () => {
    const sql = query!.sql!;
    assert.ok(sql.exact);
    assert.equal(queries.slice(sql.offset, sql.offset + sql.text.length), sql.text);
    assert.match(sql.text, /^SELECT s\.dcid/);
    assert.equal(sql.range.start.line, 15);
    assert.equal(second!.sql!.text, 'SELECT 1 FROM dual');
    assert.equal(queries.slice(second!.sql!.offset, second!.sql!.offset + 18), 'SELECT 1 FROM dual');
  });
});

describe('core/plugin: readPlugin, permission mappings and extensions', () => {
  const plugin = readPlugin([
    { path: 'permissions_root/roster.permission_mappings.xml', text: `<permission_mappings>
  <permission name="/admin/roster.html">
    <implies allow="post">/ws/schema/query/com.example.roster.students.active</implies>
    <implies allow="get">/ws/schema/table/U_ROSTER_NOTES</implies>
  </permission>
</permission_mappings>` },
    { path: 'user_schema_root/u_roster.xml', text: `<psExtension xmlns="http://www.powerschool.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.powerschool.com psextension.xsd">
  <extensionname>U_Roster</extensionname>
  <extendedTable dbTableName="U_ROSTER_NOTES" coreTable="STUDENTS" childName="notes" comment="notes">
    <field name="NOTE" type="String" length="4000" description="the note"/>
    <field name="SEEN" type="Boolean" comment="seen"/>
  </extendedTable>
</psExtension>` },
  ]);

  it('reads each permission page with its implies (post, get; query targets named)', () => {
    const [mapping] = plugin.permissionMappings;
    assert.equal(mapping!.page, '/admin/roster.html');
    assert.deepEqual(mapping!.implies.map(({ allow, target, queryName }) => [allow, target.value, queryName]), [
      ['post', '/ws/schema/query/com.example.roster.students.active', 'com.example.roster.students.active'],
      ['get', '/ws/schema/table/U_ROSTER_NOTES', undefined],
    ]);
  });

  it('reads extension tables and their fields', () => {
    const [extension] = plugin.extensions;
    assert.equal(extension!.name?.value, 'U_Roster');
    assert.deepEqual(extension!.tables.map(({ name, coreTable, childName }) => ({ name, coreTable, childName })), [{ name: 'U_ROSTER_NOTES', coreTable: 'STUDENTS', childName: 'notes' }]);
    assert.deepEqual(extension!.tables[0]!.fields.map(({ name, type, length, description }) => ({ name, type, length, description })), [
      { name: 'NOTE', type: 'String', length: '4000', description: 'the note' },
      { name: 'SEEN', type: 'Boolean', length: undefined, description: 'seen' },
    ]);
  });
});

describe('core/plugin: re-reading after an edit', () => {
  it('createPluginReader parses only files whose text changed; memoizedSqlAnalysis analyses a text once', () => {
    const read = createPluginReader();
    const files = [{ path: 'queries_root/a.named_queries.xml', text: queries }, { path: 'plugin.xml', text: '<plugin name="p" version="1" description="d"><publisher name="x"/></plugin>' }];
    const first = read(files);
    const second = read([files[0]!, { path: 'plugin.xml', text: files[1]!.text.replace('name="p"', 'name="q"') }]);
    assert.equal(second.queries[0], first.queries[0]);
    assert.notEqual(second.manifest, first.manifest);
    assert.equal(second.manifest!.name, 'q');
    const analyze = memoizedSqlAnalysis(2);
    const analysis = analyze('SELECT 1 FROM dual');
    assert.equal(analyze('SELECT 1 FROM dual'), analysis);
    analyze('SELECT 2 FROM dual');
    analyze('SELECT 3 FROM dual');
    assert.notEqual(analyze('SELECT 1 FROM dual'), analysis);
  });
});
