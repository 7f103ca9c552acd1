// Editor assistance in a 5,000-request (1 MB) .psreq file, as the editor asks for it while typing:
// the document's diagnostics after a one-character edit, and completion at a cursor.
// Ours: the blocks follow the edit (only the block it touched is parsed again) and the checks keep
// every other block's findings (KeptFindings) where they are, relative to their blocks, as the
// extension runs them; making one flat list at file offsets of them is timed on its own. CPU time
// per keystroke is printed beside wall time (a loaded machine swamps the latter), and how many
// samples a garbage collection fell into. The peer, in the same
// run: a full re-parse and re-check of the whole file per keystroke (and per completion), the bare
// full parse as a baseline, and httpyac's parse of the same text where it is installed. The live
// catalog is an in-memory stand-in for the host's cache (already fetched), so only our work is timed.
// Run: npm run bench -- --runs 3 assist   (BENCH_REQUESTS, BENCH_SAMPLES change the size)
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { PsreqAssist, completePart, locateInRequest, type LiveCatalog } from '../../src/core/assist';
import { KeptFindings, checkPsreq, checkPsreqBlocks, placedFindings, psreqChecks, type PsreqFindings } from '../../src/core/check';
import { PsreqBlocks, parsePsreq, requestAt } from '../../src/core/psreq';
import { loadHttpyac } from './httpyac';
import { formatStats as format, stats } from './stats';

