import * as assert from 'node:assert/strict';
import { lastIndexAtOrBefore } from '../../../src/core/text';
import { seededRandom } from '../seededRandom';

describe('lastIndexAtOrBefore', () => {
  it('finds the last key at or before the target, -1 before the first, on equal keys the last', () => {
    const keys = [0, 5, 5, 9];
    const at = (target: number) => lastIndexAtOrBefore(keys.length, (index) => keys[index]!, target);
    assert.deepEqual([-1, 0, 4, 5, 8, 9, 100].map(at), [-1, 0, 0, 2, 2, 3, 3]);
    assert.equal(lastIndexAtOrBefore(0, () => 0, 7), -1);
  });

  it('agrees with a linear scan on random sorted keys', () => {
    const next = seededRandom(7);
    for (let round = 0; round < 200; round++) {
      const keys = Array.from({ length: Math.floor(next() * 20) }, () => Math.floor(next() * 30)).sort((a, b) => a - b);
      const target = Math.floor(next() * 34) - 2;
      let expected = -1;
      keys.forEach((key, index) => key <= target && (expected = index));
      assert.equal(lastIndexAtOrBefore(keys.length, (index) => keys[index]!, target), expected, `${keys} ${target}`);
    }
  });
});
