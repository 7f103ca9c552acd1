import * as assert from 'node:assert/strict';
import { readPlugin } from '../../../src/core/plugin';
import { startSandbox } from '../../../src/sandbox';
import { startTestSandbox, type TestSandbox } from './harness';

// The benchmark: each query of a 50-query plugin on a 2,000-student sandbox. Behind
// PSDEV_SOAK=1 (it prints the figures); the constructs are the corpus's most frequent ones.
const templates: readonly { columns: readonly string[]; sql: string }[] = [
  { columns: ['STUDENTS.DCID', 'STUDENTS.LASTFIRST', 'STUDENTS.GRADE_LEVEL'], sql: 'SELECT s.dcid, s.lastfirst, s.grade_level FROM students s WHERE s.schoolid = :schoolid AND s.enroll_status = 0 ORDER BY s.lastfirst' },
  { columns: ['STUDENTS.STUDENT_NUMBER', 'SCHOOLS.NAME', 'STUDENTS.ENTRYDATE'], sql: "SELECT s.student_number, sch.name, TO_CHAR(s.entrydate, 'MM/DD/YYYY') FROM students s JOIN schools sch ON sch.school_number = s.schoolid WHERE s.grade_level BETWEEN 9 AND 12 AND s.schoolid = :schoolid" },
  { columns: ['STUDENTS.DCID', 'CC.COURSE_NUMBER', 'CC.DATEENROLLED'], sql: 'SELECT s.dcid, cc.course_number, cc.dateenrolled FROM students s, cc WHERE cc.studentid = s.id AND cc.schoolid = :schoolid AND cc.dateenrolled <= SYSDATE ORDER BY s.dcid, cc.course_number' },
  { columns: ['STUDENTS.DCID', 'STUDENTS.LASTFIRST', 'CC.SECTIONID'], sql: 'WITH ranked AS (SELECT cc.studentid, cc.sectionid, ROW_NUMBER() OVER (PARTITION BY cc.studentid ORDER BY cc.dateenrolled DESC) rn FROM cc WHERE cc.schoolid = :schoolid) SELECT s.dcid, s.lastfirst, r.sectionid FROM ranked r JOIN students s ON s.id = r.studentid WHERE r.rn = 1' },
  { columns: ['STUDENTS.DCID', 'COURSES.COURSE_NAME'], sql: "SELECT s.dcid, LISTAGG(c.course_name, '; ') WITHIN GROUP (ORDER BY c.course_name) FROM students s JOIN cc ON cc.studentid = s.id JOIN courses c ON c.course_number = cc.course_number WHERE s.schoolid = :schoolid GROUP BY s.dcid" },
  { columns: ['STUDENTS.DCID', 'STUDENTS.GENDER', 'STUDENTS.HOME_ROOM'], sql: "SELECT s.dcid, DECODE(s.gender, 'M', 'Male', 'F', 'Female', 'Other'), NVL(s.home_room, 'none') FROM students s WHERE s.schoolid = :schoolid" },
  { columns: ['STUDENTS.DCID', 'STUDENTS.DOB', 'STUDENTS.LASTFIRST'], sql: "SELECT s.dcid, EXTRACT(YEAR FROM s.dob), UPPER(s.last_name) || ', ' || s.first_name FROM students s WHERE s.schoolid = :schoolid AND MONTHS_BETWEEN(SYSDATE, s.dob) > 120" },
  { columns: ['SCHOOLS.SCHOOL_NUMBER', 'SCHOOLS.NAME', 'STUDENTS.DCID'], sql: 'SELECT sch.school_number, sch.name, COUNT(s.dcid) FROM schools sch LEFT JOIN students s ON s.schoolid = sch.school_number AND s.enroll_status = 0 WHERE sch.school_number >= :schoolid GROUP BY sch.school_number, sch.name ORDER BY sch.school_number' },
  { columns: ['STUDENTS.DCID', 'STUDENTS.LASTFIRST'], sql: "SELECT s.dcid, s.lastfirst FROM students s WHERE s.schoolid = :schoolid AND EXISTS (SELECT 1 FROM cc WHERE cc.studentid = s.id AND cc.termid > 0) AND REGEXP_LIKE(s.last_name, '^[A-M]')" },
  { columns: ['STUDENTS.DCID', 'STUDENTS.GRADE_LEVEL', 'STUDENTS.LASTFIRST'], sql: "SELECT s.dcid, CASE WHEN s.grade_level >= 9 THEN 'HS' WHEN s.grade_level >= 6 THEN 'MS' ELSE 'ES' END, SUBSTR(s.lastfirst, 1, INSTR(s.lastfirst, ',') - 1) FROM students s WHERE s.schoolid = :schoolid UNION SELECT s.dcid, 'ALL', s.lastfirst FROM students s WHERE s.schoolid = :schoolid AND s.grade_level = 12" },
];

