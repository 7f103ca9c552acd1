import * as assert from 'node:assert/strict';
import type { Database, SqlValue } from 'sql.js';
import { oracleToSqlite, UnsupportedSql } from '../../../src/core/plugin/sql';
import { registerOracleFunctions } from '../../../src/sandbox/data/oracleFunctions';
import { standardCatalog } from '../../../src/sandbox/catalog/catalog';
import { openStore } from '../../../src/sandbox/data/openStore';
import { loadSqlJs, locateSqlWasm, quoteIdentifier } from '../../../src/sandbox/data/sqlite';

// Each expected answer is what Oracle returns for the same SQL on the same rows, written from
// Oracle's SQL Language Reference (not from running the translation).
const now = Date.UTC(2024, 2, 15, 13, 45, 30); // SYSDATE = 2024-03-15 13:45:30

describe('Oracle SQL on the sandbox SQLite', () => {
  let db: Database;
  before(async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    db = new sql.Database();
    registerOracleFunctions(db, () => now, 'UTC');
    db.exec(`CREATE TABLE students (id INTEGER, lastfirst TEXT, grade_level INTEGER, schoolid INTEGER, entrydate TEXT, home_room TEXT);
      INSERT INTO students VALUES (1, 'Ames, Ann', 9, 100, '2023-08-21', 'A1'), (2, 'Bell, Bo', 10, 100, '2024-01-31', NULL),
        (3, 'Cruz, Cy', 9, 200, '2022-02-28', 'B2'), (4, 'Diaz, Di', 12, 200, NULL, 'C3');
      CREATE TABLE schools (school_number INTEGER, name TEXT);
      INSERT INTO schools VALUES (100, 'North High'), (300, 'Empty School');
      CREATE TABLE dual (dummy TEXT); INSERT INTO dual VALUES ('X');`);
  });
  after(() => db.close());

  const run = (oracle: string, binds: Record<string, SqlValue> = {}, args?: { name: string; array: boolean }[]): SqlValue[][] => {
    const { sql } = oracleToSqlite(oracle, { args });
    const statement = db.prepare(sql);
    try {
      statement.bind(binds);
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get());
      return rows;
    } finally {
      statement.free();
    }
  };
  const refused = (oracle: string, construct: RegExp) => assert.throws(() => oracleToSqlite(oracle), (error: unknown) => error instanceof UnsupportedSql && construct.test(error.construct));

  it('joins: ANSI JOIN, LEFT JOIN and comma joins', () => {
    assert.deepEqual(run('SELECT s.id, sc.name FROM students s LEFT JOIN schools sc ON sc.school_number = s.schoolid ORDER BY s.id'), [[1, 'North High'], [2, 'North High'], [3, null], [4, null]]);
    assert.deepEqual(run('SELECT s.id FROM students s, schools sc WHERE sc.school_number = s.schoolid ORDER BY s.id DESC'), [[2], [1]]);
  });

  it('the Oracle (+) outer join: the marked table is optional, joined on every condition that marks it', () => {
    // Every student, with the school where one matches (Oracle SQL Reference, "Outer Joins").
    assert.deepEqual(run('SELECT s.id, sc.name FROM students s, schools sc WHERE s.schoolid = sc.school_number(+) ORDER BY s.id'), [[1, 'North High'], [2, 'North High'], [3, null], [4, null]]);
    // A constant on the optional table joins (no student is lost); one without (+) filters after the join.
    assert.deepEqual(run("SELECT s.id, sc.name FROM students s, schools sc WHERE s.schoolid = sc.school_number(+) AND sc.name(+) = 'Nope' ORDER BY s.id"), [[1, null], [2, null], [3, null], [4, null]]);
    assert.deepEqual(run('SELECT s.id FROM students s, schools sc WHERE sc.school_number(+) = s.schoolid AND sc.name IS NULL ORDER BY s.id'), [[3], [4]]);
    // Table names as qualifiers (the corpus's form), BETWEEN's AND, and a UNION with one plain SELECT.
    assert.deepEqual(run('SELECT students.id, schools.name FROM students, schools WHERE students.schoolid=schools.school_number(+) AND students.grade_level BETWEEN 9 AND 10 ORDER BY students.id'), [[1, 'North High'], [2, 'North High'], [3, null]]);
    assert.deepEqual(run("SELECT s.id FROM students s, schools sc WHERE s.schoolid = sc.school_number(+) AND sc.name IS NULL UNION SELECT 9 FROM dual ORDER BY 1"), [[3], [4], [9]]);
    // Three tables: the optional one joined after the required ones it names.
    assert.deepEqual(run('SELECT s.id, sc.name FROM schools sc, students s, dual d WHERE s.schoolid = sc.school_number(+) AND d.dummy = \'X\' AND s.id <= 3 ORDER BY s.id'), [[1, 'North High'], [2, 'North High'], [3, null]]);
  });

  it('refuses the (+) forms Oracle refuses or that have no single rewrite, by name', () => {
    refused('SELECT s.id FROM students s, schools sc WHERE s.schoolid = sc.school_number(+) OR s.id = 1', /\(\+\) outer join in a WHERE with OR/);
    refused('SELECT s.id FROM students s JOIN dual d ON 1 = 1, schools sc WHERE s.schoolid = sc.school_number(+)', /\(\+\) outer join in a FROM with JOIN/);
    refused('SELECT s.id FROM students s, schools sc WHERE s.schoolid = school_number(+)', /without its table's alias/);
    refused('SELECT s.id FROM students s, schools sc WHERE (s.schoolid = sc.school_number(+))', /\(\+\) outer join outside the WHERE of a SELECT/);
    refused('SELECT s.id FROM students s WHERE s.id = s.id(+)', /marks every table/);
  });

  it('CTEs and sub-selects', () => {
    assert.deepEqual(run('WITH nine AS (SELECT id FROM students WHERE grade_level = 9) SELECT COUNT(*) FROM nine WHERE id IN (SELECT id FROM students WHERE schoolid = 200)'), [[1]]);
  });

  it('ORDER BY puts NULLs last ascending and first descending, as Oracle does', () => {
    assert.deepEqual(run('SELECT id FROM students ORDER BY entrydate'), [[3], [1], [2], [4]]);
    assert.deepEqual(run('SELECT id FROM students ORDER BY entrydate DESC'), [[4], [2], [1], [3]]);
    assert.deepEqual(run('SELECT id FROM students ORDER BY home_room NULLS FIRST, id'), [[2], [1], [3], [4]]);
  });

  it('ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)', () => {
    assert.deepEqual(run('SELECT id, ROW_NUMBER() OVER (PARTITION BY schoolid ORDER BY entrydate DESC) rn FROM students ORDER BY id'), [[1, 2], [2, 1], [3, 2], [4, 1]]);
  });

  it('LISTAGG … WITHIN GROUP (ORDER BY …), NULLs skipped', () => {
    assert.deepEqual(run("SELECT schoolid, LISTAGG(home_room, ', ') WITHIN GROUP (ORDER BY home_room DESC) FROM students GROUP BY schoolid ORDER BY schoolid"), [[100, 'A1'], [200, 'C3, B2']]);
    assert.deepEqual(run('SELECT LISTAGG(id) WITHIN GROUP (ORDER BY id) FROM students'), [['1234']]);
    refused("SELECT LISTAGG(DISTINCT id, ',') FROM students", /LISTAGG\(DISTINCT/);
  });

  it('TO_CHAR of dates and numbers with formats', () => {
    assert.deepEqual(run("SELECT TO_CHAR(entrydate, 'MM/DD/YYYY'), TO_CHAR(entrydate, 'FMMonth DD, YYYY'), TO_CHAR(entrydate, 'DY Mon yy') FROM students WHERE id = 2"), [['01/31/2024', 'January 31, 2024', 'WED Jan 24']]);
    assert.deepEqual(run("SELECT TO_CHAR(SYSDATE, 'YYYY-MM-DD HH24:MI:SS'), TO_CHAR(SYSDATE, 'HH:MI AM') FROM dual"), [['2024-03-15 13:45:30', '01:45 PM']]);
    assert.deepEqual(run("SELECT TO_CHAR(1234.5, 'FM9,999.00'), TO_CHAR(7, '000'), TO_CHAR(0.5), TO_CHAR(12) FROM dual"), [['1,234.50', ' 007', '.5', '12']]);
    assert.throws(() => run("SELECT TO_CHAR(SYSDATE, 'WW') FROM dual"), /date format element 'WW'/);
  });

  it('TO_DATE with formats, and its refusals', () => {
    assert.deepEqual(run("SELECT TO_DATE('07/04/2024', 'MM/DD/YYYY'), TO_DATE('15-MAR-24', 'DD-MON-RR'), TO_DATE('2024-03-15 08:05', 'YYYY-MM-DD HH24:MI') FROM dual"), [['2024-07-04', '2024-03-15', '2024-03-15 08:05:00']]);
    assert.deepEqual(run("SELECT id FROM students WHERE entrydate >= TO_DATE('2023-08-01', 'YYYY-MM-DD') ORDER BY id"), [[1], [2]]);
    assert.throws(() => run("SELECT TO_DATE('02/30/2024', 'MM/DD/YYYY') FROM dual"), /ORA-01847/);
    assert.throws(() => run("SELECT TO_DATE('2024-01-01') FROM dual"), /NLS_DATE_FORMAT/);
  });

  it('TO_NUMBER converts numeric text and refuses the rest with ORA-01722', () => {
    assert.deepEqual(run("SELECT TO_NUMBER('42') + 1, TO_NUMBER(' 3.5 ') FROM dual"), [[43, 3.5]]);
    assert.throws(() => run("SELECT TO_NUMBER('4x') FROM dual"), /ORA-01722/);
  });

  it('NVL, NVL2, COALESCE', () => {
    assert.deepEqual(run("SELECT NVL(home_room, 'none'), NVL2(home_room, 'has', 'lacks'), COALESCE(home_room, entrydate, 'x') FROM students WHERE id IN (2, 4) ORDER BY id"), [['none', 'lacks', '2024-01-31'], ['C3', 'has', 'C3']]);
  });

  it("'' is NULL, as in Oracle", () => {
    assert.deepEqual(run("SELECT COUNT(*) FROM students WHERE home_room = ''"), [[0]]);
    assert.deepEqual(run("SELECT NVL('', 'empty is null') FROM dual"), [['empty is null']]);
  });

  it('DECODE matches NULL with NULL and falls back to its default', () => {
    assert.deepEqual(run("SELECT id, DECODE(home_room, 'A1', 'first', NULL, 'none', 'other') FROM students ORDER BY id"), [[1, 'first'], [2, 'none'], [3, 'other'], [4, 'other']]);
    assert.deepEqual(run("SELECT DECODE(grade_level, 9, 'nine') FROM students WHERE id = 4"), [[null]]);
  });

  it('CASE, simple and searched, nested', () => {
    assert.deepEqual(run("SELECT CASE grade_level WHEN 9 THEN 'F' ELSE CASE WHEN grade_level > 10 THEN 'S' ELSE 'J' END END FROM students ORDER BY id"), [['F'], ['J'], ['F'], ['S']]);
  });

  it('SYSDATE, TRUNC and date arithmetic', () => {
    assert.deepEqual(run("SELECT SYSDATE, TRUNC(SYSDATE), TRUNC(SYSDATE) - 1, SYSDATE + 1/24, TRUNC(SYSDATE, 'MM'), TRUNC(SYSDATE, 'YEAR') FROM dual"),
      [['2024-03-15 13:45:30', '2024-03-15', '2024-03-14', '2024-03-15 14:45:30', '2024-03-01', '2024-01-01']]);
    assert.deepEqual(run("SELECT TRUNC(SYSDATE) - entrydate, TRUNC(7.89), TRUNC(7.891, 2), TRUNC(-7.5) FROM students WHERE id = 2"), [[44, 7, 7.89, -7]]);
    assert.deepEqual(run('SELECT id FROM students WHERE entrydate BETWEEN SYSDATE - 365 AND SYSDATE ORDER BY id'), [[1], [2]]);
  });

  it("SYSDATE is the wall clock of the district's time zone, as the database server's clock is (daylight saving included)", async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const district = new sql.Database();
    try {
      const at = (ms: number, timeZone: string) => {
        registerOracleFunctions(district, () => ms, timeZone);
        return district.exec('SELECT ora_sysdate()')[0]!.values[0]![0];
      };
      assert.equal(at(now, 'America/Los_Angeles'), '2024-03-15 06:45:30', 'PDT: UTC-7 after the March change');
      assert.equal(at(Date.UTC(2024, 0, 2, 3, 0, 0), 'America/Los_Angeles'), '2024-01-01 19:00:00', 'PST: UTC-8, the day before');
      assert.equal(at(Date.UTC(2024, 0, 2, 8, 0, 0), 'America/Los_Angeles'), '2024-01-02', 'midnight is a bare date');
      assert.equal(at(now, 'America/New_York'), '2024-03-15 09:45:30');
    } finally {
      district.close();
    }
  });

  it('EXTRACT(part FROM date)', () => {
    assert.deepEqual(run('SELECT EXTRACT(YEAR FROM entrydate), EXTRACT(MONTH FROM entrydate), EXTRACT(DAY FROM entrydate) FROM students WHERE id = 3'), [[2022, 2, 28]]);
    assert.deepEqual(run('SELECT EXTRACT(YEAR FROM entrydate) FROM students WHERE id = 4'), [[null]]);
  });

  it('ADD_MONTHS keeps month ends, MONTHS_BETWEEN counts 31-day months', () => {
    assert.deepEqual(run("SELECT ADD_MONTHS(entrydate, 1), ADD_MONTHS(entrydate, -12) FROM students WHERE id = 2"), [['2024-02-29', '2023-01-31']]);
    assert.deepEqual(run("SELECT ADD_MONTHS(entrydate, 1) FROM students WHERE id = 3"), [['2022-03-31']]);
    assert.deepEqual(run("SELECT MONTHS_BETWEEN(TO_DATE('2024-03-31','YYYY-MM-DD'), TO_DATE('2024-02-29','YYYY-MM-DD')), MONTHS_BETWEEN(TO_DATE('2024-03-15','YYYY-MM-DD'), TO_DATE('2024-01-15','YYYY-MM-DD')) FROM dual"), [[1, 2]]);
    const [[fraction]] = run("SELECT MONTHS_BETWEEN(TO_DATE('1995-02-02','YYYY-MM-DD'), TO_DATE('1995-01-01','YYYY-MM-DD')) FROM dual") as [[number]];
    assert.equal(fraction.toFixed(8), '1.03225806', 'the Oracle documentation example');
  });

  it('DUAL has one row', () => assert.deepEqual(run("SELECT 'x' FROM dual"), [['x']]));

  it('REGEXP_SUBSTR, REGEXP_LIKE, REGEXP_REPLACE, REGEXP_INSTR, REGEXP_COUNT', () => {
    assert.deepEqual(run("SELECT REGEXP_SUBSTR('10,20,30', '[^,]+', 1, 2), REGEXP_SUBSTR('10,20,30', '[^,]+', 1, 4), REGEXP_REPLACE('a1b22', '[[:digit:]]+', '#'), REGEXP_INSTR('abcabc', 'c', 1, 2), REGEXP_COUNT('abcabc', 'b') FROM dual"), [['20', null, 'a#b#', 6, 2]]);
    assert.deepEqual(run("SELECT id FROM students WHERE REGEXP_LIKE(lastfirst, '^[a-c]', 'i') ORDER BY id"), [[1], [2], [3]]);
  });

  it('SUBSTR and INSTR with Oracle positions', () => {
    assert.deepEqual(run("SELECT SUBSTR('PowerSchool', 0, 5), SUBSTR('PowerSchool', -6), SUBSTR('PowerSchool', 6, 0), INSTR('a,b,c', ','), INSTR('a,b,c', ',', 1, 2), INSTR('a,b,c', ',', -1), INSTR('abc', 'z') FROM dual"),
      [['Power', 'School', null, 2, 4, 4, 0]]);
    assert.deepEqual(run("SELECT SUBSTR(lastfirst, 1, INSTR(lastfirst, ',') - 1) FROM students WHERE id = 1"), [['Ames']]);
  });

  it('|| treats NULL as empty and keeps precedence with arithmetic', () => {
    assert.deepEqual(run("SELECT 'room ' || home_room || '!', home_room || NULL, id || '-' || grade_level * 2 FROM students WHERE id IN (1, 2) ORDER BY id"), [['room A1!', 'A1', '1-18'], ['room !', null, '2-20']]);
    assert.deepEqual(run("SELECT id FROM students WHERE lastfirst LIKE '%' || 'Bo' ORDER BY id"), [[2]]);
  });

  it('LIKE is case-sensitive, with NOT and ESCAPE', () => {
    assert.deepEqual(run("SELECT id FROM students WHERE lastfirst LIKE 'b%' ORDER BY id"), [], 'Oracle: lower-case b matches no Bell');
    assert.deepEqual(run("SELECT id FROM students WHERE lastfirst LIKE 'B%' OR home_room LIKE '_2' ORDER BY id"), [[2], [3]]);
    assert.deepEqual(run("SELECT id FROM students WHERE lastfirst NOT LIKE '%, %o' ORDER BY id"), [[1], [3], [4]]);
    assert.deepEqual(run("SELECT 1 FROM dual WHERE 'a_b' LIKE 'a\\_b' ESCAPE '\\' AND 'axb' NOT LIKE 'a\\_b' ESCAPE '\\'"), [[1]]);
  });

  it('division is decimal, signs and precedence hold', () => {
    assert.deepEqual(run('SELECT 7/2, 1 + 2 * 3, -(2 - 5), 10 - 2 - 3, 2 * -3 FROM dual'), [[3.5, 7, 3, 5, -6]]);
  });

  it('double-quoted aliases name the output columns', () => {
    const { sql } = oracleToSqlite('SELECT s.id "Student ID" FROM students s');
    assert.deepEqual(db.exec(sql)[0]?.columns, ['Student ID']);
  });

  it('binds (spelled as their args), and array binds read inside IN (…)', () => {
    assert.deepEqual(run('SELECT id FROM students WHERE schoolid = :SchoolID ORDER BY id', { ':schoolid': 200 }, [{ name: 'schoolid', array: false }]), [[3], [4]]);
    assert.deepEqual(run('SELECT id FROM students WHERE id IN (:IDS) ORDER BY id', { ':ids': '[1,4]' }, [{ name: 'ids', array: true }]), [[1], [4]]);
    assert.throws(() => oracleToSqlite('SELECT 1 FROM dual WHERE 1 = :ids', { args: [{ name: 'ids', array: true }] }), /array argument :ids outside IN/);
    assert.deepEqual(oracleToSqlite('SELECT 1 FROM dual WHERE :A = :b', {}).binds, ['A', 'b']);
  });

  it('WHERE ROWNUM <= n is a LIMIT before any sort; the top-N form sorts in a subquery', () => {
    assert.deepEqual(run('SELECT COUNT(*) FROM (SELECT id FROM students WHERE ROWNUM <= 2)'), [[2]]);
    assert.deepEqual(run('SELECT id FROM (SELECT id FROM students ORDER BY entrydate DESC) WHERE ROWNUM < 3'), [[4], [2]]);
    assert.deepEqual(run('SELECT id FROM (SELECT id FROM students ORDER BY id) WHERE ROWNUM = 1 AND id > 0'), [[1]]);
    assert.deepEqual(run('SELECT id FROM (SELECT id FROM students ORDER BY id) WHERE id > 1 AND ROWNUM <= 1'), [[2]]);
  });

  it('every catalog table exists in the store, empty where no data is generated', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = openStore(sql, standardCatalog(), { seed: 1, schools: 1, students: 3 });
    try {
      for (const table of standardCatalog().tables) assert.doesNotThrow(() => store.all(`SELECT COUNT(*) FROM ${quoteIdentifier(table.name)}`), table.name);
      assert.equal(store.scalar('SELECT COUNT(*) FROM dual'), 1);
    } finally {
      store.close();
    }
  });

  it('CONNECT BY LEVEL splits a comma list (the ICAN idiom), always returning the root row', () => {
    const split = "SELECT REGEXP_SUBSTR(:list, '[^,]+', 1, LEVEL) FROM dual CONNECT BY REGEXP_SUBSTR(:list, '[^,]+', 1, LEVEL) IS NOT NULL";
    assert.deepEqual(run(split, { ':list': '100,300,7' }, [{ name: 'list', array: false }]), [['100'], ['300'], ['7']]);
    assert.deepEqual(run(`SELECT id FROM students WHERE schoolid NOT IN (${split}) ORDER BY id`, { ':list': '200' }, [{ name: 'list', array: false }]), [[1], [2]]);
    assert.deepEqual(run('SELECT LEVEL FROM dual CONNECT BY LEVEL <= 3'), [[1], [2], [3]]);
    assert.deepEqual(run('SELECT LEVEL FROM dual CONNECT BY LEVEL <= 0'), [[1]], 'Oracle returns the root row whatever the condition');
  });

  it('MINUS is EXCEPT, UNION and DISTINCT run as written', () => {
    assert.deepEqual(run('SELECT schoolid FROM students MINUS SELECT school_number FROM schools'), [[200]]);
    assert.deepEqual(run('SELECT DISTINCT grade_level FROM students UNION SELECT 1 FROM dual ORDER BY 1'), [[1], [9], [10], [12]]);
  });

  it("TRIM(LEADING|TRAILING|BOTH [char] FROM text) removes that character from that side (Oracle's TRIM)", () => {
    assert.deepEqual(run("SELECT TRIM(LEADING '0' FROM '000123'), TRIM(TRAILING '1' FROM 'Hello1'), TRIM(BOTH 'x' FROM 'xxaxx'), TRIM('x' FROM 'xxaxx'), TRIM(LEADING FROM '  a '), TRIM('  b  ') FROM dual"),
      [['123', 'Hello', 'a', 'a', 'a ', 'b']]);
    assert.deepEqual(run("SELECT id FROM students WHERE TRIM(TRAILING ',' FROM lastfirst || ',') = 'Ames, Ann'"), [[1]]);
    // Oracle's '' is NULL: text trimmed to nothing is NULL.
    assert.deepEqual(run("SELECT NVL(TRIM('x' FROM 'xx'), 'null'), NVL(TRIM('   '), 'null'), NVL(LTRIM('  '), 'null'), NVL(RTRIM('ab', 'ab'), 'null') FROM dual"), [['null', 'null', 'null', 'null']]);
  });

  it('refuses the constructs it cannot run faithfully, by name', () => {
    refused('SELECT ~(curyearid) FROM dual', /DAT token ~\(curyearid\)/);
    refused('SELECT id FROM students WHERE ROWNUM <= 2 ORDER BY lastfirst', /ROWNUM with ORDER BY/);
    refused('SELECT ROWNUM, id FROM students', /ROWNUM outside/);
    refused('SELECT id FROM students START WITH id = 1 CONNECT BY PRIOR id = grade_level', /CONNECT BY/);
    refused('SELECT LEVEL FROM students', /LEVEL/);
    refused('SELECT PS_CustomFields.GetStudentsCF(s.dcid, \'x\') FROM students s', /package function PS_CustomFields\.GetStudentsCF/);
    refused('SELECT SYSDATE - INTERVAL \'1\' DAY FROM dual', /INTERVAL/);
  });
});
