import * as assert from 'node:assert/strict';
import { RequestHistory, confirmationReason, historyEntryOf, mergePages, shellQuote, toCurl, type HistoryEntry, type HistoryStore, type RunResult, type SentRequest } from '../../../src/core/runner';

const sent: SentRequest = {
  index: 0, method: 'POST', url: 'http://127.0.0.1:1/ws/v1/student?q=a==b', withToken: true,
  headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer ***' },
  body: `{"name":"O'Hara"}`,
};

describe('toCurl', () => {
  it('writes the token as $PS_TOKEN unless given one, quoting for the shell', () => {
    const line = toCurl(sent);
    assert.equal(line, `curl -X POST 'http://127.0.0.1:1/ws/v1/student?q=a==b' -H 'Accept: application/json' -H 'Content-Type: application/json' -H "Authorization: Bearer $PS_TOKEN" --data-raw '{"name":"O'\\''Hara"}'`);
    assert.match(toCurl(sent, { token: 'tok123' }), /-H 'Authorization: Bearer tok123'/);
    assert.doesNotMatch(toCurl({ ...sent, method: 'GET', body: undefined }), /-X|--data/);
  });

  it('keeps a user-written Authorization header of a request sent without our token', () => {
    assert.match(toCurl({ ...sent, withToken: false, headers: { Authorization: 'Basic ***' } }), /-H 'Authorization: Basic \*\*\*'/);
    assert.equal(shellQuote(`a'b`), `'a'\\''b'`);
  });
});

describe('confirmationReason', () => {
  const base = { method: 'POST', path: '/ws/v1/student', directives: {}, production: true, toConnection: true, connectionName: 'Prod' };
  it('asks for writes to production and for @confirm, not for reads or other servers', () => {
    assert.match(confirmationReason(base)!, /'Prod' is a production server and POST/);
    assert.equal(confirmationReason({ ...base, method: 'GET' }), undefined);
    assert.equal(confirmationReason({ ...base, toConnection: false }), undefined);
    assert.equal(confirmationReason({ ...base, production: false }), undefined);
    assert.match(confirmationReason({ ...base, method: 'GET', production: false, directives: { confirm: '' } })!, /@confirm/);
  });

  it('never asks for a PowerQuery, which is a POST that only reads (its /count too), unless marked @confirm', () => {
    for (const path of ['/ws/schema/query/com.pearson.core.student.search', '/ws/schema/query/com.example.roster.students/count?pagesize=0', '{{host}}/ws/schema/query/{{query}}']) {
      assert.equal(confirmationReason({ ...base, path }), undefined, path);
    }
    assert.match(confirmationReason({ ...base, path: '/ws/schema/query/x', directives: { confirm: '' } })!, /@confirm/);
    for (const path of ['/ws/schema/table/u_students_extension', '/ws/schema/query', '/ws/schema/query/x/other', '/other/ws/schema/query/x']) {
      assert.match(confirmationReason({ ...base, path })!, /production server/, path);
    }
  });
});

describe('mergePages', () => {
  it('puts every record in the place the first page had them', () => {
    assert.deepEqual(mergePages({ name: 'q', record: [1] }, [1, 2]), { name: 'q', record: [1, 2] });
    assert.deepEqual(mergePages({ students: { '@expansions': 'x', student: { id: 1 } } }, [{ id: 1 }, { id: 2 }]), { students: { '@expansions': 'x', student: [{ id: 1 }, { id: 2 }] } });
    assert.deepEqual(mergePages({ students: '' }, []), { students: { student: [] } });
  });
});

function memoryStore(initial: HistoryEntry[] = []): HistoryStore & { bodies: Map<string, string>; saved: readonly HistoryEntry[] } {
  const bodies = new Map<string, string>();
  const store = {
    bodies, saved: initial as readonly HistoryEntry[],
    load: () => store.saved,
    save: async (entries: readonly HistoryEntry[]) => { store.saved = entries; },
    writeBody: async (id: string, text: string) => { bodies.set(id, text); },
    readBody: async (id: string) => bodies.get(id),
    deleteBody: async (id: string) => { bodies.delete(id); },
  };
  return store;
}

describe('RequestHistory', () => {
  const result = (status: number): RunResult => ({ request: sent, response: { status, statusText: 'OK', headers: { 'set-cookie': '***' }, body: {}, rawText: '{}', timeMs: 3, sizeBytes: 2 } });

  it('keeps the newest 100 across reloads and drops the bodies of the rest', async () => {
    const store = memoryStore();
    const history = new RequestHistory(store);
    for (let i = 0; i < 105; i++) await history.add(historyEntryOf(result(200 + (i % 3)), `id${i}`, i, { file: '/a.psreq', index: 0 }), `body ${i}`);
    assert.equal(history.list().length, 100);
    assert.equal(history.list()[0].id, 'id104');
    assert.equal(store.bodies.size, 100);
    assert.equal(await history.body('id4'), undefined);
    assert.equal(await history.body('id5'), 'body 5');
    const reloaded = new RequestHistory(store);
    assert.deepEqual(reloaded.list().map((entry) => entry.id), history.list().map((entry) => entry.id));
    await reloaded.clear();
    assert.equal(store.bodies.size, 0);
  });

  it('stores what was sent with the Authorization masked', () => {
    const entry = historyEntryOf(result(200), 'x', 1);
    assert.equal(entry.requestHeaders.Authorization, 'Bearer ***');
    assert.equal(entry.status, 200);
  });
});
