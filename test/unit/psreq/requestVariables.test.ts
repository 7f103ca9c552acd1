import * as assert from 'node:assert/strict';
import { PsreqBlocks, lintVariables, parsePsreq, readPath, resolveRequest, VariableResolver, type ResponseSnapshot } from '../../../src/core/psreq';

describe('psreq variables: REST Client details', () => {
  it('lints {{$dotenv NAME}} against the .env values when the host read them, not as an unknown name', () => {
    const text = 'GET /ws/v1/district?key={{$dotenv API_KEY}}&other={{$dotenv SET}}\n';
    assert.deepEqual(lintVariables(PsreqBlocks.parse(text)), []);
    const [problem, ...rest] = lintVariables(PsreqBlocks.parse(text), new Set(), { definedIn: () => [], dotenv: { SET: '1' } });
    assert.deepEqual(rest, []);
    assert.equal(problem?.code, 'undefined-dotenv');
    assert.equal(text.slice(problem!.start, problem!.end), '$dotenv API_KEY');
  });

  it('names the environments that define a variable the chosen one lacks, and is silent for the chosen one', () => {
    const text = 'GET /{{host}}/{{token}}/{{nowhere}}\n';
    const environments = { definedIn: (name: string) => (name === 'token' ? ['prod', 'test'] : []), dotenv: {} };
    assert.deepEqual(lintVariables(PsreqBlocks.parse(text), new Set(['host']), environments).map((d) => [d.code, text.slice(d.start, d.end), d.message]), [
      ['variable-not-in-environment', 'token', "'token' is not defined in the chosen environment; environments 'prod', 'test' define it"],
      ['undefined-variable', 'nowhere', "'nowhere' is not defined in this file or any environment: declare it with @nowhere = value or in http-client.env.json"],
    ]);
  });

  it('accepts {{name.request.body.*}} and {{name.request.headers.X}} references, and reads them from the snapshot', async () => {
    const text = '# @name login\nPOST /oauth/access_token\nX-Trace: abc\n\ngrant_type=client_credentials\n\n###\nGET /x?t={{login.request.headers.X-Trace}}&b={{login.request.body.*}}\n';
    const document = parsePsreq(text);
    assert.deepEqual(lintVariables(PsreqBlocks.parse(text)), []);
    const snapshot: ResponseSnapshot = { status: 200, headers: {}, body: {}, request: { headers: { 'X-Trace': 'abc' }, body: 'grant_type=client_credentials' } };
    const resolver = new VariableResolver({ getResponse: async () => snapshot });
    const resolved = await resolveRequest(document.requests[1]!, resolver);
    assert.deepEqual(resolved.problems, []);
    assert.equal(resolved.url, '/x?t=abc&b=grant_type=client_credentials');
    const without = await new VariableResolver({ getResponse: async () => ({ status: 200, headers: {}, body: {} }) }).resolve('{{login.request.body.*}}');
    assert.match(without.problems[0]!.message, /request that 'login' sent is not available/);
  });

  it('reads JSONPath wildcards and recursive descent as REST Client does (the first match)', () => {
    const body = { students: { student: [{ id: 1, name: { last_name: 'Ng' } }, { id: 2 }] } };
    assert.deepEqual(readPath(body, '$.students.student[*].id'), { found: true, value: 1 });
    assert.deepEqual(readPath(body, '$..last_name'), { found: true, value: 'Ng' });
    assert.deepEqual(readPath(body, '$.students.*[1].id'), { found: true, value: 2 });
    assert.deepEqual(readPath(body, '$..nothing'), { found: false });
  });

  it('unescapes \\n, \\r, \\t and \\\\ in file variable values, as REST Client does', async () => {
    const document = parsePsreq('@lines = a\\nb\\tc\\\\d\\q\nGET /x\n');
    const resolved = await new VariableResolver({ fileVariables: document.fileVariables }).resolve('{{lines}}');
    assert.equal(resolved.text, 'a\nb\tc\\dq');
  });

  it('leaves comment lines out of the body it sends, as REST Client does', async () => {
    const text = 'POST /ws/v1/student\nContent-Type: application/json\n\n{\n  // the new student\n  "a": 1,\n  # legacy\n  "b": "#not a comment"\n}\n';
    const [request] = parsePsreq(text).requests;
    const resolved = await resolveRequest(request!, new VariableResolver({}));
    assert.equal(resolved.body, '{\n  "a": 1,\n  "b": "#not a comment"\n}');
    assert.deepEqual(resolved.problems, []);
    const crlf = 'POST /x\r\n\r\n# note\r\na={{missing}}\r\n// end\r\nb=2\r\n';
    const sent = await resolveRequest(parsePsreq(crlf).requests[0]!, new VariableResolver({}));
    assert.equal(sent.body, 'a={{missing}}\r\nb=2');
    assert.equal(crlf.slice(sent.problems[0]!.start, sent.problems[0]!.end), '{{missing}}');
  });
});

