// The sandbox at district scale: start time and memory with 100,000 students (generated, as on a
// first run, and then read back from the district cache, as every later run), then requests/s
// for a page of 100 students with every expansion — side by side with the same page from a
// 2,000-student sandbox and with a static JSON server sending the same bytes (the HTTP floor).
// The 100k sandbox's page 1 and the static server take turns, one second each, so both see the
// same machine load. The servers run in this process and the load generator in a child process
// (httpLoad.ts), as psdev, curl or an integrator would: the CPU each side spent per request is
// printed apart.
// Run: npm run bench sandbox   (or: node esbuild.mjs --bench && node out/test/bench/sandbox.bench.js)
// BENCH_STUDENTS / BENCH_SECONDS / BENCH_CONCURRENCY override the defaults.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadTimeSince, threadTime } from '../../src/extension/util/threadTime';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { forkLoadClient, loadClientRole, serveLoad, type LoadClient, type LoadOrder } from './httpLoad';

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

/** A measured window: the client's figures (its own process) and the CPU this process, the servers', spent. */
interface Rate {
  done: number;
  ms: number;
  clientCpuMs: number;
  serverCpuMs: number;
  bytes: number;
}

const newRate = (): Rate => ({ done: 0, ms: 0, clientCpuMs: 0, serverCpuMs: 0, bytes: 0 });

/** Adds to `rate` what the load client completes on `urls` (request i on urls[i % length]) in `runSeconds`. */
async function run(client: LoadClient, rate: Rate, order: Omit<LoadOrder, 'seconds' | 'concurrency'>, runSeconds: number): Promise<Rate> {
  const serverCpu = process.cpuUsage();
  const result = await client.run({ ...order, seconds: runSeconds, concurrency });
  const used = process.cpuUsage(serverCpu);
  rate.done += result.done;
  rate.ms += result.ms;
  rate.clientCpuMs += result.cpuMs;
  rate.serverCpuMs += (used.user + used.system) / 1000;
  rate.bytes = result.bytes;
  return rate;
}

const perSecond = (rate: Rate) => rate.done / (rate.ms / 1000);