const targetRequests = Number(process.env.BENCH_REQUESTS ?? 5_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
// The peer takes about a hundred times ours: it runs on every fourth sample, in the same loop.
const peerEvery = 4;

/**
 * V8 joins concatenated strings lazily, and the first read of the result copies the whole text; the
 * editor hands over a flat string (getText), so the edited text is flattened before timing.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

const studentColumns = ['DCID', 'ID', 'LAST_NAME', 'FIRST_NAME', 'GRADE_LEVEL', 'ENTRYDATE', 'ENROLL_STATUS', 'SCHOOLID', 'STUDENT_NUMBER', 'GENDER']
  .map((name) => ({ name, type: /DATE/.test(name) ? 'DATE' : /NAME|GENDER/.test(name) ? 'VARCHAR2' : 'NUMBER', length: 50 }));
const live: LiveCatalog = {
  tables: async () => [{ name: 'STUDENTS' }, { name: 'SCHOOLS' }, { name: 'CC' }],
  columns: async (table) => (table.toLowerCase() === 'students' ? studentColumns : undefined),
  powerQueries: async () => [{ name: 'com.pearson.core.guardian.student_guardian_detail', columns: ['students.dcid', 'students.last_name', 'guardian.lastname'], args: [{ name: 'students_dcid', type: 'array' }] }],
  maxPageSize: async () => 100,
};

/** Requests of three kinds (v1 q with continuation lines, table q + projection, PowerQuery body using a named request), 1 in 10 with a mistake. */
function generate(requests: number): string {
  const out: string[] = ['@size = 100', '@host = http://127.0.0.1:8080', ''];
  for (let i = 0; i < requests; i++) {
    const broken = i % 10 === 9;
    switch (i % 3) {
      case 0:
        out.push(`### students ${i}`, `# @name students${i}`, 'GET /ws/v1/district/student', `    ?q=school_enrollment.enroll_status==${broken ? 'X' : 'A'};name.last_name==S*;school_enrollment.entry_date=ge=2024-08-01`, '    &expansions=demographics,school_enrollment', '    &pagesize={{size}}', 'Accept: application/json', '');
        break;
      case 1:
        out.push(`### table ${i}`, `GET /ws/schema/table/students?q=grade_level=ge=${i % 12};${broken ? 'grade_levl' : 'schoolid'}==100&projection=dcid,last_name,first_name&pagesize=100`, 'Accept: application/json', '');
        break;
      default:
        out.push(`### powerquery ${i}`, 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail', 'Content-Type: application/json', 'Accept: application/json', '', `{ "students_dcid": [{{students${i - 2}.response.body.student.id}}], "$q": "students.last_name==A*${broken ? ',' : ';'}students.dcid=gt=${i}" }`, '');
    }
  }
  return out.join('\n');
}

/** `gc` when run with --expose-gc (as `npm run bench` does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function main(): Promise<void> {
  let text = generate(targetRequests);
  let blocks = PsreqBlocks.parse(text);
  const requests = blocks.document.requests.length;
  console.log(`assist benchmark: ${requests} requests, ${text.split('\n').length} lines, ${(text.length / 1024 / 1024).toFixed(2)} MB, ${samples} samples of ours, ${Math.ceil(samples / peerEvery)} of the peer`);

  // What the editor runs on every version: the same checks, with the connection's variables and URL.
  const assist = new PsreqAssist({ live, today: () => '2026-11-27' });
  const checks = psreqChecks({ assist, knownVariables: () => new Set(['schoolId']), connectionUrl: () => 'http://127.0.0.1:8080' });
  const kept = new KeptFindings();
  const peerChecks = psreqChecks({ assist: new PsreqAssist({ live, today: () => '2026-11-27' }), knownVariables: () => new Set(['schoolId']), connectionUrl: () => 'http://127.0.0.1:8080' });
  const oursDiagnose = async () => checkPsreqBlocks({ parsed: blocks }, checks, kept);
  const peerDiagnose = async () => checkPsreq({ parsed: PsreqBlocks.parse(text) }, peerChecks);
  await oursDiagnose();

  // Keystrokes at the end of a title or inside a q value, spread over the file (finding where is not timed).
  const editAt = (i: number): number => {
    const anchor = i % 2 === 0 ? /^### .*$/gm : /name\.last_name==S/g;
    const matches = [...text.matchAll(anchor)];
    const match = matches[(i * 104_729) % matches.length]!;
    return match.index! + match[0].length;
  };
  const collections: { start: number; end: number; minor: boolean }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push({ start: entry.startTime, end: entry.startTime + entry.duration, minor: (entry as { detail?: { kind?: number } }).detail?.kind === 1 });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const parseOnly: number[] = [];
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const oursSpans: [number, number][] = [];
  const flatList: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < samples; i++) {
    const at = editAt(i);
    text = flattened(`${text.slice(0, at)}x${text.slice(at)}`);
    let found: PsreqFindings | undefined;
    let expected: unknown[] = [];
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    ours.push(await time(async () => {
      blocks = blocks.edit(text, { start: at, oldEnd: at, newEnd: at + 1 });
      found = await oursDiagnose();
    }));
    oursSpans.push([startedAt, performance.now()]);
    const cpu = process.cpuUsage(cpuBefore);
    oursCpu.push((cpu.user + cpu.system) / 1000);
    let flat: unknown[] = [];
    flatList.push(await time(() => { flat = placedFindings(found!); }));
    if (i % peerEvery !== 0) continue;
    peer.push(await time(async () => { expected = await peerDiagnose(); }));
    parseOnly.push(await time(() => parsePsreq(text)));
    // The peer leaves a file's worth of garbage: it is collected here, not in our next sample (the editor runs no peer).
    collectGarbage?.();
    if (flat.length !== expected.length) throw new Error(`diagnostics differ after edit ${i}: ${flat.length} vs ${expected.length}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  gcObserver.disconnect();
  const collected = oursSpans.map(([start, end]) => collections.filter((gc) => gc.start < end && gc.end > start));
  const withMinor = collected.filter((gcs) => gcs.some((gc) => gc.minor)).length;
  const withMajor = collected.filter((gcs) => gcs.some((gc) => !gc.minor)).length;
  const findings = placedFindings(await oursDiagnose()).length;

  // Completion at cursors spread over the file: inside q values, paths, projection lists and PowerQuery bodies.
  const anchors = ['name.last_name==S', 'enroll_status==', '/ws/schema/table/', 'projection=dcid,', 'q=grade_level', '"$q": "students.'];
  const positions: number[] = [];
  for (let i = 0; positions.length < samples; i++) {
    const anchor = anchors[i % anchors.length]!;
    let at = text.indexOf(anchor, Math.floor((i * 7919) % (text.length - 1)));
    if (at < 0) at = text.indexOf(anchor);
    positions.push(at + anchor.length);
  }
  const peerComplete = async (offset: number) => {
    const request = requestAt(parsePsreq(text).requests, offset);
    return request ? completePart(locateInRequest(text, request, offset), text, { live, today: '2026-11-27' }) : [];
  };
  for (const offset of positions.slice(0, 20)) {
    const theirs = await peerComplete(offset);
    if ((await assist.complete(text, offset, blocks)).length !== theirs.length) throw new Error(`completion differs at ${offset}`);
  }
  const oursComplete: number[] = [];
  const oursTypedComplete: number[] = [];
  const peerCompleteTimes: number[] = [];
  for (const [i, offset] of positions.entries()) {
    oursComplete.push(await time(() => assist.complete(text, offset, blocks)));
    // A keystroke just before the cursor, then completion on the new version (its blocks follow the edit first).
    const typed = flattened(`${text.slice(0, offset)} ${text.slice(offset)}`);
    oursTypedComplete.push(await time(() => assist.complete(typed, offset + 1, blocks.edit(typed, { start: offset, oldEnd: offset, newEnd: offset + 1 }))));
    if (i % peerEvery === 0) peerCompleteTimes.push(await time(() => peerComplete(offset)));
  }

  const httpyac = loadHttpyac();
  const httpyacTimes: number[] = [];
  if (httpyac) for (let i = 0; i < 3; i++) httpyacTimes.push(await time(() => httpyac.parse(text)));

  const od = stats(ours);
  const pd = stats(peer);
  const po = stats(parseOnly);
  const oc = stats(oursComplete);
  const ot = stats(oursTypedComplete);
  const pc = stats(peerCompleteTimes);
  console.log(format('diagnostics after a keystroke, ours', od, 52));
  console.log(format('  the same, CPU time', stats(oursCpu), 52));
  console.log(format('  one flat list at file offsets of them', stats(flatList), 52));
  console.log(`  samples a collection fell into: ${withMinor} of ${ours.length} a scavenge, ${withMajor} a mark-compact (or its steps); ${collections.length} collections in the run`);
  console.log(format('diagnostics, peer (full re-parse + re-check)', pd, 52));
  console.log(format('full parse only (baseline)', po, 52));
  if (httpyac) console.log(format('httpyac parse of the same text (3 runs)', stats(httpyacTimes), 52));
  else console.log('httpyac is not installed: no httpyac figure');
  console.log(format('completion, ours', oc, 52));
  console.log(format('completion after a keystroke, ours (edit + complete)', ot, 52));
  console.log(format('completion, peer (full re-parse per call)', pc, 52));
  console.log(`ratio diagnostics peer/ours: median ${(pd.median / od.median).toFixed(1)}x, p95 ${(pd.p95 / od.p95).toFixed(1)}x; bare parse/ours: median ${(po.median / od.median).toFixed(1)}x${httpyac ? `; httpyac parse/ours: median ${(stats(httpyacTimes).median / od.median).toFixed(0)}x` : ''}`);
  console.log(`ratio completion peer/ours: median ${(pc.median / oc.median).toFixed(1)}x, p95 ${(pc.p95 / oc.p95).toFixed(1)}x; after a keystroke: p95 ${(pc.p95 / ot.p95).toFixed(1)}x`);
  console.log(`(${findings} findings in the file)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
