import * as assert from 'node:assert/strict';
import { completeInPlugin, type PluginSchemaSource } from '../../../../src/core/plugin/assist/complete';
import { hoverInPlugin } from '../../../../src/core/plugin/assist/hover';
import { sqlCompletionSpot } from '../../../../src/core/plugin/assist/sqlContext';

const spotAt = (marked: string) => sqlCompletionSpot(marked.replace('|', ''), marked.indexOf('|'));

describe('core/plugin/assist: the SQL of a named query', () => {
  it('tables after FROM, JOIN (LEFT/CROSS too) and the commas of a FROM list, replacing the word being typed', () => {
    assert.deepEqual(spotAt('SELECT s.dcid FROM stu|'), { kind: 'table', start: 19, end: 22 });
    assert.deepEqual(spotAt('SELECT 1 FROM students s LEFT JOIN |'), { kind: 'table', start: 35, end: 35 });
    assert.equal(spotAt('SELECT 1 FROM students s, |')?.kind, 'table');
    assert.equal(spotAt('SELECT 1 FROM students s CROSS JOIN sch|ools')?.kind, 'table');
    assert.equal(spotAt('select a, | from students')?.kind, undefined, 'a comma of the SELECT list is not a FROM list');
    assert.equal(spotAt('select x from (select a, | from b)')?.kind, undefined);
    assert.equal(spotAt('select x from a where b in (1, |)')?.kind, undefined);
  });

  it('columns after alias. for FROM, JOIN and comma-join aliases (with AS, quoted, case-insensitive), and a bare table name', () => {
    const sql = 'SELECT s.|, x FROM Students s JOIN cc AS enr ON enr.studentid = s.id, sections "Sec"';
    assert.deepEqual(spotAt(sql), { kind: 'column', table: 'Students', start: 9, end: 9 });
    assert.deepEqual(spotAt('select ENR.sec|tionid from students s join cc enr on 1=1'), { kind: 'column', table: 'cc', start: 11, end: 20 });
    assert.equal(spotAt('select "Sec".| from sections "Sec"')?.kind === 'column' && 'ok', 'ok');
    assert.deepEqual(spotAt('select students.| from students'), { kind: 'column', table: 'students', start: 16, end: 16 });
    assert.equal(spotAt('select zz.| from students s'), undefined, 'an unknown alias');
    assert.deepEqual(spotAt('select sec.| from students s, cc, sections sec where 1=1'), { kind: 'column', table: 'sections', start: 11, end: 11 });
  });

  it('a FROM, alias or dot inside a string, a quoted identifier or a comment counts for nothing', () => {
    assert.equal(spotAt("select 'from |' from students"), undefined);
    assert.equal(spotAt('select 1 /* from | */ from students'), undefined);
    assert.equal(spotAt('select 1 -- from |\nfrom students'), undefined);
    assert.equal(spotAt("select 'it''s from s.|' from students s"), undefined);
    assert.equal(spotAt("select c.| from students s -- join cc c"), undefined);
  });

  it('CTEs, sub-selects and Oracle joins keep the aliases of every FROM; a CTE\'s columns are not the catalog\'s', () => {
    const sql = 'WITH recent AS (SELECT c.| FROM cc c WHERE c.termid = :termid) SELECT r.sectionid, ss. FROM recent r, schoolstaff ss WHERE ss.id = r.teacherid(+)';
    assert.equal(spotAt(sql)?.kind === 'column' && spotAt(sql)?.kind, 'column');
    const plain = sql.replace('|', '');
    assert.deepEqual(sqlCompletionSpot(plain, plain.indexOf('ss. ') + 3), { kind: 'column', table: 'schoolstaff', start: plain.indexOf('ss. ') + 3, end: plain.indexOf('ss. ') + 3 });
    assert.equal(sqlCompletionSpot(plain.replace('ss. ', 'r. '), plain.indexOf('ss. ') + 2), undefined);
  });
});

describe('core/plugin/assist: completion and hover inside <sql>', () => {
  const source: PluginSchemaSource = {
    tables: async () => [{ name: 'students' }, { name: 'cc' }],
    columns: async (table) => (table === 'students' ? [{ name: 'dcid', type: 'NUMBER', length: 10 }, { name: 'last_name', type: 'VARCHAR2', length: 50 }] : undefined),
  };
  const query = (sql: string) => `<queries>\n  <query name="a.b.c" flattened="true">\n    <sql><![CDATA[\n      ${sql}\n    ]]></sql>\n  </query>\n</queries>`;

  it('completes an alias\'s columns (as SQL writes them) and tables after FROM, with document ranges', async () => {
    const text = query('SELECT s.la FROM students s');
    const offset = text.indexOf('s.la') + 4;
    const items = await completeInPlugin(text, offset, source);
    assert.deepEqual(items.map((item) => item.label), ['dcid', 'last_name']);
    assert.equal(text.slice(items[0]!.start, items[0]!.end), 'la');
    assert.equal(items[1]!.detail, 'STUDENTS · VARCHAR2(50)');
    const fromText = query('SELECT 1 FROM ');
    assert.deepEqual((await completeInPlugin(fromText, fromText.indexOf('FROM ') + 5, source)).map((item) => item.label), ['students', 'cc']);
  });

  it('hovers alias.column with the column\'s type and length', async () => {
    const text = query('SELECT s.last_name FROM students s');
    const hover = await hoverInPlugin(text, text.indexOf('last_name') + 2, source);
    assert.equal(text.slice(hover!.start, hover!.end), 's.last_name');
    assert.match(hover!.markdown, /\*\*STUDENTS\.LAST_NAME\*\*\n\n`VARCHAR2\(50\)`/);
  });
});
