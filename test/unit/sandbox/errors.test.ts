import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startTestSandbox, type TestSandbox } from './harness';

/** A raw request, for targets fetch would normalise. */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text, headers: response.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sandbox error handling', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox({ students: 30 })));
  after(() => t.sandbox.close());

  it('answers unknown paths with 404 and the error shape', async () => {
    for (const path of ['/ws/v1/nothing', '/ws/v2/district', '/ws', '/index.html', '/']) {
      const response = path.startsWith('/ws') ? await t.get(path) : { ...(await raw(t.sandbox.url, 'GET', path)), body: undefined };
      assert.equal(response.status, 404, path);
    }
    const { body } = await t.get('/ws/v1/nothing');
    assert.match(body.message, /No resource at \/ws\/v1\/nothing/);
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await t.send('DELETE', '/ws/v1/district', '');
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
    assert.ok(response.body.message);
    const token = await raw(t.sandbox.url, 'GET', '/oauth/access_token');
    assert.equal(token.status, 405);
  });

  it('survives odd targets and bodies without crashing or hanging', async () => {
    const bearer = { Authorization: `Bearer ${await t.token()}` };
    const cases: [string, string, string][] = [
      ['GET', '/ws/v1/student/%E0%A4%A', ''],
      ['GET', '/ws/v1/student/abc', ''],
      ['GET', '/ws/v1/district/student?page=99999999999&pagesize=1', ''],
      ['GET', '/ws/v1/district/student?q=%ZZ', ''],
      ['GET', '/ws/v1/district/student?q=' + encodeURIComponent('name.last_name==(A,'), ''],
      ['GET', '/ws/schema/table/students?q=' + encodeURIComponent('dcid=gt='), ''],
      ['POST', '/ws/v1/student', '\u0000\u0001'],
      ['POST', '/ws/v1/student', 'null'],
      ['POST', '/ws/v1/student', '{"students":{"student":[null, 1, "x"]}}'],
      ['PUT', '/ws/schema/table/u_studentsuserfields/5001', '[]'],
      ['POST', '/ws/schema/query/com.pearson.core.student.student_dcid_id_map', '[1,2]'],
      ['GET', '//ws//v1//district', ''],
      ['GET', '/ws/schema/table/' + 'x'.repeat(5000), ''],
    ];
    for (const [method, path, body] of cases) {
      const response = await raw(t.sandbox.url, method, path, { ...bearer, 'Content-Type': 'application/json' }, body);
      assert.ok(response.status >= 200 && response.status < 500, `${method} ${path} → ${response.status} ${response.text}`);
      if (response.status >= 400) assert.ok(JSON.parse(response.text).message, `${method} ${path} has a message`);
    }
    assert.equal((await t.get('/ws/v1/district')).status, 200, 'still serving');
  });

  it('logs exactly one line per request, without tokens or secrets', async () => {
    const before = t.log.length;
    await t.get('/ws/v1/district?access_token=leak');
    await t.get('/ws/v1/nothing');
    await t.send('POST', '/ws/v1/student', '{bad');
    const lines = t.log.slice(before);
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^GET \/ws\/v1\/district\?access_token=\*\*\* 200 \d+ms$/);
    assert.match(lines[1]!, /^GET \/ws\/v1\/nothing 404 /);
    assert.match(lines[2]!, /^POST \/ws\/v1\/student 400 /);
    const token = await t.token();
    assert.ok(t.log.every((line) => !line.includes(token) && !line.includes(t.sandbox.clientSecret) && !line.includes('leak')));
  });

  it('serves concurrent requests', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => t.get(`/ws/v1/district/student?page=${(index % 3) + 1}&pagesize=10&expansions=demographics`)));
    assert.ok(responses.every((response) => response.status === 200));
  });
});
