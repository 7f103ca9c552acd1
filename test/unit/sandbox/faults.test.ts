import * as assert from 'node:assert/strict';
import { parseFaultSpec } from '../../../src/sandbox';
import { requestToken, startTestSandbox, type TestSandbox } from './harness';

describe('sandbox fault specs', () => {
  it('parses every kind, with named or bare parameters', () => {
    assert.deepEqual(parseFaultSpec('429:every=5,retry-after=2'), { fault: { kind: 'status', status: 429, every: 5, rate: undefined, retryAfter: 2 } });
    assert.deepEqual(parseFaultSpec('429:3'), { fault: { kind: 'status', status: 429, every: 3, rate: undefined, retryAfter: 1 } });
    assert.deepEqual(parseFaultSpec('500:rate=0.25'), { fault: { kind: 'status', status: 500, every: undefined, rate: 0.25, retryAfter: undefined } });
    assert.deepEqual(parseFaultSpec('503:0.5'), { fault: { kind: 'status', status: 503, every: undefined, rate: 0.5, retryAfter: undefined } });
    assert.deepEqual(parseFaultSpec('latency:ms=200,jitter=50'), { fault: { kind: 'latency', ms: 200, jitter: 50 } });
    assert.deepEqual(parseFaultSpec('latency:100'), { fault: { kind: 'latency', ms: 100, jitter: undefined } });
    assert.deepEqual(parseFaultSpec('expire:after=60'), { fault: { kind: 'expire', after: 60 } });
    assert.deepEqual(parseFaultSpec('MALFORMED:every=4'), { fault: { kind: 'malformed', every: 4, rate: undefined } });
  });

  it('explains bad specs in one message without throwing', () => {
    for (const [spec, pattern] of [['teapot', /unknown fault 'teapot'/], ['429', /every=N or rate/], ['429:every=0', /every must be a whole number/],
      ['500:rate=2', /rate must be a share/], ['latency', /needs ms/], ['expire:after=-1', /after must be/], ['429:often=1', /unknown parameter 'often'/], ['503:1.5', /neither a count/]] as const) {
      const result = parseFaultSpec(spec);
      assert.ok('error' in result, spec);
      assert.match(result.error, pattern, spec);
    }
  });
});

describe('sandbox faults over HTTP', () => {
  const instances: TestSandbox[] = [];
  const start = async (faults: string[], extra = {}, withToken = true) => {
    const instance = await startTestSandbox({ students: 20, faults, ...extra });
    instances.push(instance);
    if (withToken) await instance.token();
    return instance;
  };
  afterEach(async () => Promise.all(instances.splice(0).map((instance) => instance.sandbox.close())));

  it('answers every Nth /ws call with 429 and Retry-After, never the token endpoint', async () => {
    const t = await start(['429:every=3,retry-after=2']);
    const statuses: number[] = [];
    for (let call = 0; call < 6; call++) {
      const response = await t.get('/ws/v1/district');
      statuses.push(response.status);
      if (response.status === 429) assert.equal(response.headers.get('retry-after'), '2');
    }
    assert.deepEqual(statuses, [200, 200, 429, 200, 200, 429]);
    for (let call = 0; call < 4; call++) assert.equal((await requestToken(t.sandbox)).status, 200);
  });

  it('fails a share of calls with 500/503, the same calls for the same seed', async () => {
    const pattern = async (seed: number) => {
      const t = await start(['500:rate=0.3', '503:rate=0.2'], { seed });
      const statuses: number[] = [];
      for (let call = 0; call < 30; call++) statuses.push((await t.get('/ws/v1/time')).status);
      return statuses;
    };
    const first = await pattern(11);
    assert.deepEqual(await pattern(11), first);
    assert.ok(first.includes(500) && first.includes(503) && first.includes(200), first.join(','));
    assert.notDeepEqual(await pattern(12), first);
  });

  it('cuts a body short (invalid JSON, status 200)', async () => {
    const t = await start(['malformed:every=2']);
    const good = await t.get('/ws/v1/district');
    const bad = await t.get('/ws/v1/district');
    assert.equal(good.status, 200);
    assert.ok(good.body);
    assert.equal(bad.status, 200);
    assert.equal(bad.body, undefined, 'not parseable');
    assert.ok(good.text.startsWith(bad.text) && bad.text.length < good.text.length);
    assert.ok(t.log.some((line) => /\(malformed\)$/.test(line)));
  });

  it('delays responses by the fixed latency (plus jitter)', async () => {
    const t = await start([], { latency: 150 });
    const started = performance.now();
    await t.get('/ws/v1/time');
    assert.ok(performance.now() - started >= 140);
    const jittered = await start(['latency:ms=100,jitter=50']);
    const again = performance.now();
    await jittered.get('/ws/v1/time');
    assert.ok(performance.now() - again >= 45);
  });

  it('expires tokens after N seconds (expires_in says so)', async () => {
    let clock = 0;
    const t = await start(['expire:after=60'], { now: () => clock });
    const response = await requestToken(t.sandbox);
    const body = (await response.json()) as { access_token: string; expires_in: string };
    assert.equal(body.expires_in, '60');
    assert.equal((await t.get('/ws/v1/district', body.access_token)).status, 200);
    clock += 61_000;
    assert.equal((await t.get('/ws/v1/district', body.access_token)).status, 401);
  });

  it('closes promptly even with a long latency pending', async () => {
    const t = await start([], { latency: 60_000 }, false);
    const pending = fetch(`${t.sandbox.url}/ws/v1/time`).then((response) => response.status, () => 'closed');
    await new Promise((wake) => setTimeout(wake, 50));
    const started = performance.now();
    await t.sandbox.close();
    assert.ok(performance.now() - started < 2000);
    assert.ok(['closed', 503].includes(await pending as never));
  });
});
