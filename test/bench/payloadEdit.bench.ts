// A 4 MB student body open in an editor: findings after an edit. Ours: the document's
// StudentPayloadSession, told the edit, re-checks the records it touched (plus one scan for the
// records' spans and the rules across records over their kept keys). Comparison, in the same
// rounds: a full validateStudentText of the same text (what every edit cost before). Each round
// makes one edit a user would: a value typed over, a record pasted, a record deleted.
// Run: npm run bench payloadEdit   (BENCH_STUDENTS=10000, BENCH_EDITS=60)
import { createPayloadValidator, type TextEdit } from '../../src/core/payload';
import { scanStudentBody } from '../../src/core/payload/bodyScan';
import { createRandom } from '../../src/sandbox/data/random';
import { studentUpdatesBody } from '../support/studentBodies';
import { formatStats, stats } from './stats';

const count = Number(process.env.BENCH_STUDENTS ?? 10_000);
const edits = Number(process.env.BENCH_EDITS ?? 60);

function main(): void {
  let text = studentUpdatesBody(count);
  const validator = createPayloadValidator();
  const session = validator.studentSession();
  const random = createRandom(18);
  let version = 1;
  const opened = performance.now();
  session.findings(text, version);
  console.log(`a ${(text.length / 1e6).toFixed(1)} MB student body (${count} records) open in an editor: first findings ${(performance.now() - opened).toFixed(0)} ms (every record checked)`);
  const ours: number[] = [];
  const full: number[] = [];
  let checked = 0;
  for (let round = 0; round < edits; round++) {
    const shape = scanStudentBody(text);
    if (shape.kind !== 'records') throw new Error('the body lost its records');
    const index = random.int(0, shape.starts.length - 2);
    const start = shape.starts[index]!;
    const end = shape.ends[index]!;
    let edit: TextEdit;
    if (round % 3 === 0) {
      const name = text.indexOf('"last_name": "', start) + '"last_name": "'.length;
      edit = { start: name, end: text.indexOf('"', name), newText: random.pick(['', 'Doe', 'Family']) };
    } else if (round % 3 === 1) {
      edit = { start: end, end, newText: `,\n${text.slice(start, end)}` };
    } else {
      edit = { start: end, end: shape.ends[index + 1]!, newText: '' };
    }
    // A flat string, as VS Code's getText() gives (a concatenation would be flattened on first read, in the timing).
    text = Buffer.from(text.slice(0, edit.start) + edit.newText + text.slice(edit.end)).toString();
    version++;
    (globalThis as { gc?: () => void }).gc?.();
    let started = performance.now();
    session.edit(version, [edit]);
    const incremental = session.findings(text, version);
    ours.push(performance.now() - started);
    checked += session.lastRun.checked;
    (globalThis as { gc?: () => void }).gc?.();
    started = performance.now();
    const fresh = validator.validateStudentText(text);
    full.push(performance.now() - started);
    if (incremental.length !== fresh.length) throw new Error(`round ${round}: ${incremental.length} findings incrementally, ${fresh.length} in full`);
  }
  const mine = stats(ours);
  const theirs = stats(full);
  console.log(`  ${formatStats(`ours: session.edit + findings (${(checked / edits).toFixed(1)} records re-checked per edit)`, mine, 64)}`);
  console.log(`  ${formatStats('full validateStudentText of the same text', theirs, 64)}`);
  console.log(`  ratio (full / ours): median ${(theirs.median / mine.median).toFixed(1)}x, p95 ${(theirs.p95 / mine.p95).toFixed(1)}x; goal: findings < 300 ms after an edit (VS Code adds its 150 ms debounce)`);
}

main();
