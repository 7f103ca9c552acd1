import * as assert from 'node:assert/strict';
import { parsePsreq, readsEnvironment, usesWritten, VariableResolver } from '../../../src/core/psreq';

describe('psreq variable uses', () => {
  it('records the environment reads and responses a resolution drew on, through file variables', async () => {
    const document = parsePsreq('@secret = {{$processEnv   PS_SECRET}}\n@id = {{list.response.body.students.student[0].id}}\nGET /x\n');
    const resolver = new VariableResolver({
      fileVariables: document.fileVariables,
      processEnv: { PS_SECRET: 's' },
      getResponse: async () => ({ status: 200, headers: {}, body: { students: { student: [{ id: 7 }] } } }),
    });
    assert.deepEqual([resolver.uses.environmentReads, resolver.uses.responses], [[], []], 'nothing yet');
    const resolved = await resolver.resolve('/x?s={{secret}}&id={{id}}&t={{$timestamp}}&h={{list.response.headers.Location}}');
    assert.equal(resolved.text.startsWith('/x?s=s&id=7&t='), true, resolved.text);
    assert.deepEqual(resolver.uses.environmentReads, ['$processEnv PS_SECRET']);
    assert.deepEqual(resolver.uses.responses, ['list']);
  });

  it('finds the same uses in the written file without running anything', () => {
    const document = parsePsreq('@a = {{b}}\n@b = {{$processEnv TOKEN}}\n@loop = {{loop}}\n# @name list\nGET /x\n\n###\nPOST http://127.0.0.2/f?a={{a}}&l={{loop}}\n\n{{list.response.body}} {{list.request.body}} {{$dotenv KEY}}\n');
    const uses = usesWritten(document, document.requests[1]);
    assert.deepEqual(uses.environmentReads, ['$processEnv TOKEN', '$dotenv KEY']);
    assert.deepEqual(uses.responses, ['list'], 'what a request sent is not a response');
    assert.deepEqual(usesWritten(document, document.requests[0]).environmentReads, []);
  });

  it('tells environment readers from other system variables', () => {
    assert.ok(readsEnvironment('$processEnv X'));
    assert.ok(readsEnvironment('$dotenv X'));
    assert.ok(!readsEnvironment('$processEnvX'));
    assert.ok(!readsEnvironment('$guid'));
  });
});
