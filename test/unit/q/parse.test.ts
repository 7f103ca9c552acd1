import * as assert from 'node:assert/strict';
import { parseQ } from '../../../src/core/q/parse';
import { tokenizeQ } from '../../../src/core/q/tokenize';
import type { QDiagnostic } from '../../../src/core/q/types';

/** The text a diagnostic points at: makes the expected ranges readable. */
function at(text: string, d: QDiagnostic): string {
  return text.slice(d.start, d.end);
}

function codes(text: string, dialect: 'v1' | 'schema' | 'powerquery' = 'v1'): string[] {
  return parseQ(text, { dialect }).diagnostics.map((d) => `${d.code}@${at(text, d)}`);
}

describe('q tokenizer', () => {
  it('splits the example from the notes into fields, operators, values and semicolons with offsets', () => {
    const text = 'school_enrollment.enroll_status==A;name.last_name==JA*';
    const tokens = tokenizeQ(text);
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.text, t.start, t.end]),
      [
        ['field', 'school_enrollment.enroll_status', 0, 31],
        ['operator', '==', 31, 33],
        ['value', 'A', 33, 34],
        ['semicolon', ';', 34, 35],
        ['field', 'name.last_name', 35, 49],
        ['operator', '==', 49, 51],
        ['value', 'JA*', 51, 54],
      ],
    );
  });

  it('reads =xx= operators, in-lists and keeps = inside values', () => {
    const tokens = tokenizeQ('d=GE=2017-08-01;s==(A,p);x===y');
    assert.deepEqual(
      tokens.map((t) => `${t.kind}:${t.text}`),
      ['field:d', 'operator:=GE=', 'value:2017-08-01', 'semicolon:;', 'field:s', 'operator:==', 'lparen:(', 'value:A', 'comma:,',
        'value:p', 'rparen:)', 'semicolon:;', 'field:x', 'operator:==', 'value:=y'],
    );
  });

  it('keeps inner spaces in a value but not surrounding ones', () => {
    const tokens = tokenizeQ(' a == Van Der Berg ;b==1');
    assert.deepEqual(
      tokens.filter((t) => t.kind !== 'whitespace').map((t) => t.text),
      ['a', '==', 'Van Der Berg', ';', 'b', '==', '1'],
    );
  });

  it('covers every character exactly once', () => {
    const text = 'a=gx=1;;(b,c)=<=>!x';
    const tokens = tokenizeQ(text);
    assert.equal(tokens.map((t) => t.text).join(''), text);
    for (let i = 1; i < tokens.length; i++) assert.equal(tokens[i].start, tokens[i - 1].end);
  });
});

