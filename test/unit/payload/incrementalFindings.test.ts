import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { createPayloadValidator, type PayloadFinding, type TextEdit } from '../../../src/core/payload';
import { scanStudentBody } from '../../../src/core/payload/bodyScan';
import { createRandom, type Random } from '../../../src/sandbox/data/random';

// Property: a StudentPayloadSession told every edit gives exactly the findings a fresh
// validateStudentText gives for the same text (its record cache equals a fresh computation),
// and the record-by-record text path agrees with the whole-value path. PSDEV_SOAK=1 runs 20,000
// sequences; PSDEV_SEED=N replays one failing base seed.

const soak = process.env.PSDEV_SOAK === '1';
const sequences = soak ? 20_000 : 1_000;
const steps = 6;

const values = ['"A"', '"G"', '"g"', '"x"', '""', '" "', '"2026-02-30"', '"2025-01-01"', '"2019-08-21"', '12', '99', '999999', '-3', '"12"', 'null', 'true', '{}', '[]', '"INSERT"', '"update"', '"UPDATE"', `"${'L'.repeat(60)}"`, '"u1"', '7'];
const breakers = ['"', '{', '}', ',', ']', '[', ':', 'x', '\\', ''];

function record(random: Random, index: number): Record<string, unknown> {
  const uid = random.chance(0.1) ? undefined : random.chance(0.15) ? `u${random.int(0, 3)}` : `u${index}`;
  const base: Record<string, unknown> = uid === undefined ? {} : { client_uid: random.chance(0.2) ? index : uid };
  if (random.chance(0.5)) {
    return {
      ...base, action: random.pick(['UPDATE', 'update', 'UPDATE']), ...(random.chance(0.9) ? { id: 10_000 + index } : {}),
      name: { first_name: `Given${index}`, last_name: random.chance(0.1) ? '' : `Family${index}` },
      ...(random.chance(0.3) ? { contact: { emergency_contact_name1: 'Pat', ...(random.chance(0.5) ? { emergency_phone1: '555-0101' } : {}) } } : {}),
    };
  }
  return {
    ...base, action: 'INSERT', local_id: random.chance(0.2) ? 500_000 : 500_000 + index,
    name: { first_name: `Given${index}`, last_name: `Family${index}` },
    school_enrollment: { enroll_status: random.pick(['A', 'A', 'G', 'a']), grade_level: random.pick([5, 13, 99]), entry_date: '2025-08-20', exit_date: random.pick(['2026-06-05', '2026-02-30', '2025-01-01']), school_number: random.pick([100, 999999]) },
    ...(random.chance(0.3) ? { addresses: { physical: { street: '1 Elm St', city: 'Springfield', ...(random.chance(0.5) ? { state_province: 'IL', postal_code: '62701' } : {}) } } } : {}),
    ...(random.chance(0.2) ? { demographics: { gender: random.pick(['F', 'X']), birth_date: '2015-04-12' }, student_username: 'ro' } : {}),
  };
}

interface Step {
  readonly kind: string;
  readonly edits: TextEdit[];
}

/** Edits a user might make, in VS Code's order (each in offsets of the text the previous ones left). */
class Editor {
  private pendingRepair: TextEdit | undefined;
  private next = 1_000;

  constructor(private readonly random: Random) {}

