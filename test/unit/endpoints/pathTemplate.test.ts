import * as assert from 'node:assert/strict';
import { bestTemplateMatch, matchPathTemplate } from '../../../src/core/endpoints';
import { ENDPOINTS } from '../../../src/core/q/catalog';
import { startTestSandbox, type TestSandbox } from '../sandbox/harness';

describe('endpoint path templates', () => {
  it('fills placeholders, compares literals case-insensitively and ignores empty segments', () => {
    assert.deepEqual(matchPathTemplate('/ws/schema/table/{table}/{id}', '/WS/schema/table/u_extra/12/'), { params: { table: 'u_extra', id: '12' }, literals: 3 });
    assert.equal(matchPathTemplate('/ws/v1/student', '/ws/v1/student/4'), undefined);
    assert.equal(matchPathTemplate('/ws/v1/school/{id}/student', '/ws/v1/district/5/student'), undefined);
  });

  it('prefers the template with more literal segments, whatever the order', () => {
    const templates = ['/ws/schema/table/{table}/{id}', '/ws/schema/table/{table}/count'];
    for (const order of [templates, [...templates].reverse()]) {
      assert.equal(bestTemplateMatch(order, (template) => template, '/ws/schema/table/students/count')?.candidate, '/ws/schema/table/{table}/count');
    }
  });

  describe('the sandbox serves every documented endpoint', () => {
    let test: TestSandbox;
    before(async () => {
      test = await startTestSandbox({ students: 5, schools: 1 });
    });
    after(() => test.sandbox.close());

    it('routes each one (no 404 "No resource", no 405)', async () => {
      const sample: Record<string, string> = { table: 'students', id: '1', name: 'com.pearson.core.student.student_dcid_id_map', area: 'students' };
      for (const endpoint of ENDPOINTS.filter((candidate) => candidate.path !== '/oauth/access_token')) {
        const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]!);
        const answer = endpoint.method === 'GET' ? await test.get(path) : await test.send(endpoint.method, path, {});
        assert.notEqual(answer.status, 405, `${endpoint.method} ${path}`);
        assert.ok(!(answer.status === 404 && /No resource at/.test(answer.text)), `${endpoint.method} ${path}: ${answer.text}`);
      }
    });
  });
});