describe('parseQ: valid forms', () => {
  it('parses AND terms with every operator and the exact offsets of each node', () => {
    const text = 'a==1;b=gt=2;c=ge=3;d=lt=4;e=le=5';
    const { expression, diagnostics } = parseQ(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(expression.terms.map((t) => t.operator?.known), ['==', '=gt=', '=ge=', '=lt=', '=le=']);
    const second = expression.terms[1];
    assert.deepEqual([second.start, second.end], [5, 11]);
    assert.deepEqual(second.field, { name: 'b', start: 5, end: 6 });
    assert.deepEqual([second.operator?.start, second.operator?.end], [6, 10]);
    assert.deepEqual(second.values, [{ raw: '2', text: '2', start: 10, end: 11, wildcard: false, isNull: false }]);
  });

  it('parses an in-list into several values and records the list span', () => {
    const text = 'school_enrollment.enroll_status==(A,P)';
    const { expression, diagnostics } = parseQ(text);
    assert.deepEqual(diagnostics, []);
    const term = expression.terms[0];
    assert.deepEqual(term.values.map((v) => [v.raw, v.start, v.end]), [['A', 34, 35], ['P', 36, 37]]);
    assert.deepEqual(term.list, { start: 33, end: 38 });
    assert.equal(term.end, 38);
  });

  it('marks wildcards, lower-cases operators and accepts != in PowerQuery $q without a warning', () => {
    const { expression, diagnostics } = parseQ('students.last_name==JA*;students.grade_level=GT=9;students.schoolid!=0', { dialect: 'powerquery' });
    assert.deepEqual(diagnostics, []);
    assert.equal(expression.terms[0].values[0].wildcard, true);
    assert.equal(expression.terms[1].operator?.op, '=gt=');
    assert.equal(expression.terms[2].operator?.known, '!=');
  });

  it('recognises the PowerQuery null value', () => {
    const { expression } = parseQ('students.mailing_street==\u0000;students.street==\\u0000', { dialect: 'powerquery' });
    assert.deepEqual(expression.terms.map((t) => t.values[0].isNull), [true, true]);
  });

  it('percent-decodes values only when asked, keeping raw and offsets', () => {
    const text = 'name.last_name==Van%20Der*';
    assert.equal(parseQ(text).expression.terms[0].values[0].text, 'Van%20Der*');
    const value = parseQ(text, { percentDecode: true }).expression.terms[0].values[0];
    assert.deepEqual([value.raw, value.text, value.start, value.end], ['Van%20Der*', 'Van Der*', 16, 26]);
    const plus = parseQ('a==O%27Brien+Jr;b==100%+x%E2%82', { percentDecode: true }).expression.terms.map((t) => t.values[0].text);
    assert.deepEqual(plus, ["O'Brien Jr", '100% x%E2%82']);
  });

  it('gives an empty expression and no diagnostics for empty text', () => {
    const result = parseQ('');
    assert.deepEqual(result.expression, { terms: [], start: 0, end: 0 });
    assert.deepEqual(result.diagnostics, []);
  });
});

describe('parseQ: errors with exact ranges', () => {
  it('reports unknown operators with both closest fixes for =gx=', () => {
    const text = 'school_enrollment.entry_date=gx=2017-08-01';
    const [d] = parseQ(text).diagnostics;
    assert.equal(d.code, 'unknown-operator');
    assert.equal(at(text, d), '=gx=');
    assert.match(d.message, /'=gt=' or '=ge='/);
    assert.deepEqual(d.fixes?.map((f) => [f.start, f.end, f.newText]), [[28, 32, '=gt='], [28, 32, '=ge=']]);
  });

  it('offers one certain fix for operators from other languages', () => {
    for (const [op, fix] of [['>=', '=ge='], ['<', '=lt='], ['=>', '=ge='], ['=', '=='], ['=ne=', '!=']]) {
      const text = `a${op}5`;
      const [d] = parseQ(text, { dialect: 'powerquery' }).diagnostics;
      assert.equal(d.code, 'unknown-operator', op);
      assert.equal(at(text, d), op);
      assert.deepEqual(d.fixes?.map((f) => f.newText), [fix], op);
    }
  });

  it('says the closing = is missing in =gt2017-08-01', () => {
    const text = 'd=gt2017-08-01';
    const [d] = parseQ(text).diagnostics;
    assert.equal(at(text, d), '=gt');
    assert.deepEqual(d.fixes?.map((f) => f.newText), ['=gt=']);
    assert.equal(parseQ(text).expression.terms[0].values[0].raw, '2017-08-01');
  });

  it('reports a field without operator on the field name', () => {
    assert.deepEqual(codes('name.last_na'), ['missing-operator@name.last_na']);
    assert.deepEqual(codes('a==1;name.la'), ['missing-operator@name.la']);
  });

  it('reports a missing value on the operator, a missing field on the operator', () => {
    assert.deepEqual(codes('a==;b==2'), ['missing-value@==']);
    assert.deepEqual(codes('==A'), ['missing-field@==']);
  });

  it('reports empty terms on the extra semicolon with a removal fix', () => {
    const text = 'a==1;;b==2';
    const [d] = parseQ(text).diagnostics;
    assert.deepEqual([d.code, d.start, d.end], ['empty-term', 5, 6]);
    assert.deepEqual(d.fixes, [{ start: 5, end: 6, newText: '', title: "Remove ';'" }]);
    assert.deepEqual(codes(';a==1'), ['empty-term@;']);
    assert.deepEqual(parseQ('a==1;').diagnostics.map((x) => [x.code, x.start]), [['empty-term', 4]]);
    assert.deepEqual(codes(';'), ['empty-term@;']);
  });

  it('rejects , (OR) and offers the in-list when it means the same', () => {
    const text = 'a==X,a==Y';
    const [d] = parseQ(text).diagnostics;
    assert.deepEqual([d.code, d.start, d.end], ['or-not-supported', 4, 5]);
    assert.deepEqual(d.fixes, [{ start: 0, end: 9, newText: 'a==(X,Y)', title: 'Use the in-list a==(X,Y)' }]);
    const mixed = parseQ('a==X,b==Y').diagnostics[0];
    assert.equal(mixed.code, 'or-not-supported');
    assert.equal(mixed.fixes, undefined);
    assert.match(parseQ('t.a==X,t.a==Y', { dialect: 'powerquery' }).diagnostics[0].message, /\$q/);
  });

  it('rejects parentheses as grouping everywhere and in-lists in $q', () => {
    assert.deepEqual(codes('(a==1)'), ['parentheses-not-supported@(']);
    assert.deepEqual(codes('t.a==(1,2)', 'powerquery'), ['parentheses-not-supported@(']);
  });

  it('reports an unclosed list with an insertion fix at its end', () => {
    const text = 'a==(A,P;b==1';
    const diagnostics = parseQ(text).diagnostics;
    assert.deepEqual(diagnostics.map((d) => `${d.code}@${at(text, d)}`), ['unclosed-list@(']);
    assert.deepEqual(diagnostics[0].fixes, [{ start: 7, end: 7, newText: ')', title: "Insert ')'" }]);
    const recovered = parseQ(text).expression.terms;
    assert.equal(recovered.length, 2);
    assert.deepEqual(recovered[0].values.map((v) => v.raw), ['A', 'P']);
  });

  it('reports empty list slots', () => {
    assert.deepEqual(codes('a==()'), ['missing-value@()']);
    assert.deepEqual(codes('a==(A,,P)'), ['missing-value@,']);
    assert.deepEqual(codes('a==(A,)'), ['missing-value@(A,)']);
  });

  it('reports bad field characters and stray words', () => {
    assert.deepEqual(codes('na~me==x'), ['invalid-field@na~me']);
    assert.deepEqual(codes('name last==x'), ['missing-operator@name', 'unexpected-token@last']);
    assert.deepEqual(codes('a==1)'), ['unexpected-token@)']);
  });

  it('warns that != is undocumented outside $q', () => {
    const [d] = parseQ('a!=1').diagnostics;
    assert.deepEqual([d.code, d.severity, d.start, d.end], ['operator-undocumented', 'warning', 1, 3]);
  });

  it('recovers after an error and keeps parsing later terms', () => {
    const { expression } = parseQ('a=gx=1;b==2');
    assert.equal(expression.terms.length, 2);
    assert.equal(expression.terms[0].operator?.known, undefined);
    assert.equal(expression.terms[1].values[0].raw, '2');
  });
});
