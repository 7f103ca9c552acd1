import * as assert from 'node:assert/strict';
import type { PluginSchemaSource } from '../../../../src/core/plugin/assist/complete';
import { hoverInPlugin } from '../../../../src/core/plugin/assist/hover';

const source: PluginSchemaSource = {
  tables: async () => [{ name: 'students' }],
  columns: async (table) => (table.toLowerCase() === 'students'
    ? [{ name: 'last_name', type: 'VARCHAR2', length: 50, nullable: false, comment: 'Family name' }, { name: 'dcid', type: 'NUMBER', length: 10, key: true }]
    : undefined),
};

async function hover(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const found = await hoverInPlugin(text, offset, source);
  return found && { ...found, covered: text.slice(found.start, found.end) };
}

describe('core/plugin/assist: hover in plugin XML', () => {
  it('a grant\'s field shows the column\'s type and length, nullability and comment', async () => {
    const found = await hover('<field table="Students" field="LAST_|NAME" access="ViewOnly"/>');
    assert.equal(found?.covered, 'LAST_NAME');
    assert.equal(found?.markdown, '**STUDENTS.LAST_NAME**\n\n`VARCHAR2(50)` · NOT NULL\n\nFamily name');
  });

  it('a mapping\'s column="TABLE.COL" and the text form <column>TABLE.COL</column>', async () => {
    const attribute = await hover('<column column="STUDENTS.D|CID">students.dcid</column>');
    assert.equal(attribute?.covered, 'STUDENTS.DCID');
    assert.match(attribute!.markdown, /`NUMBER\(10\)` · primary key/);
    const text = await hover('<column>\n  stud|ents.dcid\n</column>');
    assert.equal(text?.covered, 'students.dcid');
  });

  it('nothing for unknown tables or columns, column="ID" without a table (NW-RESA), or other attributes', async () => {
    assert.equal(await hover('<field table="Students" field="NO_SU|CH" access="ViewOnly"/>'), undefined);
    assert.equal(await hover('<column column="TrackerSG.01Stu|dentNumber">x</column>'), undefined);
    assert.equal(await hover('<column column="I|D">ID</column>'), undefined);
    assert.equal(await hover('<query name="com.|a.b">'), undefined);
  });
});
