import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalogFromTableColumns } from '../../../src/core/q/catalog/fromColumns';
import { V1_CATALOGS } from '../../../src/core/q/catalog/v1Catalogs';
import { completeQ, type QCompletionItem } from '../../../src/core/q/complete';
import { hoverQ } from '../../../src/core/q/hover';

/** Completion at the `|` in the text. */
function at(marked: string, options = {}, dialect: 'v1' | 'powerquery' | 'schema' = 'v1', catalog = V1_CATALOGS.student) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: completeQ(text, offset, catalog, dialect, options).items };
}

function labels(items: QCompletionItem[], kind?: QCompletionItem['kind']): string[] {
  return items.filter((i) => !kind || i.kind === kind).map((i) => i.label);
}

function replaced(text: string, item: QCompletionItem): string {
  return text.slice(item.replaceStart, item.replaceEnd);
}

describe('completeQ', () => {
  it('offers every field at the start, replacing nothing', () => {
    const { items } = at('|');
    assert.equal(items.length, V1_CATALOGS.student.fields.length);
    assert.ok(items.every((i) => i.kind === 'field' && i.replaceStart === 0 && i.replaceEnd === 0));
    const lastName = items.find((i) => i.label === 'name.last_name');
    assert.equal(lastName?.detail, 'string(50) · Students.Last_Name');
    assert.match(lastName?.documentation ?? '', /wildcard/);
  });

  it('sorts documented search fields before the others', () => {
    const { items } = at('|');
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.equal(sorted[0].label, 'local_id');
    assert.equal(sorted[sorted.length - 1].label, V1_CATALOGS.student.fields[V1_CATALOGS.student.fields.length - 1].name);
    assert.ok(sorted.findIndex((item) => item.label === 'name.first_name') > sorted.findIndex((item) => item.label === 'student_username'));
  });

  it('replaces the whole field word being typed, in the middle of it too', () => {
    const { text, items } = at('school_enrollment.enroll_status==A;name.la|st_name==X');
    const item = items.find((i) => i.label === 'name.last_name');
    assert.ok(item);
    assert.equal(replaced(text, item), 'name.last_name');
    assert.deepEqual(labels(items, 'operator'), []);
  });

  it('offers fields after a semicolon', () => {
    const { items } = at('local_id==1;|');
    assert.ok(labels(items).includes('school_enrollment.entry_date'));
    assert.ok(items.every((i) => i.replaceStart === 12 && i.replaceEnd === 12));
  });

  it('offers operators at the end of a complete field name, and after a space', () => {
    const end = at('name.last_name|');
    assert.deepEqual(labels(end.items, 'operator'), ['==', '=gt=', '=ge=', '=lt=', '=le=']);
    assert.ok(end.items.filter((i) => i.kind === 'operator').every((i) => i.replaceStart === 14 && i.replaceEnd === 14));
    assert.deepEqual(labels(at('name.last_name |').items), ['==', '=gt=', '=ge=', '=lt=', '=le=']);
  });

  it('offers != only in PowerQuery $q', () => {
    const table = catalogFromTableColumns('STUDENTS', [{ name: 'LAST_NAME', type: 'VARCHAR2', length: 50 }]);
    const pq = { ...table, fields: table.fields.map((f) => ({ ...f, name: `students.${f.name}` })) };
    assert.ok(labels(at('students.last_name|', {}, 'powerquery', pq).items).includes('!='));
  });

  it('completes a partly typed operator, replacing it whole', () => {
    const partial = at('school_enrollment.entry_date=g|');
    assert.deepEqual(labels(partial.items), ['==', '=gt=', '=ge=', '=lt=', '=le=']);
    assert.equal(replaced(partial.text, partial.items[1]), '=g');
    const threeChars = at('school_enrollment.entry_date=gt|');
    assert.equal(replaced(threeChars.text, threeChars.items[0]), '=gt');
    const inside = at('local_id=|=');
    assert.equal(replaced(inside.text, inside.items[0]), '==');
    assert.equal(inside.items[0].kind, 'operator');
  });

  it('offers status letters with their meaning and an in-list after ==', () => {
    const { items } = at('school_enrollment.enroll_status==|');
    assert.deepEqual(labels(items, 'value'), ['A', 'P', 'T', 'G', 'H', 'I']);
    assert.equal(items[0].detail, 'Active');
    const list = items.find((i) => i.kind === 'snippet');
    assert.equal(list?.label, '(A,P)');
    assert.equal(list?.insertText, '(${1:A},${2:P})');
  });

  it('offers values inside an in-list, without another list or those listed, replacing the value under the cursor', () => {
    const { text, items } = at('school_enrollment.enroll_status==(A,|P)');
    assert.deepEqual(labels(items), ['P', 'T', 'G', 'H', 'I']);
    assert.equal(replaced(text, items[0]), 'P');
    assert.deepEqual(labels(at('school_enrollment.enroll_status==(a, P,|').items), ['T', 'G', 'H', 'I'], 'status letters in any case');
    assert.deepEqual(labels(at('school_enrollment.enroll_status==(A);local_id==1;school_enrollment.enroll_status==(|').items).length, 6, 'another list does not count');
    const typed = at('school_enrollment.enroll_status==(A,p|)');
    assert.equal(replaced(typed.text, typed.items[0]), 'p');
    assert.deepEqual(labels(at('school_enrollment.enroll_status==(|').items, 'value').length, 6);
  });

  it('replaces a value being typed after an operator', () => {
    const { text, items } = at('school_enrollment.enroll_status==a|;local_id==1');
    assert.equal(replaced(text, items[0]), 'a');
  });

  it('offers a date snippet (and today, when given) for date fields', () => {
    const { items } = at('school_enrollment.entry_date=ge=|', { today: '2026-11-27' });
    assert.deepEqual(items.map((i) => [i.label, i.kind]), [['YYYY-MM-DD', 'snippet'], ['2026-11-27', 'value']]);
    assert.equal(items[0].insertText, '${1:YYYY}-${2:MM}-${3:DD}');
  });

  it('offers a wildcard snippet for free text and nothing for numbers or unknown fields', () => {
    assert.deepEqual(labels(at('name.last_name==|').items), ['prefix*']);
    assert.deepEqual(at('local_id==|').items, []);
    assert.deepEqual(at('nope==|').items, []);
  });

  it('offers nothing after a closing parenthesis or inside whitespace after a value', () => {
    assert.deepEqual(at('local_id==(1,2)|').items, []);
    assert.deepEqual(at('local_id==1 |').items, []);
  });

  it('returns items with ranges inside the text at every offset of random text', () => {
    const chars = fc.constantFrom('a', '.', '=', 'g', 't', ';', ',', '(', ')', ' ', '*', '1');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), fc.nat(), (array, n) => {
        const text = array.join('');
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        for (const item of completeQ(text, offset, V1_CATALOGS.student).items) {
          assert.ok(item.replaceStart >= 0 && item.replaceStart <= offset && offset <= item.replaceEnd && item.replaceEnd <= text.length,
            JSON.stringify({ text, offset, item: item.label, s: item.replaceStart, e: item.replaceEnd }));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('hoverQ', () => {
  const text = 'school_enrollment.enroll_status==(A,I);name.last_name=gt=JA*;school_enrollment.entry_date=ge=2017-08-01;name.frist_name==x';

  it('explains a field with type, column and allowed values', () => {
    const hover = hoverQ(text, 5, V1_CATALOGS.student);
    assert.deepEqual([hover?.start, hover?.end], [0, 31]);
    assert.match(hover?.markdown ?? '', /Students.Enroll_Status/);
    assert.match(hover?.markdown ?? '', /`G` — Graduated/);
  });

  it('explains status letters with their code', () => {
    assert.match(hoverQ(text, 34, V1_CATALOGS.student)?.markdown ?? '', /Active: enroll_status_code 0/);
    assert.match(hoverQ(text, 36, V1_CATALOGS.student)?.markdown ?? '', /Inactive.*other than 0, -1, 2, 3, 4/);
  });

  it('explains operators, wildcards and dates', () => {
    const op = text.indexOf('=gt=');
    assert.deepEqual(hoverQ(text, op + 1, V1_CATALOGS.student), { start: op, end: op + 4, markdown: '`=gt=` — greater than' });
    assert.match(hoverQ(text, text.indexOf('JA*'), V1_CATALOGS.student)?.markdown ?? '', /any run of characters/);
    assert.match(hoverQ(text, text.indexOf('2017-08-01'), V1_CATALOGS.student)?.markdown ?? '', /Tuesday/);
  });

  it('suggests the closest field on an unknown one, and is undefined on separators', () => {
    const hover = hoverQ(text, text.indexOf('frist') + 1, V1_CATALOGS.student);
    assert.equal(hover?.markdown, '**name.frist_name** — unknown field for /ws/v1 student; did you mean `name.first_name`?');
    assert.equal(hoverQ(text, text.indexOf(';'), V1_CATALOGS.student), undefined);
  });

  it('hovers the token just before the cursor at the end of the text', () => {
    const hover = hoverQ('local_id', 8, V1_CATALOGS.student);
    assert.deepEqual([hover?.start, hover?.end], [0, 8]);
  });
});
