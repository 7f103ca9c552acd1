// Parsing a 5,000-request .http-compatible file: our .psreq parser vs httpyac's, same text, one run.
// Run: npm run bench psreq
import { parsePsreq } from '../../src/core/psreq';
import { loadHttpyac } from './httpyac';

function generate(requests: number): string {
  const parts: string[] = ['@host = http://127.0.0.1:8080', '@pagesize = 100', ''];
  for (let i = 0; i < requests; i++) {
    if (i % 3 === 0) {
      parts.push(`### Students page ${i}`, `# @name list${i}`, `GET {{host}}/ws/v1/district/student?q=name.last_name==S*;school_enrollment.enroll_status==A`, `    &pagesize={{pagesize}}&page=${i}`, 'Accept: application/json', '');
    } else if (i % 3 === 1) {
      parts.push(`### PowerQuery ${i}`, `POST {{host}}/ws/schema/query/com.pearson.core.student.student_dcid_id_map HTTP/1.1`, 'Content-Type: application/json', 'Accept: application/json', '', `{ "students_dcid": [${i}, ${i + 1}, ${i + 2}] }`, '');
    } else {
      parts.push(`### Insert ${i}`, `POST {{host}}/ws/v1/student`, 'Content-Type: application/json', '', '{', '  "students": {', '    "student": [', `      { "client_uid": "${i}", "action": "INSERT", "name": { "first_name": "A", "last_name": "B" } }`, '    ]', '  }', '}', '');
    }
  }
  return parts.join('\n');
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

async function sample(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const text = generate(5000);
  console.log(`parse a 5000-request file (${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines)`);
  const ours = () => {
    const document = parsePsreq(text);
    if (document.requests.length !== 5000) throw new Error(`parsed ${document.requests.length} requests`);
  };
  const httpyac = loadHttpyac();
  let theirs: (() => Promise<void>) | undefined;
  if (httpyac) {
    theirs = async () => {
      const file = await httpyac.parse(text);
      if (file.httpRegions.length < 5000) throw new Error(`httpyac parsed ${file.httpRegions.length} regions`);
    };
  } else {
    console.log('  httpyac is not installed (add it as a devDependency): no side-by-side figure');
  }
  // Warm up, then alternate the two so load from other processes falls on both alike.
  ours();
  if (theirs) await theirs();
  const runs = 7;
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    oursMs.push(await sample(ours));
    if (theirs) theirsMs.push(await sample(theirs));
  }
  console.log(`  psreq      median ${median(oursMs).toFixed(1)} ms over ${runs} runs`);
  if (!theirs) return;
  console.log(`  httpyac    median ${median(theirsMs).toFixed(1)} ms over ${runs} runs`);
  console.log(`  ratio: httpyac takes ${(median(theirsMs) / median(oursMs)).toFixed(1)}x our time`);
}

void main();