function benchmarkPlugin() {
  const queries = Array.from({ length: 50 }, (_, index) => {
    const template = templates[index % templates.length]!;
    const columns = template.columns.map((column, position) => `<column column="${column}">c${position}</column>`).join('');
    return `<query name="com.example.bench.q${String(index).padStart(2, '0')}" coreTable="students" flattened="true"><description>q${index}</description>
      <args><arg name="schoolid" type="primitive" required="true" description="school"/></args><columns>${columns}</columns><sql><![CDATA[${template.sql}]]></sql></query>`;
  });
  return readPlugin([
    { path: 'plugin.xml', text: '<plugin xmlns="http://plugin.powerschool.pearson.com" name="Bench" version="1" description="d"><oauth/><publisher name="p"><contact email="e@example.org"/></publisher></plugin>' },
    { path: 'queries_root/bench.named_queries.xml', text: `<queries>${queries.join('\n')}</queries>` },
  ]);
}

(process.env.PSDEV_SOAK === '1' ? describe : describe.skip)('benchmark: a 50-query plugin on a 2,000-student sandbox (PSDEV_SOAK=1)', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox({ students: 2000, schools: 5, plugins: [benchmarkPlugin()] })));
  after(() => t.sandbox.close());

  it('runs every query and reports the times', async () => {
    const times: number[] = [];
    let records = 0;
    for (let index = 0; index < 50; index++) {
      const started = performance.now();
      const answer = await t.send('POST', `/ws/schema/query/com.example.bench.q${String(index).padStart(2, '0')}?pagesize=0`, { schoolid: String(100 * (1 + (index % 5))) });
      times.push(performance.now() - started);
      assert.equal(answer.status, 200, `q${index}: ${answer.text}`);
      records += answer.body.record?.length ?? 0;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const total = times.reduce((sum, time) => sum + time, 0);
    console.log(`50 queries, ${records} records: total ${total.toFixed(0)} ms, median ${sorted[25]!.toFixed(1)} ms, p90 ${sorted[45]!.toFixed(1)} ms, max ${sorted[49]!.toFixed(1)} ms`);
    templates.forEach((_, template) => {
      const own = times.filter((__, index) => index % templates.length === template);
      console.log(`  template ${template}: mean ${(own.reduce((sum, time) => sum + time, 0) / own.length).toFixed(1)} ms`);
    });
  });
});

// Save → Run in the editor: the running sandbox hands its district over and a new one starts from
// it with the saved plugins installed (SandboxHost's reinstall). Behind PSDEV_SOAK=1; prints the times.
(process.env.PSDEV_SOAK === '1' ? describe : describe.skip)('benchmark: reinstalling a plugin into a 2,000-student sandbox (PSDEV_SOAK=1)', () => {
  it('hands the district over and starts again with the plugin, five times', async () => {
    const plugins = [benchmarkPlugin()];
    let sandbox = (await startTestSandbox({ students: 2000, schools: 5, plugins })).sandbox;
    const times: number[] = [];
    try {
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        const data = await sandbox.handOver();
        sandbox = await startSandbox({ data, plugins });
        times.push(performance.now() - started);
      }
    } finally {
      await sandbox.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`reinstall (handOver + start from its data, 50 queries): ${times.map((time) => time.toFixed(0)).join(', ')} ms; median ${sorted[2]!.toFixed(0)} ms`);
  });
});
