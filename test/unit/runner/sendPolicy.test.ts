import * as assert from 'node:assert/strict';
import { SendPolicy, isInside, unrestricted, type OutgoingRequest, type SendRules } from '../../../src/core/runner';

const connection = { name: 'district', origin: 'http://127.0.0.1:8080' };
const outgoing = (url: string, uses: Partial<OutgoingRequest['uses']> = {}): OutgoingRequest => ({ url: new URL(url), connection, uses: { environmentReads: [], responses: [], ...uses } });
const untrusted: SendRules = { connectionOnly: true, noEnvironmentReads: true, includeRoots: ['/w/project'], remedy: 'Trust the workspace.' };

describe('SendPolicy', () => {
  it('sends what stays with the connection or carries nothing, without asking', () => {
    const policy = new SendPolicy();
    assert.deepEqual(policy.judge(outgoing('http://127.0.0.1:8080/ws/v1/district', { responses: ['students'], environmentReads: ['$processEnv X'] })), { action: 'send' });
    assert.deepEqual(policy.judge(outgoing('http://127.0.0.2:8080/x')), { action: 'send' });
    assert.deepEqual(policy.judge(outgoing('http://127.0.0.2:8080/x', { environmentReads: ['$processEnv X'] })), { action: 'send' }, 'a trusted file may use its own environment');
  });

  it('asks once per host before response data goes to another origin (port, name and scheme count)', () => {
    const policy = new SendPolicy();
    for (const other of ['http://127.0.0.2:8080/f', 'http://localhost:8080/f', 'http://[::1]:8080/f', 'http://127.0.0.1:8081/f', 'https://127.0.0.1:8080/f']) {
      const verdict = policy.judge(outgoing(other, { responses: ['students', 'schools'] }));
      assert.equal(verdict.action, 'ask', other);
      assert.ok(verdict.action === 'ask');
      assert.equal(verdict.origin, new URL(other).origin);
      assert.match(verdict.reason, /data from the response of 'students', 'schools' \(read from 'district'\) to \S+, another server\./);
    }
    policy.approve('http://127.0.0.2:8080');
    assert.deepEqual(policy.judge(outgoing('http://127.0.0.2:8080/g', { responses: ['students'] })), { action: 'send' });
    assert.equal(policy.judge(outgoing('http://localhost:8080/g', { responses: ['students'] })).action, 'ask');
    assert.equal(new SendPolicy().judge(outgoing('http://127.0.0.2:8080/g', { responses: ['students'] })).action, 'ask', 'approvals belong to one policy (a session)');
  });

  it('refuses other hosts and environment reads under untrusted rules, saying why and how to lift it', () => {
    const policy = new SendPolicy(() => untrusted);
    assert.deepEqual(policy.judge(outgoing('http://localhost:8080/x')), { action: 'refuse', reason: "not sent: localhost:8080 is not the server of the connection 'district', and this workspace is not trusted. Trust the workspace." });
    assert.deepEqual(policy.judge(outgoing('http://127.0.0.1:8080/x', { environmentReads: ['$dotenv SECRET'] })), { action: 'refuse', reason: "not sent: {{$dotenv SECRET}} reads this computer's environment, and this workspace is not trusted. Trust the workspace." });
    policy.approve('http://localhost:8080');
    assert.equal(policy.judge(outgoing('http://localhost:8080/x', { responses: ['s'] })).action, 'refuse', 'an approval never lifts a refusal');
  });

  it('reads the rules for every request, so trust granted later applies at once', () => {
    let rules = untrusted;
    const policy = new SendPolicy(() => rules);
    assert.equal(policy.judge(outgoing('http://127.0.0.2:8080/x')).action, 'refuse');
    rules = unrestricted;
    assert.equal(policy.judge(outgoing('http://127.0.0.2:8080/x')).action, 'send');
  });

  it('keeps body files inside the include roots', () => {
    const policy = new SendPolicy(() => untrusted);
    assert.equal(policy.includeRefusal('/w/project/body.json'), undefined);
    assert.equal(policy.includeRefusal('/w/project/deep/er/body.json'), undefined);
    assert.equal(policy.includeRefusal('/etc/hostname'), 'not sent: the body file /etc/hostname is outside /w/project. Trust the workspace.');
    assert.ok(policy.includeRefusal('/w/project-other/x.json'), 'a sibling with the same prefix is outside');
    assert.equal(new SendPolicy().includeRefusal('/etc/hostname'), undefined, 'no roots: anywhere');
  });

  it('tells inside from outside by path, not by prefix', () => {
    assert.ok(isInside('/a/b', '/a/b'));
    assert.ok(isInside('/a/b', '/a/b/..c/d'));
    assert.ok(!isInside('/a/b', '/a/bc'));
    assert.ok(!isInside('/a/b', '/a/b/../c'));
    assert.ok(!isInside('/a/b', '/a'));
  });
});
