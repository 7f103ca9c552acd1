import * as assert from 'node:assert/strict';
import { jsonStringSlice } from '../../../src/core/assist/jsonString';
import { listEntries, listEntryAt } from '../../../src/core/assist/lists';
import { splitUrl } from '../../../src/core/assist/urlText';
import { parsePsreq } from '../../../src/core/psreq';

describe('assist text slices', () => {
  it('maps a q value on a continuation line back to document offsets, character by character', () => {
    const text = 'GET /ws/v1/district/student\n    ?q=local_id==1;name.last_name==A*\n    &pagesize=5\n';
    const url = splitUrl(parsePsreq(text).requests[0].url);
    const q = url.parameters[0].value;
    assert.equal(q.text, 'local_id==1;name.last_name==A*');
    for (let i = 0; i < q.text.length; i++) assert.equal(text[q.toDocument(i)], q.text[i], `character ${i}`);
    assert.equal(q.fromDocument(text.indexOf('name.last')), q.text.indexOf('name.last'));
    assert.equal(q.toDocumentEnd(q.text.length), text.indexOf('\n    &pagesize'), 'the end stays on its line');
    assert.equal(url.parameters[1].key.text, 'pagesize');
    assert.equal(text.slice(url.parameters[1].key.toDocument(0), url.parameters[1].key.toDocumentEnd(8)), 'pagesize');
  });

  it('keeps an empty value at the end of its line, not on the next continuation line', () => {
    const text = 'GET /ws/v1/district/student\n    ?q=\n    &page=1\n';
    const q = splitUrl(parsePsreq(text).requests[0].url).parameters[0].value;
    assert.equal(q.text, '');
    assert.equal(q.toDocument(0), text.indexOf('\n    &page'));
    assert.equal(q.fromDocument(text.indexOf('\n    &page')), 0);
  });

  it('strips an origin or a {{baseUrl}} variable from the path', () => {
    for (const [url, path] of [['https://ps.example.org/ws/v1/district?x=1', '/ws/v1/district'], ['{{host}}/ws/schema/table', '/ws/schema/table'], ['/ws/v1/time', '/ws/v1/time']]) {
      const parts = splitUrl(parsePsreq(`GET ${url}\n`).requests[0].url);
      assert.equal(parts.apiPath.text, path);
    }
  });

  it('decodes a JSON string with escapes and maps each decoded character to its escape', () => {
    const text = '{"$q": "a\\u0000b\\"c"}';
    const start = text.indexOf('"a');
    const slice = jsonStringSlice(text, start, text.indexOf('}') - start);
    assert.equal(slice.text, 'a\u0000b"c');
    assert.equal(slice.toDocument(1), text.indexOf('\\u0000'));
    assert.equal(slice.toDocumentEnd(2), text.indexOf('b'));
    assert.equal(slice.toDocument(3), text.indexOf('\\"'));
    assert.equal(slice.fromDocument(text.indexOf('c')), 4);
    assert.equal(slice.toDocumentEnd(5), text.lastIndexOf('"'));
  });

  it('splits comma lists, encoded commas included, and finds the entry at a cursor', () => {
    const text = 'GET /x?expansions=demographics%2C addresses,,phones\n';
    const value = splitUrl(parsePsreq(text).requests[0].url).parameters[0].value;
    assert.deepEqual(listEntries(value).map((entry) => entry.text), ['demographics', 'addresses', '', 'phones']);
    const addresses = listEntries(value)[1].slice;
    assert.equal(text.slice(addresses.toDocument(0), addresses.toDocumentEnd(addresses.text.length)), 'addresses');
    assert.deepEqual(listEntryAt(value, value.text.indexOf('phones') + 2), { start: value.text.indexOf('phones'), end: value.text.length });
    assert.deepEqual(listEntryAt(value, 0), { start: 0, end: value.text.indexOf('%2C') });
  });
});
