// Parsing a 5,000-request .http-compatible file: our .psreq parser vs httpyac's, same text, one run.
// Run: npm run bench psreq
import { parsePsreq } from '../../src/core/psreq';

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

async function time(label: string, runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  await work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`  ${label.padEnd(10)} median ${median.toFixed(1)} ms over ${runs} runs`);
  return median;
}

async function main(): Promise<void> {
  const text = generate(5000);
  console.log(`parse a ${5000}-request file (${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines)`);
  const ours = await time('psreq', 10, () => {
    const document = parsePsreq(text);
    if (document.requests.length !== 5000) throw new Error(`parsed ${document.requests.length} requests`);
  });
  let httpyac: { cli: { initFileProvider(): void; initIOProvider?(): void }; store: { HttpFileStore: new () => { parse(name: string, text: string, options: object): Promise<{ httpRegions: unknown[] }> } } } | undefined;
  try {
    httpyac = require('httpyac');
  } catch {
    console.log('  httpyac is not installed (npm install): no side-by-side figure');
    return;
  }
  // httpyac's own CLI wires Node's file system in before parsing; do the same.
  httpyac!.cli.initFileProvider();
  const store = new httpyac!.store.HttpFileStore();
  const theirs = await time('httpyac', 5, async () => {
    const file = await store.parse('/tmp/bench.http', text, { workingDir: '/tmp' });
    if (file.httpRegions.length < 5000) throw new Error(`httpyac parsed ${file.httpRegions.length} regions`);
  });
  console.log(`  ratio: httpyac takes ${(theirs / ours).toFixed(1)}x our time`);
}

void main();
