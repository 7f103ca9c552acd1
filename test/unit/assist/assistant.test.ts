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
  it('re-checks only the requests an edit touched, with the same result as checking afresh', async () => {
    const live = fakeLive();
    const assist = new PsreqAssist({ live });
    const first = await assist.diagnose(sample);
    assert.deepEqual(first, await fresh(sample));
    const callsAfterFirst = live.calls.length;
    // Edit inside the first request: the others come from the cache (no live calls for them).
    const edited = sample.replace('name.last_nam==', 'name.last_name==');
    const second = await assist.diagnose(edited);
    assert.deepEqual(second, await fresh(edited));
    assert.deepEqual(live.calls.slice(callsAfterFirst), ['max:student_max_page_size'], 'only the edited request asked for live data; the others were cached');
    assert.ok(!second.some((d) => d.code === 'unknown-field' && edited.slice(d.start, d.end).startsWith('name.')));
    // Text inserted above shifts every cached finding correctly.
    const shifted = `# a comment\n${edited}`;
    assert.deepEqual(await assist.diagnose(shifted), await fresh(shifted));
  });

  it('forgets cached findings on invalidate (the live catalog changed)', async () => {
    const live = fakeLive();
    const assist = new PsreqAssist({ live });
    await assist.diagnose(sample);
    const before = live.calls.length;
    assist.invalidate();
    await assist.diagnose(sample);
    assert.ok(live.calls.length > before);
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
