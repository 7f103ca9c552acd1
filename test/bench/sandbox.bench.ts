// The sandbox at district scale: start time and memory with 100,000 students, then requests/s
// for a page of 100 students with every expansion — side by side with the same page from a
// 2,000-student sandbox and with a static JSON server sending the same bytes (the HTTP floor).
// Run: npm run bench sandbox   (or: node esbuild.mjs --bench && node out/test/bench/sandbox.bench.js)
// BENCH_STUDENTS / BENCH_SECONDS / BENCH_CONCURRENCY override the defaults.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Requests/s for `url` with `concurrency` parallel loops over `seconds`. */
async function throughput(url: (index: number) => string, headers: Record<string, string>): Promise<{ perSecond: number; bytes: number }> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (let index = worker; performance.now() < deadline; index += concurrency) {
      const response = await fetch(url(index), { headers });
      if (response.status !== 200) throw new Error(`${response.status} from ${url(index)}`);
      bytes = (await response.arrayBuffer()).byteLength;
      done++;
    }
  }));
  return { perSecond: done / ((performance.now() - started) / 1000), bytes };
}

async function main(): Promise<void> {
  const before = process.memoryUsage();
  let started = performance.now();
  const big = await startSandbox({ students });
  const startMs = performance.now() - started;
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
      const bigFirst = await throughput(() => `${big.url}${pagePath(1)}`, { Authorization: `Bearer ${bigToken}` });
      const bigSpread = await throughput((index) => `${big.url}${pagePath(1 + ((index * 7919) % pages))}`, { Authorization: `Bearer ${bigToken}` });
      const smallFirst = await throughput(() => `${small.url}${pagePath(1)}`, { Authorization: `Bearer ${smallToken}` });
      const staticRate = await throughput(() => staticUrl, {});
      console.log(`sandbox with ${students.toLocaleString('en')} students (5 schools)`);
      console.log(`  start: ${(startMs / 1000).toFixed(2)} s   (2,000 students: ${(smallStartMs / 1000).toFixed(2)} s)`);
      console.log(`  memory after start: rss ${mb(after.rss)} (+${mb(after.rss - before.rss)}), heap ${mb(after.heapUsed)}, wasm/array buffers ${mb(after.arrayBuffers)}`);
      console.log(`  page of ${records} students, all 12 expansions + 2 extensions: ${(firstPage.length / 1024).toFixed(0)} KiB, ${concurrency} concurrent clients, ${seconds} s each`);
      console.log(`    100k sandbox, page 1:           ${bigFirst.perSecond.toFixed(0)} req/s (${(bigFirst.perSecond * records).toFixed(0)} students/s)`);
      console.log(`    100k sandbox, pages spread out: ${bigSpread.perSecond.toFixed(0)} req/s`);
      console.log(`    2k sandbox, page 1 (peer):      ${smallFirst.perSecond.toFixed(0)} req/s`);
      console.log(`    static JSON server, same bytes: ${staticRate.perSecond.toFixed(0)} req/s (HTTP floor)`);
      console.log(`  ratio 2k/100k page 1: ${(smallFirst.perSecond / bigFirst.perSecond).toFixed(2)}x   static/100k page 1: ${(staticRate.perSecond / bigFirst.perSecond).toFixed(2)}x`);
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
