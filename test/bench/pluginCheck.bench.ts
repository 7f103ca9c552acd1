// Checking a 50-query plugin as `psdev plugin check` does (cold: read every file, check
// everything) and as the editor does after one keystroke in one query (createPluginReader
// re-parses only the edited file, memoizedSqlAnalysis re-analyses only the edited SQL; the
// cross-file checks run again). The peer, measured in the same run, is a bare saxes parse of
// the same files with no positions, model or checks: the floor any XML-based checker pays.
// Run: npm run bench pluginCheck   (or: node esbuild.mjs --bench && node out/test/bench/pluginCheck.bench.js)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { checkPlugin, createPluginReader, memoizedSqlAnalysis, readPlugin, type PluginFileText } from '../../src/core/plugin';
import { builtInPluginCatalog } from '../../src/sandbox';
import { formatStats, stats, type SampleStats } from './stats';

const queryCount = Number(process.env.BENCH_QUERIES ?? 50);
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const perFile = 5;

const studentColumns = ['dcid', 'id', 'student_number', 'last_name', 'first_name', 'grade_level', 'schoolid', 'entrydate'];

function query(i: number): string {
  const columns = studentColumns.slice(0, 3 + (i % 6));
  const flattened = i % 3 !== 0;
  const name = (column: string) => (flattened ? column : `students.${column}`);
  return `	<query name="com.example.bench.area${Math.floor(i / perFile)}.query_${i}" coreTable="students" flattened="${flattened}">
		<description>Generated query ${i}</description>
		<args>
			<arg name="schoolid" type="primitive" required="true" description="school"/>
			<arg name="grades" type="array" required="false" description="grades"/>
		</args>
		<columns>
${columns.map((column) => `			<column column="STUDENTS.${column.toUpperCase()}">${name(column)}</column>`).join('\n')}
		</columns>
		<sql><![CDATA[
			/* query ${i}: ${columns.length} columns */
			SELECT ${columns.map((column) => `s.${column}`).join(', ')}
			FROM students s
			JOIN cc ON cc.studentid = s.id -- enrolled
			LEFT JOIN sections sec ON sec.id = ABS(cc.sectionid)
			WHERE s.schoolid = :schoolid AND s.grade_level IN (:grades) AND s.enroll_status = 0
			ORDER BY s.last_name, s.first_name
		]]></sql>
	</query>`;
}

function generate(): PluginFileText[] {
  const files: PluginFileText[] = [{
    path: 'plugin.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="http://plugin.powerschool.pearson.com" name="Bench" version="1.0" description="generated">
  <oauth/>
  <access_request>
${studentColumns.map((column) => `    <field table="STUDENTS" field="${column.toUpperCase()}" access="ViewOnly"/>`).join('\n')}
  </access_request>
  <publisher name="Bench"><contact email="bench@example.org"/></publisher>
</plugin>`,
  }];
  for (let file = 0; file * perFile < queryCount; file++) {
    const queries = Array.from({ length: Math.min(perFile, queryCount - file * perFile) }, (_, i) => query(file * perFile + i));
    files.push({ path: `queries_root/area${file}.named_queries.xml`, text: `<queries>\n${queries.join('\n')}\n</queries>\n` });
  }
  const mappings = Array.from({ length: queryCount }, (_, i) => `    <implies allow="post">/ws/schema/query/com.example.bench.area${Math.floor(i / perFile)}.query_${i}</implies>`);
  files.push({ path: 'permissions_root/bench.permission_mappings.xml', text: `<permission_mappings>\n  <permission name="/admin/bench.html">\n${mappings.join('\n')}\n  </permission>\n</permission_mappings>\n` });
  return files;
}

function bareSaxes(files: readonly PluginFileText[]): number {
  let elements = 0;
  for (const file of files) {
    const parser = new SaxesParser();
    parser.on('opentag', () => elements++);
    parser.write(file.text).close();
  }
  return elements;
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const format = (label: string, figures: SampleStats) => formatStats(label, figures, 52);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

function main(): void {
  const loadAtStart = load();
  const files = generate();
  const catalog = builtInPluginCatalog();
  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  const edited = files.findIndex((file) => file.path.startsWith('queries_root/'));
  const withEdit = (n: number) => files.map((file, i) => (i === edited ? { path: file.path, text: file.text.replace('s.enroll_status = 0', `s.enroll_status = ${n % 3}`) } : file));

  const clean = checkPlugin(readPlugin(files), { catalog });
  if (clean.some((finding) => finding.severity !== 'info')) throw new Error(`the generated plugin is not clean: ${clean[0]!.message}`);
  console.log(`plugin check benchmark: ${queryCount} queries in ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${samples} samples each; load average at start ${loadAtStart}`);

  for (let i = 0; i < 20; i++) {
    checkPlugin(readPlugin(files), { catalog });
    bareSaxes(files);
  }
  const cold: number[] = [];
  const peer: number[] = [];
  const edit: number[] = [];
  const read = createPluginReader();
  const analyzeSql = memoizedSqlAnalysis();
  checkPlugin(read(files), { catalog, analyzeSql });
  for (let i = 0; i < samples; i++) {
    cold.push(time(() => checkPlugin(readPlugin(files), { catalog })));
    peer.push(time(() => bareSaxes(files)));
    const next = withEdit(i);
    edit.push(time(() => checkPlugin(read(next), { catalog, analyzeSql })));
  }
  const c = stats(cold);
  const p = stats(peer);
  const e = stats(edit);
  console.log(format('cold: read + check every file (psdev plugin check)', c));
  console.log(format('after one edit: re-read + re-check (editor)', e));
  console.log(format('peer: bare saxes parse of the same files', p));
  console.log(`ratio cold/peer: median ${(c.median / p.median).toFixed(2)}x; after-edit/peer: median ${(e.median / p.median).toFixed(2)}x; cold/after-edit: median ${(c.median / e.median).toFixed(1)}x`);
  console.log(`load average at end ${load()}`);
}

main();
