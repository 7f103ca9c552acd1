// Validating a 10,000-student POST body (~5 MB) as the editor does on every change: our validator
// (JSON.parse + ajv compiled once + PowerSchool rules + ranges) vs vscode-json-languageservice
// (what VS Code's own JSON support runs) on the same schema, text in → diagnostics out.
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

async function time(label: string, repeat: number, work: () => Promise<number> | number): Promise<{ first: number; median: number; findings: number }> {
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < repeat; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    findings = await work();
    times.push(performance.now() - started);
  }
  const result = { first: times[0]!, median: median(times), findings };
  console.log(`  ${label.padEnd(34)} first ${result.first.toFixed(0).padStart(5)} ms, median of ${repeat} ${result.median.toFixed(0).padStart(5)} ms, ${findings} findings`);
  return result;
}

async function main(): Promise<void> {
  const text = generate(count);
  console.log(`validate a ${count}-student POST body, ${(text.length / 1e6).toFixed(1)} MB, 1 in 50 records with a mistake`);
  const setupStarted = performance.now();
  const validator = createPayloadValidator();
  console.log(`  createPayloadValidator (compile once): ${(performance.now() - setupStarted).toFixed(0)} ms`);
  const ours = await time('ours (validateStudentText)', runs, () => validator.validateStudentText(text).length);
  const clean = text.replace(/"G"/g, '"A"').replace(/"X"/g, '"F"').replace(/2026-02-30/g, '2026-06-05').replace(/"last_name": ""/g, '"last_name": "X"');
  await time('ours, no findings', runs, () => validator.validateStudentText(clean).length);
  const peer = loadPeer();
  if (!peer) {
    console.log('  vscode-json-languageservice is not installed (add it as a devDependency): no side-by-side ratio');
    return;
  }
  const theirs = await time('vscode-json-languageservice', Math.min(runs, 3), () => peer.validate(text));
  console.log(`  ratio (vscode-json-languageservice median / ours median): ${(theirs.median / ours.median).toFixed(1)}x`);
  console.log('  (the peer checks the schema only; ours adds the PowerSchool rules the schema cannot say)');
}

void main();
