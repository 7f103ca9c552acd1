import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { basic } from './harness';

// The built CLI (npm test builds dist/ before the unit tests run).
const cli = resolve(__dirname, '../../../../dist/cli.js');
const soak = process.env.PSDEV_SOAK === '1';
const rounds = soak ? 30 : 3;
const acknowledgedPerRound = 24;
const workers = 4;

interface RunningCli {
  readonly child: ChildProcess;
  readonly url: string;
}

function startCli(dataFile: string): Promise<RunningCli> {
  const child = spawn(process.execPath, [cli, 'sandbox', '--data', dataFile, '--port', '0', '--students', '20', '--schools', '2', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolvePromise({ child, url: match[1]! });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`psdev sandbox exited (${code}) before listening:\n${output}`)));
  });
}

async function tokenFor(url: string): Promise<string> {
  const response = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: basic('psdev-sandbox-client', 'psdev-sandbox-secret') }, body: 'grant_type=client_credentials' });
  return ((await response.json()) as { access_token: string }).access_token;
}

const newStudent = (uid: string) => ({
  students: { student: { client_uid: uid, action: 'INSERT', name: { first_name: 'Kill', last_name: `Nine${uid}` }, school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'a' } } },
});

/** Posts students from several loops until `acknowledgedPerRound` are answered SUCCESS, then kill -9s the sandbox mid-stream. */
async function writeThenKill(running: RunningCli, round: number): Promise<number[]> {
  const token = await tokenFor(running.url);
  const acknowledged: number[] = [];
  let killed = false;
  const exited = new Promise((wake) => running.child.once('close', wake));
  await Promise.all(Array.from({ length: workers }, async (_, worker) => {
    for (let index = 0; !killed; index++) {
      try {
        const response = await fetch(`${running.url}/ws/v1/student`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(newStudent(`${round}-${worker}-${index}`)) });
        const body = (await response.json()) as { results: { result: { status: string; success_message: { id: number } } } };
        if (response.status === 200 && body.results.result.status === 'SUCCESS' && !killed) acknowledged.push(body.results.result.success_message.id);
      } catch {
        // The connection died with the process: that write was never acknowledged.
      }
      if (acknowledged.length >= acknowledgedPerRound && !killed) {
        killed = true;
        running.child.kill('SIGKILL');
      }
    }
  }));
  await exited;
  return acknowledged;
}

async function missing(url: string, ids: readonly number[]): Promise<number[]> {
  const token = await tokenFor(url);
  const lost: number[] = [];
  for (const id of ids) {
    const response = await fetch(`${url}/ws/v1/student/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) lost.push(id);
  }
  return lost;
}

describe(`psdev sandbox --data under kill -9 (${rounds} rounds${soak ? ', PSDEV_SOAK' : ''})`, function () {
  this.timeout(soak ? 600_000 : 60_000);
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build with node esbuild.mjs first`);
    dir = mkdtempSync(join(tmpdir(), 'psdev-kill9-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const dataFile = join(dir, 'district.sqlite');
    const acknowledged: number[] = [];
    for (let round = 0; round < rounds; round++) {
      acknowledged.push(...(await writeThenKill(await startCli(dataFile), round)));
    }
    const last = await startCli(dataFile);
    try {
      const lost = await missing(last.url, acknowledged);
      if (soak) process.stdout.write(`\n    writes lost after ${rounds} kill -9 rounds: ${lost.length} of ${acknowledged.length} acknowledged\n`);
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes lost`);
    } finally {
      // Wait for the close (exit and pipes) so no child handle outlives the test (the lifecycle test counts handles).
      const exited = new Promise((wake) => last.child.once('close', wake));
      last.child.kill('SIGKILL');
      await exited;
    }
  });
});
