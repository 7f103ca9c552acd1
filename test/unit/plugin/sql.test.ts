import * as assert from 'node:assert/strict';
import { analyzeSql, resolveSqlAlias, sqlTokenAt, tokenizeSql } from '../../../src/core/plugin';

const kinds = (sql: string) => tokenizeSql(sql).map((token) => `${token.kind}:${token.text}`);

describe('core/plugin/sql: tokens', () => {
  it('knows strings with doubled quotes, q-quoting, quoted identifiers, both comments, binds and DAT tokens', () => {
    assert.deepEqual(kinds(`SELECT 'it''s :no' "Last, First" -- a :comment\n/* , :x */ :schoolid q'[a'b]' ~(curyearid) 1.5e3 a||b`), [
      'word:SELECT', "string:'it''s :no'", 'quoted:"Last, First"', 'comment:-- a :comment', 'comment:/* , :x */', 'bind::schoolid', "string:q'[a'b]'", 'dat:~(curyearid)', 'number:1.5e3', 'word:a', 'operator:||', 'word:b',
    ]);
  });

  it('never throws on unterminated input and marks it', () => {
    for (const sql of ["SELECT 'open", 'SELECT /* open', 'SELECT "open', "q'[", ':', '((((', ')))']) {
      const tokens = tokenizeSql(sql);
      assert.ok(Array.isArray(tokens));
    }
    assert.equal(tokenizeSql("SELECT 'open").at(-1)!.unterminated, true);
  });

  it('finds the token at an offset, preferring the one that starts there', () => {
    const sql = 'SELECT s.last_name FROM students s';
    const tokens = tokenizeSql(sql);
    assert.equal(sqlTokenAt(tokens, sql.indexOf('last_name'))!.text, 'last_name');
    assert.equal(sqlTokenAt(tokens, sql.indexOf('last_name') + 3)!.text, 'last_name');
    assert.equal(sqlTokenAt(tokens, sql.indexOf(' FROM'))!.text, 'last_name');
  });
});

describe('core/plugin/sql: analysis', () => {
  it('counts the top-level SELECT list through functions, CASE, analytic OVER, sub-selects and comments', () => {
    const sql = `WITH recent AS (SELECT a, b FROM x)
SELECT DISTINCT s.dcid, NVL(s.last_name, 'x, y') "Last, First", CASE WHEN s.a = 1 THEN 'a' ELSE 'b' END,
  ROW_NUMBER() OVER (PARTITION BY s.schoolid ORDER BY s.id), (SELECT COUNT(*) FROM cc WHERE cc.studentid = s.id) -- , hidden
  , TO_CHAR(s.entrydate, 'MM/DD/YYYY')
FROM students s JOIN recent r ON r.a = s.id`;
    const list = analyzeSql(sql).selectList;
    assert.ok('items' in list, JSON.stringify(list));
    assert.equal(list.items.length, 6);
  });

  it('says why a list cannot be counted: parentheses around the main SELECT, *', () => {
    assert.deepEqual(analyzeSql('(SELECT a FROM t) UNION (SELECT b FROM u)').selectList, { uncountable: 'the main SELECT is wrapped in parentheses' });
    assert.deepEqual(analyzeSql('SELECT s.* FROM students s').selectList, { uncountable: 'the SELECT list uses *' });
    assert.ok('items' in analyzeSql('SELECT COUNT(*) FROM students').selectList);
  });

  it('finds tables after FROM and JOIN with aliases, comma joins, CTE names and sub-selects, and resolves aliases by scope', () => {
    const sql = `WITH recent AS (SELECT st.id FROM students st)
SELECT s.id FROM students s, cc c LEFT JOIN sections sec ON sec.id = c.sectionid JOIN recent r ON r.id = s.id
WHERE EXISTS (SELECT 1 FROM schools s WHERE s.school_number = c.schoolid) AND s.id IN (SELECT id FROM dual CONNECT BY LEVEL < 2)`;
    const analysis = analyzeSql(sql);
    assert.deepEqual(analysis.tables.map(({ name, alias, depth, cte }) => [name, alias, depth, cte]), [
      ['students', 'st', 1, false], ['students', 's', 0, false], ['cc', 'c', 0, false], ['sections', 'sec', 0, false], ['recent', 'r', 0, true], ['schools', 's', 1, false], ['dual', undefined, 1, false],
    ]);
    assert.equal(resolveSqlAlias(analysis, 'SEC')!.name, 'sections');
    assert.equal(resolveSqlAlias(analysis, 's', sql.indexOf('s.school_number'))!.name, 'schools');
    assert.equal(resolveSqlAlias(analysis, 's', sql.indexOf('s.id IN'))!.name, 'students');
    assert.equal(resolveSqlAlias(analysis, 'cc')!.alias, 'c');
  });

  it('lists binds and qualified column references, not package functions', () => {
    const analysis = analyzeSql(`SELECT s.dcid, PS_CustomFields.GetStudentsCF(s.id, 'x') FROM students s WHERE s.schoolid = :schoolid AND s.grade_level IN (:terms) AND x = ':not'`);
    assert.deepEqual(analysis.binds.map((bind) => bind.name), ['schoolid', 'terms']);
    assert.deepEqual(analysis.columns.map((column) => `${column.qualifier}.${column.column}`), ['s.dcid', 's.id', 's.schoolid', 's.grade_level']);
  });
});
