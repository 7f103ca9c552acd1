import * as assert from 'node:assert/strict';
import { locatePointers } from '../../../src/core/payload/locate';

describe('payload: pointer locator', () => {
  const text = '{ "a": {"b~c": [10, {"d/e": "x\\"y"}], "q": true}, "k\\u0041": null }';

  it('finds values and keys, including escaped pointer segments and keys', () => {
    const found = locatePointers(text, ['/a/b~0c/1/d~1e', '/kA', '/a/q', '/a/b~0c/0']);
    const deep = found.get('/a/b~0c/1/d~1e')!;
    assert.equal(text.slice(deep.valueStart, deep.valueEnd), '"x\\"y"');
    assert.equal(text.slice(deep.keyStart, deep.keyEnd), '"d/e"');
    const escapedKey = found.get('/kA')!;
    assert.equal(text.slice(escapedKey.keyStart, escapedKey.keyEnd), '"k\\u0041"');
    assert.equal(text.slice(found.get('/a/b~0c/0')!.valueStart, found.get('/a/b~0c/0')!.valueEnd), '10');
    assert.equal(found.get('/a/b~0c/0')!.keyStart, undefined);
  });

  it('gives removal ranges that keep the JSON valid', () => {
    const found = locatePointers(text, ['/a', '/kA', '/a/q']);
    for (const pointer of ['/a', '/kA', '/a/q']) {
      const location = found.get(pointer)!;
      const removed = text.slice(0, location.removeStart) + text.slice(location.removeEnd);
      assert.doesNotThrow(() => JSON.parse(removed), `${pointer}: ${removed}`);
    }
    const only = '{"x": 1}';
    const single = locatePointers(only, ['/x']).get('/x')!;
    assert.equal(only.slice(0, single.removeStart) + only.slice(single.removeEnd), '{}');
  });

  it('reports where an object\'s first key starts, and nothing for missing pointers', () => {
    const found = locatePointers(text, ['', '/a', '/missing', '/a/b~0c/7']);
    assert.equal(found.get('')!.firstKeyStart, 2);
    assert.equal(text.slice(found.get('/a')!.firstKeyStart!, found.get('/a')!.firstKeyStart! + 5), '"b~c"');
    assert.equal(found.has('/missing'), false);
    assert.equal(found.has('/a/b~0c/7'), false);
  });

  it('lets the last duplicate key win, as JSON.parse does', () => {
    const duplicate = '{"a": 1, "a": 22}';
    const location = locatePointers(duplicate, ['/a']).get('/a')!;
    assert.equal(duplicate.slice(location.valueStart, location.valueEnd), '22');
  });

  it('skips over strings holding brackets and escaped backslashes', () => {
    const tricky = '{"s": "]}\\\\", "t": [1, "[{"], "u": 3}';
    const location = locatePointers(tricky, ['/u']).get('/u')!;
    assert.equal(tricky.slice(location.valueStart, location.valueEnd), '3');
  });
});
