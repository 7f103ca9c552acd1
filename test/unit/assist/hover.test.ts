import * as assert from 'node:assert/strict';
import { PsreqAssist } from '../../../src/core/assist/index';
import { cursor, fakeLive } from './fixtures';

async function hover(marked: string) {
  const { text, offset } = cursor(marked);
  const found = await new PsreqAssist({ live: fakeLive() }).hover(text, offset);
  return found && { covers: text.slice(found.start, found.end), markdown: found.markdown };
}

describe('assist hover', () => {
  // real-server-behaviour.md: "order=students.last_name,students.first_name;desc" and "projection is ;-separated".
  it('explains the columns of a PowerQuery order term and projection entry', async () => {
    const path = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail';
    const order = await hover(`${path}?order=students.dcid,students.last_na|me;desc\n`);
    assert.equal(order?.covers, 'students.last_name');
    const projection = await hover(`${path}?projection=students.dcid;guardian.last|name\n`);
    assert.equal(projection?.covers, 'guardian.lastname');
  });

  it('explains a q field, an operator and a status value', async () => {
    const field = await hover('GET /ws/v1/district/student?q=school_enrollment.enroll_st|atus==A\n');
    assert.equal(field?.covers, 'school_enrollment.enroll_status');
    assert.match(field!.markdown, /Active/);
    const operator = await hover('GET /ws/v1/district/student?q=school_enrollment.entry_date=g|e=2024-01-01\n');
    assert.equal(operator?.covers, '=ge=');
    const value = await hover('GET /ws/v1/district/student?q=school_enrollment.enroll_status==|A\n');
    assert.equal(value?.covers, 'A');
    assert.match(value!.markdown, /Active/);
  });

  it('explains a parameter, an expansion and an extension', async () => {
    const parameter = await hover('GET /ws/v1/district/student?pages|ize=10\n');
    assert.equal(parameter?.covers, 'pagesize');
    assert.match(parameter!.markdown, /student_max_page_size/);
    const expansion = await hover('GET /ws/v1/district/student?expansions=demographics,pho|nes\n');
    assert.equal(expansion?.covers, 'phones');
    assert.match(expansion!.markdown, /phone number/);
    const extension = await hover('GET /ws/v1/district/student?extensions=s_stu|_x\n');
    assert.match(extension!.markdown, /S_STU_X/);
  });

  it('explains the new v1 resources (real-server-behaviour.md: "`/ws/v1/section_enrollment/{id}`")', async () => {
    const endpoint = await hover('GET /ws/v1/section_enroll|ment/55\n');
    assert.equal(endpoint?.covers, 'section_enrollment');
    assert.match(endpoint!.markdown, /CC\.DCID/);
    const pagesize = await hover('GET /ws/v1/school/3/section?pages|ize=10\n');
    assert.match(pagesize!.markdown, /section_max_page_size/);
  });

  it('explains /ws/dataversion (real-server-behaviour.md: "`/ws/dataversion/{application}/{version}`")', async () => {
    const endpoint = await hover('GET /ws/dataver|sion/enrollment_changes/0\n');
    assert.equal(endpoint?.covers, 'dataversion');
    assert.match(endpoint!.markdown, /\$dataversion/);
  });

  it('explains path segments: an endpoint, a live table and a PowerQuery', async () => {
    const endpoint = await hover('GET /ws/v1/district/stud|ent\n');
    assert.equal(endpoint?.covers, 'student');
    assert.match(endpoint!.markdown, /GET \/ws\/v1\/district\/student/);
    const inner = await hover('GET /ws/v|1/district/student\n');
    assert.equal(inner?.covers, 'v1');
    assert.match(inner!.markdown, /\/ws\/v1\/district/);
    const table = await hover('GET /ws/schema/table/stud|ents?q=dcid==1\n');
    assert.equal(table?.covers, 'students');
    assert.match(table!.markdown, /STUDENTS.*Students[\s\S]*7 columns/);
    const query = await hover('POST /ws/schema/query/com.pearson.core.guardian.stu|dent_guardian_detail\n');
    assert.match(query!.markdown, /schoolid/);
  });

  it('explains live columns in a projection and PowerQuery $q fields and body keys', async () => {
    const column = await hover('GET /ws/schema/table/students?projection=dcid,last_na|me\n');
    assert.equal(column?.covers, 'last_name');
    assert.match(column!.markdown, /VARCHAR2\(50\)/);
    const head = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail\n\n';
    const field = await hover(`${head}{ "$q": "students.entry|date=ge=2024-01-01" }\n`);
    assert.equal(field?.covers, 'students.entrydate');
    assert.match(field!.markdown, /date/i);
    const key = await hover(`${head}{ "school|id": 1 }\n`);
    assert.equal(key?.covers, '"schoolid"');
    assert.match(key!.markdown, /required/);
  });

  it('has nothing to say outside the parts it knows', async () => {
    assert.equal(await hover('GET /ws/v1/district\nAccept: app|lication/json\n'), undefined);
  });
});
