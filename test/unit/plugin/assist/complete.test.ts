import * as assert from 'node:assert/strict';
import type { AssistCompletion } from '../../../../src/core/assist';
import { completeInPlugin, type PluginSchemaSource } from '../../../../src/core/plugin/assist/complete';
import { locateInPlugin } from '../../../../src/core/plugin/assist/locate';
import type { ColumnInfo } from '../../../../src/core/schema';

const columns: Record<string, ColumnInfo[]> = {
  students: [
    { name: 'dcid', type: 'NUMBER', length: 10, key: true },
    { name: 'last_name', type: 'VARCHAR2', length: 50, comment: 'Family name' },
  ],
  cc: [{ name: 'sectionid', type: 'NUMBER', length: 10 }],
};
const source: PluginSchemaSource = {
  tables: async () => [{ name: 'students', description: 'Students' }, { name: 'cc', description: 'Enrollments' }],
  columns: async (table) => columns[table.toLowerCase()],
};

/** Completes at the `|` of `marked`, answering the labels and the replaced text of the first item. */
async function complete(marked: string): Promise<{ labels: string[]; replaced: string; items: AssistCompletion[]; text: string }> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const items = await completeInPlugin(text, offset, source);
  return { labels: items.map((item) => item.label), replaced: items[0] ? text.slice(items[0].start, items[0].end) : '', items, text };
}

describe('core/plugin/assist: completion in plugin XML', () => {
  it('<field table="…"> offers tables, upper-case as grants write them, replacing the whole value', async () => {
    const { labels, replaced } = await complete('<access_request>\n  <field table="STU|DENTS" field="DCID" access="ViewOnly"/>');
    assert.deepEqual(labels, ['STUDENTS', 'CC']);
    assert.equal(replaced, 'STUDENTS');
  });

  it('<field field="…"> offers the columns of the table named in the same tag, with type and length', async () => {
    const { labels, items } = await complete('<field table="Students" field="|" access="ViewOnly"/>');
    assert.deepEqual(labels, ['DCID', 'LAST_NAME']);
    assert.equal(items[1]!.detail, 'STUDENTS · VARCHAR2(50)');
    assert.equal(items[1]!.documentation, 'Family name');
  });

  it('<field field="…"> before its table= offers nothing rather than guessing', async () => {
    assert.deepEqual((await complete('<field field="|" table=""/>')).labels, []);
  });

  it('access levels, arg types, required, flattened, implies allow, accessLevelV1Api', async () => {
    assert.deepEqual((await complete('<field table="STUDENTS" field="DCID" access="|"/>')).labels, ['ViewOnly', 'FullAccess']);
    assert.deepEqual((await complete('<arg name="schoolid" type="prim|" required="true"/>')).labels, ['primitive', 'array']);
    assert.equal((await complete('<arg name="schoolid" type="prim|" required="true"/>')).replaced, 'prim');
    assert.deepEqual((await complete("<arg name='x' required='|'/>")).labels, ['true', 'false']);
    assert.deepEqual((await complete('<query name="a.b" flattened="|"')).labels, ['true', 'false']);
    assert.deepEqual((await complete('<implies allow="|">/ws/schema/query/a.b</implies>')).labels, ['get', 'post', 'put', 'delete']);
    assert.deepEqual((await complete('<oauth accessLevelV1Api="|"/>')).labels, ['FULL']);
  });

  it('<query coreTable="…"> offers tables as queries write them', async () => {
    assert.deepEqual((await complete('<query name="a.b.c" coreTable="|" flattened="true">')).labels, ['students', 'cc']);
  });

  it('<column column="…">: tables (inserting the dot and asking again), then the table\'s columns after the dot', async () => {
    const tables = await complete('<columns>\n  <column column="|">students.dcid</column>');
    assert.deepEqual(tables.labels, ['STUDENTS', 'CC']);
    assert.equal(tables.items[0]!.insertText, 'STUDENTS.');
    assert.equal(tables.items[0]!.retrigger, true);
    const after = await complete('<column column="STUDENTS.L|AST">students.last_name</column>');
    assert.deepEqual(after.labels, ['DCID', 'LAST_NAME']);
    assert.equal(after.replaced, 'LAST', 'only the column part is replaced');
  });

  it('<arg column="…"> and <column>TABLE.COL</column> (the text form: Tolland, moligun) complete the same way', async () => {
    assert.deepEqual((await complete('<arg name="sid" column="cc.|"/>')).labels, ['SECTIONID']);
    const text = await complete('<columns>\n  <column>STUDENTS.la|</column>');
    assert.deepEqual(text.labels, ['DCID', 'LAST_NAME']);
    assert.equal(text.replaced, 'la');
  });

  it('offers nothing in element names, other attributes, comments or plain text', async () => {
    assert.deepEqual((await complete('<fie|')).labels, []);
    assert.deepEqual((await complete('<query name="com.|"')).labels, []);
    assert.deepEqual((await complete('<description>Students |</description>')).labels, []);
    assert.deepEqual((await complete('<!-- <field table="|" -->')).labels, []);
    assert.deepEqual((await complete('<description><![CDATA[<field table="|"]]></description>')).labels, []);
  });

  it('survives a half-written file: an unclosed quote at the end of the text, an unclosed tag', async () => {
    assert.deepEqual((await complete('<plugin><access_request><field table="|')).labels, ['STUDENTS', 'CC']);
    assert.deepEqual((await complete('<field table="cc" field="s|')).labels, ['SECTIONID']);
  });
});

describe('core/plugin/assist: locateInPlugin', () => {
  const at = (marked: string) => locateInPlugin(marked.replace('|', ''), marked.indexOf('|'));

  it('finds the SQL of <sql> inside CDATA, relative offsets included, and nothing outside it', () => {
    const spot = at('<query><sql><![CDATA[SELECT s.| FROM students s]]></sql></query>');
    assert.equal(spot?.kind, 'sql');
    if (spot?.kind !== 'sql') return;
    assert.equal(spot.sql, 'SELECT s. FROM students s');
    assert.equal(spot.offset, 'SELECT s.'.length);
    assert.notEqual(at('<sql><![CDATA[select 1 from dual]]>|</sql>')?.kind, 'sql');
    assert.notEqual(at('<sql>|<![CDATA[select 1 from dual]]></sql>')?.kind, 'sql');
    assert.notEqual(at('<sql><![CDATA[select 1 from dual]]></sql><columns>|')?.kind, 'sql');
  });

  it('an unclosed CDATA runs to the end of the file (typing the first query)', () => {
    const spot = at('<queries><query><sql><![CDATA[select * from |');
    assert.equal(spot?.kind, 'sql');
  });

  it('a namespace prefix on an element is dropped', () => {
    const spot = at('<ps:field table="|"/>');
    assert.equal(spot?.kind === 'attribute' && spot.element, 'field');
  });
});
