import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePsreq, type Span } from '../../../src/core/psreq';

const at = (text: string, span: Span) => text.slice(span.start, span.end);

const sample = `@pagesize = 100
@host = http://127.0.0.1:8080

### Active students named JA*
# @name activeJA
# @all
GET /ws/v1/district/student
    ?q=school_enrollment.enroll_status==A;name.last_name==JA*
    &expansions=demographics,school_enrollment
    &pagesize={{pagesize}}
Accept: application/json

### Guardians of the first one
// @confirm
POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail HTTP/1.1
Content-Type: application/json

{ "students_dcid": [{{activeJA.response.body.students.student[0].id}}] }


###
{{host}}/ws/v1/time
`;

describe('psreq parser', () => {
  const document = parsePsreq(sample);

  it('reads file variables with their spans', () => {
    assert.deepEqual(document.fileVariables.map((variable) => [variable.name, variable.value]), [['pagesize', '100'], ['host', 'http://127.0.0.1:8080']]);
    const [pagesize] = document.fileVariables;
    assert.equal(at(sample, pagesize.nameSpan), 'pagesize');
    assert.equal(at(sample, pagesize.valueSpan), '100');
  });

  it('splits requests at ### with titles, names and directives', () => {
    assert.equal(document.requests.length, 3);
    const [first, second, third] = document.requests;
    assert.equal(first.title?.text, 'Active students named JA*');
    assert.equal(at(sample, first.title!.span), 'Active students named JA*');
    assert.equal(first.name, 'activeJA');
    assert.deepEqual(first.directives.map((directive) => [directive.name, directive.value]), [['name', 'activeJA'], ['all', '']]);
    assert.equal(at(sample, first.directives[0].valueSpan), 'activeJA');
    assert.deepEqual(second.directives.map((directive) => directive.name), ['confirm']);
    assert.equal(third.title, undefined);
    assert.deepEqual(document.diagnostics, []);
  });

  it('joins continuation lines into one URL and maps every query part back to the document', () => {
    const [first] = document.requests;
    assert.equal(first.method.text, 'GET');
    assert.equal(first.url.path, '/ws/v1/district/student');
    assert.equal(first.url.text, '/ws/v1/district/student?q=school_enrollment.enroll_status==A;name.last_name==JA*&expansions=demographics,school_enrollment&pagesize={{pagesize}}');
    assert.deepEqual(first.url.query.map((parameter) => [parameter.key, parameter.value]), [
      ['q', 'school_enrollment.enroll_status==A;name.last_name==JA*'],
      ['expansions', 'demographics,school_enrollment'],
      ['pagesize', '{{pagesize}}'],
    ]);
    for (const parameter of first.url.query) {
      assert.equal(at(sample, parameter.keySpan), parameter.key);
      assert.equal(at(sample, parameter.valueSpan), parameter.value);
    }
    assert.equal(at(sample, first.url.pathSpan), '/ws/v1/district/student');
    assert.deepEqual(first.headers.map((header) => [header.name, header.value]), [['Accept', 'application/json']]);
    assert.equal(first.body, undefined);
    assert.deepEqual(first.references.map((reference) => reference.name), ['pagesize']);
  });

  it('reads the HTTP version, headers and the body with variable references', () => {
    const second = document.requests[1];
    assert.equal(second.method.text, 'POST');
    assert.equal(second.httpVersion?.text, 'HTTP/1.1');
    assert.equal(second.url.text, '/ws/schema/query/com.pearson.core.guardian.student_guardian_detail');
    assert.equal(at(sample, second.headers[0].valueSpan), 'application/json');
    assert.equal(second.body?.text, '{ "students_dcid": [{{activeJA.response.body.students.student[0].id}}] }');
    assert.equal(at(sample, second.body!.span), second.body!.text);
    const reference = second.references[0];
    assert.equal(reference.name, 'activeJA.response.body.students.student[0].id');
    assert.equal(at(sample, reference.nameSpan), reference.name);
  });

  it('takes a bare URL as GET', () => {
    const third = document.requests[2];
    assert.equal(third.method.text, 'GET');
    assert.equal(third.method.implicit, true);
    assert.equal(third.url.text, '{{host}}/ws/v1/time');
  });

  it('reads < file includes', () => {
    const text = 'POST /ws/v1/student\nContent-Type: application/json\n\n<@ ./payloads/new.students.json\n';
    const [request] = parsePsreq(text).requests;
    assert.deepEqual(request.body?.file && { path: request.body.file.path, vars: request.body.file.processVariables }, { path: './payloads/new.students.json', vars: true });
    assert.equal(at(text, request.body!.file!.span), './payloads/new.students.json');
  });

  it('keeps exact offsets with CRLF line breaks', () => {
    const text = '### one\r\nPOST /ws/v1/student\r\nContent-Type: application/json\r\n\r\n{\r\n  "a": 1\r\n}\r\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.text, '{\r\n  "a": 1\r\n}');
    assert.equal(at(text, request.body!.span), request.body!.text);
  });

  it('reports problems with positions', () => {
    const text = [
      '### bad',
      '# @name',
      'GTE /ws/v1/district',
      'this is not a header',
      '',
      '### dup',
      '# @name a',
      'GET /x',
      '',
      '### dup again',
      '# @name a',
      'GET /y?x={{unclosed',
      '@ bad variable',
    ].join('\n');
    const diagnostics = parsePsreq(text).diagnostics.map((diagnostic) => [diagnostic.code, at(text, diagnostic)]);
    assert.deepEqual(diagnostics, [
      ['empty-name', '# @name'],
      ['unknown-method', 'GTE'],
      ['body-without-blank-line', 'this is not a header'],
      ['duplicate-name', 'a'],
      ['unclosed-variable', '{{unclosed'],
      ['body-without-blank-line', '@ bad variable'],
    ]);
  });

  it('parses REST Client and httpyac style files without diagnostics', () => {
    const restClient = `@baseUrl = https://example.com/api
@token = {{$processEnv API_TOKEN}}

# @name login
POST {{baseUrl}}/login HTTP/1.1
Content-Type: application/x-www-form-urlencoded

name=foo
&password=bar

###

GET {{baseUrl}}/comments/1 HTTP/1.1
Authorization: Bearer {{login.response.body.$.token}}

###
// @no-redirect
GET https://example.com/topics/1
    ?page=2
    &pageSize=10

###
POST https://example.com/upload
Content-Type: text/plain

< ./demo.txt
`;
    const httpyac = `# @name todos
# @description list todos
GET https://jsonplaceholder.typicode.com/todos?_limit=2
Accept: application/json

###
# @ref todos
POST https://httpbin.org/anything
Content-Type: application/json

{
  "first": "{{todos.response.body[0].title}}",
  "when": "{{$datetime iso8601}}",
  "id": "{{$guid}}"
}
`;
    for (const file of [restClient, httpyac]) assert.deepEqual(parsePsreq(file).diagnostics, []);
    assert.equal(parsePsreq(restClient).requests.length, 4);
    assert.equal(parsePsreq(restClient).requests[0].body?.text, 'name=foo\n&password=bar');
  });

  it('never throws and keeps every offset inside the text (fuzzing)', () => {
    const alphabet = fc.constantFrom('#', '/', '@', '=', '{', '}', '?', '&', ':', ' ', '\n', '\r', 'G', 'E', 'T', 'P', 'O', 'S', 'x', '<', '"', '.');
    const pieces = fc.constantFrom('###', '# @name a\n', 'GET ', 'POST /ws/v1/student\n', '?q=a==1\n', '&x=2\n', 'Content-Type: json\n', '\n\n', '{{v}}', '{{', '@a = 1\n', '< ./f\n', 'HTTP/1.1');
    const texts = fc.oneof(fc.string({ unit: alphabet, maxLength: 200 }), fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(texts, (text) => {
        const document = parsePsreq(text);
        const spans: Span[] = [...document.diagnostics, ...document.fileVariables.flatMap((v) => [v.span, v.nameSpan, v.valueSpan])];
        for (const request of document.requests) {
          spans.push(request.span, request.method.span, request.url.span, request.url.pathSpan, request.requestLineSpan);
          for (const parameter of request.url.query) {
            spans.push(parameter.keySpan, parameter.valueSpan);
            assert.equal(text.slice(parameter.keySpan.start, parameter.keySpan.end).replace(/\s/g, ''), parameter.key.replace(/\s/g, ''));
          }
          for (const header of request.headers) spans.push(header.nameSpan, header.valueSpan);
          for (const reference of request.references) spans.push(reference.span, reference.nameSpan);
          if (request.body) {
            spans.push(request.body.span);
            assert.equal(text.slice(request.body.span.start, request.body.span.end), request.body.text);
          }
        }
        for (const item of spans) assert.ok(item.start >= 0 && item.start <= item.end && item.end <= text.length, `span ${item.start}-${item.end} outside 0-${text.length}`);
      }),
      { numRuns: 1500 },
    );
  });
});
