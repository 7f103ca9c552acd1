import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePsreq, type Span } from '../../../src/core/psreq';

const at = (text: string, span: Span) => text.slice(span.start, span.end);
const codes = (text: string) => parsePsreq(text).diagnostics.map((d) => [d.code, at(text, d)]);

describe('psreq parser: httpyac and IntelliJ lines around requests', () => {
  it('keeps a {{ }} script before the request out of the request line', () => {
    const text = '{{\n  exports.id = 1;\n}}\nGET https://example.com/{{id}}\n';
    const document = parsePsreq(text);
    assert.deepEqual(codes(text), [['script-not-run', '{{']]);
    const [request] = document.requests;
    assert.equal(request.url.text, 'https://example.com/{{id}}');
    assert.deepEqual(request.scripts?.map((s) => [s.kind, at(text, s.span)]), [['pre-request', '{{\n  exports.id = 1;\n}}']]);
  });

  it('reads ?? lines as assertions, not as query continuation lines', () => {
    const text = 'GET https://httpbin.org/json?a=1\n?? status == 200\n&b=2\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.url.text, 'https://httpbin.org/json?a=1');
    assert.deepEqual(request.scripts?.map((s) => [s.kind, at(text, s.span)]), [['assertion', '?? status == 200']]);
    // httpyac reads the line after the assertion as the body; a line that does not look like one is named.
    assert.equal(request.body?.text, '&b=2');
    assert.deepEqual(codes(text), [['body-without-blank-line', '&b=2']]);
  });

  it('ends the body before > {% %} handlers, > file handlers and >> redirects', () => {
    const text = [
      'POST https://httpbin.org/post',
      'Content-Type: application/json',
      '',
      '{"a": 1}',
      '',
      '> {%',
      '  client.test("ok", () => client.assert(response.status === 200));',
      '%}',
      '> ./handler.js',
      '>> ./out.json',
      '',
    ].join('\n');
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.text, '{"a": 1}');
    assert.deepEqual(request.scripts?.map((s) => s.kind), ['response-handler', 'response-handler', 'output-redirect']);
    assert.equal(at(text, request.scripts![0].span).split('\n').length, 3);
    assert.deepEqual(codes(text), [['script-not-run', '> {%'], ['script-not-run', '> ./handler.js'], ['script-not-run', '>> ./out.json']]);
  });

  it('reads an IntelliJ < {% %} pre-request script and a one-line handler', () => {
    const text = '< {%\n  request.variables.set("x", "1");\n%}\nGET https://example.com/{{x}}\n\n> {% client.global.set("t", response.body.token); %}\n';
    const document = parsePsreq(text);
    assert.deepEqual(codes(text), [['script-not-run', '< {%'], ['script-not-run', '> {% client.global.set("t", response.body.token); %}']]);
    assert.deepEqual(document.requests[0].scripts?.map((s) => s.kind), ['pre-request', 'response-handler']);
    assert.equal(document.requests[0].body, undefined);
  });

  it('takes a {{@response }} block after the body as a script, not body text', () => {
    const text = 'POST https://x/y\nContent-Type: application/json\n\n{ "user": "a" }\n\n{{@response\n  console.log(response.parsedBody);\n}}\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.text, '{ "user": "a" }');
    assert.deepEqual(request.scripts?.map((s) => s.kind), ['response-handler']);
  });

  it('reports an unclosed script block at its first line', () => {
    const text = 'GET https://x/y\n\n> {%\n  client.log(1);\n###\nGET https://x/z\n';
    const document = parsePsreq(text);
    assert.deepEqual(codes(text), [['unclosed-script', '> {%'], ['script-not-run', '> {%']]);
    assert.equal(document.requests.length, 2);
  });

  it('warns about text after a response handler', () => {
    const text = 'GET https://x/y\n\n> ./handler.js\nstray text\n';
    assert.deepEqual(codes(text), [['script-not-run', '> ./handler.js'], ['ignored-text', 'stray text']]);
  });
});

