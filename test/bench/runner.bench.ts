// Response view benchmark: the preview of a large body (what the view shows for ≥ 10 MB).
// Our one-pass prettyPrefix over the compact text, stopping at the 512 KB preview, side by side
// with the obvious peer: JSON.stringify(body, null, 2) of the already parsed body, then slice.
// Run: npm run bench runner   (or: node esbuild.mjs --bench && node out/test/bench/runner.bench.js)
// BENCH_RECORDS sets the body size (default 80,000 student-like records, ~20 MB).
import { prettyPrefix, previewBytes } from '../../src/core/runner';

const records = Number(process.env.BENCH_RECORDS ?? 80_000);
const body = {
  students: {
    '@expansions': 'demographics, school_enrollment',
    student: Array.from({ length: records }, (_, i) => ({
      id: 5000 + i, local_id: 200000 + i, student_username: `student${i}`,
      name: { first_name: `First${i}`, middle_name: 'Kai', last_name: `Last "${i}"` },
      demographics: { gender: i % 2 ? 'F' : 'M', birth_date: '2014-12-19', projected_graduation_year: 2033 },
      school_enrollment: { enroll_status: 'A', grade_level: i % 13, entry_date: '2026-08-17', school_number: 100 + (i % 5) * 100 },
    })),
  },
};
const raw = JSON.stringify(body);

function time(label: string, work: () => string, runs = 5): { label: string; ms: number; length: number } {
  let length = 0;
  work();
  const started = performance.now();
  for (let i = 0; i < runs; i++) length = work().length;
  return { label, ms: (performance.now() - started) / runs, length };
}

const ours = time('prettyPrefix(raw, 512 KB)', () => prettyPrefix(raw, previewBytes));
const peer = time('JSON.stringify(body, null, 2).slice(0, 512 KB)', () => JSON.stringify(body, null, 2).slice(0, previewBytes));
if (prettyPrefix(raw, previewBytes) !== JSON.stringify(body, null, 2).slice(0, previewBytes)) throw new Error('the two previews differ');
console.log(`preview of a ${(raw.length / 1024 / 1024).toFixed(1)} MB body (${records} records), mean of 5 runs`);
for (const row of [ours, peer]) console.log(`  ${row.label.padEnd(48)} ${row.ms.toFixed(1).padStart(8)} ms  (${row.length} chars)`);
console.log(`  ratio: prettyPrefix is ${(peer.ms / ours.ms).toFixed(1)}x faster, and its cost does not grow with the body`);
