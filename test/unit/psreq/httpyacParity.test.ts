import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePsreq } from '../../../src/core/psreq';

// Differential test: the same .http text through httpyac's parser (the peer the issue names)
// and ours must give the same method, URL, headers and body for every request.
interface HttpyacRegion {
  request?: { method: string; url: string; headers: Record<string, unknown>; body?: unknown };
}
interface Httpyac {
  cli: { initFileProvider(): void };
  store: { HttpFileStore: new () => { parse(name: string, text: string, options: object): Promise<{ httpRegions: HttpyacRegion[] }> } };
}

type Shape = { method: string; url: string; headers: Record<string, string>; body?: string };

async function theirs(httpyac: Httpyac, text: string): Promise<Shape[]> {
  const store = new httpyac.store.HttpFileStore();
  const file = await store.parse(`/tmp/parity-${Math.random()}.http`, text, { workingDir: '/tmp' });
  return file.httpRegions
    .filter((region) => region.request)
    .map(({ request }) => ({
      method: request!.method,
      url: request!.url,
      headers: Object.fromEntries(Object.entries(request!.headers).map(([name, value]) => [name, String(value)])),
      ...(typeof request!.body === 'string' ? { body: request!.body } : {}),
    }));
}

function ours(text: string): Shape[] {
  return parsePsreq(text).requests.map((request) => {
    // httpyac gathers repeated headers into an array; compare them joined the way it prints them.
    const headers: Record<string, string> = {};
    for (const header of request.headers) headers[header.name] = header.name in headers ? `${headers[header.name]},${header.value}` : header.value;
    // The body is a verbatim slice of the document (offsets stay exact); httpyac sends `\n` line breaks.
    let body = request.body?.text.replace(/\r\n?/g, '\n');
    // The parser keeps a form body as written; REST Client and httpyac join its `&` lines when sending.
    if (body !== undefined && /x-www-form-urlencoded/i.test(headers['Content-Type'] ?? '')) body = body.replace(/\r?\n(?=&)/g, '');
    return { method: request.method.text, url: request.url.text, headers, ...(body !== undefined ? { body } : {}) };
  });
}

const corpus = [
  'GET https://example.com/topics/1 HTTP/1.1\n',
  'https://example.com/comments/1\n',
  'GET https://example.com/topics\n    ?page=2\n    &pageSize=10\nAccept: application/json\n',
  'POST https://example.com/comments HTTP/1.1\ncontent-type: application/json\n\n{\n    "name": "sample",\n    "time": "Wed, 21 Oct 2015 18:27:50 GMT"\n}\n',
  '@host = https://example.com\n\n### one\nGET {{host}}/a\n\n### two\n# @name second\nPOST {{host}}/b\nContent-Type: text/plain\n\nhello {{host}}\nworld\n\n\n',
  'POST https://example.com/login\nContent-Type: application/x-www-form-urlencoded\n\nname=foo\n&password=bar\n',
  '# comment\n// another\nDELETE https://example.com/x/1\nAuthorization: Bearer abc\nX-Empty:\n',
  'PATCH https://example.com/x/1\nContent-Type: application/json\n\n{"a": [1, 2, 3]}\n\n# trailing comment\n###\nHEAD https://example.com/\n',
  'GET /ws/v1/district/student?q=school_enrollment.enroll_status==A;name.last_name==JA*\n    &expansions=demographics,school_enrollment\n    &pagesize={{pagesize}}\n',
  // httpyac's and IntelliJ's own lines: scripts, assertions, handlers and redirects stay out of the message.
  '{{\n  exports.id = 1;\n}}\nGET https://example.com/{{id}}\n',
  'GET https://httpbin.org/json?a=1\n?? status == 200\n',
  'POST https://httpbin.org/post\nContent-Type: application/json\n\n{"a": 1}\n\n> {%\n  client.log(1);\n%}\n>> ./out.json\n',
  'POST https://x/y\nContent-Type: application/json\n\n{ "user": "a" }\n\n{{@response\n  console.log(response.parsedBody);\n}}\n',
  '< {%\n  request.variables.set("x", "1");\n%}\nGET https://example.com/{{x}}\n',
  'GET https://x/y\nAccept: a\n?? status == 200\n\n###\nGET https://x/z\n',
  // Issue 16: forms from real httpyac files.
  'GET https://x/a\nAccept: a\n\nGET https://x/b\n\nPOST https://x/c\nContent-Type: text/plain\n\nhello\n',
  'POST https://x/c\nContent-Type: application/json\n\n{"a":1}\n\n# @name next\nGET https://x/d\n',
  '/*\nGET https://x/hidden\n*/\nGET https://x/a\n\n/*\nmore\n*/\nGET https://x/b\n',
  '/*\nGET https://x/hidden\n*/\n###\nGET https://x/b\n',
  'GET https://httpbin.org\n  /get\n  ?a=1\n  &b=2\nAccept: a\n',
  'GET https://x\n  /a/{{id}}\n  /b\n  ?x=1\n',
  'POST https://x/c\nContent-Type: application/json\n{"a":1}\n',
  'POST https://x/c\nContent-Type: text/plain\nhello world\nsecond\n',
  '@h = {"X-A":"1"}\nGET https://x/c\n...h\nAccept: b\n',
  'GET https://x\n\n?? status == 200\n?? body a == 1\n',
];

