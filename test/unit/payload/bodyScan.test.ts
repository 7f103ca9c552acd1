import * as assert from 'node:assert/strict';
import { scanStudentBody } from '../../../src/core/payload/bodyScan';
import { tooDeepOffset } from '../../../src/core/payload/depth';

describe('payload: the one-pass scan of a student body', () => {
  it('gives the span of every record of students.student, strings with brackets and escapes skipped', () => {
    const records = ['{"client_uid":"a]\\"}","x":[1,{"y":"}"}]}', '7', '"s"', '[]', 'null'];
    const text = `\ufeff { "$schema": "x", "students" : { "other": [1], "student": [ ${records.join(' ,\n ')} ] } }\n`;
    const shape = scanStudentBody(text);
    assert.equal(shape.kind, 'records');
    if (shape.kind !== 'records') return;
    assert.deepEqual(shape.starts.map((start, index) => text.slice(start, shape.ends[index])), records);
    assert.equal(text[shape.open], '[');
    assert.equal(text[shape.close], ']');
  });

  it('leaves other shapes to a whole parse: one object, repeated keys, text that is not well-formed at the top', () => {
    for (const text of [
      '{"students":{"student":{"client_uid":"1"}}}',
      '{"students":{"student":[]},"students":{"student":[]}}',
      '{"students":{"student":[],"student":[]}}',
      '{"students":{"student":[1,]}}',
      '{"students":{"student":[1]}} x',
      '{"students":{"student":["unterminated]}}',
      '[{"students":{"student":[]}}]',
      '',
    ]) assert.deepEqual(scanStudentBody(text), { kind: 'other' }, text);
  });

  it('stops at the same bracket as tooDeepOffset, inside a record or around it', () => {
    const deepRecord = `{"students":{"student":[{"a":${'['.repeat(200)}${']'.repeat(200)}}]}}`;
    const deepOutside = `{"x":${'{"a":'.repeat(200)}1${'}'.repeat(200)},"students":{"student":[]}}`;
    for (const text of [deepRecord, deepOutside]) {
      assert.deepEqual(scanStudentBody(text), { kind: 'too-deep', offset: tooDeepOffset(text) });
    }
  });
});
