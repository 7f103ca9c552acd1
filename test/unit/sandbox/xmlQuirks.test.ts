import * as assert from 'node:assert/strict';
import { xmlQuirks } from '../../../src/sandbox/v1/xmlQuirks';

describe('sandbox xmlQuirks', () => {
  it('turns one-element lists into the element and empty lists/elements into ""', () => {
    assert.deepEqual(xmlQuirks({ a: { item: [{ x: 'y' }] } }), { a: { item: { x: 'y' } } });
    assert.deepEqual(xmlQuirks({ a: { item: [] }, b: {}, c: { d: { e: [] } } }), { a: '', b: '', c: '' });
    assert.deepEqual(xmlQuirks({ list: [1, 2] }), { list: [1, 2] });
  });

  it('turns numeric-looking strings into numbers but keeps leading zeros, long digit runs and attributes', () => {
    assert.deepEqual(xmlQuirks({ a: { uid: '555807', amount: '12.50', neg: '-3', zip: '050010', long: '12345678901234567', text: '12a' } }),
      { a: { uid: 555807, amount: 12.5, neg: -3, zip: '050010', long: '12345678901234567', text: '12a' } });
    assert.deepEqual(xmlQuirks({ a: { '@extensions': '123', v: '0' } }), { a: { '@extensions': '123', v: 0 } });
  });

  it('never collapses the root and drops null or undefined fields', () => {
    assert.deepEqual(xmlQuirks({ students: '' }), { students: '' });
    assert.deepEqual(xmlQuirks({ s: { a: null, b: undefined, c: 'x' } }), { s: { c: 'x' } });
  });
});
