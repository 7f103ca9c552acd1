// Validating a 10,000-student POST body (~5 MB) from scratch, as on opening it: our validator
// (one scan for the records' spans, each record parsed and checked on its own with ajv compiled
// once and the PowerSchool rules, ranges found only for findings) vs vscode-json-languageservice
// (what VS Code's own JSON support runs) on the same schema, text in → diagnostics out, taking
// turns in each of BENCH_RUNS rounds.
// Run: npm run bench payload   (or: node esbuild.mjs --bench && node out/test/bench/payload.bench.js)
// The peer runs only when `vscode-json-languageservice` resolves (a devDependency).
import studentSchema from '../../schemas/student-post.schema.json';
import { createPayloadValidator } from '../../src/core/payload';

const count = Number(process.env.BENCH_STUDENTS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);

/** A mixed batch: mostly INSERTs and UPDATEs that pass, 1 in 50 with a mistake the editor must show. */
function generate(students: number): string {
  const records: unknown[] = [];
  for (let index = 0; index < students; index++) {
    const broken = index % 50 === 49;
    if (index % 4 === 3) {
      records.push({
        client_uid: `u${index}`, action: 'UPDATE', id: 10_000 + index,
        name: { first_name: `Given${index}`, last_name: broken ? '' : `Family${index % 977}` },
        contact: { emergency_contact_name1: 'Pat Doe', emergency_phone1: '217-555-0101' },
        phones: { main: { number: '217-555-0100' } },
      });
      continue;
    }
    records.push({
      client_uid: `i${index}`, action: 'INSERT', local_id: 500_000 + index,
      name: { first_name: `Given${index}`, middle_name: 'Q', last_name: `Family${index % 977}` },
      school_enrollment: {
        enroll_status: broken ? 'G' : 'A', grade_level: index % 13, entry_date: '2025-08-20',
        exit_date: broken ? '2026-02-30' : '2026-06-05', school_number: 100 + (index % 7),
      },
      addresses: { physical: { street: `${index} Elm St`, city: 'Springfield', state_province: 'IL', postal_code: '62701' } },
      demographics: { gender: broken ? 'X' : index % 2 ? 'F' : 'M', birth_date: '2015-04-12' },
    });
  }
  return JSON.stringify({ students: { student: records } }, null, 1);
}

interface Peer {
  validate(text: string): Promise<number>;
}

/** vscode-json-languageservice, loaded only if installed; the same schema under the same file pattern. */
function loadPeer(): Peer | undefined {
  const moduleName = 'vscode-json-languageservice';
  let service: any;
  try {
    service = require(moduleName);
  } catch {
    return undefined;
  }
  const languageService = service.getLanguageService({});
  languageService.configure({ validate: true, allowComments: false, schemas: [{ uri: studentSchema.$id, fileMatch: ['*.students.json'], schema: studentSchema }] });
  let version = 0;
  return {
    async validate(text) {
      const document = service.TextDocument.create('file:///bench/batch.students.json', 'json', ++version, text);
      const parsed = languageService.parseJSONDocument(document);
      const diagnostics: unknown[] = await languageService.doValidation(document, parsed, { schemaValidation: 'error' });
      return diagnostics.length;
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time, and the process's CPU time (all threads: GC helpers too), which a loaded machine inflates far less. */
async function timed(work: () => Promise<number> | number): Promise<{ ms: number; cpu: number; findings: number }> {
  // Twice: a forced GC leaves its sweeping to helper threads, which would then run inside the next
  // measure (ours with findings follows the peer, whose garbage is some hundred MB); the second GC
  // finishes the first's sweeping before it starts, and leaves little of its own.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const findings = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, cpu: (cpu.user + cpu.system) / 1000, findings };
}

const line = (label: string, times: number[], cpu: number[], findings: number) =>
  `  ${label.padEnd(34)} first ${times[0]!.toFixed(0).padStart(5)} ms, median of ${times.length} ${median(times).toFixed(0).padStart(5)} ms (CPU ${median(cpu).toFixed(0).padStart(5)} ms), ${findings} findings`;

async function main(): Promise<void> {
  const text = generate(count);
  console.log(`validate a ${count}-student POST body, ${(text.length / 1e6).toFixed(1)} MB, 1 in 50 records with a mistake`);
  const setupStarted = performance.now();
  const validator = createPayloadValidator();
  console.log(`  createPayloadValidator (compile once): ${(performance.now() - setupStarted).toFixed(0)} ms`);
  const clean = text.replace(/"G"/g, '"A"').replace(/"X"/g, '"F"').replace(/2026-02-30/g, '2026-06-05').replace(/"last_name": ""/g, '"last_name": "X"');
  const peer = loadPeer();
  // Ours and the peer take turns within each round, so a burst of load elsewhere hits both.
  const ours: number[] = [];
  const oursClean: number[] = [];
  const theirs: number[] = [];
  const cpu = { ours: [] as number[], clean: [] as number[], theirs: [] as number[] };
  let found = { ours: 0, clean: 0, theirs: 0 };
  for (let round = 0; round < runs; round++) {
    const mine = await timed(() => validator.validateStudentText(text).length);
    ours.push(mine.ms);
    cpu.ours.push(mine.cpu);
    const none = await timed(() => validator.validateStudentText(clean).length);
    oursClean.push(none.ms);
    cpu.clean.push(none.cpu);
    const other = peer ? await timed(() => peer.validate(text)) : undefined;
    if (other) {
      theirs.push(other.ms);
      cpu.theirs.push(other.cpu);
    }
    found = { ours: mine.findings, clean: none.findings, theirs: other?.findings ?? 0 };
  }
  console.log(line('ours (validateStudentText)', ours, cpu.ours, found.ours));
  console.log(line('ours, no findings', oursClean, cpu.clean, found.clean));
  if (!peer) {
    console.log('  vscode-json-languageservice is not installed (add it as a devDependency): no side-by-side ratio');
    return;
  }
  console.log(line('vscode-json-languageservice', theirs, cpu.theirs, found.theirs));
  console.log(`  ratio (vscode-json-languageservice median / ours median): ${(median(theirs) / median(ours)).toFixed(1)}x wall, ${(median(cpu.theirs) / median(cpu.ours)).toFixed(1)}x CPU; goal < 150 ms and >= 8x`);
  console.log('  (the peer checks the schema only; ours adds the PowerSchool rules the schema cannot say)');
}

void main();
