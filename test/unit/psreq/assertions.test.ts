import * as assert from 'node:assert/strict';
import { parseAssertion, parsePsreq } from '../../../src/core/psreq';

describe('psreq assertions: httpyac ?? lines', () => {
  it('reads target, argument, operator and expected value', () => {
    assert.deepEqual(parseAssertion('?? status == 200'), { target: 'status', operator: '==', expected: '200' });
    assert.deepEqual(parseAssertion('?? header content-type includes json'), { target: 'header', argument: 'content-type', operator: 'includes', expected: 'json' });
    assert.deepEqual(parseAssertion('?? body students.student isArray'), { target: 'body', argument: 'students.student', operator: 'isArray' });
    assert.deepEqual(parseAssertion('?? body $.name.last_name == "Smith Jones"'), { target: 'body', argument: '$.name.last_name', operator: '==', expected: '"Smith Jones"' });
    assert.deepEqual(parseAssertion('?? duration < 500'), { target: 'duration', operator: '<', expected: '500' });
    assert.deepEqual(parseAssertion('?? body exists'), { target: 'body', operator: 'exists' });
  });

  it('names what it cannot read', () => {
    assert.match((parseAssertion('?? status') as { error: string }).error, /needs an operator/);
    assert.match((parseAssertion('?? js response.parsedBody.x == 1') as { error: string }).error, /not supported/);
    assert.match((parseAssertion('?? cookie a == 1') as { error: string }).error, /status, header, body or duration/);
    assert.match((parseAssertion('?? status == ') as { error: string }).error, /needs a value/);
  });

  it('reports a bad ?? line where it is written, and keeps the text of each assertion', () => {
    const text = 'GET /x\n?? status == 200\n?? nonsense\n';
    const document = parsePsreq(text);
    assert.deepEqual(document.requests[0].scripts?.map((s) => s.text), ['?? status == 200', '?? nonsense']);
    assert.deepEqual(document.diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]), [['bad-assertion', '?? nonsense']]);
  });
});
