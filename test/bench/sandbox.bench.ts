// The sandbox at district scale: start time and memory with 100,000 students, then requests/s
// for a page of 100 students with every expansion — side by side with the same page from a
// 2,000-student sandbox and with a static JSON server sending the same bytes (the HTTP floor).
// The 100k sandbox's page 1 and the static server take turns, one second each, so both see the
// same machine load; the CPU the process spent per sandbox page is printed with it.
// Run: npm run bench sandbox   (or: node esbuild.mjs --bench && node out/test/bench/sandbox.bench.js)
// BENCH_STUDENTS / BENCH_SECONDS / BENCH_CONCURRENCY override the defaults.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { threadTimeSince, threadTime } from '../../src/extension/util/threadTime';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

const students = Number(process.env.BENCH_STUDENTS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const expansions = 'demographics,addresses,alerts,phones,school_enrollment,ethnicity_race,contact,contact_info,initial_enrollment,schedule_setup,fees,lunch';
const pagePath = (page: number) => `/ws/v1/district/student?page=${page}&pagesize=100&expansions=${expansions}&extensions=u_studentsuserfields,studentcorefields`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function tokenFor(sandbox: SandboxHandle): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/access_token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Rate {
  done: number;
  ms: number;
  cpuMs: number;
  bytes: number;
}

/** Adds to `rate` the requests `concurrency` parallel loops complete on `url` within `seconds`. */
async function run(rate: Rate, url: (index: number) => string, headers: Record<string, string>, runSeconds: number): Promise<Rate> {
  const deadline = performance.now() + runSeconds * 1000;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (let index = worker + rate.done; performance.now() < deadline; index += concurrency) {
      const response = await fetch(url(index), { headers });
      if (response.status !== 200) throw new Error(`${response.status} from ${url(index)}`);
      rate.bytes = (await response.arrayBuffer()).byteLength;
      rate.done++;
    }
  }));
  const used = process.cpuUsage(cpu);
  rate.ms += performance.now() - started;
  rate.cpuMs += (used.user + used.system) / 1000;
  return rate;
}

const newRate = (): Rate => ({ done: 0, ms: 0, cpuMs: 0, bytes: 0 });
const perSecond = (rate: Rate) => rate.done / (rate.ms / 1000);

async function main(): Promise<void> {
  const before = process.memoryUsage();
  let started = performance.now();
  const startCpu = process.cpuUsage();
  const startThread = threadTime();
  const big = await startSandbox({ students });
  const startMs = performance.now() - started;
  const startCpuUsed = process.cpuUsage(startCpu);
  const startMain = threadTimeSince(startThread);
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  started = performance.now();
  const small = await startSandbox({ students: 2000 });
  const smallStartMs = performance.now() - started;
  try {
    const bigToken = await tokenFor(big);
    const smallToken = await tokenFor(small);
    const firstPage = await (await fetch(`${big.url}${pagePath(1)}`, { headers: { Authorization: `Bearer ${bigToken}` } })).text();
    const records = (JSON.parse(firstPage) as { students: { student: unknown[] } }).students.student.length;
    const staticServer = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' }).end(firstPage));
    await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
    const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
    const pages = Math.floor(students / 100);
    try {
      const bigFirst = newRate();
      const staticRate = newRate();
      for (let turn = 0; turn < seconds; turn++) {
        await run(bigFirst, () => `${big.url}${pagePath(1)}`, { Authorization: `Bearer ${bigToken}` }, 1);
        await run(staticRate, () => staticUrl, {}, 1);
      }
      const bigSpread = await run(newRate(), (index) => `${big.url}${pagePath(1 + ((index * 7919) % pages))}`, { Authorization: `Bearer ${bigToken}` }, seconds);
      const smallFirst = await run(newRate(), () => `${small.url}${pagePath(1)}`, { Authorization: `Bearer ${smallToken}` }, seconds);
      console.log(`sandbox with ${students.toLocaleString('en')} students (5 schools)`);
      // CPU beside wall time: on a busy 2-core machine the wall time measures the neighbours too.
      console.log(`  start: ${(startMs / 1000).toFixed(2)} s, ${((startCpuUsed.user + startCpuUsed.system) / 1e6).toFixed(2)} s CPU (${(startCpuUsed.system / 1e6).toFixed(2)} s system)   (2,000 students: ${(smallStartMs / 1000).toFixed(2)} s)`);
      // The process's CPU counts the GC's and the page-faulting helper's threads; the main thread's own is what a start waits on.
      if (startMain) console.log(`  start, main thread: ${(startMain.cpuMs / 1000).toFixed(2)} s CPU, ${(startMain.waitMs / 1000).toFixed(2)} s waiting for a CPU`);
      console.log(`  memory after start: rss ${mb(after.rss)} (+${mb(after.rss - before.rss)}), heap ${mb(after.heapUsed)}, wasm/array buffers ${mb(after.arrayBuffers)}`);
      console.log(`  page of ${records} students, all 12 expansions + 2 extensions: ${(firstPage.length / 1024).toFixed(0)} KiB, ${concurrency} concurrent clients, ${seconds} s each`);
      const cpuPerRequest = (rate: Rate) => `${(rate.cpuMs / rate.done).toFixed(2)} ms CPU/request (client and server, one process)`;
      console.log(`    100k sandbox, page 1:           ${perSecond(bigFirst).toFixed(0)} req/s (${(perSecond(bigFirst) * records).toFixed(0)} students/s), ${cpuPerRequest(bigFirst)}`);
      console.log(`    static JSON server, same bytes: ${perSecond(staticRate).toFixed(0)} req/s (HTTP floor; turns with page 1), ${cpuPerRequest(staticRate)}`);
      console.log(`    100k sandbox, pages spread out: ${perSecond(bigSpread).toFixed(0)} req/s, ${cpuPerRequest(bigSpread)}`);
      console.log(`    2k sandbox, page 1 (peer):      ${perSecond(smallFirst).toFixed(0)} req/s`);
      console.log(`  ratio static/100k page 1: ${(perSecond(staticRate) / perSecond(bigFirst)).toFixed(2)}x   2k/100k page 1: ${(perSecond(smallFirst) / perSecond(bigFirst)).toFixed(2)}x`);
    } finally {
      staticServer.close();
    }
  } finally {
    await Promise.all([big.close(), small.close()]);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
