// Response view benchmark, inside a real VS Code: opens the view on 10,000 students (first paint,
// table ready) and exports them to CSV, with the extension host's peak memory and, in the same
// run, the peers JSON.stringify of the same records and a plain write of the same CSV bytes.
// Run: npm run bench responseView   (BENCH_RECORDS=10000, BENCH_RUNS=3). Uses the integration
// tests' launcher (the offline VS Code when none can be downloaded).
import { runHostBenchmark } from './hostLaunch';

runHostBenchmark('response view benchmark', { BENCH_RECORDS: process.env.BENCH_RECORDS ?? '10000', BENCH_RUNS: process.env.BENCH_RUNS ?? '3' }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
