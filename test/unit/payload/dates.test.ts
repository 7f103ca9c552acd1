import * as assert from 'node:assert/strict';
import { isDateShaped, isRealDate } from '../../../src/core/payload/dates';

describe('payload: dates', () => {
  it('accepts real days, leap days included', () => {
    for (const date of ['2024-02-29', '2000-02-29', '2023-12-31', '2023-04-30', '0001-01-01']) assert.equal(isRealDate(date), true, date);
  });

  it('rejects days that do not exist and malformed text', () => {
    for (const date of ['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-01', '2023/01/01', '2023-01-0a', '']) {
      assert.equal(isRealDate(date), false, date);
    }
    assert.equal(isDateShaped('2023-02-30'), true);
    assert.equal(isDateShaped('2023-2-3'), false);
  });
});
