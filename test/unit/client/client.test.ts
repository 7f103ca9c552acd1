import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox';
import { readCount } from '../../../src/core/schema';
import { PowerSchoolClient, PowerSchoolError, arraySink, fetchAll, flattenRecord, ndjsonFileSink, pages, recordsOf, type Logger } from '../../../src/core/client';

interface Harness {
  sandbox: SandboxHandle;
  serverLines: string[];
  logLines: string[];
  delays: number[];
  client(overrides?: Partial<{ clientSecret: string; timeoutMs: number }>): PowerSchoolClient;
}

async function harness(options: SandboxOptions = {}): Promise<Harness> {
  const serverLines: string[] = [];
  const logLines: string[] = [];
  const delays: number[] = [];
  const sandbox = await startSandbox({ students: 250, schools: 2, ...options, logger: (line) => serverLines.push(line) });
  const log: Logger = { info: (m) => logLines.push(m), warn: (m) => logLines.push(m), error: (m) => logLines.push(m), debug: (m) => logLines.push(m) };
  return {
    sandbox, serverLines, logLines, delays,
    client: (overrides = {}) =>
      new PowerSchoolClient(
        { name: 'test', url: sandbox.url, clientId: sandbox.clientId, clientSecret: overrides.clientSecret ?? sandbox.clientSecret },
        // Retry waits are recorded, not slept, so fault tests stay fast and show what was honoured.
        { log, timeoutMs: overrides.timeoutMs, sleep: async (ms) => void delays.push(ms) },
      ),
  };
}

const tokenRequests = (lines: string[]) => lines.filter((line) => line.includes('/oauth/access_token')).length;

