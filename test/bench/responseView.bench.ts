// Response view benchmark, inside a real VS Code: opens the view on 10,000 students (first paint,
// table ready) and exports them to CSV, with the extension host's peak memory and, in the same
// run, the peers JSON.stringify of the same records and a plain write of the same CSV bytes.
// Run: npm run bench responseView   (BENCH_RECORDS=10000, BENCH_RUNS=3). Uses the integration
// tests' launcher (the offline VS Code when none can be downloaded).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const harness = (await import(pathToFileURL(join(root, 'test/harness/run.mjs')).href)) as {
    chooseLauncher(): Promise<unknown>;
    runSuite(launcher: unknown, options: object): Promise<{ passed: number; failed: number; error?: string }>;
  };
  const launcher = await harness.chooseLauncher();
  const result = await harness.runSuite(launcher, { label: 'bench', extensionDevelopmentPath: root, extensionTestsPath: join(root, 'out/test/bench/host/index.js'), env: { BENCH_RECORDS: process.env.BENCH_RECORDS ?? '10000', BENCH_RUNS: process.env.BENCH_RUNS ?? '3' } });
  if (result.failed > 0 || result.passed === 0) throw new Error(`the benchmark did not finish${result.error ? `: ${result.error}` : ''}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
