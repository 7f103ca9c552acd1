import * as assert from 'node:assert/strict';
import { PsreqAssist } from '../../../src/core/assist';
import { KeptFindings, checkPsreq, checkPsreqBlocks, placedFindings, psreqChecks, type Finding, type PsreqCheckInput, type PsreqChecker, type PsreqFindings } from '../../../src/core/check';
import { PsreqBlocks, type PsreqBlock } from '../../../src/core/psreq';
import { fakeLive } from '../assist/fixtures';
import { forEachSeed, randomEdit, randomText, sequenceCount } from '../psreq/randomEdits';

const sample = [
  '@size = 50',
  '',
  '### Active students',
  '# @name active',
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
  '{ "schoolid": 1, "$q": "students.dcid==1,students.dcid==2", "students_dcid": [{{active.response.body.id}}] }',
  '',
].join('\n');

/** The findings of a check that keeps what it can in `kept`, at file offsets. */
const checkKept = async (input: PsreqCheckInput, checks: readonly PsreqChecker[], kept: KeptFindings) => placedFindings(await checkPsreqBlocks(input, checks, kept));

describe('.psreq checks kept per block (incremental diagnostics)', () => {
  it('re-checks only the block an edit touched, with the same findings as checking afresh', async () => {
    const live = fakeLive();
    const checks = psreqChecks({ assist: new PsreqAssist({ live }) });
    const kept = new KeptFindings();
    let parsed = PsreqBlocks.parse(sample);
    assert.deepEqual(await checkKept({ parsed }, checks, kept), await checkPsreq({ parsed }, checks));
    const callsAfterFirst = live.calls.length;
    const at = sample.indexOf('name.last_nam==') + 'name.last_nam'.length;
    const edited = `${sample.slice(0, at)}e${sample.slice(at)}`;
    parsed = parsed.edit(edited, { start: at, oldEnd: at, newEnd: at + 1 });
    const second = await checkKept({ parsed }, checks, kept);
    assert.deepEqual(second, await checkPsreq({ parsed: PsreqBlocks.parse(edited) }, psreqChecks({ assist: new PsreqAssist({ live: fakeLive() }) })));
    assert.deepEqual(live.calls.slice(callsAfterFirst), ['max:student_max_page_size'], 'only the edited request asked for live data; the others were kept');
  });

  it('checks every block again when what the checks read outside the file changed', async () => {
    const live = fakeLive();
    const assist = new PsreqAssist({ live });
    let known = new Set<string>();
    const checks = psreqChecks({ assist, knownVariables: () => known });
    const kept = new KeptFindings();
    const parsed = PsreqBlocks.parse('GET /ws/v1/school/{{schoolId}}\n');
    assert.deepEqual((await checkKept({ parsed }, checks, kept)).map((finding) => finding.code), ['undefined-variable']);
    known = new Set(['schoolId']);
    assert.deepEqual(await checkKept({ parsed }, checks, kept), []);
    const before = live.calls.length;
    assist.invalidate();
    await checkKept({ parsed: PsreqBlocks.parse(sample) }, checks, kept);
    await checkKept({ parsed: PsreqBlocks.parse(sample) }, checks, kept);
    assert.ok(live.calls.length > before);
  });

  it('a check that starts while an earlier one awaits a block still gets that block\'s findings (overlapping checks of one document)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let gated = false;
    const perBlock: PsreqChecker = () => ({
      key: 'same',
      block: async (block) => {
        if (!gated) {
          gated = true;
          await gate;
        }
        return [{ start: 0, end: 3, severity: 'warning', code: 'seen', message: `block at ${block.text.trim()}` }];
      },
    });
    const kept = new KeptFindings();
    const parsed = PsreqBlocks.parse('GET /a\n\n###\nGET /b\n');
    const first = checkKept({ parsed }, [perBlock], kept);
    const second = await checkKept({ parsed }, [perBlock], kept);
    release();
    assert.deepEqual(second.map((finding) => finding.message), ['block at GET /a', 'block at ###\nGET /b']);
    assert.deepEqual((await first).map((finding) => finding.message), ['block at GET /a', 'block at ###\nGET /b']);
  });

  it(`equal a full re-check after every edit of ${sequenceCount} random edit sequences`, async function () {
    this.timeout(sequenceCount > 1_000 ? 0 : 30_000);
    const checks = psreqChecks({ assist: new PsreqAssist({ live: fakeLive() }), connectionUrl: () => 'http://127.0.0.1:9' });
    await forEachSeed(1, sequenceCount, async (random) => {
      let text = randomText(random);
      let parsed = PsreqBlocks.parse(text);
      const kept = new KeptFindings();
      // A host keeps what it made of a block's findings by the array: one seen again is of the same block, with the same findings.
      const seen = new Map<readonly Finding[], { block: PsreqBlock; findings: string }>();
      const remember = ({ blocks }: PsreqFindings, when: string) => {
        for (const { block, findings } of blocks) {
          const before = seen.get(findings);
          if (before) assert.ok(before.block === block && before.findings === JSON.stringify(findings), `a kept findings array changed hands or contents ${when}`);
          else seen.set(findings, { block, findings: JSON.stringify(findings) });
        }
      };
      remember(await checkPsreqBlocks({ parsed }, checks, kept), 'at first');
      const edits = 1 + Math.floor(random() * 8);
      for (let i = 0; i < edits; i++) {
        const edit = randomEdit(random, text);
        text = edit.text;
        parsed = parsed.edit(text, edit.change);
        const found = await checkPsreqBlocks({ parsed }, checks, kept);
        remember(found, `after edit ${i} of ${JSON.stringify(text)}`);
        const full = await checkPsreq({ parsed: PsreqBlocks.parse(text) }, checks);
        assert.deepEqual(placedFindings(found), full, `findings after edit ${i} of ${JSON.stringify(text)}`);
      }
    });
  });
});
