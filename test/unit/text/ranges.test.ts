import * as assert from 'node:assert/strict';
import { byRange } from '../../../src/core/text';

describe('byRange', () => {
  it('orders spans by start, the shorter first where two start together', () => {
    const spans = [{ start: 5, end: 9 }, { start: 0, end: 4 }, { start: 5, end: 6 }, { start: 0, end: 0 }];
    assert.deepEqual([...spans].sort(byRange), [{ start: 0, end: 0 }, { start: 0, end: 4 }, { start: 5, end: 6 }, { start: 5, end: 9 }]);
  });
});