describe('psreq parser: bodies as REST Client reads them', () => {
  it('leaves trailing comment lines out of the body', () => {
    const text = 'POST https://x/y\nContent-Type: application/json\n\n{"a": 1}\n\n# about the next request\n// and more\n###\nGET https://x/z\n';
    const [first] = parsePsreq(text).requests;
    assert.equal(first.body?.text, '{"a": 1}');
  });

  it('keeps comment-like lines inside a body', () => {
    const text = 'POST https://x/y\n\nline one\n# not a comment here\nline three\n';
    assert.equal(parsePsreq(text).requests[0].body?.text, 'line one\n# not a comment here\nline three');
  });

  it('lists every include line of a multipart body with the path range', () => {
    const text = [
      'POST https://httpbin.org/post',
      'Content-Type: multipart/form-data; boundary=B',
      '',
      '--B',
      'Content-Disposition: form-data; name="image"; filename="1.png"',
      'Content-Type: image/png',
      '',
      '< ./1.png',
      '--B',
      'Content-Disposition: form-data; name="doc"',
      '',
      '<@latin1 ./doc.txt',
      '--B--',
    ].join('\n');
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.file, undefined);
    assert.deepEqual(request.body?.includes?.map((i) => [i.path, at(text, i.span), i.processVariables, i.encoding]), [
      ['./1.png', './1.png', false, undefined],
      ['./doc.txt', './doc.txt', true, 'latin1'],
    ]);
  });

  it('parses a GraphQL request (query then variables) without diagnostics', () => {
    const text = 'POST https://api.github.com/graphql\nContent-Type: application/json\nX-REQUEST-TYPE: GraphQL\n\nquery ($name: String!) {\n  repository(name: $name) { name }\n}\n\n{ "name": "vscode-restclient" }\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.diagnostics, []);
    assert.match(document.requests[0].body!.text, /^query .*"vscode-restclient" }$/s);
  });

  it('returns a diagnostic instead of throwing for a non-string input', () => {
    const document = parsePsreq(undefined as unknown as string);
    assert.deepEqual(document.requests, []);
  });
});

describe('psreq parser: fuzzing with script lines', () => {
  it('never throws; scripts, includes and bodies stay inside the text and do not overlap the body', () => {
    const pieces = fc.constantFrom('###\n', 'GET https://x/y\n', 'POST /a\n', '\n', '{{\n', '}}\n', '> {%\n', '%}\n', '< {%\n', '>> ./o\n', '> ./h.js\n', '?? status == 200\n', '?a=1\n', '&b=2\n', '# c\n', '< ./f\n', '{"a":1}\n', 'X: y\n', '\r\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const document = parsePsreq(text);
        for (const request of document.requests) {
          for (const script of request.scripts ?? []) {
            assert.ok(script.span.start >= request.span.start && script.span.end <= request.span.end);
            if (request.body) assert.ok(script.span.end <= request.body.span.start || script.span.start >= request.body.span.end);
          }
          for (const include of request.body?.includes ?? []) {
            assert.equal(at(text, include.span), include.path);
            assert.ok(include.span.start >= request.body!.span.start && include.span.end <= request.body!.span.end);
          }
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('psreq parser: query continuation lines', () => {
  it('starts a new parameter on each line and warns about a second ?', () => {
    const text = 'GET /ws/v1/district/student?a=1\n    ?b=2\n    &c\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.url.text, '/ws/v1/district/student?a=1?b=2&c');
    assert.deepEqual(request.url.query.map((p) => [at(text, p.keySpan), at(text, p.valueSpan), p.hasEquals]), [['a', '1', true], ['b', '2', true], ['c', '', false]]);
    assert.deepEqual(codes(text), [['second-question-mark', '?']]);
  });

  it('warns when & continues a URL that has no ? yet', () => {
    const text = 'GET /ws/v1/district\n&pagesize=10\n';
    const [request] = parsePsreq(text).requests;
    assert.deepEqual(request.url.query, []);
    assert.deepEqual(codes(text), [['query-without-question-mark', '&']]);
  });
});

describe('psreq parser: request forms it does not run', () => {
  it("names REST Client's curl form instead of calling curl an unknown method", () => {
    const text = 'curl -X POST https://example.com/a\n';
    assert.deepEqual(codes(text), [['curl-request', 'curl']]);
  });
});
