import * as assert from 'node:assert/strict';
import { parsePsreq, type Span } from '../../../src/core/psreq';

// Lines REST Client reads one way that the parser used to read another.
const at = (text: string, span: Span) => text.slice(span.start, span.end);

describe('psreq parser: REST Client .http compatibility', () => {
  it('keeps the title and directives of the first request after a byte-order mark, offsets into the original text', () => {
    const text = '\uFEFF### Active students\n# @name active\nGET /ws/v1/district/student\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.diagnostics, []);
    const [request] = document.requests;
    assert.equal(request?.title?.text, 'Active students');
    assert.equal(at(text, request!.title!.span), 'Active students');
    assert.equal(request!.name, 'active');
    assert.ok(text.slice(request!.span.start).startsWith("### Active"));
  });

  it('continues the query across comment lines between ?/& lines, as REST Client drops comments first', () => {
    const text = 'GET /ws/v1/district/student\n    ?q=name.last_name==A*\n    # page size below\n    &pagesize=10\nAccept: application/json\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.diagnostics, []);
    const [request] = document.requests;
    assert.equal(request!.url.text, '/ws/v1/district/student?q=name.last_name==A*&pagesize=10');
    assert.deepEqual(request!.url.query.map((parameter) => [at(text, parameter.keySpan), at(text, parameter.valueSpan)]), [['q', 'name.last_name==A*'], ['pagesize', '10']]);
    assert.deepEqual(request!.headers.map((header) => header.name), ['Accept']);
  });

  it('trims a header value as REST Client does, so its range starts at the value', () => {
    const text = 'GET /x\nAccept:    application/json  \nX-Tab:\t\tv\n';
    const [request] = parsePsreq(text).requests;
    assert.deepEqual(request!.headers.map((header) => [header.value, at(text, header.valueSpan)]), [['application/json', 'application/json'], ['v', 'v']]);
  });

  it('reads file variables declared after a request as file variables, not as its body', () => {
    const text = 'GET {{base}}/ws/v1/time\n\n@base = http://127.0.0.1:8080\n@size = 5\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.diagnostics, []);
    assert.equal(document.requests[0]!.body, undefined);
    assert.deepEqual(document.fileVariables.map((variable) => [variable.name, at(text, variable.valueSpan)]), [['base', 'http://127.0.0.1:8080'], ['size', '5']]);
    const withBody = 'POST /x\n\n{"a": 1}\n\n@after = 2\n';
    const parsed = parsePsreq(withBody);
    assert.equal(parsed.requests[0]!.body?.text, '{"a": 1}');
    assert.deepEqual(parsed.fileVariables.map((variable) => variable.name), ['after']);
  });

  it('takes any file variable name REST Client takes (no spaces or =)', () => {
    const text = '@1st = a\n@base:url = b\n@x:=c\nGET /{{1st}}\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.diagnostics, []);
    assert.deepEqual(document.fileVariables.map((variable) => [variable.name, variable.value, at(text, variable.nameSpan)]), [['1st', 'a', '1st'], ['base:url', 'b', 'base:url'], ['x', 'c', 'x']]);
  });

  it('ignores a pasted response (a block starting with HTTP/1.1 200) as REST Client does', () => {
    const text = 'GET /x\n\n###\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{"a": 1}\n';
    const document = parsePsreq(text);
    assert.equal(document.requests.length, 1);
    assert.deepEqual(document.diagnostics, []);
  });
});
