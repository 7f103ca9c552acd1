// `npm run bench [--runs N] [NAME...]`: runs the benchmarks under test/bench/ one after another (each prints its
// own side-by-side figures and ratio), N times each (default 1). The machine's load average is printed before and
// after every run so a figure from a noisy run can be told from a quiet one. Not part of `npm test`: benchmarks
// measure, tests assert.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a positive whole number');
  process.exit(2);
}
const wanted = args;
const load = () => `load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} on ${cpus().length} cores`;
const files = readdirSync('out/test/bench').filter((name) => name.endsWith('.bench.js') && (wanted.length === 0 || wanted.some((want) => name.startsWith(want))));
let failed = 0;
for (const file of files.sort()) {
  for (let run = 1; run <= runs; run++) {
    process.stdout.write(`\n== ${file.replace(/\.js$/, '')}${runs > 1 ? ` (run ${run} of ${runs})` : ''} — ${load()}\n`);
    const result = spawnSync(process.execPath, ['--expose-gc', `out/test/bench/${file}`], { stdio: 'inherit' });
    process.stdout.write(`-- end of ${file.replace(/\.js$/, '')} — ${load()}\n`);
    if (result.status !== 0) failed += 1;
  }
}
process.exit(failed ? 1 : 0);
