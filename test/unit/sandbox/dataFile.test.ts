import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox } from './harness';

const fatherName = (tables: any) => tables.body.tables.u_studentsuserfields.father_name;
const putFather = (name: string) => ({ tables: { u_studentsuserfields: { father_name: name } } });

describe('sandbox --data file', () => {
  let dir: string;
  let dataFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-datafile-'));
    dataFile = join(dir, 'district.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('journals a write before answering it, so the data is on disk with no save and no stop', async () => {
    const running = await startTestSandbox({ dataFile });
    try {
      assert.equal((await running.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', putFather('Journalled'))).status, 200);
      // Read straight after the answer: the 200 ms snapshot has not run, the journal holds the write.
      assert.match(readFileSync(`${dataFile}.journal`, 'utf8'), /Journalled/);
    } finally {
      await running.sandbox.close();
    }
  });

  it('replays the journal on start and ignores a torn last line', async () => {
    const first = await startTestSandbox({ dataFile });
    await first.sandbox.close();
    writeFileSync(`${dataFile}.journal`, `${JSON.stringify({ seq: 1, writes: [{ sql: 'UPDATE u_studentsuserfields SET father_name = ? WHERE studentsdcid = ?', params: ['Replayed', 5001] }] })}\n{"seq":2,"wri`);
    const second = await startTestSandbox({ dataFile });
    try {
      assert.equal(fatherName(await second.get('/ws/schema/table/u_studentsuserfields/5001')), 'Replayed');
      assert.equal(statSync(`${dataFile}.journal`).size, 0, 'folded into the snapshot at start');
    } finally {
      await second.sandbox.close();
    }
  });

  it('refuses a write it cannot make durable: 500 with a message, a warning, nothing changed', async () => {
    const first = await startTestSandbox({ dataFile });
    await first.sandbox.close();
    // Directories where the journal and the snapshot's temp file go: no write can land, even as root.
    rmSync(`${dataFile}.journal`, { force: true });
    mkdirSync(`${dataFile}.journal`);
    mkdirSync(`${dataFile}.${process.pid}.tmp`);
    const warnings: string[] = [];
    const running = await startTestSandbox({ dataFile, warn: (line) => warnings.push(line) });
    try {
      const refused = await running.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', putFather('Lost'));
      assert.equal(refused.status, 500);
      assert.match(refused.body.message, /could not be saved/);
      assert.ok(warnings.some((line) => /could not be saved|cannot open/.test(line)), warnings.join('\n'));
      assert.notEqual(fatherName(await running.get('/ws/schema/table/u_studentsuserfields/5001')), 'Lost', 'rolled back in memory too');
      const student = await running.send('POST', '/ws/v1/student', { students: { student: { client_uid: '1', action: 'INSERT', name: { first_name: 'No', last_name: 'Pe' }, school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'a' } } } });
      assert.equal(student.status, 500);
    } finally {
      await running.sandbox.close();
    }
  });

  it('treats an empty (0-byte) data file as new: generates the district and says so', async () => {
    writeFileSync(dataFile, '');
    const warnings: string[] = [];
    const running = await startTestSandbox({ dataFile, warn: (line) => warnings.push(line) });
    try {
      assert.equal((await running.get('/ws/v1/district/student/count')).body.resource.count, 200);
      assert.ok(warnings.some((line) => line.includes(dataFile) && /empty/.test(line)), warnings.join('\n'));
      assert.ok(statSync(dataFile).size > 0, 'the new district is saved into it');
    } finally {
      await running.sandbox.close();
    }
  });

  it('lets only one sandbox use a data file; a lock left by a dead process is taken over', async () => {
    const first = await startTestSandbox({ dataFile });
    try {
      await assert.rejects(startTestSandbox({ dataFile }), new RegExp(`in use by another sandbox \\(pid ${process.pid}`));
    } finally {
      await first.sandbox.close();
    }
    assert.ok(!existsSync(`${dataFile}.lock`), 'released on close');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${dataFile}.lock`, String(dead));
    const second = await startTestSandbox({ dataFile });
    try {
      assert.equal(readFileSync(`${dataFile}.lock`, 'utf8'), String(process.pid));
    } finally {
      await second.sandbox.close();
    }
  });
});
