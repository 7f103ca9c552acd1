// Client benchmark, against the embedded sandbox over loopback:
//  1. fetchAll of 50,000 students with 100 ms latency per call: concurrency 4 vs 1 (time ratio; the
//     limit is 4x). The sandbox runs in a child process, as a real server runs apart from its client,
//     so the client's CPU and the server's CPU per page are measured (and printed) separately.
//  2. fetchAll of 100,000 students streamed to an NDJSON file vs collected in an array: the most
//     live heap held (the streaming path must stay flat, holding at most `concurrency` pages).
// Run: npm run bench client   (or: node esbuild.mjs --bench && node --expose-gc out/test/bench/client.bench.js)
// BENCH_STUDENTS / BENCH_LATENCY / BENCH_MEMORY_STUDENTS shrink it for a quick look; BENCH_ONLY=concurrency|memory.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arraySink, fetchAll, ndjsonFileSink, PowerSchoolClient } from '../../src/core/client';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

const students = Number(process.env.BENCH_STUDENTS ?? 50_000);
const latency = Number(process.env.BENCH_LATENCY ?? 100);
const memoryStudents = Number(process.env.BENCH_MEMORY_STUDENTS ?? 100_000);
const resource = { path: '/ws/v1/district/student' };
const gc = (globalThis as { gc?: () => void }).gc;
const sandboxRole = 'sandbox';

type Connection = Pick<SandboxHandle, 'url' | 'clientId' | 'clientSecret'>;
const clientFor = (sandbox: Connection) => new PowerSchoolClient({ name: 'bench', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });

/** This file run as the child: a sandbox that reports its address, then its CPU time whenever asked. */
async function serveSandbox(): Promise<void> {
  const sandbox = await startSandbox({ students, latency });
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (message === 'close') void sandbox.close().then(() => process.exit(0));
  });
  process.send!({ url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
}

function reply<T>(child: ChildProcess, ask?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`the sandbox process ended (${code})`)));
    if (ask) child.send(ask);
  });
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function concurrencyRatio(): Promise<void> {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: sandboxRole } });
  try {
    const sandbox = await reply<Connection>(child);
    const client = clientFor(sandbox);
    // Once through at 8 so both measured runs read pages the sandbox has already rendered (and kept).
    await fetchAll(client, resource, arraySink(), { concurrency: 8, pageSize: 100 });
    const rows: { concurrency: number; seconds: number; records: number; clientCpu: number; sandboxCpu: number }[] = [];
    for (const concurrency of [4, 1]) {
      const sink = arraySink();
      const sandboxBefore = (await reply<{ cpu: NodeJS.CpuUsage }>(child, 'cpu')).cpu;
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      await fetchAll(client, resource, sink, { concurrency, pageSize: 100 });
      const seconds = (performance.now() - started) / 1000;
      const clientCpu = cpuMs(process.cpuUsage(clientBefore));
      const sandboxAfter = (await reply<{ cpu: NodeJS.CpuUsage }>(child, 'cpu')).cpu;
      rows.push({ concurrency, seconds, records: sink.records.length, clientCpu, sandboxCpu: cpuMs(sandboxAfter) - cpuMs(sandboxBefore) });
    }
    const pages = Math.ceil(students / 100);
    console.log(`fetchAll of ${students} students, ${latency} ms latency per call, pagesize 100 (${pages} pages + count), sandbox in a child process`);
    for (const row of rows) {
      console.log(`  concurrency ${row.concurrency}: ${row.seconds.toFixed(1)} s (latency alone: ${((Math.ceil(pages / row.concurrency) + 1) * latency / 1000).toFixed(1)} s), ${row.records} records, ${(row.records / row.seconds).toFixed(0)} records/s; CPU per page: client ${(row.clientCpu / pages).toFixed(2)} ms, sandbox ${(row.sandboxCpu / pages).toFixed(2)} ms`);
    }
    console.log(`  ratio concurrency 4 vs 1: ${(rows[1]!.seconds / rows[0]!.seconds).toFixed(2)}x faster (limit 4x)`);
  } finally {
    child.send('close');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/**
 * The most heap the run held: garbage is collected every 10 pages and the live heap read right
 * after, so the figure is what the sink and the pages in flight retain, not uncollected garbage.
 */
async function peakLiveHeap(work: (onProgress: (done: number, total: number | undefined, page: number) => void) => Promise<unknown>): Promise<{ mb: number; seconds: number }> {
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => {
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const started = performance.now();
  await work((_done, _total, page) => page % 10 === 0 && sample());
  const seconds = (performance.now() - started) / 1000;
  sample();
  return { mb: (peak - baseline) / 1e6, seconds };
}

async function streamingMemory(): Promise<void> {
  const sandbox = await startSandbox({ students: memoryStudents });
  const dir = mkdtempSync(join(tmpdir(), 'psdev-bench-'));
  try {
    const client = clientFor(sandbox);
    await client.getJson('/ws/v1/district'); // token and sockets ready before measuring
    const file = join(dir, 'students.ndjson');
    const streamed = ndjsonFileSink(file);
    const ndjson = await peakLiveHeap((onProgress) => fetchAll(client, resource, streamed, { concurrency: 4, onProgress }));
    let collected: ReturnType<typeof arraySink> | undefined = arraySink();
    const array = await peakLiveHeap((onProgress) => fetchAll(client, resource, collected!, { concurrency: 4, onProgress }));
    const arrayRecords = collected.records.length;
    collected = undefined;
    console.log(`fetchAll of ${memoryStudents} students, no latency, concurrency 4: most live heap held during the run${gc ? '' : ' (needs --expose-gc to mean anything)'}`);
    console.log(`  NDJSON file sink: ${ndjson.mb.toFixed(1)} MB, ${streamed.written()} records (${(statSync(file).size / 1e6).toFixed(0)} MB file), ${ndjson.seconds.toFixed(1)} s`);
    console.log(`  array sink (peer): ${array.mb.toFixed(1)} MB, ${arrayRecords} records, ${array.seconds.toFixed(1)} s`);
    console.log(`  ratio array vs NDJSON live heap: ${(array.mb / Math.max(ndjson.mb, 0.1)).toFixed(1)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_ROLE === sandboxRole) return serveSandbox();
  const only = process.env.BENCH_ONLY; // 'concurrency' or 'memory'
  if (only !== 'memory') await concurrencyRatio();
  if (only !== 'concurrency') await streamingMemory();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