  step(text: string): Step {
    const random = this.random;
    if (this.pendingRepair && random.chance(0.7)) {
      const repair = this.pendingRepair;
      this.pendingRepair = undefined;
      return { kind: 'repair', edits: [repair] };
    }
    this.pendingRepair = undefined;
    const shape = scanStudentBody(text);
    const spans = shape.kind === 'records' ? shape.starts.map((start, index) => ({ start, end: shape.ends[index]! })) : [];
    const kind = random.pick(spans.length ? ['value', 'value', 'value', 'add', 'remove', 'uid', 'break', 'noise', 'multi'] : ['add', 'break', 'noise']);
    if (kind === 'break') {
      const at = random.int(0, text.length);
      const inserted = random.pick(breakers);
      const end = inserted === '' ? Math.min(text.length, at + 1) : at;
      this.pendingRepair = { start: at, end: at + inserted.length, newText: text.slice(at, end) };
      return { kind, edits: [{ start: at, end, newText: inserted }] };
    }
    if (kind === 'noise') {
      const at = random.int(0, text.length);
      return { kind, edits: [{ start: at, end: Math.min(text.length, at + random.int(0, 6)), newText: random.pick([...breakers, ...values, ' ', '\n']) }] };
    }
    if (kind === 'add' || spans.length === 0) {
      const json = JSON.stringify(record(random, this.next++), null, random.pick([0, 1]));
      if (shape.kind !== 'records') return { kind: 'add', edits: [{ start: text.length, end: text.length, newText: ' ' }] };
      if (spans.length === 0) return { kind: 'add', edits: [{ start: shape.open + 1, end: shape.open + 1, newText: json }] };
      const after = random.int(-1, spans.length - 1);
      return after < 0
        ? { kind: 'add', edits: [{ start: spans[0]!.start, end: spans[0]!.start, newText: `${json},\n` }] }
        : { kind: 'add', edits: [{ start: spans[after]!.end, end: spans[after]!.end, newText: `,\n${json}` }] };
    }
    if (kind === 'remove') {
      const index = random.int(0, spans.length - 1);
      const span = spans[index]!;
      if (index > 0) return { kind, edits: [{ start: spans[index - 1]!.end, end: span.end, newText: '' }] };
      return { kind, edits: [{ start: span.start, end: spans.length > 1 ? spans[1]!.start : span.end, newText: '' }] };
    }
    if (kind === 'uid') {
      const from = random.pick(spans);
      const to = random.pick(spans);
      const uid = /"client_uid":\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(text.slice(from.start, from.end))?.[1] ?? '"u1"';
      const target = /"client_uid":\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(text.slice(to.start, to.end));
      if (!target) return { kind, edits: [{ start: to.start + 1, end: to.start + 1, newText: `"client_uid": ${uid},` }] };
      const start = to.start + target.index + target[0].length - target[1]!.length;
      return { kind, edits: [{ start, end: start + target[1]!.length, newText: uid }] };
    }
    const count = kind === 'multi' ? random.int(2, 3) : 1;
    const edits: TextEdit[] = [];
    // Several changes in one event come last-first, as VS Code sends a multi-cursor edit.
    for (const span of [...new Set(Array.from({ length: count }, () => random.pick(spans)))].sort((a, b) => b.start - a.start)) {
      const members = [...text.slice(span.start, span.end).matchAll(/"\w+":\s*("(?:[^"\\]|\\.)*"|-?\d+|true|false|null)/g)];
      if (members.length === 0) continue;
      const member = random.pick(members);
      const start = span.start + member.index! + member[0].length - member[1]!.length;
      edits.push({ start, end: start + member[1]!.length, newText: random.pick(values) });
    }
    return { kind, edits };
  }
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return edits.reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

const summary = (findings: readonly Pick<PayloadFinding, 'pointer' | 'code' | 'severity' | 'message'>[]) => findings.map((finding) => `${finding.pointer}|${finding.code}|${finding.severity}|${finding.message}`).sort();

describe('payload: incremental findings equal a full re-check (property)', function () {
  this.timeout(soak ? 60 * 60_000 : 60_000);
  const validator = createPayloadValidator();
  const baseSeed = Number(process.env.PSDEV_SEED ?? Math.floor(Math.random() * 1e9));

  it(`${sequences} random edit sequences of ${steps} steps: values, records added and removed, duplicate client_uids, JSON broken and repaired`, () => {
    let reused = 0;
    let partialScans = 0;
    for (let sequence = 0; sequence < sequences; sequence++) {
      const seed = baseSeed + sequence;
      const random = createRandom(seed);
      const editor = new Editor(random);
      const count = random.int(0, 8);
      let text = JSON.stringify({ students: { student: Array.from({ length: count }, (_, index) => record(random, index)) } }, null, random.pick([0, 1, 2]));
      const session = validator.studentSession();
      let version = 1;
      const log: string[] = [];
      const check = () => {
        const fresh = validator.validateStudentText(text);
        const incremental = session.findings(text, version);
        reused += session.lastRun.reused;
        if (!session.lastRun.wholeScan) partialScans++;
        // Messages are built only on failure: this runs some 7,000 times.
        const replay = () => `replay: PSDEV_SEED=${seed} (base ${baseSeed}, sequence ${sequence}); steps: ${log.join(' → ')}\ntext: ${JSON.stringify(text)}`;
        if (!isDeepStrictEqual(incremental, fresh)) assert.deepEqual(incremental, fresh, `incremental ≠ fresh after ${log.length} steps\n${replay()}`);
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return;
        }
        if (fresh.some((finding) => finding.code === 'json-depth')) return;
        const byValue = summary(validator.validateStudentValue(value));
        if (!isDeepStrictEqual(summary(fresh), byValue)) assert.deepEqual(summary(fresh), byValue, `text path ≠ value path\n${replay()}`);
      };
      check();
      for (let step = 0; step < steps; step++) {
        const { kind, edits } = editor.step(text);
        log.push(`${kind} ${JSON.stringify(edits)}`);
        text = apply(text, edits);
        session.edit(++version, edits);
        if (random.chance(0.8)) check();
      }
      check();
    }
    assert.ok(reused > sequences, 'sessions kept records across edits');
    assert.ok(partialScans > sequences, 'sessions rescanned only edited stretches');
  });
});
