import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePsreq, type Span } from '../../../src/core/psreq';

const slice = (text: string, span: Span) => text.slice(span.start, span.end);

// Lines that make up realistic files, mixed with noise so the parser meets broken input too.
const lines = fc.constantFrom(
  '###', '### Title here', '#### also a separator', '# @name req1', '// @confirm', '# @all', '# @note careful',
  'GET /ws/v1/district/student', 'POST https://example.com/a?b=1 HTTP/1.1', '/ws/v1/time', 'get /lower', 'FETCH /x',
  '    ?q=name.last_name==JA*;school_enrollment.enroll_status==A', '    &pagesize={{pagesize}}', '&flag', '?x=',
  'Content-Type: application/json', 'Authorization: Bearer {{token}}', 'X-Empty:', 'not a header',
  '', '', '{ "a": {{id}} }', '< ./file.json', '<@ ./tmpl.json', '@pagesize = 100', '@host={{base}}/x', '@ bad',
  '{{', '}}', '> {%', '%}', '?? status == 200', '>> ./out.json', '{{unclosed', '{{}}', '# plain comment',
);
const noise = fc.string({ unit: fc.constantFrom('#', '/', '@', '=', '{', '}', '?', '&', ':', ' ', '<', '>', '%', 'a', 'G', '\t'), maxLength: 12 });
const documents = fc
  .tuple(fc.array(fc.oneof({ weight: 5, arbitrary: lines }, { weight: 1, arbitrary: noise }), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([parts, eol]) => parts.join(eol));

describe('psreq parser offsets (property-based)', () => {
  it('re-slicing the text at every reported range gives back the part it names', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const document = parsePsreq(text);
        const inside = (span: Span) => assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${span.start}-${span.end} outside 0-${text.length}`);
        for (const diagnostic of document.diagnostics) inside(diagnostic);
        for (const variable of document.fileVariables) {
          assert.equal(slice(text, variable.nameSpan), variable.name);
          assert.equal(slice(text, variable.valueSpan), variable.value);
        }
        for (const request of document.requests) {
          inside(request.span);
          if (request.title) assert.equal(slice(text, request.title.span), request.title.text);
          for (const directive of request.directives) {
            assert.equal(slice(text, directive.nameSpan), directive.name);
            assert.equal(slice(text, directive.valueSpan), directive.value);
          }
          if (!request.method.implicit) assert.equal(slice(text, request.method.span).toUpperCase(), request.method.text);
          for (const piece of request.url.pieces) assert.equal(text.slice(piece.start, piece.start + piece.text.length), piece.text);
          assert.equal(request.url.text, request.url.pieces.map((piece) => piece.text).join(''));
          if (request.httpVersion) assert.equal(slice(text, request.httpVersion.span).toUpperCase(), request.httpVersion.text);
          for (const parameter of request.url.query) {
            assert.equal(slice(text, parameter.keySpan), parameter.key);
            assert.equal(slice(text, parameter.valueSpan), parameter.value);
          }
          for (const header of request.headers) {
            assert.equal(slice(text, header.nameSpan), header.name);
            assert.equal(slice(text, header.valueSpan), header.value);
          }
          for (const reference of request.references) {
            assert.equal(slice(text, reference.nameSpan), reference.name);
            assert.match(slice(text, reference.span), /^\{\{[\s\S]*\}\}$/);
          }
          if (request.body) {
            assert.equal(slice(text, request.body.span), request.body.text);
            if (request.body.file) assert.equal(slice(text, request.body.file.span), request.body.file.path);
          }
          for (const script of request.scripts ?? []) inside(script.span);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('puts requests in document order without overlapping', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const { requests } = parsePsreq(text);
        for (let i = 1; i < requests.length; i++) assert.ok(requests[i - 1].span.end <= requests[i].span.start);
      }),
      { numRuns: 500 },
    );
  });
});
