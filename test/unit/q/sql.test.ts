import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { matchesQ } from '../../../src/core/q/evaluate';
import { parseQ } from '../../../src/core/q/parse';
import { qToSql, toLikePattern, type QSqlColumn } from '../../../src/core/q/sql';

const COLUMNS: Record<string, QSqlColumn> = {
  'name.last_name': { sql: 'last_name', type: 'string' },
  local_id: { sql: 'student_number', type: 'number' },
  'school_enrollment.enroll_status': { sql: 'enroll_status', type: 'number' },
  'school_enrollment.enroll_status_code': { sql: 'enroll_status', type: 'number' },
  'school_enrollment.entry_date': { sql: 'entrydate', type: 'date' },
  state_province_id: { sql: 'state_studentnumber', type: 'string' },
};

interface Student {
  last_name: string | null;
  student_number: number;
  enroll_status: number;
  entrydate: string;
  state_studentnumber: string | null;
}

const STUDENTS: Student[] = [
  { last_name: 'Jackson', student_number: 1, enroll_status: 0, entrydate: '2017-08-01', state_studentnumber: 'S1' },
  { last_name: 'jameson', student_number: 2, enroll_status: -1, entrydate: '2018-01-10', state_studentnumber: null },
  { last_name: 'Ja_ck%', student_number: 3, enroll_status: 7, entrydate: '2016-09-01', state_studentnumber: '' },
  { last_name: 'Smith', student_number: 4, enroll_status: 3, entrydate: '2017-08-02', state_studentnumber: 'S4' },
  { last_name: null, student_number: 5, enroll_status: 2, entrydate: '2019-12-31', state_studentnumber: 'S5' },
];

function fieldValue(student: Student, field: string): unknown {
  const column = COLUMNS[field];
  return column ? student[column.sql as keyof Student] : undefined;
}

describe('qToSql', () => {
  let db: Database;
  before(async () => {
    const SQL = await initSqlJs({ locateFile: (file) => join(__dirname, '..', file) });
    db = new SQL.Database();
    db.run('CREATE TABLE students (last_name TEXT, student_number INTEGER, enroll_status INTEGER, entrydate TEXT, state_studentnumber TEXT)');
    for (const s of STUDENTS) {
      db.run('INSERT INTO students VALUES (?, ?, ?, ?, ?)', [s.last_name, s.student_number, s.enroll_status, s.entrydate, s.state_studentnumber]);
    }
  });
  after(() => db.close());

  function sqlNumbers(q: string, dialect: 'v1' | 'powerquery' = 'v1'): number[] {
    const result = qToSql(parseQ(q, { dialect }).expression, (field) => COLUMNS[field]);
    if ('error' in result) throw new Error(result.error.message);
    const statement = db.prepare(`SELECT student_number FROM students WHERE ${result.where} ORDER BY student_number`);
    statement.bind(result.params as (string | number | null)[]);
    const numbers: number[] = [];
    while (statement.step()) numbers.push(statement.get()[0] as number);
    statement.free();
    return numbers;
  }

  function evaluatedNumbers(q: string, dialect: 'v1' | 'powerquery' = 'v1'): number[] {
    const { expression } = parseQ(q, { dialect });
    const typeOf = (field: string) => COLUMNS[field]?.type;
    return STUDENTS.filter((s) => matchesQ(expression, (f) => fieldValue(s, f), { typeOf })).map((s) => s.student_number);
  }

  const cases: [string, number[]][] = [
    ['name.last_name==ja*', [1, 2, 3]],
    ['name.last_name==JACKSON', [1]],
    ['name.last_name==Ja_ck%', [3]],
    ['name.last_name==Ja_*', [3]],
    ['name.last_name!=ja*', [4]],
    ['name.last_name=gt=k', [4]],
    ['local_id=ge=3', [3, 4, 5]],
    ['local_id==(1,4)', [1, 4]],
    ['local_id!=(1,4)', [2, 3, 5]],
    ['school_enrollment.enroll_status==a', [1]],
    ['school_enrollment.enroll_status==I', [3]],
    ['school_enrollment.enroll_status!=I', [1, 2, 4, 5]],
    ['school_enrollment.enroll_status==(P,G)', [2, 4]],
    ['school_enrollment.enroll_status_code==-1', [2]],
    ['school_enrollment.entry_date=gt=2017-08-01', [2, 4, 5]],
    ['school_enrollment.entry_date=le=2017-08-01;name.last_name==J*', [1, 3]],
    ['', [1, 2, 3, 4, 5]],
  ];
  for (const [q, expected] of cases) {
    it(`${q || '(empty)'} selects the same rows as matchesQ`, () => {
      assert.deepEqual(sqlNumbers(q), expected);
      assert.deepEqual(evaluatedNumbers(q), expected);
    });
  }

  it('handles the PowerQuery null on text columns (null or empty) like matchesQ', () => {
    assert.deepEqual(sqlNumbers('state_province_id==\u0000', 'powerquery'), [2, 3]);
    assert.deepEqual(evaluatedNumbers('state_province_id==\u0000', 'powerquery'), [2, 3]);
    assert.deepEqual(sqlNumbers('state_province_id!=\u0000', 'powerquery'), [1, 4, 5]);
    assert.deepEqual(evaluatedNumbers('state_province_id!=\u0000', 'powerquery'), [1, 4, 5]);
    assert.deepEqual(sqlNumbers('state_province_id!=S1', 'powerquery'), [4, 5]);
    assert.deepEqual(evaluatedNumbers('state_province_id!=S1', 'powerquery'), [4, 5]);
  });

  it('passes values only as parameters', () => {
    const result = qToSql(parseQ("name.last_name==x' OR 1=1 --").expression, (field) => COLUMNS[field]);
    assert.ok(!('error' in result));
    assert.equal(result.where, 'last_name = ? COLLATE NOCASE');
    assert.deepEqual(result.params, ["x' OR 1=1 --"]);
  });

  it('escapes LIKE metacharacters', () => {
    assert.equal(toLikePattern('a_b%c\\d*'), 'a\\_b\\%c\\\\d%');
  });

  it('returns a positioned error for unknown fields, bad numbers and dates, misplaced wildcards', () => {
    const error = (q: string) => {
      const result = qToSql(parseQ(q).expression, (field) => COLUMNS[field]);
      assert.ok('error' in result, q);
      return [result.error.code, q.slice(result.error.start, result.error.end)];
    };
    assert.deepEqual(error('nope==1'), ['unknown-field', 'nope']);
    assert.deepEqual(error('local_id==abc'), ['type-mismatch', 'abc']);
    assert.deepEqual(error('local_id==1*'), ['wildcard-not-allowed', '1*']);
    assert.deepEqual(error('name.last_name=gt=J*'), ['wildcard-not-allowed', 'J*']);
    assert.deepEqual(error('school_enrollment.entry_date==2023-02-30'), ['invalid-date', '2023-02-30']);
    assert.deepEqual(error('school_enrollment.enroll_status=gt=I'), ['operator-not-allowed', 'I']);
    assert.deepEqual(error('local_id=gt=(1,2)'), ['operator-not-allowed', '=gt=']);
    assert.deepEqual(error('local_id=gx=1'), ['unknown-operator', '=gx=']);
    assert.deepEqual(error('local_id'), ['missing-operator', 'local_id']);
  });
});
