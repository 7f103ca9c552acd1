import * as assert from 'node:assert/strict';
import { PsreqAssist } from '../../../src/core/assist';
import { checkPsreq, psreqChecks, type PsreqChecker } from '../../../src/core/check';
import { createPayloadValidator } from '../../../src/core/payload';
import { PsreqBlocks } from '../../../src/core/psreq';

const check = (text: string, checkers: readonly PsreqChecker[]) => checkPsreq({ parsed: PsreqBlocks.parse(text) }, checkers);
const covered = (text: string, findings: readonly { start: number; end: number; code?: string }[]) => findings.map((finding) => [finding.code, text.slice(finding.start, finding.end)]);

describe('.psreq checks', () => {
  it('reports q findings from the built-in catalogs, with no connection', async () => {
    const text = 'GET /ws/v1/district/student?q=name.last_nam==A\n';
    assert.deepEqual(covered(text, await check(text, psreqChecks({ assist: new PsreqAssist() }))), [['unknown-field', 'name.last_nam']]);
  });

  it('includes the parser\'s diagnostics', async () => {
    const text = 'GTE /ws/v1/district\n';
    assert.deepEqual((await check(text, psreqChecks({ assist: new PsreqAssist() }))).map((finding) => finding.code), ['unknown-method']);
  });

  it('knows the names defined outside the file', async () => {
    const text = 'GET /ws/v1/school/{{schoolId}}\n';
    const checks = (known: string[]) => psreqChecks({ assist: new PsreqAssist(), knownVariables: () => new Set(known) });
    assert.deepEqual((await check(text, checks([]))).map((finding) => finding.code), ['undefined-variable']);
    assert.deepEqual(await check(text, checks(['schoolId'])), []);
  });

  it('validates payload bodies only when given a validator, and keeps quick fixes of the assistant', async () => {
    const text = 'POST /ws/v1/student\nContent-Type: application/json\n\n{"students": {"student": [{"action": "INSERT", "client_uid": "1", "name": {"first_name": "A"}}]}}\n\n###\nGET /ws/v1/student?q=x==1\n';
    const without = await check(text, psreqChecks({ assist: new PsreqAssist() }));
    const withPayloads = await check(text, psreqChecks({ assist: new PsreqAssist(), payloadValidator: createPayloadValidator }));
    assert.ok(withPayloads.length > without.length, 'the student body has findings of its own');
    const method = without.find((finding) => finding.code === 'method-not-allowed');
    assert.ok(method?.fixes?.length, 'the method fix travels with the finding');
  });

  // real-server-behaviour.md, Student POST: extension fields are written "only when the URL names the table".
  it('warns about _extension_data of a table the student POST URL does not name, and the fix travels with the finding', async () => {
    const text = 'POST /ws/v1/student\nContent-Type: application/json\n\n{"students": {"student": {"client_uid": "1", "action": "UPDATE", "id": 5001, "_extension_data": {"_table_extension": {"name": "studentcorefields", "_field": []}}}}}\n';
    const [finding] = (await check(text, psreqChecks({ assist: new PsreqAssist() }))).filter((candidate) => candidate.code === 'extension-not-in-url');
    assert.equal(finding?.severity, 'warning');
    assert.deepEqual(finding?.fixes?.map((fix) => [fix.title, fix.newText]), [['Add extensions=studentcorefields to the URL', '?extensions=studentcorefields']]);
  });

  it('turns a failing checker into one finding and still runs the others, in document order', async () => {
    const text = 'GTE /x\n';
    const failing: PsreqChecker = () => {
      throw new Error('boom');
    };
    const found = await check(text, [failing, () => ({ block: (block) => block.diagnostics })]);
    assert.deepEqual(found.map((finding) => finding.code), ['checker-failed', 'unknown-method']);
    assert.match(found[0].message, /boom/);
  });

  it('follows file variables to the host, and leaves hosts known only when run alone', async () => {
    const text = '@host = http://127.0.0.2:9\n@token = {{$processEnv TOKEN}}\n# @name a\nGET /x\n\n###\nGET {{host}}/y?t={{token}}\n\n###\nGET {{connectionHost}}/z?t={{token}}&a={{a.response.body.id}}\n\n###\nGET http://{{$processEnv HOST}}/w?t={{token}}\n';
    const findings = await check(text, psreqChecks({ assist: new PsreqAssist(), knownVariables: () => new Set(['connectionHost']), connectionUrl: () => 'http://127.0.0.1:9/base' }));
    assert.deepEqual(findings.filter((finding) => finding.code?.endsWith('other-host')).map((finding) => [finding.code, text.slice(finding.start, finding.end), finding.message]), [
      ['environment-to-other-host', '{{host}}/y?t={{token}}', "sends {{$processEnv TOKEN}} to 127.0.0.2:9, which is not the connection's server"],
    ]);
  });
});
