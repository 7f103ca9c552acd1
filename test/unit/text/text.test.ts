import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { boundedEditDistance, closestName, createLineIndex, didYouMean, editDistance, splitLines } from '../../../src/core/text';

describe('edit distance', () => {
  it('computes Levenshtein distances', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('=gx=', '=gt='), 1);
  });

  it('bounded distance equals the full one up to the bound', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(5), (a, b, max) => {
        assert.equal(boundedEditDistance(a, b, max), Math.min(editDistance(a, b), max + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('suggests only close names, or an unambiguous dotted suffix', () => {
    const names = ['name.last_name', 'name.first_name', 'local_id'];
    assert.equal(closestName('name.lastname', names), 'name.last_name');
    assert.equal(closestName('LOCAL_ID', names), 'local_id');
    assert.equal(closestName('first_name', names), 'name.first_name');
    assert.equal(closestName('zip', names), undefined);
  });
});

describe('did you mean', () => {
  it('names a close candidate, case-insensitively, from any iterable', () => {
    assert.equal(didYouMean('lastname', new Set(['LAST_NAME', 'first_name'])), " (did you mean 'LAST_NAME'?)");
    assert.equal(didYouMean('zip', ['city']), '');
  });
});

describe('line index', () => {
  it('splits at \\n, \\r\\n and a lone \\r, as editors do', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd').map((line) => [line.text, line.start]), [['a', 0], ['b', 2], ['c', 5], ['d', 7]]);
    const at = createLineIndex('ab\ncd\r\nef\rg');
    assert.deepEqual([at(0), at(3), at(7), at(10)], [{ line: 0, column: 0 }, { line: 1, column: 0 }, { line: 2, column: 0 }, { line: 3, column: 0 }]);
  });

  it('does not count a byte-order mark as a column of line 1', () => {
    const at = createLineIndex('\ufeff{"a":1}\nx');
    assert.deepEqual(at(2), { line: 0, column: 1 });
    assert.deepEqual(at(9), { line: 1, column: 0 });
  });
});
