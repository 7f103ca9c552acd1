import * as assert from 'node:assert/strict';
import { RecordTable, recordSetOf } from '../../../src/core/records';
import { bodyView, previewBytes, sendAllSummary, showMessage, type RunResult } from '../../../src/core/runner';

const result = (body: unknown, rawText: string): RunResult => ({
  request: { index: 2, title: 'Students', method: 'GET', url: 'http://127.0.0.1:1/ws/v1/district/student', headers: { Authorization: 'Bearer ***' }, withToken: true },
  response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body, rawText, timeMs: 12.4, sizeBytes: rawText.length },
  paging: { pages: 3, records: 250 },
});

describe('response view model', () => {
  it('sends parsed JSON of a normal size as a value for the foldable tree', () => {
    assert.deepEqual(bodyView({ a: [1] }, '{"a":[1]}', 100), { kind: 'json', value: { a: [1] } });
    assert.deepEqual(bodyView('plain', 'plain', 100), { kind: 'text', text: 'plain' });
    assert.deepEqual(bodyView(undefined, '', 100), { kind: 'empty' });
  });

  it('cuts a large body to a preview of its pretty text, saying how large it is', () => {
    const records = Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `student ${i}` }));
    const rawText = JSON.stringify({ record: records });
    const view = bodyView({ record: records }, rawText, 1024 * 1024);
    assert.equal(view.kind, 'truncated');
    if (view.kind !== 'truncated') return;
    assert.equal(view.text.length, previewBytes);
    assert.ok(view.text.startsWith('{\n  "record": [\n    {\n      "id": 0,'));
    assert.match(view.totalSize, /^1\.\d MB$/);
  });

  it('carries status, time, size, paging and the masked headers', () => {
    const message = showMessage(result({ ok: true }, '{"ok":true}'), { largeBodyBytes: 1000, canRerun: true, fromHistory: false });
    assert.equal(message.status, 200);
    assert.equal(message.time, '12 ms');
    assert.equal(message.size, '11 B');
    assert.equal(message.paging, '250 records in 3 pages');
    assert.equal(message.title, 'Students');
    assert.equal(message.requestHeaders.Authorization, 'Bearer ***');
    assert.equal(message.canRerun, true);
  });

  it('carries the ?? assertion results for the view\'s assertion section, and none when there are none', () => {
    const withAssertions: RunResult = { ...result({ ok: true }, '{"ok":true}'), assertions: [{ text: '?? status == 200', span: { start: 0, end: 16 }, passed: true, message: '' }, { text: '?? body ok isFalse', span: { start: 17, end: 35 }, passed: false, message: 'body ok is true, expected isFalse' }] };
    assert.deepEqual(showMessage(withAssertions, { largeBodyBytes: 1000, canRerun: true, fromHistory: false }).assertions, [
      { text: '?? status == 200', passed: true, message: '' },
      { text: '?? body ok isFalse', passed: false, message: 'body ok is true, expected isFalse' },
    ]);
    assert.equal(showMessage(result({}, '{}'), { largeBodyBytes: 1000, canRerun: true, fromHistory: false }).assertions, undefined);
  });

  it('sums up Send all: each request\'s status, time and assertions, failures listed', () => {
    const ok = result({}, '{}');
    const failing: RunResult = { ...result({}, '{}'), request: { ...ok.request, title: 'Second' }, paging: undefined, assertions: [{ text: '?? status == 201', span: { start: 0, end: 1 }, passed: false, message: 'status is 200, expected == 201' }] };
    const summary = sendAllSummary([ok, failing]);
    assert.equal(summary.failed, 1);
    assert.equal(summary.text, [
      '2 request(s) sent: 1 passed, 1 failed',
      '',
      '✓ Students — 200 OK · 12 ms · 2 B · 250 records in 3 pages',
      '✗ Second — 200 OK · 12 ms · 2 B · 0/1 assertions passed',
      '    ✗ ?? status == 201 (status is 200, expected == 201)',
    ].join('\n'));
  });

  it('describes the records table and says when an @all run was cancelled', () => {
    const body = { students: { student: [{ id: 1, name: { first_name: 'A', last_name: 'B' } }] } };
    const cancelled: RunResult = { ...result(body, JSON.stringify(body)), paging: { pages: 2, records: 200, cancelled: true } };
    const message = showMessage(cancelled, { largeBodyBytes: 1000, canRerun: true, fromHistory: false, table: new RecordTable(recordSetOf(body)!) });
    assert.deepEqual(message.table, { columns: ['id', 'name.first_name', 'name.last_name'], total: 1, idColumn: 0, nameColumns: [2, 1] });
    assert.equal(message.paging, '200 records in 2 pages (cancelled)');
    assert.equal(message.cancelled, 'Cancelled after 2 pages: showing the 200 records received.');
  });
});