async function main(): Promise<void> {
  const before = process.memoryUsage();
  let started = performance.now();
  const startCpu = process.cpuUsage();
  const startThread = threadTime();
  // A cache folder of the run's own: the first start generates (and saves), the last one reads it back.
  const cacheDir = mkdtempSync(join(tmpdir(), 'psdev-bench-districts-'));
  const districtCache = { dir: cacheDir };
  const big = await startSandbox({ students, districtCache });
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
    const firstPageBytes = Buffer.from(firstPage);
    // Framed as the sandbox frames it (Content-Length, not chunked), so only the page's making differs.
    const staticServer = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': firstPageBytes.byteLength }).end(firstPageBytes));
    await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
    const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
    const pages = Math.floor(students / 100);
    const bodyBytes = firstPageBytes.byteLength;
    const bigAuth = { Authorization: `Bearer ${bigToken}` };
    const client = await forkLoadClient(__filename);
    try {
      const bigFirst = newRate();
      const staticRate = newRate();
      for (let turn = 0; turn < seconds; turn++) {
        await run(client, bigFirst, { urls: [`${big.url}${pagePath(1)}`], headers: bigAuth, bodyBytes }, 1);
        await run(client, staticRate, { urls: [staticUrl], headers: {}, bodyBytes }, 1);
      }
      // Every page once, in an order that jumps across the district (7919 is prime).
      const spreadUrls = (path: (page: number) => string) => Array.from({ length: pages }, (_, index) => `${big.url}${path(1 + ((index * 7919) % pages))}`);
      const bigSpread = await run(client, newRate(), { urls: spreadUrls(pagePath), headers: bigAuth }, seconds);
      // Without expansions a page is mostly finding it: OFFSET steps over every student before it.
      const bigBareSpread = await run(client, newRate(), { urls: spreadUrls((page) => `/ws/v1/district/student?page=${page}&pagesize=100`), headers: bigAuth }, seconds);
      const smallFirst = await run(client, newRate(), { urls: [`${small.url}${pagePath(1)}`], headers: { Authorization: `Bearer ${smallToken}` } }, seconds);
      console.log(`sandbox with ${students.toLocaleString('en')} students (5 schools)`);
      // CPU beside wall time: on a busy 2-core machine the wall time measures the neighbours too.
      console.log(`  start: ${(startMs / 1000).toFixed(2)} s, ${((startCpuUsed.user + startCpuUsed.system) / 1e6).toFixed(2)} s CPU (${(startCpuUsed.system / 1e6).toFixed(2)} s system)   (2,000 students: ${(smallStartMs / 1000).toFixed(2)} s)`);
      // The process's CPU counts the GC's and the page-faulting helper's threads; the main thread's own is what a start waits on.
      if (startMain) console.log(`  start, main thread: ${(startMain.cpuMs / 1000).toFixed(2)} s CPU, ${(startMain.waitMs / 1000).toFixed(2)} s waiting for a CPU`);
      console.log(`  memory after start: rss ${mb(after.rss)} (+${mb(after.rss - before.rss)}), heap ${mb(after.heapUsed)}, wasm/array buffers ${mb(after.arrayBuffers)}`);
      console.log(`  page of ${records} students, all 12 expansions + 2 extensions: ${(firstPage.length / 1024).toFixed(0)} KiB, ${concurrency} concurrent clients, ${seconds} s each`);
      // The servers (both sandboxes and the static one) run in this process, the load client in another.
      const cpuPerRequest = (rate: Rate) => `CPU/request: server ${(rate.serverCpuMs / rate.done).toFixed(2)} ms, client ${(rate.clientCpuMs / rate.done).toFixed(2)} ms`;
      console.log(`    100k sandbox, page 1:           ${perSecond(bigFirst).toFixed(0)} req/s (${(perSecond(bigFirst) * records).toFixed(0)} students/s), ${cpuPerRequest(bigFirst)}`);
      console.log(`    static JSON server, same bytes: ${perSecond(staticRate).toFixed(0)} req/s (HTTP floor; turns with page 1), ${cpuPerRequest(staticRate)}`);
      console.log(`    100k sandbox, pages spread out: ${perSecond(bigSpread).toFixed(0)} req/s, ${cpuPerRequest(bigSpread)}`);
      console.log(`      the same, no expansions:      ${perSecond(bigBareSpread).toFixed(0)} req/s, ${cpuPerRequest(bigBareSpread)}`);
      console.log(`    2k sandbox, page 1 (peer):      ${perSecond(smallFirst).toFixed(0)} req/s, ${cpuPerRequest(smallFirst)}`);
      console.log(`  ratio static/100k page 1: ${(perSecond(staticRate) / perSecond(bigFirst)).toFixed(2)}x   2k/100k page 1: ${(perSecond(smallFirst) / perSecond(bigFirst)).toFixed(2)}x`);
    } finally {
      await client.close();
      staticServer.close();
    }
  } finally {
    // close() settles once the district is in the cache.
    await Promise.all([big.close(), small.close()]);
  }
  try {
    const cachedStarted = performance.now();
    const cachedCpu = process.cpuUsage();
    const cached = await startSandbox({ students, districtCache });
    const cachedMs = performance.now() - cachedStarted;
    const cachedCpuUsed = process.cpuUsage(cachedCpu);
    await cached.close();
    const ratio = startMs / cachedMs;
    console.log(`  start from the district cache (every start after the first): ${(cachedMs / 1000).toFixed(2)} s, ${((cachedCpuUsed.user + cachedCpuUsed.system) / 1e6).toFixed(2)} s CPU, origin ${cached.origin}   (generated/cached: ${ratio.toFixed(1)}x)`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_ROLE === loadClientRole) serveLoad();
else void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