describe('psreq lint: file variable values', () => {
  it('checks the references inside file variable values too, where REST Client resolves them', () => {
    const text = '@stamp = {{$nonsense}}\n@token = {{$dotenv TOKEN}}\n@base = {{host}}/ws\n@ok = {{$timestamp}}-{{base}}\nGET {{base}}/x?t={{stamp}}&k={{token}}&o={{ok}}\n';
    const problems = lintVariables(PsreqBlocks.parse(text)).map((problem) => [problem.code, text.slice(problem.start, problem.end)]);
    assert.deepEqual(problems, [
      ['unknown-system-variable', '$nonsense'],
      ['undefined-variable', 'host'],
    ]);
  });
});

describe('resolveRequest: repeated headers', () => {
  it('joins a repeated header under its first spelling, as REST Client does (cookies with ;)', async () => {
    const text = 'GET /x\nAccept: application/json\naccept: text/plain\nCookie: a=1\nCOOKIE: b=2\nX-One: 1\n';
    const resolved = await resolveRequest(parsePsreq(text).requests[0]!, new VariableResolver({}));
    assert.deepEqual(resolved.headers, { Accept: 'application/json,text/plain', Cookie: 'a=1;b=2', 'X-One': '1' });
  });
});

describe('resolveRequest: bodies by content type, as REST Client sends them', () => {
  const send = async (text: string) => (await resolveRequest(parsePsreq(text).requests[0]!, new VariableResolver({ fileVariables: parsePsreq(text).fileVariables }))).body;

  it('joins form lines that start with & without a line break', async () => {
    assert.equal(await send('@pw = s3cret\nPOST /login\nContent-Type: application/x-www-form-urlencoded\n\nname=foo\n&password={{pw}}\n&remember=1\n'), 'name=foo&password=s3cret&remember=1');
  });

  it('sends multipart bodies with CRLF line breaks even from an LF file', async () => {
    const body = await send('POST /upload\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Disposition: form-data; name="a"\n\n1\n--B--\n');
    assert.equal(body, '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B--');
  });

  it('ends an NDJSON body with a line break', async () => {
    assert.equal(await send('POST /bulk\nContent-Type: application/x-ndjson\n\n{"a":1}\n{"a":2}\n'), '{"a":1}\n{"a":2}\n');
  });
});

describe('resolveRequest: files included in the body', () => {
  it('passes the encoding of <@latin1 on to the host', async () => {
    const resolved = await resolveRequest(parsePsreq('POST /x\n\n<@latin1 ./legacy.csv\n').requests[0]!, new VariableResolver({}));
    assert.deepEqual(resolved.bodyFile, { path: './legacy.csv', processVariables: true, encoding: 'latin1' });
  });

  it('splits a body with include lines (multipart uploads) into text and file parts, in order', async () => {
    const text = 'POST /upload\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Disposition: form-data; name="f"; filename="a.png"\n\n< ./a.png\n--B\nContent-Disposition: form-data; name="t"\n\n<@ ./t.txt\n--B--\n';
    const resolved = await resolveRequest(parsePsreq(text).requests[0]!, new VariableResolver({}));
    assert.deepEqual(resolved.bodyParts, [
      { text: '--B\r\nContent-Disposition: form-data; name="f"; filename="a.png"\r\n\r\n' },
      { file: { path: './a.png', processVariables: false } },
      { text: '\r\n--B\r\nContent-Disposition: form-data; name="t"\r\n\r\n' },
      { file: { path: './t.txt', processVariables: true } },
      { text: '\r\n--B--' },
    ]);
    const plain = await resolveRequest(parsePsreq('POST /x\n\n{"a": 1}\n').requests[0]!, new VariableResolver({}));
    assert.equal(plain.bodyParts, undefined);
  });
});
