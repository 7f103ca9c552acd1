import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchesQ } from '../../../src/core/q/evaluate';
import { parseQ } from '../../../src/core/q/parse';
import { qToSql } from '../../../src/core/q/sql';
import { tokenizeQ } from '../../../src/core/q/tokenize';
import type { QDialect, QSpan } from '../../../src/core/q/types';

// Text built from the characters that matter to the grammar, so that random input reaches deep states.
const qChar = fc.constantFrom('a', 'b', '.', '_', '=', '!', '<', '>', ';', ',', '(', ')', '*', ' ', 'g', 't', 'e', 'l', '1', '-', '%', '\u0000', 'é');
const qLike = fc.array(qChar, { maxLength: 40 }).map((chars) => chars.join(''));
const anyText = fc.oneof(qLike, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const dialect = fc.constantFrom<QDialect>('v1', 'schema', 'powerquery');

function inside(span: QSpan, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

describe('q fuzzing', () => {
  it('tokens tile the text exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenizeQ(text);
        assert.equal(tokens.map((t) => t.text).join(''), text);
        let offset = 0;
        for (const t of tokens) {
          assert.equal(t.start, offset);
          assert.ok(t.end > t.start);
          offset = t.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parseQ never throws and every offset lies inside the text', () => {
    fc.assert(
      fc.property(anyText, dialect, fc.boolean(), (text, d, percentDecode) => {
        const { expression, diagnostics } = parseQ(text, { dialect: d, percentDecode });
        for (const diagnostic of diagnostics) {
          assert.ok(inside(diagnostic, text.length), JSON.stringify(diagnostic));
          assert.ok(diagnostic.message.length > 0);
          for (const fix of diagnostic.fixes ?? []) assert.ok(inside(fix, text.length));
        }
        for (const term of expression.terms) {
          assert.ok(inside(term, text.length));
          assert.ok(inside(term.field, text.length));
          assert.equal(text.slice(term.field.start, term.field.end), term.field.name);
          if (term.operator) assert.ok(inside(term.operator, text.length));
          for (const value of term.values) {
            assert.ok(inside(value, text.length));
            assert.equal(text.slice(value.start, value.end), value.raw);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('matchesQ and qToSql never throw on whatever parseQ recovered', () => {
    fc.assert(
      fc.property(qLike, fc.constantFrom<unknown>(null, 'ab', 12, '2017-08-01', ['a', 1]), (text, stored) => {
        const { expression } = parseQ(text);
        assert.equal(typeof matchesQ(expression, () => stored), 'boolean');
        const result = qToSql(expression, () => ({ sql: 'c', type: 'string' }));
        if ('error' in result) assert.ok(inside(result.error, text.length));
      }),
      { numRuns: 400 },
    );
  });

  it('a term without errors round-trips its parts', () => {
    const field = fc.stringMatching(/^[a-z][a-z_.]{0,10}$/);
    const op = fc.constantFrom('==', '=gt=', '=ge=', '=lt=', '=le=');
    const value = fc.stringMatching(/^[A-Za-z0-9*-]{1,10}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(field, op, value), { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.map(([f, o, v]) => f + o + v).join(';');
        const { expression, diagnostics } = parseQ(text);
        assert.deepEqual(diagnostics, []);
        assert.deepEqual(
          expression.terms.map((t) => [t.field.name, t.operator?.known, t.values[0].raw]),
          parts,
        );
      }),
      { numRuns: 300 },
    );
  });
});
