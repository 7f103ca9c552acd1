// fetchAll of 50,000 students from the sandbox with 100 ms latency per call: concurrency 4 vs 1.
// Run: npm run bench client   (or: node esbuild.mjs --bench && node out/test/bench/client.bench.js)
import { arraySink, fetchAll, PowerSchoolClient } from '../../src/core/client';
import { startSandbox } from '../../src/sandbox';

const students = Number(process.env.BENCH_STUDENTS ?? 50_000);
const latency = Number(process.env.BENCH_LATENCY ?? 100);

async function main(): Promise<void> {
  const sandbox = await startSandbox({ students, latency });
  try {
    const client = new PowerSchoolClient({ name: 'bench', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const resource = { path: '/ws/v1/district/student' };
    const rows: { concurrency: number; seconds: number; records: number; heapMb: number }[] = [];
    for (const concurrency of [4, 1]) {
      const sink = arraySink();
      const started = performance.now();
      await fetchAll(client, resource, sink, { concurrency, pageSize: 100 });
      rows.push({ concurrency, seconds: (performance.now() - started) / 1000, records: sink.records.length, heapMb: process.memoryUsage().heapUsed / 1e6 });
    }
    console.log(`fetchAll ${students} students, ${latency} ms latency per call, pagesize 100`);
    for (const row of rows) console.log(`  concurrency ${row.concurrency}: ${row.seconds.toFixed(1)} s, ${row.records} records, ${(row.records / row.seconds).toFixed(0)} records/s`);
    console.log(`  ratio (concurrency 1 time / concurrency 4 time): ${(rows[1].seconds / rows[0].seconds).toFixed(2)}x`);
  } finally {
    await sandbox.close();
  }
}

void main();
