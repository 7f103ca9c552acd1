import * as assert from 'node:assert/strict';
import { PsreqBlocks, lintVariables, parsePsreq, resolveRequest, VariableResolver, type Span } from '../../../src/core/psreq';

// Issue 16: every REST Client / httpyac form the 188-file trial tripped on, read as its tool reads it.
const at = (text: string, span: Span) => text.slice(span.start, span.end);
const codes = (text: string) => parsePsreq(text).diagnostics.map((d) => [d.code, at(text, d)]);
const lines = (request: { method: { text: string }; url: { text: string } }) => `${request.method.text} ${request.url.text}`;

describe('psreq parser: httpyac and REST Client forms from real .http files', () => {
  it('starts a new request at a METHOD url line without ### (httpyac)', () => {
    const text = 'GET https://x/a\nAccept: a\n\n# @name second\nGET https://x/b\n\nPOST https://x/c\nContent-Type: text/plain\n\nhello\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.requests.map(lines), ['GET https://x/a', 'GET https://x/b', 'POST https://x/c']);
    assert.equal(document.requests[1].name, 'second', 'the directive above a request line belongs to that request');
    assert.equal(document.requests[2].body?.text, 'hello');
    assert.deepEqual(document.diagnostics, []);
  });

  it('keeps an indented METHOD line of a text body in the body', () => {
    const text = 'POST https://x/a\nContent-Type: text/plain\n\nsome text\n  GET this stays text\n';
    const document = parsePsreq(text);
    assert.equal(document.requests.length, 1);
    assert.equal(document.requests[0].body?.text, 'some text\n  GET this stays text');
  });

  it('reads /* … */ block comments as comments, never as a request', () => {
    const text = '/*\nGET https://x/hidden\n*/\nGET https://x/a\n\n/*\nmore\n*/\nGET https://x/b\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.requests.map(lines), ['GET https://x/a', 'GET https://x/b']);
    assert.deepEqual(document.diagnostics, []);
  });

  it('appends indented /path continuation lines to the URL (httpyac)', () => {
    const text = 'GET https://httpbin.org\n  /get\n  ?a=1\n  &b=2\nAccept: a\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.url.text, 'https://httpbin.org/get?a=1&b=2');
    assert.deepEqual(request.url.query.map((p) => [p.key, p.value]), [['a', '1'], ['b', '2']]);
    assert.deepEqual(request.headers.map((h) => h.name), ['Accept']);
    assert.deepEqual(codes(text), []);
  });

  it('reads a body that follows the headers without a blank line (httpyac)', () => {
    const text = 'POST https://x/c\nContent-Type: application/json\n{"a": 1}\n';
    const [request] = parsePsreq(text).requests;
    assert.deepEqual(request.headers.map((h) => h.name), ['Content-Type']);
    assert.equal(request.body?.text, '{"a": 1}');
    assert.deepEqual(codes(text), []);
  });

  it('reads <@ file imports right after the headers as the body', () => {
    const text = 'POST https://x/c\nContent-Type: application/json\n<@ ./file.json\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.file?.path, './file.json');
    assert.equal(request.body?.file?.processVariables, true);
    assert.deepEqual(codes(text), []);
  });

  it('reads ...spread header lines and sends the variable\'s headers', async () => {
    const text = '@defaults = {"X-A": "1", "Accept": "text/plain"}\nGET https://x/c\n...defaults\nAccept: application/json\n';
    const document = parsePsreq(text);
    const [request] = document.requests;
    assert.deepEqual(request.headerSpreads?.map((s) => [s.name, at(text, s.span)]), [['defaults', '...defaults']]);
    assert.deepEqual(codes(text), []);
    const resolved = await resolveRequest(request, new VariableResolver({ fileVariables: document.fileVariables }));
    assert.deepEqual(resolved.headers, { 'X-A': '1', Accept: 'application/json' });
    assert.deepEqual(resolved.problems, []);
  });

  it('names a ...spread variable that is not a JSON object', async () => {
    const text = '@defaults = nope\nGET https://x/c\n...defaults\n';
    const document = parsePsreq(text);
    const resolved = await resolveRequest(document.requests[0], new VariableResolver({ fileVariables: document.fileVariables }));
    assert.deepEqual(resolved.problems.map((p) => [p.name, p.message]), [['defaults', "'...defaults' needs a JSON object of headers, e.g. @defaults = {\"Accept\": \"application/json\"}"]]);
  });

  it('reads the QUERY method (REST Client)', () => {
    const text = 'QUERY https://x/c\nContent-Type: text/plain\n\nselect\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.method.text, 'QUERY');
    assert.deepEqual(codes(text), []);
  });

  it('sends a REST Client GraphQL body (X-Request-Type: GraphQL) as {query, variables}', async () => {
    const text = 'POST https://x/graphql\nContent-Type: application/json\nX-Request-Type: GraphQL\n\nquery ($id: ID) {\n  viewer(id: $id) { login }\n}\n\n{"id": "{{id}}"}\n';
    const document = parsePsreq(text);
    const [request] = document.requests;
    assert.equal(at(text, request.body!.graphql!.query), 'query ($id: ID) {\n  viewer(id: $id) { login }\n}');
    assert.equal(at(text, request.body!.graphql!.variables!), '{"id": "{{id}}"}');
    const resolved = await resolveRequest(request, new VariableResolver({ environment: { id: '7' } }));
    assert.deepEqual(JSON.parse(resolved.body!), { query: 'query ($id: ID) {\n  viewer(id: $id) { login }\n}', variables: { id: '7' } });
    assert.equal(resolved.headers['X-Request-Type'], undefined, 'REST Client does not send its marker header');
  });

  it('sends an httpyac query/mutation body with its operation name and the file\'s fragments', async () => {
    const text = 'fragment Parts on Repository {\n  description\n}\n\n###\nPOST https://x/graphql\n\nquery repo($n: String!) {\n  repository(name: $n) { ...Parts }\n}\n\n{"n": "a"}\n';
    const document = parsePsreq(text);
    assert.equal(document.requests.length, 1);
    const resolved = await resolveRequest(document.requests[0], new VariableResolver({}));
    assert.deepEqual(JSON.parse(resolved.body!), {
      query: 'query repo($n: String!) {\n  repository(name: $n) { ...Parts }\n}\nfragment Parts on Repository {\n  description\n}',
      operationName: 'repo',
      variables: { n: 'a' },
    });
    assert.equal(resolved.headers['Content-Type'], 'application/json');
  });

  it("names httpyac's gql file import as not supported", () => {
    const text = 'POST https://x/graphql\n\ngql repo < ./repo.gql\n';
    assert.deepEqual(codes(text), [['unsupported-graphql-file', 'gql repo < ./repo.gql']]);
  });

  it('leaves a JSON body with a "query" key alone', async () => {
    const text = 'POST https://x/g\nContent-Type: application/json\n\n{"query": "x"}\n';
    const [request] = parsePsreq(text).requests;
    assert.equal(request.body?.graphql, undefined);
  });

  it('reads # @prompt name [description] as a prompted variable', () => {
    const text = '# @prompt studentId the student to read\n# @prompt password\nGET https://x/{{studentId}}\n';
    const [request] = parsePsreq(text).requests;
    assert.deepEqual(request.prompts?.map((p) => [p.name, p.description, at(text, p.nameSpan)]), [['studentId', 'the student to read', 'studentId'], ['password', undefined, 'password']]);
  });

  it('does not call a # @prompt variable undefined', () => {
    const text = '# @prompt studentId\nGET https://x/{{studentId}}/{{other}}\n';
    assert.deepEqual(lintVariables(PsreqBlocks.parse(text)).map((d) => [d.code, at(text, d)]), [['undefined-variable', 'other']]);
  });

  it('leaves /* … */ block comment lines of a body out of what is sent (httpyac)', async () => {
    const text = 'POST https://x/a\nContent-Type: text/plain\n\nline1\n/*\ninside\n*/\nline2\n';
    const [request] = parsePsreq(text).requests;
    assert.equal((await resolveRequest(request, new VariableResolver({}))).body, 'line1\nline2');
  });

  it('gives MQTT, gRPC, WebSocket, SSE and AMQP requests a not-supported finding, never a request to send', () => {
    for (const [line, word] of [['MQTT tcp://broker', 'MQTT'], ['GRPC grpc.example.com/Hello/say', 'GRPC'], ['WS wss://echo', 'WS'], ['SSE https://x/e', 'SSE'], ['AMQP amqp://q', 'AMQP']]) {
      const text = `${line}\nTopic: t\n\nhello\n`;
      const found = parsePsreq(text).diagnostics;
      assert.deepEqual(found.map((d) => [d.code, d.severity, at(text, d)]), [['unsupported-protocol', 'error', word]], line);
      assert.match(found[0].message, /not supported/);
    }
  });

  it('marks httpyac and IntelliJ scripts as not run', () => {
    const text = '{{\n  exports.id = 1;\n}}\nGET https://example.com/{{id}}\n\n> {% client.log(1); %}\n';
    assert.deepEqual(parsePsreq(text).diagnostics.map((d) => [d.code, d.severity]), [['script-not-run', 'info'], ['script-not-run', 'info']]);
  });
});
