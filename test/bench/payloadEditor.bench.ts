// Payload editor benchmark, inside a real VS Code: a 4 MB student body open in an editor, edits
// one after another; for each, how long after VS Code applied it our diagnostics show it, and in
// the same round a full validateStudentText in the same extension host.
// Run: npm run bench payloadEditor   (BENCH_STUDENTS=10000, BENCH_EDITS=12). Uses the integration
// tests' launcher (the offline VS Code when none can be downloaded).
import { runHostBenchmark } from './hostLaunch';

runHostBenchmark('payload editor benchmark', { BENCH_STUDENTS: process.env.BENCH_STUDENTS ?? '10000', BENCH_EDITS: process.env.BENCH_EDITS ?? '12' }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