describe('psreq parser agrees with httpyac on .http files', () => {
  let httpyac: Httpyac | undefined;
  before(function () {
    try {
      httpyac = require('httpyac') as Httpyac;
      httpyac.cli.initFileProvider();
    } catch {
      this.skip(); // httpyac is a devDependency; without it there is no peer to compare with
    }
  });

  corpus.forEach((text, index) => {
    it(`reads sample ${index + 1} the same way`, async () => {
      assert.deepEqual(ours(text), await theirs(httpyac!, text));
    });
  });

  it('reads a GraphQL body (which httpyac turns into an object) with the same request line and headers', async () => {
    const text = 'POST https://example.com/graphql\nContent-Type: application/json\nX-Request-Type: GraphQL\n\nquery {\n  viewer { login }\n}\n';
    const [mine] = ours(text);
    const [peer] = await theirs(httpyac!, text);
    assert.deepEqual({ ...mine, body: undefined }, { ...peer, body: undefined });
    assert.equal(mine!.body, 'query {\n  viewer { login }\n}');
  });

  it('reads generated request files the same way', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
    const url = fc.constantFrom('https://example.com/a', '/ws/v1/district', '{{host}}/x/{{id}}', 'http://127.0.0.1:8080/ws/v1/student?q=a==1');
    const continuation = fc.array(fc.constantFrom('    &pagesize=10', '    &page=2', '&expansions=demographics'), { maxLength: 2 });
    const headers = fc.array(fc.constantFrom('Accept: application/json', 'Content-Type: application/json', 'X-Token: {{token}}', '# a comment between headers', 'X-Spaced:   padded value  '), { maxLength: 3 });
    const body = fc.option(fc.constantFrom('{"a": 1}', '{\n  "b": [1, 2]\n}', 'plain text\nsecond line', 'a=1\n&b=2'), { nil: undefined });
    const request = fc.record({
      // A missing title line: httpyac starts a request at its METHOD line without ###.
      title: fc.constantFrom('', ' Title', undefined),
      comment: fc.constantFrom('', '# note\n', '// @name req\n', '@v = 1\n'),
      method, url, continuation, headers, body,
      trailing: fc.constantFrom('', '# after the body\n', '\n\n'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), async (requests, eol) => {
        const text = requests
          .map((r, i) => `${i > 0 && r.title !== undefined ? `###${r.title}\n` : ''}${r.comment}${r.method} ${r.url}\n${r.continuation.map((line) => `${line}\n`).join('')}${r.headers.map((h) => `${h}\n`).join('')}${r.body !== undefined ? `\n${r.body}\n` : ''}\n${r.trailing}`)
          .join('')
          .replace(/\n/g, eol);
        assert.deepEqual(ours(text), await theirs(httpyac!, text), text);
      }),
      { numRuns: 80 },
    );
  });
});
