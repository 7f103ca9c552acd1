import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { prettyPrefix } from '../../../src/core/runner';

describe('prettyPrefix', () => {
  it('equals JSON.stringify(value, null, 2) cut at the limit, for any JSON value and limit', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(400), (value, limit) => {
      const compact = JSON.stringify(value);
      const pretty = JSON.stringify(value, null, 2);
      assert.equal(prettyPrefix(compact, Number.MAX_SAFE_INTEGER), pretty);
      assert.equal(prettyPrefix(compact, limit), pretty.slice(0, limit));
      // A body that arrived already indented gives the same text.
      assert.equal(prettyPrefix(JSON.stringify(value, null, '\t'), limit), pretty.slice(0, limit));
    }), { numRuns: 300 });
  });

  it('keeps quotes, escapes and structure characters inside strings as they are', () => {
    const value = { 'a,b': 'x: "{[y]}",\\ z', e: [], o: {}, n: [1, { m: null }] };
    assert.equal(prettyPrefix(JSON.stringify(value), 10_000), JSON.stringify(value, null, 2));
  });

  it('cuts text that is not JSON as it is', () => {
    assert.equal(prettyPrefix('plain text body', 5), 'plain');
  });
});
