import * as assert from 'node:assert/strict';
import { matchesQ, type MatchQOptions } from '../../../src/core/q/evaluate';
import { parseQ } from '../../../src/core/q/parse';

type Row = Record<string, unknown>;

function matches(q: string, row: Row, options?: MatchQOptions, dialect: 'v1' | 'powerquery' = 'v1'): boolean {
  const { expression, diagnostics } = parseQ(q, { dialect });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], q);
  return matchesQ(expression, (field) => row[field], options);
}

const ada: Row = {
  'name.last_name': 'Lovelace',
  'name.first_name': 'Ada',
  local_id: 112036,
  'school_enrollment.enroll_status': 'A',
  'school_enrollment.enroll_status_code': 0,
  'school_enrollment.entry_date': '2017-08-15',
  'school_enrollment.grade_level': 10,
  student_username: 'ALovelace',
  state_province_id: null,
};

describe('matchesQ', () => {
  it('matches text case-insensitively, with * anywhere', () => {
    assert.equal(matches('name.last_name==lovelace', ada), true);
    assert.equal(matches('name.last_name==LOVE*', ada), true);
    assert.equal(matches('name.last_name==*lac*', ada), true);
    assert.equal(matches('name.last_name==*lace', ada), true);
    assert.equal(matches('name.last_name==JA*', ada), false);
    assert.equal(matches('name.last_name==Love', ada), false);
  });

  it('compares numbers numerically', () => {
    assert.equal(matches('school_enrollment.grade_level=gt=9', ada), true);
    assert.equal(matches('school_enrollment.grade_level=ge=10', ada), true);
    assert.equal(matches('school_enrollment.grade_level=lt=10', ada), false);
    assert.equal(matches('school_enrollment.grade_level=le=10.0', ada), true);
    assert.equal(matches('local_id==112036', ada), true);
    assert.equal(matches('local_id==abc', ada), false);
  });

  it('compares YYYY-MM-DD dates chronologically, also against Date objects and timestamps', () => {
    assert.equal(matches('school_enrollment.entry_date=gt=2017-08-01', ada), true);
    assert.equal(matches('school_enrollment.entry_date=lt=2017-08-15', ada), false);
    assert.equal(matches('school_enrollment.entry_date=le=2017-08-15', ada), true);
    assert.equal(matches('d=ge=2020-01-31', { d: new Date('2020-02-01T00:00:00Z') }), true);
    assert.equal(matches('d==2020-02-01', { d: '2020-02-01T00:00:00' }), true);
  });

  it('uses the declared type over the stored value', () => {
    const typeOf = (field: string) => (field === 'grade' ? 'number' as const : undefined);
    assert.equal(matches('grade=gt=9', { grade: '10' }, { typeOf }), true);
    assert.equal(matches('grade=gt=9', { grade: '10' }), false); // inferred text: "10" < "9"
  });

  it('ANDs terms', () => {
    assert.equal(matches('school_enrollment.enroll_status==A;name.last_name==L*', ada), true);
    assert.equal(matches('school_enrollment.enroll_status==A;name.last_name==J*', ada), false);
  });

  it('supports in-lists with == and !=', () => {
    assert.equal(matches('name.first_name==(Bob,ada)', ada), true);
    assert.equal(matches('name.first_name==(Bob,Carl)', ada), false);
    assert.equal(matches('name.first_name!=(Bob,Carl)', ada), true);
    assert.equal(matches('name.first_name!=(Bob,Ad*)', ada), false);
  });

  it('translates enroll_status letters case-insensitively through the code field', () => {
    assert.equal(matches('school_enrollment.enroll_status==a', ada), true);
    assert.equal(matches('school_enrollment.enroll_status==(P,A)', ada), true);
    assert.equal(matches('school_enrollment.enroll_status==I', ada), false);
    const stored = (code: number) => ({ 'school_enrollment.enroll_status_code': code });
    assert.equal(matches('school_enrollment.enroll_status==I', stored(7)), true);
    assert.equal(matches('school_enrollment.enroll_status==I', stored(-1)), false);
    assert.equal(matches('school_enrollment.enroll_status==P', stored(-1)), true);
    assert.equal(matches('school_enrollment.enroll_status==G', stored(3)), true);
    assert.equal(matches('school_enrollment.enroll_status==T', stored(2)), true);
    assert.equal(matches('school_enrollment.enroll_status==H', stored(4)), true);
    assert.equal(matches('school_enrollment.enroll_status!=A', stored(4)), true);
    assert.equal(matches('school_enrollment.enroll_status=gt=A', stored(2)), true);
    assert.equal(matches('school_enrollment.enroll_status=gt=I', stored(2)), false);
  });

  it('falls back to the status field itself when there is no code field', () => {
    assert.equal(matches('enroll_status==A', { enroll_status: 0 }), true);
    assert.equal(matches('enroll_status==i', { enroll_status: 'I' }), true);
    assert.equal(matches('enroll_status==A', { enroll_status: 'G' }), false);
    assert.equal(matches('enroll_status==A', {}), false);
  });

  it('compares enroll_status_code as a number', () => {
    assert.equal(matches('school_enrollment.enroll_status_code==-1', { 'school_enrollment.enroll_status_code': -1 }), true);
  });

  it('treats stored null as matching only the null value', () => {
    assert.equal(matches('state_province_id==1', ada), false);
    assert.equal(matches('state_province_id!=1', ada), false);
    const row = { 't.empty': null, 't.blank': '', 't.full': 5 };
    assert.equal(matches('t.empty==\u0000', row, undefined, 'powerquery'), true);
    assert.equal(matches('t.blank==\u0000', row, undefined, 'powerquery'), true);
    assert.equal(matches('t.empty!=\u0000', row, undefined, 'powerquery'), false);
    assert.equal(matches('t.full!=\u0000', row, undefined, 'powerquery'), true);
    assert.equal(matches('t.full==\u0000', row, undefined, 'powerquery'), false);
  });

  it('matches any element of a stored array', () => {
    assert.equal(matches('tags==b*', { tags: ['apple', 'banana'] }), true);
    assert.equal(matches('tags==c*', { tags: ['apple', 'banana'] }), false);
  });

  it('never matches incomplete or unknown terms, and an empty expression matches all', () => {
    for (const q of ['a=gx=1', 'a', 'a==']) {
      assert.equal(matchesQ(parseQ(q).expression, () => '1'), false, q);
    }
    assert.equal(matchesQ(parseQ('').expression, () => undefined), true);
  });
});
