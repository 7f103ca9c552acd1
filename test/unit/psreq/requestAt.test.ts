import * as assert from 'node:assert/strict';
import { parsePsreq, requestAt } from '../../../src/core/psreq';

describe('psreq requestAt', () => {
  const text = '@a = 1\n\n### one\nGET /x\n\n\n### two\nPOST /y\n\n{"a":1}\n\n\n';
  const { requests } = parsePsreq(text);
  const at = (offset: number) => requestAt(requests, offset)?.index;

  it('finds the block holding an offset, up to the line before the next separator', () => {
    assert.equal(at(text.indexOf('GET')), 0);
    assert.equal(at(text.indexOf('### two') - 1), 0);
    assert.equal(at(text.indexOf('### two')), 1);
    assert.equal(at(text.indexOf('{"a"')), 1);
    assert.equal(at(text.length), 1, 'the trailing blank lines belong to the last request');
  });

  it('finds none among the file variables above the first request', () => {
    assert.equal(at(0), undefined);
  });
});
