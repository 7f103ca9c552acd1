import * as assert from 'node:assert/strict';
import { createPayloadValidator, maskTemplates, payloadTargetOf, validateRequestBody } from '../../../src/core/payload';

const validator = createPayloadValidator();

describe('payload: .psreq request bodies', () => {
  it('knows which requests carry which payload', () => {
    assert.deepEqual(payloadTargetOf('POST', '/ws/v1/student'), { kind: 'students' });
    assert.deepEqual(payloadTargetOf('post', 'https://x.example.org/ws/v1/student/?a=1'), { kind: 'students' });
    assert.deepEqual(payloadTargetOf('POST', '/ws/schema/table/u_extra'), { kind: 'tables', table: 'u_extra' });
    assert.deepEqual(payloadTargetOf('PUT', '/ws/schema/table/u_extra/12'), { kind: 'tables', table: 'u_extra' });
    for (const [method, url] of [['GET', '/ws/v1/student'], ['POST', '/ws/v1/student/4'], ['PUT', '/ws/schema/table/u_extra'], ['GET', '/ws/schema/table/u_extra/metadata'], ['POST', '/ws/schema/query/x']]) {
      assert.equal(payloadTargetOf(method!, url!), undefined, `${method} ${url}`);
    }
  });

  it('masks whole-value placeholders length for length and records every placeholder', () => {
    const body = '{"id": {{student.id}}, "uid": "{{$guid}}"}';
    const masked = maskTemplates(body);
    assert.equal(masked.text.length, body.length);
    assert.doesNotThrow(() => JSON.parse(masked.text));
    assert.deepEqual(masked.spans.map((span) => body.slice(span.start, span.end)), ['{{student.id}}', '{{$guid}}']);
  });

  it('checks student bodies, dropping findings on placeholders', () => {
    const body = '{"students":{"student":{"client_uid":"{{$guid}}","action":"UPDATE","id":{{id}},"demographics":{"birth_date":"{{$date}}","gender":"X"}}}}';
    const findings = validateRequestBody(validator, { method: 'POST', url: '/ws/v1/student', body });
    assert.deepEqual(findings.map((finding) => [finding.code, body.slice(finding.start, finding.end)]), [['enum', '"X"']]);
  });

  it('checks table bodies with the columns it is given, and ignores other requests', () => {
    const body = '{"tables":{"u_extra":{"nick":"x"}}}';
    const findings = validateRequestBody(validator, {
      method: 'POST', url: '/ws/schema/table/u_extra', body,
      tableColumns: (table) => (table === 'u_extra' ? [{ name: 'nickname', type: 'VARCHAR2', length: 5 }] : undefined),
    });
    assert.deepEqual(findings.map((finding) => finding.code), ['unknown-column']);
    assert.deepEqual(validateRequestBody(validator, { method: 'GET', url: '/ws/v1/student', body: '{oops' }), []);
  });
});
