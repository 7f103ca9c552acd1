import * as assert from 'node:assert/strict';
import { parsePsreq, resolveRequest, VariableResolver, readPath, type ResponseSnapshot } from '../../../src/core/psreq';

const fixed = {
  now: () => new Date('2026-03-04T05:06:07.089Z'),
  randomUuid: () => '00000000-1111-2222-3333-444444444444',
  randomInt: (min: number) => min,
  processEnv: { PS_TOKEN_HINT: 'from-env' },
};

describe('psreq variables', () => {
  it('resolves file variables that refer to each other; later declarations win', async () => {
    const document = parsePsreq('@host = http://127.0.0.1\n@base = {{host}}/ws/v1\n@page = 1\n@page = 2\n');
    const resolver = new VariableResolver({ ...fixed, fileVariables: document.fileVariables });
    assert.deepEqual(await resolver.resolve('{{base}}/district?page={{page}}'), { text: 'http://127.0.0.1/ws/v1/district?page=2', problems: [] });
  });

  it('reports undefined and self-referring variables with their positions, leaving the text', async () => {
    const document = parsePsreq('@a = {{b}}\n@b = {{a}}\n');
    const resolver = new VariableResolver({ ...fixed, fileVariables: document.fileVariables });
    const result = await resolver.resolve('x {{missing}} {{a}}', 100);
    assert.equal(result.text, 'x {{missing}} {{a}}');
    assert.deepEqual(result.problems.map((problem) => [problem.name, problem.start, problem.end]), [['missing', 102, 113], ['a', 114, 119]]);
    assert.match(result.problems[0].message, /'missing' is not defined: declare it with @missing = value/);
    assert.match(result.problems[1].message, /refers to itself/);
  });

  it('gives system variables from the injected clock', async () => {
    const resolver = new VariableResolver(fixed);
    const cases: [string, string][] = [
      ['{{$guid}}', '00000000-1111-2222-3333-444444444444'],
      ['{{$timestamp}}', String(Math.floor(Date.parse('2026-03-04T05:06:07.089Z') / 1000))],
      ['{{$timestamp -1 d}}', String(Math.floor(Date.parse('2026-03-03T05:06:07.089Z') / 1000))],
      ['{{$datetime iso8601}}', '2026-03-04T05:06:07.089Z'],
      ['{{$datetime rfc1123}}', 'Wed, 04 Mar 2026 05:06:07 GMT'],
      ['{{$datetime "YYYY/MM/DD HH:mm" 1 M}}', '2026/04/04 05:06'],
      ['{{$randomInt 5 10}}', '5'],
      ['{{$processEnv PS_TOKEN_HINT}}', 'from-env'],
    ];
    for (const [input, expected] of cases) assert.equal((await resolver.resolve(input)).text, expected, input);
    assert.match((await resolver.resolve('{{$date}}')).text, /^\d{4}-\d{2}-\d{2}$/);
    assert.match((await resolver.resolve('{{$processEnv NOPE}}')).problems[0].message, /NOPE is not set/);
    assert.match((await resolver.resolve('{{$nonsense}}')).problems[0].message, /unknown system variable/);
  });

  it('reads named responses, asking the host to run the request first', async () => {
    const asked: string[] = [];
    const responses: Record<string, ResponseSnapshot> = {
      students: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { students: { student: { id: 42, name: { last_name: 'Ng' } } } } },
    };
    const resolver = new VariableResolver({ getResponse: async (name) => (asked.push(name), responses[name]) });
    const result = await resolver.resolve('{{students.response.body.students.student[0].id}} {{students.response.body.$.students.student.name.last_name}} {{students.response.headers.content-type}}');
    assert.equal(result.text, '42 Ng application/json');
    assert.deepEqual(asked, ['students', 'students', 'students']);
    const missing = await resolver.resolve('{{other.response.body.x}} {{students.response.body.nope}}');
    assert.match(missing.problems[0].message, /no request is named 'other'/);
    assert.match(missing.problems[1].message, /nothing at 'nope'/);
  });

  it('reads paths through arrays, quoted keys and the whole body', () => {
    const body = { record: [{ tables: { students: { dcid: 7 } } }, { 'odd key': 1 }] };
    assert.deepEqual(readPath(body, 'record[0].tables.students.dcid'), { found: true, value: 7 });
    assert.deepEqual(readPath(body, "$.record[1]['odd key']"), { found: true, value: 1 });
    assert.deepEqual(readPath(body, '*'), { found: true, value: body });
    assert.deepEqual(readPath(body, 'record[5]'), { found: false });
  });

  it('resolves a whole request: URL pieces, headers, body and directives', async () => {
    const text = '@id = 7\n### one\n# @all\nPOST /ws/schema/table/u_x/{{id}}\n  ?projection=*\nX-Trace: {{$guid}}\n\n{ "id": {{id}} }\n';
    const document = parsePsreq(text);
    const resolved = await resolveRequest(document.requests[0], new VariableResolver({ ...fixed, fileVariables: document.fileVariables }));
    assert.deepEqual(resolved, {
      method: 'POST',
      url: '/ws/schema/table/u_x/7?projection=*',
      headers: { 'X-Trace': '00000000-1111-2222-3333-444444444444' },
      body: '{ "id": 7 }',
      bodyFile: undefined,
      directives: { all: '' },
      problems: [],
    });
  });
});