describe('PowerSchoolClient over HTTP to the sandbox', () => {
  describe('OAuth', () => {
    let h: Harness;
    before(async () => (h = await harness()));
    after(() => h.sandbox.close());

    it('fetches one token for many concurrent callers and reuses it', async () => {
      const client = h.client();
      const before = tokenRequests(h.serverLines);
      const results = await Promise.all(Array.from({ length: 8 }, () => client.getJson('/ws/v1/district')));
      assert.equal(results.length, 8);
      await client.getJson('/ws/v1/district/school');
      assert.equal(tokenRequests(h.serverLines) - before, 1);
    });

    it('logs each exchange once, naming its connection (several share one log), never the token', async () => {
      const client = h.client();
      const before = h.logLines.length;
      await client.getJson('/ws/v1/district/school');
      const lines = h.logLines.slice(before).filter((line) => line.includes('GET /ws/v1/district/school'));
      assert.deepEqual(lines.map((line) => line.replace(/\(.*\)$/, '(…)')), ['test: GET /ws/v1/district/school → 200 (…)']);
      assert.ok(!h.logLines.join('\n').includes(await client.accessToken()));
    });

    it('renews a revoked token once and retries the request', async () => {
      const client = h.client();
      await client.getJson('/ws/v1/district');
      const before = tokenRequests(h.serverLines);
      h.sandbox.revokeTokens();
      const body = await client.getJson<{ district: unknown }>('/ws/v1/district');
      assert.ok(body.district);
      assert.equal(tokenRequests(h.serverLines) - before, 1);
    });

    it('turns bad credentials into a one-line 401 error without the secret', async () => {
      const secret = 'wrong-secret-value-123';
      const client = h.client({ clientSecret: secret });
      const error = await client.getJson('/ws/v1/district').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof PowerSchoolError);
      assert.equal(error.status, 401);
      assert.equal(error.kind, 'auth');
      assert.match(error.message, /^POST \/oauth\/access_token → 401 Unauthorized/);
      assert.ok(!error.message.includes(secret) && !error.message.includes(Buffer.from(`${h.sandbox.clientId}:${secret}`).toString('base64')));
      assert.ok(!error.message.includes('\n'));
    });

    it('returns error responses as they came from request(), and throws them from getJson()', async () => {
      const client = h.client();
      const response = await client.request({ path: '/ws/v1/student/999999999' });
      assert.equal(response.status, 404);
      await assert.rejects(client.getJson('/ws/v1/student/999999999'), (error: PowerSchoolError) => error.status === 404 && /GET \/ws\/v1\/student\/999999999 → 404/.test(error.message));
    });

    it('refuses to send credentials over http:// to a non-loopback host, before any network call', async () => {
      let calls = 0;
      const client = new PowerSchoolClient({ name: 'x', url: 'http://district.example.org', clientId: 'a', clientSecret: 'b' }, { fetch: async () => { calls++; return new Response('{}'); } });
      await assert.rejects(client.getJson('/ws/v1/district'), /refusing to send credentials over plain http/);
      assert.equal(calls, 0);
    });
  });

  describe('faults', () => {
    it('waits out 429 storms as Retry-After says, losing no request', async () => {
      const h = await harness({ faults: ['429:every=2,retry-after=1'] });
      try {
        const client = h.client();
        for (let i = 0; i < 4; i++) assert.ok((await client.getJson<{ district: unknown }>('/ws/v1/district')).district);
        assert.ok(h.delays.length >= 3, `retried ${h.delays.length} times`);
        assert.ok(h.delays.every((ms) => ms === 1000), `delays ${h.delays.join(',')}`);
      } finally {
        await h.sandbox.close();
      }
    });

    it('retries 503s with backoff', async () => {
      const h = await harness({ faults: ['503:every=2'] });
      try {
        const client = h.client();
        for (let i = 0; i < 3; i++) await client.getJson('/ws/v1/district/school');
        assert.ok(h.delays.length >= 2);
      } finally {
        await h.sandbox.close();
      }
    });

    it('reports a malformed body from getJson() but shows it from request()', async () => {
      const h = await harness({ faults: ['malformed:every=1'] });
      try {
        const client = h.client();
        const raw = await client.request({ path: '/ws/v1/district' });
        assert.equal(raw.status, 200);
        assert.equal(typeof raw.body, 'string');
        await assert.rejects(client.getJson('/ws/v1/district'), (error: PowerSchoolError) => error.kind === 'malformed');
      } finally {
        await h.sandbox.close();
      }
    });

    it('times out a slow answer with a readable error', async () => {
      const h = await harness({ latency: 400 });
      try {
        await assert.rejects(h.client({ timeoutMs: 100 }).getJson('/ws/v1/district'), (error: PowerSchoolError) => error.kind === 'timeout' && /no answer within 0.1 s/.test(error.message));
      } finally {
        await h.sandbox.close();
      }
    });

    it('keeps the secret and the token out of every log line and error after a run with failures', async () => {
      const h = await harness({ faults: ['429:every=3,retry-after=1', '503:every=4'] });
      try {
        const client = h.client();
        const messages: string[] = [];
        await client.getJson('/ws/v1/district');
        h.sandbox.revokeTokens();
        await client.getJson('/ws/v1/district/student').catch((e: Error) => messages.push(e.message));
        await client.getJson('/ws/v1/student/0').catch((e: Error) => messages.push(e.message));
        await h.client({ clientSecret: 'another-bad-secret' }).getJson('/ws/v1/district').catch((e: Error) => messages.push(e.message));
        const token = await client.accessToken();
        const everything = [...h.logLines, ...messages].join('\n');
        assert.ok(messages.length >= 2);
        for (const secret of [h.sandbox.clientSecret, 'another-bad-secret', token]) assert.ok(!everything.includes(secret), `leaked ${secret.slice(0, 3)}…`);
      } finally {
        await h.sandbox.close();
      }
    });
  });

  describe('paging', () => {
    let h: Harness;
    before(async () => (h = await harness()));
    after(() => h.sandbox.close());
    const students = { path: '/ws/v1/district/student' };

    const ids = (records: unknown[]) => records.map((record) => (record as { id: number }).id);

    it('iterates pages in order until a short page', async () => {
      const seen: number[] = [];
      for await (const page of pages(h.client(), students, { pageSize: 100 })) seen.push(page.records.length);
      assert.deepEqual(seen, [100, 100, 50]);
    });

    // real-server-behaviour.md: "An empty result is just {"@extensions": ""} — no record key (R; clients had to guard)".
    it('pages a PowerQuery whose answer has no record key (empty result), with count=true and $dataversion beside it', async () => {
      const client = h.client();
      const empty = { method: 'POST' as const, path: '/ws/schema/query/com.pearson.core.student.student_dcid_id_map', body: { students_dcid: [1], $dataversion: '3' }, query: { count: 'true' } };
      const sink = arraySink();
      assert.equal((await fetchAll(client, empty, sink, { pageSize: 10 })).total, 0);
      assert.equal((await fetchAll(client, { ...empty, body: { students_dcid: [1] } }, sink, { pageSize: 10 })).total, 0);
      assert.deepEqual(sink.records, []);
      const some = arraySink();
      assert.equal((await fetchAll(client, { ...empty, body: { students_dcid: [5001, 5002] } }, some, { pageSize: 1 })).total, 2);
      assert.deepEqual(some.records.map((record) => (record as { dcid: string }).dcid), ['5001', '5002']);
    });

    it('fetchAll returns exactly count records, in order, with concurrency 4 as with 1', async () => {
      const client = h.client();
      const count = readCount(await client.getJson('/ws/v1/district/student/count'));
      const four = arraySink();
      const one = arraySink();
      const progress: number[] = [];
      const result = await fetchAll(client, students, four, { pageSize: 30, concurrency: 4, onProgress: (done) => progress.push(done) });
      await fetchAll(client, students, one, { pageSize: 30, concurrency: 1 });
      assert.equal(count, 250);
      assert.equal(result.total, 250);
      assert.equal(four.records.length, 250);
      assert.deepEqual(ids(four.records), ids(one.records));
      assert.equal(new Set(ids(four.records)).size, 250, 'no duplicates');
      assert.deepEqual(progress, [30, 60, 90, 120, 150, 180, 210, 240, 250]);
    });

    it('fetchAll loses and duplicates nothing through 429s, 503s and a token expiry mid-run', async () => {
      const faulty = await harness({ faults: ['429:every=4,retry-after=1', '503:every=5'] });
      try {
        const client = faulty.client();
        const sink = arraySink();
        let revoked = false;
        await fetchAll(client, students, sink, {
          pageSize: 25, concurrency: 3,
          onProgress: (done) => { if (done >= 100 && !revoked) { revoked = true; faulty.sandbox.revokeTokens(); } },
        });
        assert.equal(sink.records.length, 250);
        assert.equal(new Set(ids(sink.records)).size, 250);
        const reference = arraySink();
        await fetchAll(h.client(), students, reference, { pageSize: 25 });
        assert.deepEqual(ids(sink.records), ids(reference.records));
      } finally {
        await faulty.sandbox.close();
      }
    });

    it('stops promptly when cancelled mid-paging and closes the sink', async () => {
      const controller = new AbortController();
      let closed = false;
      const written: number[] = [];
      const sink = { write: (page: readonly unknown[]) => void written.push(page.length), close: () => void (closed = true) };
      await assert.rejects(
        fetchAll(h.client(), students, sink, { pageSize: 20, concurrency: 2, signal: controller.signal, onProgress: (_done, _total, page) => { if (page === 2) controller.abort(); } }),
        (error: Error) => error.name === 'AbortError',
      );
      assert.deepEqual(written, [20, 20]);
      assert.equal(closed, true);
    });

    it('pages schema tables and PowerQueries too, and streams to an NDJSON file', async () => {
      const client = h.client();
      const tableSink = arraySink();
      const table = await fetchAll(client, { path: '/ws/schema/table/students', query: { projection: 'dcid,lastfirst' } }, tableSink, { pageSize: 100 });
      assert.equal(table.total, 250);
      assert.equal(tableSink.records.length, 250);
      const dir = mkdtempSync(join(tmpdir(), 'psdev-ndjson-'));
      try {
        const file = join(dir, 'out.ndjson');
        const sink = ndjsonFileSink(file);
        const query = await fetchAll(client, { method: 'POST', path: '/ws/schema/query/com.pearson.core.student.student_dcid_id_map', body: {} }, sink, { pageSize: 100 });
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        assert.equal(lines.length, query.total);
        assert.ok(query.total > 0);
        assert.doesNotThrow(() => lines.forEach((line) => JSON.parse(line)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('fetchAll against sandbox faults', () => {
    const students = { path: '/ws/v1/district/student' };
    const ids = (records: unknown[]) => records.map((record) => (record as { id: number }).id);
    let reference: number[];
    before(async () => {
      const clean = await harness();
      try {
        const sink = arraySink();
        await fetchAll(clean.client(), students, sink);
        reference = ids(sink.records);
        assert.equal(reference.length, 250);
      } finally {
        await clean.sandbox.close();
      }
    });

    /** A sandbox whose clock the test moves, and a client that may or may not share it. */
    async function clocked(shareClock: boolean) {
      let serverNow = Date.now();
      const serverLines: string[] = [];
      const sandbox = await startSandbox({ students: 250, schools: 2, faults: ['expire:after=60'], now: () => serverNow, logger: (line) => serverLines.push(line) });
      const client = new PowerSchoolClient({ name: 'clock', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }, { now: shareClock ? () => serverNow : Date.now });
      return { sandbox, serverLines, client, advance: (ms: number) => void (serverNow += ms) };
    }

    it('survives the token expiring mid-run: one 401 invalid_token, one renewal, nothing lost', async () => {
      const { sandbox, serverLines, client, advance } = await clocked(false);
      try {
        const sink = arraySink();
        await fetchAll(client, students, sink, { pageSize: 25, concurrency: 1, onProgress: (_done, _total, page) => page === 3 && advance(61_000) });
        assert.deepEqual(ids(sink.records), reference);
        assert.equal(tokenRequests(serverLines), 2);
        assert.equal(serverLines.filter((line) => / 401 /.test(line)).length, 1, serverLines.join('\n'));
      } finally {
        await sandbox.close();
      }
    });

    it('renews before expires_in runs out when the clocks agree, so the server never refuses', async () => {
      const { sandbox, serverLines, client, advance } = await clocked(true);
      try {
        const sink = arraySink();
        await fetchAll(client, students, sink, { pageSize: 25, concurrency: 2, onProgress: (_done, _total, page) => page === 4 && advance(57_000) });
        assert.deepEqual(ids(sink.records), reference);
        assert.equal(tokenRequests(serverLines), 2);
        assert.equal(serverLines.filter((line) => / 401 /.test(line)).length, 0, serverLines.join('\n'));
      } finally {
        await sandbox.close();
      }
    });

    it('delivers in order whatever order pages arrive in (latency with jitter)', async () => {
      const h = await harness({ faults: ['latency:ms=15,jitter=14'] });
      try {
        const sink = arraySink();
        const result = await fetchAll(h.client(), students, sink, { pageSize: 20, concurrency: 4 });
        assert.deepEqual(ids(sink.records), reference);
        assert.equal(result.pages, 13);
      } finally {
        await h.sandbox.close();
      }
    });

    it('fetches a cut-short body again, so malformed answers lose nothing', async () => {
      const h = await harness({ faults: ['malformed:every=3'] });
      try {
        const sink = arraySink();
        await fetchAll(h.client(), students, sink, { pageSize: 25, concurrency: 3 });
        assert.deepEqual(ids(sink.records), reference);
        assert.ok(h.logLines.some((line) => /not JSON; retry/.test(line)));
      } finally {
        await h.sandbox.close();
      }
    });

    it('follows the sandbox cap when asked for pages larger than it serves', async () => {
      const h = await harness();
      try {
        const sink = arraySink();
        const result = await fetchAll(h.client(), students, sink, { pageSize: 500 });
        assert.deepEqual(ids(sink.records), reference);
        assert.equal(result.pageSize, 100);
      } finally {
        await h.sandbox.close();
      }
    });

    it('stops on a 500 (not worth repeating) with a one-line error, and closes the sink', async () => {
      const h = await harness({ faults: ['500:every=4'] });
      try {
        let closed = false;
        const error = await fetchAll(h.client(), students, { write() {}, close: () => void (closed = true) }, { pageSize: 25 }).catch((e: unknown) => e);
        assert.ok(error instanceof PowerSchoolError);
        assert.equal(error.status, 500);
        assert.match(error.message, /^GET \/ws\/v1\/district\/student → 500 Internal Server Error/);
        assert.ok(!error.message.includes('\n'));
        assert.equal(closed, true);
      } finally {
        await h.sandbox.close();
      }
    });

    it('cancels mid-paging with requests in flight at the sandbox, promptly', async () => {
      const h = await harness({ latency: 300 });
      try {
        const controller = new AbortController();
        const sink = arraySink();
        const started = Date.now();
        setTimeout(() => controller.abort(), 700);
        await assert.rejects(fetchAll(h.client(), students, sink, { pageSize: 25, concurrency: 2, signal: controller.signal }), { name: 'AbortError' });
        assert.ok(Date.now() - started < 1500, 'did not wait for the pages in flight');
        assert.ok(sink.records.length < 250);
        assert.equal(sink.records.length % 25, 0);
        assert.deepEqual(ids(sink.records), reference.slice(0, sink.records.length));
      } finally {
        await h.sandbox.close();
      }
    });
  });

  describe('normalisers', () => {
    it('read counts and records in every documented shape', () => {
      assert.equal(readCount({ resource: { count: 12 } }), 12);
      assert.equal(readCount({ count: '7' }), 7);
      assert.equal(readCount({}), undefined);
      assert.deepEqual(recordsOf({ students: { '@expansions': 'a', student: { id: 1 } } }), [{ id: 1 }]);
      assert.deepEqual(recordsOf({ students: { student: [{ id: 1 }, { id: 2 }] } }), [{ id: 1 }, { id: 2 }]);
      assert.deepEqual(recordsOf({ students: '' }), []);
      assert.deepEqual(recordsOf({ name: 'STUDENTS', record: [{ id: 3 }] }), [{ id: 3 }]);
      assert.deepEqual(recordsOf({ name: 'X', record: { id: 4 } }), [{ id: 4 }]);
      // An empty PowerQuery answer has no record key, even beside count=true or $dataversion.
      assert.deepEqual(recordsOf({ '@extensions': '' }), []);
      assert.deepEqual(recordsOf({ '@extensions': '', count: 0 }), []);
      assert.deepEqual(recordsOf({ '@extensions': '', $dataversion: '3' }), []);
      assert.deepEqual(recordsOf({ '@extensions': '', count: 0, $dataversion: '3' }), []);
      assert.deepEqual(flattenRecord({ id: 5, name: 'students', tables: { students: { dcid: '5', lastfirst: 'A, B' }, schools: { name: 'High' } } }), { 'students.dcid': '5', 'students.lastfirst': 'A, B', 'schools.name': 'High' });
      assert.deepEqual(flattenRecord({ 'students.dcid': '7' }), { 'students.dcid': '7' });
    });
  });
});
