// `npm run bench [NAME...]`: runs the benchmarks under test/bench/ one after another (each prints its
// own side-by-side figures and ratio). Not part of `npm test`: benchmarks measure, tests assert.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('out/test/bench').filter((name) => name.endsWith('.bench.js') && (wanted.length === 0 || wanted.some((want) => name.startsWith(want))));
let failed = 0;
for (const file of files.sort()) {
  process.stdout.write(`\n== ${file.replace(/\.js$/, '')}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', `out/test/bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
