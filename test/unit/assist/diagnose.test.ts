import * as assert from 'node:assert/strict';
import { PsreqAssist, type AssistDiagnostic } from '../../../src/core/assist/index';
import { fakeLive } from './fixtures';

async function diagnose(text: string, live = fakeLive()): Promise<AssistDiagnostic[]> {
  return new PsreqAssist({ live }).diagnose(text);
}

/** code → the document text each diagnostic with that code covers. */
function covered(text: string, diagnostics: AssistDiagnostic[]): [string, string][] {
  return diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]);
}

function applyFix(text: string, diagnostic: AssistDiagnostic | undefined, index = 0): string {
  const fix = diagnostic?.fixes?.[index];
  assert.ok(fix, 'a fix');
  return text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
}

describe('assist diagnostics', () => {
  it('reports every q problem of a URL at its document range, across continuation lines', async () => {
    const text = [
      'GET /ws/v1/district/student',
      '    ?q=school_enrollment.enroll_status==X;name.last_nam==JA*',
      '    &q2=1',
      '',
      '###',
      'GET /ws/v1/district/student?q=school_enrollment.entry_date=gx=2024-01-30;;local_id==1;school_enrollment.exit_date==2024-02-30',
      '',
    ].join('\n');
    const found = await diagnose(text);
    const byCode = new Map(found.map((d) => [d.code, d]));
    assert.equal(text.slice(byCode.get('value-not-allowed')!.start, byCode.get('value-not-allowed')!.end), 'X');
    assert.equal(text.slice(byCode.get('unknown-field')!.start, byCode.get('unknown-field')!.end), 'name.last_nam');
    assert.equal(text.slice(byCode.get('unknown-operator')!.start, byCode.get('unknown-operator')!.end), '=gx=');
    assert.equal(text.slice(byCode.get('impossible-date')!.start, byCode.get('impossible-date')!.end), '2024-02-30');
    assert.ok(byCode.has('empty-term'));
    assert.equal(text.slice(byCode.get('unknown-parameter')!.start, byCode.get('unknown-parameter')!.end), 'q2');
    assert.match(applyFix(text, byCode.get('unknown-field')), /;name\.last_name==JA\*/);
    const operatorFixes = byCode.get('unknown-operator')!.fixes!.map((fix) => fix.newText).sort();
    assert.deepEqual(operatorFixes, ['=ge=', '=gt=']);
  });

  it('checks q on the new v1 lists against each resource\'s fields (issue 12: "q/paging/expansions as for students")', async () => {
    const good = 'GET /ws/v1/school/12/staff?q=name.last_name==S*;local_id==T00001\n###\nGET /ws/v1/school/12/term/count?q=start_year==2026;start_date=ge=2026-08-01\n';
    assert.deepEqual(await diagnose(good), []);
    const text = 'GET /ws/v1/school/12/section?q=course_name==Algebra*;term_id==abc\n';
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found.filter((d) => d.severity === 'error')).sort(), [['type-mismatch', 'abc'], ['unknown-field', 'course_name']].sort());
    assert.match(found.find((d) => d.code === 'unknown-field')!.message, /\/ws\/v1 section/);
  });

  it('keeps ranges exact through percent-encoding', async () => {
    const text = 'GET /ws/v1/district/student?q=name.last_name==O%27Brien;name.frist_name==A%2A\n';
    const [unknown] = await diagnose(text);
    assert.deepEqual(covered(text, [unknown]), [['unknown-field', 'name.frist_name']]);
  });

  it('reports unknown expansions (with the closest as a fix) and unknown extensions as information', async () => {
    const text = 'GET /ws/v1/district/student?expansions=demographics,school_enrolment&extensions=s_stu_y\n';
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['unknown-expansion', 'school_enrolment'], ['unknown-extension', 's_stu_y']]);
    assert.equal(found[1].severity, 'info');
    assert.match(applyFix(text, found[0]), /expansions=demographics,school_enrollment&/);
  });

  it('reports unknown parameters with the closest one, wrong case, and q on a PowerQuery', async () => {
    const text = [
      'GET /ws/v1/district/student?pagesise=10&Page=2',
      '',
      '###',
      'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail?q=students.dcid==1',
      '',
    ].join('\n');
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['unknown-parameter', 'pagesise'], ['parameter-case', 'Page'], ['unknown-parameter', 'q']]);
    assert.match(found[0].message, /did you mean 'pagesize'/);
    assert.match(found[2].message, /"\$q"/);
  });

  it('checks page, pagesize and boolean values; pagesize against the server maximum', async () => {
    const text = 'GET /ws/schema/table/students?page=0&pagesize=abc&sortdescending=yes\n\n###\nGET /ws/v1/district/student?pagesize=500\n';
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['integer-too-small', '0'], ['not-an-integer', 'abc'], ['not-a-boolean', 'yes'], ['pagesize-above-maximum', '500']]);
    assert.match(found[3].message, /maximum of 100/);
    assert.match(applyFix(text, found[3]), /pagesize=100/);
    const live = await diagnose('GET /ws/v1/district/student?pagesize=500\n', fakeLive({ maxPageSize: 1000 }));
    assert.deepEqual(live, [], 'the live metadata maximum wins');
    const allowed = await diagnose('POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail?pagesize=0\n\n{"schoolid": 1}\n');
    assert.deepEqual(allowed, [], 'pagesize=0 means all records on a PowerQuery');
  });

  it('checks schema-table q and projection against live columns, grammar only without them', async () => {
    const text = 'GET /ws/schema/table/students?q=grade_levl==3;entrydate=ge=2024-13-01&projection=dcid,last_nme\n';
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['unknown-field', 'grade_levl'], ['impossible-date', '2024-13-01'], ['unknown-column', 'last_nme']]);
    assert.match(applyFix(text, found[2]), /projection=dcid,last_name/);
    const offline = await new PsreqAssist().diagnose(text);
    assert.deepEqual(offline, [], 'no columns known: nothing to say about names');
  });

  it('checks a PowerQuery body: $q restrictions, columns, unknown and missing arguments', async () => {
    const text = [
      'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail',
      'Content-Type: application/json',
      '',
      '{ "$q": "students.last_name==A*,students.lastname==B;students.dcid==(1,2);last_name==B", "projection": "students.dcid;students.nope", "studnets_dcid": [1] }',
      '',
    ].join('\n');
    const found = await diagnose(text);
    const codes = found.map((d) => d.code);
    for (const code of ['or-not-supported', 'parentheses-not-supported', 'powerquery-field-form', 'unknown-column', 'unknown-argument', 'missing-argument']) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
    const argument = found.find((d) => d.code === 'unknown-argument');
    assert.equal(text.slice(argument!.start, argument!.end), '"studnets_dcid"');
    assert.match(applyFix(text, argument), /"students_dcid": \[1\]/);
    assert.equal(text.slice(found.find((d) => d.code === 'unknown-column')!.start, found.find((d) => d.code === 'unknown-column')!.end), 'students.nope');
  });

  // real-server-behaviour.md: "order syntax: order=students.last_name,students.first_name;desc — terms separated by `,`, a direction after `;`".
  it('checks a PowerQuery order: known columns, and asc/desc after ;', async () => {
    const path = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail';
    const good = `${path}?order=students.last_name,guardian.lastname;desc\n\n{"schoolid": 1}\n`;
    assert.deepEqual(await diagnose(good), []);
    const text = `${path}?order=students.lastname;descc,students.dcid\n\n{"schoolid": 1}\n`;
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['unknown-column', 'students.lastname'], ['order-direction', 'descc']]);
    assert.match(applyFix(text, found[0]), /order=students.last_name;descc/);
    assert.match(applyFix(text, found[1]), /;desc,/);
    const offline = `${path}?order=students.dcid;sideways\n\n{"schoolid": 1}\n`;
    assert.deepEqual(covered(offline, await new PsreqAssist().diagnose(offline)), [['order-direction', 'sideways']], 'the grammar is checked without live data');
  });

  // real-server-behaviour.md: "projection is ;-separated table.column, * or table.*".
  it('checks a PowerQuery projection (URL or body): ; between columns, table.* and * accepted, a , gets a fix', async () => {
    const path = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail';
    assert.deepEqual(await diagnose(`${path}?projection=students.*;guardian.lastname\n\n{"schoolid": 1, "projection": "*"}\n`), []);
    const text = `${path}?projection=students.dcid,guardian.lastname\n\n{"schoolid": 1, "projection": "nope.*;students.dcid"}\n`;
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['projection-separator', 'students.dcid,guardian.lastname'], ['unknown-column', 'nope.*']]);
    assert.match(applyFix(text, found[0]), /projection=students.dcid;guardian.lastname\n/);
  });

  it('maps $q ranges through JSON escapes and reports a $q that is not a string', async () => {
    const head = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail\n\n';
    const text = `${head}{ "schoolid": 1, "$q": "students.last_name==O\\"B;students.lastname==x" }\n`;
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['unknown-field', 'students.lastname']]);
    const wrong = `${head}{ "schoolid": 1, "$q": 5 }\n`;
    assert.deepEqual(covered(wrong, await diagnose(wrong)), [['q-not-a-string', '5']]);
  });

  it('reports a documented path called with a method it does not take, with the method as a fix', async () => {
    const text = 'GET /ws/v1/student\n\n###\nPOST /ws/v1/district/student?q=local_id==1\n\n###\nGET /ws/v1/nothing/here\n';
    const found = await diagnose(text);
    assert.deepEqual(covered(text, found), [['method-not-allowed', 'GET'], ['method-not-allowed', 'POST']], 'an unknown path says nothing');
    assert.match(found[0].message, /takes POST/);
    assert.match(applyFix(text, found[0]), /^POST \/ws\/v1\/student/);
  });

  it('says nothing about {{variables}} and skips unknown endpoints', async () => {
    const text = '@d = 2024-01-01\nGET /ws/v1/district/student?q=school_enrollment.entry_date=ge={{d}}&pagesize={{size}}&{{key}}=1\n\n###\nGET /ws/v1/sections?anything=1\n';
    assert.deepEqual(await diagnose(text), []);
  });

  // real-server-behaviour.md, Student POST: "Extension fields are written **only when the URL names the table**:
  // `POST /ws/v1/student?extensions=studentcorefields`; without it the answer is SUCCESS and nothing changes (T)."
  describe('a student POST whose body has _extension_data', () => {
    const body = (...tables: string[]) => JSON.stringify({ students: { student: [{ client_uid: '1', action: 'UPDATE', id: 5001, _extension_data: { _table_extension: tables.map((name) => ({ name, _field: [{ name: 'x', type: 'String', value: '1' }] })) } }] } }, null, 2);
    const request = (url: string, ...tables: string[]) => `POST ${url}\nContent-Type: application/json\n\n${body(...tables)}\n`;
    const warnings = async (text: string) => (await diagnose(text)).filter((d) => d.code === 'extension-not-in-url');

    it('warns at the table name when the URL lacks extensions=<table>, with a fix that adds it', async () => {
      const text = request('/ws/v1/student', 'studentcorefields');
      const [warning, ...rest] = await warnings(text);
      assert.equal(rest.length, 0);
      assert.equal(text.slice(warning!.start, warning!.end), '"studentcorefields"');
      assert.equal(warning!.severity, 'warning');
      assert.match(warning!.message, /only when the URL names the table .*nothing changes/);
      assert.equal(warning!.fixes![0]!.title, 'Add extensions=studentcorefields to the URL');
      const fixed = applyFix(text, warning);
      assert.match(fixed, /^POST \/ws\/v1\/student\?extensions=studentcorefields\n/);
      assert.deepEqual(await warnings(fixed), []);
      assert.deepEqual((await diagnose(fixed)).map((d) => d.code), [], 'extensions= is a known parameter of the POST');
    });

    it('appends to an extensions= or a query string that is there, and names only the missing tables', async () => {
      const listed = request('{{baseUrl}}/ws/v1/student?extensions=u_studentsuserfields', 'u_studentsuserfields', 'studentcorefields');
      const [warning, ...rest] = await warnings(listed);
      assert.equal(rest.length, 0);
      assert.equal(listed.slice(warning!.start, warning!.end), '"studentcorefields"');
      assert.match(applyFix(listed, warning), /\?extensions=u_studentsuserfields,studentcorefields\n/);
      const other = request('/ws/v1/student?foo=1', 'StudentCoreFields');
      const [second] = await warnings(other);
      assert.match(applyFix(other, second), /\?foo=1&extensions=studentcorefields\n/);
    });

    it('says nothing when the URL names every table, the list is a variable, or there is no _extension_data', async () => {
      assert.deepEqual(await warnings(request('/ws/v1/student?extensions=studentcorefields,u_studentsuserfields', 'u_studentsuserfields', 'studentcorefields')), []);
      assert.deepEqual(await warnings(request('/ws/v1/student?extensions={{tables}}', 'studentcorefields')), []);
      assert.deepEqual(await warnings(request('/ws/v1/student')), []);
      assert.deepEqual(await warnings('POST /ws/schema/table/u_studentsuserfields\n\n{"_extension_data": {"_table_extension": {"name": "x"}}}\n'), []);
    });
  });
});
