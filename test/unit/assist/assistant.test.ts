import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PsreqAssist, diagnoseRequest } from '../../../src/core/assist/index';
import { parsePsreq } from '../../../src/core/psreq';
import { fakeLive } from './fixtures';

const sample = [
  '@size = 50',
  '',
  '### Active students',
  'GET /ws/v1/district/student',
  '    ?q=school_enrollment.enroll_status==A;name.last_nam==JA*',
  '    &pagesize={{size}}',
  '',
  '### Table',
  'GET /ws/schema/table/students?q=grade_levl==3&projection=dcid',
  '',
  '### PowerQuery',
  'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail',
  'Content-Type: application/json',
  '',
  '{ "schoolid": 1, "$q": "students.dcid==1,students.dcid==2" }',
  '',
].join('\n');

async function fresh(text: string) {
  const live = fakeLive();
  const document = parsePsreq(text);
  const all = await Promise.all(document.requests.map((request) => diagnoseRequest(text, request, live)));
  return all.flat().sort((a, b) => a.start - b.start || a.end - b.end);
}

describe('assist document assistant', () => {
  it('finds per block what checking each request of the whole text finds', async () => {
    const live = fakeLive();
    const assist = new PsreqAssist({ live });
    assert.deepEqual(await assist.diagnose(sample), await fresh(sample));
    const shifted = `# a comment\n${sample}`;
    assert.deepEqual(await assist.diagnose(shifted), await fresh(shifted));
  });

  it('changes its knowledge version on invalidate (the live catalog changed), so kept findings are dropped', () => {
    const assist = new PsreqAssist({ live: fakeLive() });
    const before = assist.knowledgeVersion;
    assist.invalidate();
    assert.notEqual(assist.knowledgeVersion, before);
  });

  it('never throws and keeps every offset inside the document, whatever the text and cursor', async () => {
    const assist = new PsreqAssist({ live: fakeLive(), today: () => '2026-01-01' });
    const pieces = fc.constantFrom('GET ', 'POST ', '/ws/v1/district/student', '/ws/schema/table/students', '/ws/schema/query/com.pearson.core.guardian.student_guardian_detail', '?', '&', 'q=', '==', '=gx=', ';', ',', '(', ')', 'name.last_name', 'expansions=', 'projection=', 'pagesize=', '500', '%2C', '%', '{{x}}', '"$q": "', '{', '}', '"', '\\u00', '\n', '\n    &', '\n###\n', '\n\n', ' ', 'é', '\r\n');
    await fc.assert(fc.asyncProperty(fc.array(pieces, { maxLength: 40 }), fc.nat(), async (parts, seed) => {
      const text = parts.join('');
      const offset = text.length === 0 ? 0 : seed % (text.length + 1);
      const inside = (item: { start: number; end: number }) => item.start >= 0 && item.start <= item.end && item.end <= text.length;
      for (const item of await assist.complete(text, offset)) assert.ok(inside(item), `completion ${JSON.stringify(item)}`);
      const hover = await assist.hover(text, offset);
      if (hover) assert.ok(inside(hover));
      for (const d of await assist.diagnose(text)) {
        assert.ok(inside(d), `diagnostic ${JSON.stringify(d)}`);
        for (const fix of d.fixes ?? []) assert.ok(inside(fix), `fix ${JSON.stringify(fix)}`);
      }
    }), { numRuns: 300 });
  });
});
