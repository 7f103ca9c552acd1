import * as assert from 'node:assert/strict';
import { PowerSchoolClient, PowerSchoolError, arraySink, fetchAll, pages, type RecordSink } from '../../../src/core/client';
import { isTokenRequest, startFaultServer, tokenReply, type FaultServer, type Reply, type SeenRequest } from './faultServer';

interface ListOptions {
  /** The server's maximum page size (PowerSchool caps pagesize silently). */
  cap?: number;
  /** Per page: a replacement answer, e.g. a delay, a failure or a hang. */
  page?: (page: number, records: Reply & object) => Reply;
}

/** A v1 student list of `total` records with ids 1..total, paged like PowerSchool (one record → object). */
function studentList(total: number, options: ListOptions = {}) {
  return (request: SeenRequest): Reply => {
    if (isTokenRequest(request)) return tokenReply('tok');
    if (request.path.endsWith('/count')) return { body: { resource: { count: total } } };
    const page = Number(request.query.get('page') ?? 1);
    const size = Math.min(Number(request.query.get('pagesize') ?? 100), options.cap ?? Infinity);
    const ids = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => (page - 1) * size + i + 1);
    const student = ids.length === 0 ? undefined : ids.length === 1 ? { id: ids[0] } : ids.map((id) => ({ id }));
    const reply = { body: { students: student === undefined ? '' : { '@expansions': 'demographics', student } } };
    return options.page ? options.page(page, reply) : reply;
  };
}

const students = { path: '/ws/v1/district/student' };
const ids = (records: readonly unknown[]) => records.map((record) => (record as { id: number }).id);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('client paging over HTTP (fault server)', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (handler: (request: SeenRequest) => Reply) => {
    server = await startFaultServer(handler);
    return new PowerSchoolClient({ name: 'p', url: server.url, clientId: 'id', clientSecret: 'secret-value' }, { sleep: async () => undefined });
  };
  const pageRequests = () => server!.requests.filter((r) => !isTokenRequest(r) && !r.path.endsWith('/count'));

  it('follows a server that caps pagesize below what was asked, losing nothing', async () => {
    const client = await start(studentList(95, { cap: 20 }));
    const sink = arraySink();
    const result = await fetchAll(client, students, sink, { pageSize: 50, concurrency: 3 });
    assert.deepEqual(ids(sink.records), range(95));
    assert.deepEqual(result, { total: 95, pages: 5, pageSize: 20 });
    assert.deepEqual(pageRequests().map((r) => r.query.get('page')).sort(), ['1', '2', '3', '4', '5']);
  });

  it('iterates pages one at a time, probing once past a short first page', async () => {
    const capped = await start(studentList(45, { cap: 20 }));
    const seen: number[][] = [];
    for await (const page of pages(capped, students, { pageSize: 50 })) seen.push(ids(page.records));
    assert.deepEqual(seen.map((page) => page.length), [20, 20, 5]);
    assert.deepEqual(seen.flat(), range(45));
    await server!.close();
    const small = await start(studentList(15));
    const lengths: number[] = [];
    for await (const page of pages(small, students, { pageSize: 50 })) lengths.push(page.records.length);
    assert.deepEqual(lengths, [15]);
    assert.equal(pageRequests().length, 2);
  });

  it('turns a single record (an object, not an array) into a page of one', async () => {
    const client = await start(studentList(21));
    const sink = arraySink();
    await fetchAll(client, students, sink, { pageSize: 10 });
    assert.deepEqual(ids(sink.records), range(21));
  });

  it('keeps at most `concurrency` requests in flight and pages waiting, delivering in order', async () => {
    // Later pages answer faster than earlier ones, so order has to be restored.
    const client = await start(studentList(300, { page: (page, reply) => ({ ...reply, delayMs: 5 + ((page * 7) % 13) }) }));
    const delivered: number[] = [];
    let mostWaiting = 0;
    const sink: RecordSink = {
      async write(records) {
        const answered = pageRequests().length - server!.inFlight();
        mostWaiting = Math.max(mostWaiting, answered - delivered.length - 1);
        delivered.push(...ids(records));
        await new Promise((resolve) => setTimeout(resolve, 3));
      },
    };
    const progress: [number, number | undefined][] = [];
    await fetchAll(client, students, sink, { pageSize: 10, concurrency: 3, onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual(delivered, range(300));
    assert.ok(server!.maxInFlight() <= 3, `max in flight ${server!.maxInFlight()}`);
    assert.ok(server!.maxInFlight() >= 2, 'pages overlap');
    assert.ok(mostWaiting <= 3, `${mostWaiting} pages waited`);
    assert.equal(progress.length, 30);
    assert.deepEqual(progress.at(-1), [300, 300]);
    assert.equal(new Set(pageRequests().map((r) => r.query.get('page'))).size, 30, 'each page asked for once');
  });

  it('fails with the failing page\'s error while earlier pages are still on their way, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const client = await start(studentList(100, { page: (page, reply) => (page === 3 ? { status: 404, body: { message: 'gone' } } : { ...reply, delayMs: 80 }) }));
      const sink = arraySink();
      const error = await fetchAll(client, students, sink, { pageSize: 10, concurrency: 4 }).catch((e: unknown) => e);
      assert.ok(error instanceof PowerSchoolError);
      assert.match(error.message, /^GET \/ws\/v1\/district\/student → 404 Not Found: gone$/);
      assert.deepEqual(ids(sink.records), range(20));
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reports pages that disagree with the count instead of returning a wrong result', async () => {
    const client = await start(studentList(50, { page: (page, reply) => (page === 3 ? { body: { students: { student: [{ id: 21 }, { id: 22 }] } } } : reply) }));
    const error = await fetchAll(client, students, arraySink(), { pageSize: 10 }).catch((e: unknown) => e);
    assert.ok(error instanceof PowerSchoolError);
    assert.equal(error.kind, 'inconsistent');
    assert.match(error.message, /page 3 held 2 records where 10 were expected \(count 50, page size 10\); the data changed while paging/);
  });

  it('stops at once when cancelled with pages in flight, and closes the sink', async () => {
    const client = await start(studentList(100, { page: (page, reply) => (page === 1 ? reply : 'hang') }));
    const controller = new AbortController();
    let closed = false;
    const written: number[] = [];
    const sink: RecordSink = { write: (records) => void written.push(records.length), close: () => void (closed = true) };
    const started = Date.now();
    const run = fetchAll(client, students, sink, { pageSize: 10, concurrency: 4, signal: controller.signal, onProgress: () => setTimeout(() => controller.abort(), 20) });
    await assert.rejects(run, { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(written, [10]);
    assert.equal(closed, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server!.dropped(), 4, 'the four hanging requests were dropped');
  });

  it('reads no pages when the count is 0, and pages without a count until a short page', async () => {
    const empty = await start(studentList(0));
    const closed: boolean[] = [];
    const result = await fetchAll(empty, students, { write() {}, close: () => void closed.push(true) });
    assert.deepEqual(result, { total: 0, pages: 0, pageSize: 100 });
    assert.equal(pageRequests().length, 0);
    assert.deepEqual(closed, [true]);
    await server!.close();
    const uncounted = await start(studentList(25));
    const sink = arraySink();
    const counted = await fetchAll(uncounted, { ...students, countPath: null }, sink, { pageSize: 10 });
    assert.deepEqual(ids(sink.records), range(25));
    assert.deepEqual(counted, { total: 25, pages: 3, pageSize: 10 });
  });
});
