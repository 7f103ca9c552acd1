import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import type { ColumnInfo } from '../../../src/core/schema';
import { assertKeyRange, assertValueRange, none, only } from './helpers';

const columns: ColumnInfo[] = [
  { name: 'ID', type: 'NUMBER', length: 10, key: true, access: 'ViewOnly' },
  { name: 'STUDENTSDCID', type: 'NUMBER', length: 10, nullable: false },
  { name: 'NICKNAME', type: 'VARCHAR2', length: 5 },
  { name: 'SCORE', type: 'NUMBER', length: 3 },
  { name: 'WEIGHT', type: 'FLOAT' },
  { name: 'SEEN_ON', type: 'DATE' },
  { name: 'NOTES', type: 'CLOB' },
];
const validator = createPayloadValidator();
const check = (record: Record<string, unknown>, table = 'u_extra') => {
  const text = JSON.stringify({ tables: { [table]: record } }, null, 2);
  return { text, findings: validator.validateTableText(text, 'U_EXTRA', columns) };
};

describe('payload: table-record bodies', () => {
  it('accepts fitting values, with column names in any case', () => {
    none(check({ studentsdcid: 5, NickName: 'Al', score: '12.5', weight: 1.5e3, seen_on: '2024-02-29', notes: 'x'.repeat(5000) }).findings);
  });

  it('flags an unknown column with the closest name, at the key', () => {
    const { text, findings } = check({ nickame: 'Al' });
    const finding = only(findings, 'unknown-column');
    assert.match(finding.message, /'nickame' is not a column of U_EXTRA \(did you mean 'nickname'\?\)/);
    assertKeyRange(text, finding, ['nickame']);
  });

  it('flags read-only columns', () => {
    const { text, findings } = check({ id: 4 });
    assertKeyRange(text, only(findings, 'read-only-column'), ['id']);
  });

  it('flags types: numbers, booleans, dates', () => {
    for (const [column, value] of [['score', 'ten'], ['score', true], ['seen_on', '2023-02-30'], ['seen_on', '06/01/2024'], ['nickname', { a: 1 }]] as const) {
      const { text, findings } = check({ [column]: value });
      const finding = only(findings, typeof value === 'object' ? 'type' : 'column-type');
      if (typeof value !== 'object') assertValueRange(text, finding, [column], JSON.stringify(value));
    }
  });

  it('flags lengths: characters for text, digits for numbers, and null in a NOT NULL column', () => {
    const text = check({ nickname: 'Alexander' });
    assertValueRange(text.text, only(text.findings, 'column-length'), ['nickname'], '"Alexander"');
    assert.match(only(check({ score: 1234 }).findings, 'column-length').message, /4 digits; the column holds at most 3/);
    none(check({ score: -999 }).findings);
    only(check({ studentsdcid: null }).findings, 'column-null');
  });

  it('flags a body for another table and a body with two tables', () => {
    const { text, findings } = check({ nickname: 'A' }, 'u_other');
    assertKeyRange(text, only(findings, 'table-name-mismatch'), ['u_other']);
    const two = JSON.stringify({ tables: { u_extra: { nickname: 'a' }, u_more: { a: 1 } } });
    assert.ok(validator.validateTableText(two, 'u_extra', columns).some((finding) => finding.code === 'table-count'));
  });

  it('checks only the shape without metadata', () => {
    none(validator.validateTableText('{"tables":{"u_extra":{"anything":1}}}', 'u_extra', []));
    const bad = '{"tables":{"u_extra":{"bad name":1}}}';
    const finding = only(validator.validateTableText(bad, 'u_extra', []), 'name');
    assert.deepEqual([finding.start, finding.end], [bad.indexOf('"bad name"'), bad.indexOf('"bad name"') + 10]);
  });
});
