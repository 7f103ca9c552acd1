// Issue 16 benchmark: discover the tests (requests with ?? assertions) of 200 .psreq files, and run
// a 500-request suite against the sandbox with its assertions evaluated.
// Side by side: discovery against httpyac's parser over the same files (its regions with `??`
// hooks); the suite against the bare client sending the same 500 requests (the runner's and the
// assertions' overhead on top of HTTP).
// Run: npm run bench tests
import { PowerSchoolClient } from '../../src/core/client';
import { parsePsreq } from '../../src/core/psreq';
import { PsreqRunner, isTestRequest, testPassed } from '../../src/core/runner';
import { startSandbox } from '../../src/sandbox';

const files = 200;
const suiteRequests = 500;

function fileText(index: number): string {
  const parts = [`# suite ${index}`, '@pagesize = 5', ''];
  for (let i = 0; i < 12; i++) {
    parts.push(`### request ${i}`, `# @name r${i}`, `GET /ws/v1/district/student?pagesize={{pagesize}}&page=${i + 1}`, 'Accept: application/json');
    if (i % 3 !== 2) parts.push('?? status == 200', '?? body students.student isArray', '?? duration < 5000');
    parts.push('');
  }
  return parts.join('\n');
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

async function timed(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

type Httpyac = { cli: { initFileProvider(): void }; store: { HttpFileStore: new () => { parse(name: string, text: string, options: object): Promise<{ httpRegions: { hooks: Record<string, { items?: { id: string }[] }> }[] }> } } };

async function main(): Promise<void> {
  const texts = Array.from({ length: files }, (_, i) => fileText(i));
  let found = 0;
  const ours = await timed(7, () => {
    found = 0;
    for (const text of texts) found += parsePsreq(text).requests.filter(isTestRequest).length;
  });
  console.log(`discover tests in ${files} .psreq files (${found} tests, ${texts.reduce((sum, text) => sum + text.length, 0) >> 10} KB)`);
  console.log(`  psreq      median ${ours.toFixed(1)} ms over 7 runs`);
  let httpyac: Httpyac | undefined;
  try {
    httpyac = require('httpyac') as Httpyac;
    httpyac.cli.initFileProvider();
  } catch {
    httpyac = undefined;
  }
  if (httpyac) {
    let theirs = 0;
    const peer = await timed(3, async () => {
      theirs = 0;
      for (const [i, text] of texts.entries()) {
        const file = await new httpyac!.store.HttpFileStore().parse(`/tmp/bench-${i}.http`, text, { workingDir: '/tmp' });
        theirs += file.httpRegions.filter((region) => region.hooks.onResponse?.items?.some((item) => item.id.startsWith('test'))).length;
      }
    });
    console.log(`  httpyac    median ${peer.toFixed(1)} ms over 3 runs (${theirs} tests)`);
    console.log(`  ratio: httpyac takes ${(peer / ours).toFixed(1)}x our time`);
  }

  const sandbox = await startSandbox({ students: 200, schools: 2 });
  try {
    const client = new PowerSchoolClient({ name: 'sandbox', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    await client.accessToken();
    const suite = [];
    for (let i = 0; i < suiteRequests; i++) suite.push(`### test ${i}\nGET /ws/v1/district/student?pagesize=5&page=${(i % 40) + 1}\n?? status == 200\n?? header content-type includes json\n?? body students.student isArray\n`);
    const document = parsePsreq(suite.join('\n'));
    let passed = 0;
    const runner = await timed(3, async () => {
      const results = await new PsreqRunner(document, { client }).runAll();
      passed = results.filter((result) => testPassed({ label: '', request: document.requests[0]!, result })).length;
    });
    const bare = await timed(3, async () => {
      for (let i = 0; i < suiteRequests; i++) await client.request({ path: `/ws/v1/district/student?pagesize=5&page=${(i % 40) + 1}` });
    });
    console.log(`run a ${suiteRequests}-request suite (3 assertions each) against the sandbox, one after another`);
    console.log(`  PsreqRunner + assertions  median ${bare > 0 ? runner.toFixed(0) : '?'} ms over 3 runs (${passed}/${suiteRequests} passed, ${(suiteRequests / (runner / 1000)).toFixed(0)} requests/s)`);
    console.log(`  bare client.request       median ${bare.toFixed(0)} ms over 3 runs`);
    console.log(`  ratio: the runner takes ${(runner / bare).toFixed(2)}x the bare client's time`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
