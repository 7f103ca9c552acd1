import * as assert from 'node:assert/strict';
import { accessRequestEdit, argDeclarationEdit, type TextEdit } from '../../../../src/core/plugin/assist/fixes';
import { readPlugin } from '../../../../src/core/plugin';

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

const grantsOf = (pluginXml: string) => readPlugin([{ path: 'plugin.xml', text: pluginXml }]).manifest!.fieldGrants.map(({ table, field, access }) => ({ table, field, access }));
const grant = (table: string, field: string) => ({ table, field, access: 'ViewOnly' as const });

describe('core/plugin/assist: quick-fix edits', () => {
  const plugin = [
    '<plugin xmlns="http://plugin.powerschool.pearson.com" name="P" version="1" description="d">',
    '    <oauth/>',
    '    <access_request>',
    '        <field table="STUDENTS" field="DCID" access="ViewOnly"/>',
    '    </access_request>',
    '</plugin>',
    '',
  ].join('\n');

  it('adds the missing <field> lines before </access_request>, indented like the file, skipping ones already granted in any case', () => {
    const fixed = apply(plugin, accessRequestEdit(plugin, [grant('students', 'dcid'), grant('students', 'last_name'), grant('CC', 'SECTIONID'), grant('Students', 'Last_Name')]));
    assert.equal(fixed, plugin.replace('    </access_request>', [
      '        <field table="STUDENTS" field="LAST_NAME" access="ViewOnly"/>',
      '        <field table="CC" field="SECTIONID" access="ViewOnly"/>',
      '    </access_request>',
    ].join('\n')));
    assert.equal(grantsOf(fixed).length, 3);
  });

  it('nothing to do when every grant is listed', () => {
    assert.equal(accessRequestEdit(plugin, [grant('Students', 'Dcid')]), undefined);
  });

  it('opens up an empty <access_request/>, and adds a block before </plugin> when there is none (tabs kept)', () => {
    const empty = plugin.replace(/<access_request>[\s\S]*<\/access_request>/, '<access_request/>');
    assert.equal(grantsOf(apply(empty, accessRequestEdit(empty, [grant('CC', 'ID')]))).length, 1);
    const none = '<plugin name="P" version="1">\n\t<oauth/>\n</plugin>\n';
    const fixed = apply(none, accessRequestEdit(none, [grant('CC', 'ID')]));
    assert.equal(fixed, '<plugin name="P" version="1">\n\t<oauth/>\n\t<access_request>\n\t\t<field table="CC" field="ID" access="ViewOnly"/>\n\t</access_request>\n</plugin>\n');
  });

  it('breaks a one-line <access_request>…</access_request> to add lines', () => {
    const oneLine = '<plugin name="P" version="1">\n  <access_request><field table="CC" field="ID" access="ViewOnly"/></access_request>\n</plugin>';
    assert.deepEqual(grantsOf(apply(oneLine, accessRequestEdit(oneLine, [grant('CC', 'TERMID')]))).map((each) => each.field), ['ID', 'TERMID']);
  });

  const queries = [
    '<queries>',
    '  <query name="a.b.c" flattened="true">',
    '    <args>',
    '      <arg name="schoolid" type="primitive" required="true"/>',
    '    </args>',
    '    <columns><column column="STUDENTS.ID">id</column></columns>',
    '    <sql><![CDATA[select id from students where schoolid = :schoolid and grade_level = :grade]]></sql>',
    '  </query>',
    '</queries>',
  ].join('\n');
  const argNames = (text: string) => readPlugin([{ path: 'queries_root/q.named_queries.xml', text }]).queries[0]!.args.map((arg) => arg.name);

  it('declares a missing arg inside <args>, indented like its siblings', () => {
    const fixed = apply(queries, argDeclarationEdit(queries, queries.indexOf('<query'), queries.indexOf('</query>'), 'grade'));
    assert.deepEqual(argNames(fixed), ['schoolid', 'grade']);
    assert.ok(fixed.includes('\n      <arg name="grade" type="primitive" required="true" description=""/>\n    </args>'));
  });

  it('adds <args> before <columns> when the query has none, and fills an empty <args/>', () => {
    const without = queries.replace(/<args>[\s\S]*?<\/args>\n {4}/, '');
    const fixed = apply(without, argDeclarationEdit(without, without.indexOf('<query'), without.indexOf('</query>'), 'grade'));
    assert.deepEqual(argNames(fixed), ['grade']);
    assert.ok(fixed.indexOf('<args>') < fixed.indexOf('<columns>'));
    const empty = queries.replace(/<args>[\s\S]*?<\/args>/, '<args/>');
    assert.deepEqual(argNames(apply(empty, argDeclarationEdit(empty, empty.indexOf('<query'), empty.indexOf('</query>'), 'grade'))), ['grade']);
  });
});
