// Editor assistance in a 5,000-line .psreq file, as the editor asks for it while typing:
// completion at a cursor, and the document's diagnostics after a one-character edit.
// Ours (PsreqAssist: completion parses only the ### block around the cursor; diagnostics re-check
// only requests whose text changed) vs a naive peer that re-parses and re-checks the whole file
// per call, plus the bare full parse as a baseline. The live catalog is an in-memory stand-in
// for the host's cache (already fetched), so only our work is timed.
// Run: npm run bench assist   (or: node esbuild.mjs --bench && node out/test/bench/assist.bench.js)
import { performance } from 'node:perf_hooks';
import { PsreqAssist, completePart, diagnoseRequest, locateInRequest, type LiveCatalog } from '../../src/core/assist';
import { parsePsreq, requestAt } from '../../src/core/psreq';
import { formatStats as format, stats } from './stats';

const targetLines = Number(process.env.BENCH_LINES ?? 5_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 200);

const studentColumns = ['DCID', 'ID', 'LAST_NAME', 'FIRST_NAME', 'GRADE_LEVEL', 'ENTRYDATE', 'ENROLL_STATUS', 'SCHOOLID', 'STUDENT_NUMBER', 'GENDER']
  .map((name) => ({ name, type: /DATE/.test(name) ? 'DATE' : /NAME|GENDER/.test(name) ? 'VARCHAR2' : 'NUMBER', length: 50 }));
const live: LiveCatalog = {
  tables: async () => [{ name: 'STUDENTS' }, { name: 'SCHOOLS' }, { name: 'CC' }],
  columns: async (table) => (table.toLowerCase() === 'students' ? studentColumns : undefined),
  powerQueries: async () => [{ name: 'com.pearson.core.guardian.student_guardian_detail', columns: ['students.dcid', 'students.last_name', 'guardian.lastname'], args: [{ name: 'students_dcid', type: 'array' }] }],
  maxPageSize: async () => 100,
};

/** Requests of three kinds (v1 q with continuation lines, table q + projection, PowerQuery body), 1 in 10 with a mistake. */
function generate(lines: number): string {
  const out: string[] = ['@size = 100', ''];
  for (let i = 0; out.length < lines; i++) {
    const broken = i % 10 === 9;
    switch (i % 3) {
      case 0:
        out.push(`### students ${i}`, 'GET /ws/v1/district/student', `    ?q=school_enrollment.enroll_status==${broken ? 'X' : 'A'};name.last_name==S*;school_enrollment.entry_date=ge=2024-08-01`, '    &expansions=demographics,school_enrollment', '    &pagesize={{size}}', '');
        break;
      case 1:
        out.push(`### table ${i}`, `GET /ws/schema/table/students?q=grade_level=ge=${i % 12};${broken ? 'grade_levl' : 'schoolid'}==100&projection=dcid,last_name,first_name&pagesize=100`, '');
        break;
      default:
        out.push(`### powerquery ${i}`, 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail', 'Content-Type: application/json', '', `{ "students_dcid": [${i}], "$q": "students.last_name==A*${broken ? ',' : ';'}students.dcid=gt=${i}" }`, '');
    }
  }
  return out.join('\n');
}

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The naive way: parse the whole file, find the request, complete. */
async function naiveComplete(text: string, offset: number) {
  const request = requestAt(parsePsreq(text).requests, offset);
  return request ? completePart(locateInRequest(text, request, offset), text, { live, today: '2026-11-27' }) : [];
}

/** The naive way: parse the whole file and check every request from scratch. */
async function naiveDiagnose(text: string) {
  const document = parsePsreq(text);
  const out = [];
  for (const request of document.requests) out.push(...(await diagnoseRequest(text, request, live)));
  return out;
}

async function main(): Promise<void> {
  let text = generate(targetLines);
  const lineCount = text.split('\n').length;
  const requests = parsePsreq(text).requests.length;
  console.log(`assist benchmark: ${lineCount} lines, ${requests} requests, ${(text.length / 1024).toFixed(0)} KiB, ${samples} samples each`);

  // Cursor positions spread over the file: inside q values, paths and projection lists.
  const anchors = ['name.last_name==S', 'enroll_status==', '/ws/schema/table/', 'projection=dcid,', 'q=grade_level', '"$q": "students.'];
  const positions: number[] = [];
  for (let i = 0; positions.length < samples; i++) {
    const anchor = anchors[i % anchors.length];
    let at = -1;
    const skip = Math.floor((i * 7919) % (text.length - 1));
    at = text.indexOf(anchor, skip);
    if (at < 0) at = text.indexOf(anchor);
    positions.push(at + anchor.length);
  }

  const assist = new PsreqAssist({ live, today: () => '2026-11-27' });
  // Warm up both paths (JIT), and check they agree.
  for (const offset of positions.slice(0, 20)) {
    const ours = await assist.complete(text, offset);
    const theirs = await naiveComplete(text, offset);
    if (ours.length !== theirs.length) throw new Error(`completion differs at ${offset}: ${ours.length} vs ${theirs.length}`);
  }

  const oursComplete: number[] = [];
  const naiveCompleteTimes: number[] = [];
  for (const offset of positions) {
    oursComplete.push(await time(() => assist.complete(text, offset)));
    naiveCompleteTimes.push(await time(() => naiveComplete(text, offset)));
  }

  const parseOnly: number[] = [];
  const oursDiagnose: number[] = [];
  const naiveDiagnoseTimes: number[] = [];
  await assist.diagnose(text);
  for (let i = 0; i < samples; i++) {
    // One keystroke at the end of some request's title line (not timed: finding where).
    const titles = [...text.matchAll(/^### .*$/gm)].map((match) => match.index! + match[0].length);
    const edit = titles[(i * 104_729) % titles.length];
    text = `${text.slice(0, edit)}x${text.slice(edit)}`;
    parseOnly.push(await time(() => parsePsreq(text)));
    let ours: unknown[] = [];
    let naive: unknown[] = [];
    oursDiagnose.push(await time(async () => { ours = await assist.diagnose(text); }));
    naiveDiagnoseTimes.push(await time(async () => { naive = await naiveDiagnose(text); }));
    if (ours.length !== naive.length) throw new Error(`diagnostics differ after edit ${i}: ${ours.length} vs ${naive.length}`);
  }
  const diagnosticsFound = (await assist.diagnose(text)).length;

  const oc = stats(oursComplete);
  const nc = stats(naiveCompleteTimes);
  const po = stats(parseOnly);
  const od = stats(oursDiagnose);
  const nd = stats(naiveDiagnoseTimes);
  console.log(format('completion, ours (block around the cursor)', oc));
  console.log(format('completion, naive (full re-parse per call)', nc));
  console.log(format('full parse only (baseline)', po));
  console.log(format(`diagnostics, ours (cached per request)`, od));
  console.log(format('diagnostics, naive (re-parse + re-check all)', nd));
  console.log(`ratio completion naive/ours: median ${(nc.median / oc.median).toFixed(1)}x, p95 ${(nc.p95 / oc.p95).toFixed(1)}x`);
  console.log(`ratio diagnostics naive/ours: median ${(nd.median / od.median).toFixed(1)}x, p95 ${(nd.p95 / od.p95).toFixed(1)}x; ours vs bare parse: ${(od.median / po.median).toFixed(2)}x`);
  console.log(`(${diagnosticsFound} diagnostics in the file)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
