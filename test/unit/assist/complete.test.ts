import * as assert from 'node:assert/strict';
import { PsreqAssist, type AssistCompletion } from '../../../src/core/assist/index';
import { cursor, fakeLive } from './fixtures';

async function complete(marked: string, live = fakeLive()): Promise<{ text: string; items: AssistCompletion[] }> {
  const { text, offset } = cursor(marked);
  const items = await new PsreqAssist({ live, today: () => '2026-11-27' }).complete(text, offset);
  return { text, items };
}

const labels = (items: AssistCompletion[]) => items.map((item) => item.label);
const replaced = (text: string, item: AssistCompletion | undefined) => (item ? text.slice(item.start, item.end) : undefined);

describe('assist completion', () => {
  describe('paths', () => {
    it('offers whole endpoint paths right after the method, placeholders as snippet stops', async () => {
      const { items } = await complete('GET |\n');
      const student = items.find((item) => item.label === '/ws/v1/district/student');
      assert.ok(student, 'the student list endpoint');
      assert.equal(items.every((item) => !item.label.startsWith('/oauth') || item.detail.startsWith('POST')), true);
      const table = items.find((item) => item.label === '/ws/schema/table/{table}');
      assert.equal(table?.insertText, '/ws/schema/table/${1:table}');
      assert.equal(table?.snippet, true);
    });

    it('offers the next segment of documented endpoints, replacing the segment typed so far', async () => {
      const { text, items } = await complete('GET /ws/v1/dis|trict\n');
      const district = items.find((item) => item.label === 'district');
      assert.ok(district && labels(items).includes('metadata') && !labels(items).includes('schema'));
      assert.equal(replaced(text, district), 'district', 'the whole segment, so the editor filters by what is typed');
      const next = await complete('GET /ws/v1/district/|\n');
      assert.deepEqual(labels(next.items).sort(), ['school', 'student']);
      assert.match(next.items.find((item) => item.label === 'student')!.documentation, /Students of the district/);
    });

    it('offers live tables after /ws/schema/table/ and PowerQueries after /ws/schema/query/', async () => {
      const tables = await complete('GET /ws/schema/table/st|\n');
      assert.deepEqual(labels(tables.items.filter((item) => item.kind === 'table')), ['STUDENTS', 'SCHOOLS']);
      assert.equal(replaced(tables.text, tables.items[0]), 'st');
      const queries = await complete('POST /ws/schema/query/|\n');
      const guardian = queries.items.find((item) => item.kind === 'query');
      assert.equal(guardian?.label, 'com.pearson.core.guardian.student_guardian_detail');
      assert.match(guardian!.documentation, /schoolid.*required/);
    });

    it('offers /ws/dataversion/{application}/{version} (real-server-behaviour.md: endpoints real clients use)', async () => {
      const { items } = await complete('GET /ws/|\n');
      const dataversion = items.find((item) => item.label === 'dataversion');
      assert.ok(dataversion, labels(items).join(', '));
      assert.match(dataversion.documentation, /changed since a data version/);
    });

    it('without a live catalog still offers the documented segments, and no tables', async () => {
      const { items } = await complete('GET /ws/schema/|\n', undefined as never);
      assert.deepEqual(labels(items).sort(), ['area', 'query', 'table']);
      const none = await new PsreqAssist().complete('GET /ws/schema/table/\n', 'GET /ws/schema/table/'.length);
      assert.deepEqual(none, []);
    });

    it('answers without live data when the live catalog fails', async () => {
      const { items } = await complete('GET /ws/schema/table/|\n', fakeLive({ failing: true }));
      assert.deepEqual(items, []);
    });
  });

  describe('query parameters', () => {
    it('offers the endpoint\'s parameters after ? and &, minus those present, inserting name=', async () => {
      const { items } = await complete('GET /ws/v1/district/student?q=local_id==1&|\n');
      assert.deepEqual(labels(items), ['page', 'pagesize', 'expansions', 'extensions']);
      assert.equal(items[0].insertText, 'page=');
      const table = await complete('GET /ws/schema/table/students?|\n');
      assert.deepEqual(labels(table.items), ['q', 'projection', 'page', 'pagesize', 'sort', 'sortdescending']);
      assert.equal(table.items[0].retrigger, true, 'q= asks for the next suggestions');
    });

    it('replaces the key typed so far and keeps an existing =', async () => {
      const { text, items } = await complete('GET /ws/v1/district/student?pa|ge=2\n');
      const page = items.find((item) => item.label === 'page');
      assert.equal(page?.insertText, 'page');
      assert.equal(replaced(text, page), 'page');
    });

    it('works on continuation lines', async () => {
      const { text, items } = await complete('GET /ws/v1/district/student\n    ?q=local_id==1\n    &exp|\n');
      const expansions = items.find((item) => item.label === 'expansions');
      assert.equal(replaced(text, expansions), 'exp');
    });
  });

  describe('q values', () => {
    it('offers v1 student fields with documentation at the start of a term', async () => {
      const { text, items } = await complete('GET /ws/v1/district/student?q=school_enrollment.enroll_status==A;name.l|\n');
      const last = items.find((item) => item.label === 'name.last_name');
      assert.ok(last);
      assert.equal(replaced(text, last), 'name.l');
      assert.match(last.documentation, /Last_Name/i);
    });

    it('offers operators after a field and status letters with meaning after ==', async () => {
      const operators = await complete('GET /ws/v1/district/student?q=school_enrollment.entry_date|\n');
      assert.ok(labels(operators.items).includes('=ge='));
      const values = await complete('GET /ws/v1/district/student?q=school_enrollment.enroll_status==|\n');
      assert.deepEqual(labels(values.items).slice(0, 6), ['A', 'P', 'T', 'G', 'H', 'I']);
      assert.match(values.items[0].detail + values.items[0].documentation, /Active/);
    });

    it('offers a date snippet and today for date fields', async () => {
      const { items } = await complete('GET /ws/v1/district/student?q=school_enrollment.entry_date=ge=|\n');
      assert.ok(items.some((item) => item.snippet && /YYYY/.test(item.insertText)), 'a date snippet');
      assert.ok(labels(items).includes('2026-11-27'), 'today');
    });

    it('offers live table columns in /ws/schema/table/{t}?q=', async () => {
      const { text, items } = await complete('GET /ws/schema/table/students?q=enroll_status==0;last|\n');
      const last = items.find((item) => item.label === 'last_name');
      assert.ok(last, labels(items).join());
      assert.equal(replaced(text, last), 'last');
    });

    it('offers the fields of each new v1 list in its q, with documentation (issue 12: "q/paging/expansions as for students")', async () => {
      const staff = await complete('GET /ws/v1/school/12/staff?q=name.l|\n');
      const last = staff.items.find((item) => item.label === 'name.last_name');
      assert.equal(replaced(staff.text, last), 'name.l');
      assert.match(last!.documentation, /Users\.Last_Name/);
      for (const [path, field] of [['/ws/v1/school/12/course/count', 'course_name'], ['/ws/v1/school/12/section', 'term_id'],
        ['/ws/v1/school/12/term', 'start_year'], ['/ws/v1/section/3/section_enrollment', 'entry_date']]) {
        assert.ok(labels((await complete(`GET ${path}?q=|\n`)).items).includes(field), `${path} offers ${field}`);
      }
    });

    it('completes inside a percent-encoded q at the right offsets', async () => {
      const { text, items } = await complete('GET /ws/v1/district/student?q=name.last_name==O%27Brien;name.fi|\n');
      const first = items.find((item) => item.label === 'name.first_name');
      assert.equal(replaced(text, first), 'name.fi');
    });
  });

  describe('lists', () => {
    it('offers expansions not yet listed, replacing the entry at the cursor', async () => {
      const { text, items } = await complete('GET /ws/v1/district/student?expansions=demographics,sch|\n');
      assert.ok(!labels(items).includes('demographics'));
      const enrollment = items.find((item) => item.label === 'school_enrollment');
      assert.equal(replaced(text, enrollment), 'sch');
      assert.match(enrollment!.documentation, /Enrollment status/);
    });

    it('offers the expansions of table metadata', async () => {
      const { items } = await complete('GET /ws/schema/table/students/metadata?expansions=access,|\n');
      assert.deepEqual(labels(items), ['actions', 'attrs', 'backRels', 'fwdRels', 'userVisible']);
    });

    it('knows the new v1 resources: school sub-resources and staff expansions (real-server-behaviour.md: "Endpoints real clients use")', async () => {
      const { items } = await complete('GET /ws/v1/school/12/|\n');
      assert.deepEqual(labels(items).sort(), ['course', 'section', 'staff', 'student', 'term']);
      const staff = await complete('GET /ws/v1/staff/4?expansions=emails,|\n');
      assert.deepEqual(labels(staff.items), ['addresses', 'phones', 'school_affiliations']);
    });

        it('offers extensions of student endpoints', async () => {
      const { items } = await complete('GET /ws/v1/student/12?extensions=|\n');
      assert.ok(labels(items).includes('s_stu_x'));
    });

    it('offers projection columns of the live table (and *), sort columns without *', async () => {
      const { items } = await complete('GET /ws/schema/table/students?projection=dcid,|\n');
      assert.equal(items[0].label, '*');
      assert.ok(labels(items).includes('last_name') && !labels(items).includes('dcid'));
      assert.match(items.find((item) => item.label === 'last_name')!.detail, /VARCHAR2\(50\)/);
      const sort = await complete('GET /ws/schema/table/students?sort=|\n');
      assert.ok(!labels(sort.items).includes('*'));
    });

    it('offers true and false for sortdescending', async () => {
      const { items } = await complete('GET /ws/schema/table/students?sortdescending=|\n');
      assert.deepEqual(labels(items), ['true', 'false']);
    });
  });

  describe('PowerQuery bodies', () => {
    const head = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail\nContent-Type: application/json\n\n';

    it('offers arguments (required first) and the body keys at a key position', async () => {
      const { text, items } = await complete(`${head}{ "|" }\n`);
      const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      assert.deepEqual(labels(sorted), ['schoolid', 'students_dcid', '$dataversion', '$q', 'projection']);
      const q = items.find((item) => item.label === '$q')!;
      assert.equal(replaced(text, q), '""');
      assert.equal(q.insertText, '"$q": ');
    });

    it('offers PowerQuery columns inside "$q", mapped through JSON escapes', async () => {
      const { text, items } = await complete(`${head}{ "$q": "students.last_name==O\\"B*;stu|" }\n`);
      const dcid = items.find((item) => item.label === 'students.dcid');
      assert.ok(dcid, labels(items).join());
      assert.equal(replaced(text, dcid), 'stu');
    });

    // Updated for issue 12: a PowerQuery projection is `;`-separated (real-server-behaviour.md), not `,`.
    it('offers projection columns and table.* inside "projection" ("projection is ;-separated table.column, * or table.*")', async () => {
      const { text, items } = await complete(`${head}{ "projection": "students.dcid;gu|" }\n`);
      assert.ok(labels(items).includes('guardian.lastname'));
      assert.ok(labels(items).includes('guardian.*'));
      assert.ok(!labels(items).includes('students.dcid'), 'already listed');
      assert.equal(replaced(text, items.find((item) => item.label === 'guardian.lastname')), 'gu');
    });

    // real-server-behaviour.md: "order=students.last_name,students.first_name;desc — terms separated by `,`, a direction after `;`".
    it('offers columns in a PowerQuery order term and asc/desc after its ;', async () => {
      const path = 'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail';
      const columns = await complete(`${path}?order=students.dcid;desc,stu|\n\n{}\n`);
      assert.equal(replaced(columns.text, columns.items.find((item) => item.label === 'students.last_name')), 'stu');
      const direction = await complete(`${path}?order=students.dcid;d|\n\n{}\n`);
      assert.deepEqual(labels(direction.items), ['asc', 'desc']);
      assert.equal(replaced(direction.text, direction.items[1]), 'd');
      const url = await complete(`${path}?projection=students.dcid;|\n\n{}\n`);
      assert.ok(labels(url.items).includes('students.*') && labels(url.items).includes('guardian.lastname'));
    });
  });

  it('offers nothing in headers, comments and outside requests', async () => {
    for (const marked of ['GET /ws/v1/district\nAccept: app|lication/json\n', '# a comm|ent\nGET /ws/v1/district\n', '@x = |1\n']) {
      assert.deepEqual((await complete(marked)).items, [], marked);
    }
  });

  it('finds the request in a long file without parsing the rest', async () => {
    const filler = Array.from({ length: 50 }, (_, i) => `### r${i}\nGET /ws/v1/district/student?q=local_id==${i}\n`).join('\n');
    const { text, items } = await complete(`${filler}\n### target\nGET /ws/v1/district/student?q=name.la|\n\n${filler}`);
    assert.equal(replaced(text, items.find((item) => item.label === 'name.last_name')), 'name.la');
  });
});
