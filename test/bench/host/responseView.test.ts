import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PowerSchoolClient } from '../../../src/core/client';
import { parsePsreq } from '../../../src/core/psreq';
import { PsreqRunner, type RunResult } from '../../../src/core/runner';
import { startSandbox } from '../../../src/sandbox';
import type { ExtensionApi } from '../../../src/extension/extension';

// Inside the extension host: the response view opened on BENCH_RECORDS (default 10,000) students
// fetched with @all from a sandbox of that size — time to first paint and to the table's first
// rows — then every record exported to CSV; peak memory of the host while it happens. Peers in
// the same run: JSON.stringify of the same records (the least that posting the whole body to
// the view would cost) and a plain write of the same CSV bytes.

const records = Number(process.env.BENCH_RECORDS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The host's peak resident and heap memory while `work` runs, sampled every 5 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 5);
  try {
    const value = await work();
    sample();
    return { value, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe('response view benchmark', function () {
  this.timeout(20 * 60_000);

  it(`opens the view on ${records} records and exports them to CSV`, async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>('powerschool-devtools.powerschool-devtools')!.activate();
    const sandbox = await startSandbox({ students: records, schools: 5 });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-bench-'));
    try {
      const client = new PowerSchoolClient({ name: 'bench', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
      const runner = new PsreqRunner(parsePsreq('# @all\nGET /ws/v1/district/student?expansions=demographics,school_enrollment&pagesize=100\n'), { client });
      const result: RunResult = await runner.run(0);
      const body = result.response.body as { students: { student: unknown[] } };
      assert.equal(body.students.student.length, records);
      console.log(`${records} students, ${mb(result.response.rawText.length)} of JSON; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}; ${os.cpus().length} cores`);
      global.gc?.();
      console.log(`host before: rss ${mb(process.memoryUsage().rss)}, heap ${mb(process.memoryUsage().heapUsed)}`);
      for (let run = 1; run <= runs; run++) {
        // Another response first, so each run opens the table afresh.
        api.runner.panel.show({ result: { ...result, response: { ...result.response, body: { district: {} }, rawText: '{"district":{}}' } }, fromHistory: false });
        await until(() => api.runner.panel.state?.rendered?.mode === 'tree' || undefined);
        const started = performance.now();
        let painted = 0;
        let hostMs = 0;
        const open = await withPeakMemory(async () => {
          hostMs = time(() => api.runner.panel.show({ result, fromHistory: false }));
          await until(() => api.runner.panel.state?.painted || undefined);
          painted = performance.now() - started;
          return until(() => (api.runner.panel.state?.rendered?.table?.ids.length === 100 ? performance.now() - started : undefined));
        });
        const stringify = time(() => JSON.stringify(body.students.student));
        const target = vscode.Uri.file(path.join(folder, `students${run}.csv`));
        const exported = await withPeakMemory(async () => {
          const exportStarted = performance.now();
          await vscode.commands.executeCommand('powerschool.exportResponseRecords', 'csv', target);
          return performance.now() - exportStarted;
        });
        const bytes = fs.readFileSync(target.fsPath);
        const plainWrite = time(() => fs.writeFileSync(path.join(folder, 'plain.csv'), bytes));
        console.log(`run ${run}: first paint ${painted.toFixed(0)} ms, table ready ${open.value.toFixed(0)} ms, of which the host's show() ${hostMs.toFixed(0)} ms (peak rss ${mb(open.rss)}, heap ${mb(open.heap)})` +
          ` | peer JSON.stringify(records) ${stringify.toFixed(0)} ms`);
        console.log(`       export CSV ${exported.value.toFixed(0)} ms for ${mb(bytes.length)} (peak rss ${mb(exported.rss)}, heap ${mb(exported.heap)})` +
          ` | peer plain write of the same bytes ${plainWrite.toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(2)}`);
      }
    } finally {
      await sandbox.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
