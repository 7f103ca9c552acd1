import { byRange } from '../text';
import { batchKeysOf, checkBatch, clientUidAllocator, recordSlotsOf, type BatchKeys } from './batchRules';
import { scanStudentBody, type BodyShape } from './bodyScan';
import { depthFinding, tooDeepOffset } from './depth';
import { editsFor, findingOf, locateIssues, placed, toFindings } from './findings';
import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import type { NodeLocation } from './locate';
import { isObject } from './studentRules';
import { parseJson } from './syntax';
import type { PayloadFinding } from './types';

/** The compiled checks a student body is made of: its shape outside the records, and one record. */
export interface StudentBodyRules {
  /** Findings about `students` / `student` themselves (the records are not looked into). */
  envelopeIssues(body: unknown): LocatedIssue[];
  /** One record's findings, pointers relative to the record. */
  recordIssues(record: unknown): LocatedIssue[];
}

/**
 * One record's findings as a pure function of its text: offsets from its first character,
 * pointers below it. That is what lets them be kept while the record's text is unchanged.
 */
export interface CheckedRecord extends BatchKeys {
  readonly findings: readonly PayloadFinding[];
  /** False for an element that is not an object: no body-wide rule applies to it. */
  readonly isObject: boolean;
  /** Its missing-client_uid finding (by index), whose fix is decided across the body. */
  readonly clientUidFix: { readonly finding: number; readonly location: NodeLocation } | undefined;
}

/** Every clean record's findings: one array, since a body keeps a check per record while it is checked. */
const noFindings: readonly PayloadFinding[] = Object.freeze([]);

/** A record of the array form at its current place in the text. */
export interface RecordEntry {
  start: number;
  end: number;
  readonly check: CheckedRecord;
}

export interface BodyFindings {
  readonly findings: PayloadFinding[];
  /** With a session: every record with its check, when the body has the array form and is valid JSON. */
  readonly records?: RecordEntry[];
  /** Where the record array's `[` and `]` are, with `records`. */
  readonly array?: { readonly open: number; readonly close: number };
  /** How many records were checked afresh, and how many kept from `previous`. */
  readonly checked: number;
  readonly reused: number;
}

const recordsPointer = '/students/student';
const noKeys: BatchKeys = { clientUid: undefined, insertLocalId: undefined };

function moved(location: NodeLocation, offset: number): NodeLocation {
  const by = (value: number | undefined) => (value === undefined ? undefined : value + offset);
  return {
    valueStart: location.valueStart + offset, valueEnd: location.valueEnd + offset,
    keyStart: by(location.keyStart), keyEnd: by(location.keyEnd), removeStart: by(location.removeStart), removeEnd: by(location.removeEnd), firstKeyStart: by(location.firstKeyStart),
  };
}

/** Parses and checks the record at `[start, end)` of `text`; undefined when it is not valid JSON. */
function checkRecordText(text: string, start: number, end: number, rules: StudentBodyRules): CheckedRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    return undefined;
  }
  const record = isObject(value);
  const { clientUid, insertLocalId } = record ? batchKeysOf(value as Record<string, unknown>) : noKeys;
  const issues = rules.recordIssues(value);
  if (issues.length === 0) return { findings: noFindings, isObject: record, clientUid, insertLocalId, clientUidFix: undefined };
  const findings: PayloadFinding[] = [];
  let clientUidFix: CheckedRecord['clientUidFix'];
  for (const { issue, location } of locateIssues(text, issues, { from: start })) {
    if (issue.wantsClientUid) clientUidFix = { finding: findings.length, location: moved(location, -start) };
    findings.push(placed(findingOf(issue, location, text), -start));
  }
  return { findings, isObject: record, clientUid, insertLocalId, clientUidFix };
}

/** Every issue of a parsed body, pointers from its root: the envelope, each record, the rules across records. */
export function studentBodyIssues(body: unknown, rules: StudentBodyRules): LocatedIssue[] {
  const issues = rules.envelopeIssues(body);
  const batch: BatchKeys[] = [];
  const batchPointers: string[] = [];
  const wanting: LocatedIssue[] = [];
  for (const { value, pointer } of recordSlotsOf(body)) {
    for (const issue of rules.recordIssues(value)) {
      const absolute = { ...issue, pointer: pointer + issue.pointer };
      if (issue.wantsClientUid) wanting.push(absolute);
      issues.push(absolute);
    }
    if (isObject(value)) {
      batch.push(batchKeysOf(value));
      batchPointers.push(pointer);
    }
  }
  const allocate = clientUidAllocator(batch);
  for (const issue of wanting) (issue as { fixes?: unknown }).fixes = [allocate()];
  for (const { record, issue } of checkBatch(batch)) issues.push({ ...issue, pointer: batchPointers[record] + issue.pointer });
  return issues;
}

/** The body parsed whole: any shape, syntax errors included. */
function wholeBodyFindings(text: string, rules: StudentBodyRules, depthChecked: boolean): PayloadFinding[] {
  const tooDeep = depthChecked ? undefined : tooDeepOffset(text);
  if (tooDeep !== undefined) return [depthFinding(tooDeep)];
  const parsed = parseJson(text);
  return parsed.ok ? toFindings(text, studentBodyIssues(parsed.value, rules)) : parsed.findings;
}

/** What a session keeps between two checks of one document (see `StudentPayloadSession`). */
export interface SessionState {
  /** The records of the last check, spans moved by the edits since; a record found at the same span keeps its check. */
  readonly previous: readonly RecordEntry[];
  /** The scan's answer, when the session has it from rescanning only what changed. */
  readonly known?: BodyShape;
}

/**
 * A student body's findings. The array form is checked record by record: one scan finds
 * each record's span, each record is parsed and checked on its own (so its objects die
 * young), and with a `session`, a record whose span is in `previous` (its text untouched
 * since) keeps its check, and every record comes back with its check for the next time.
 * The rules across records run over the records' keys. Any other shape, and text that is
 * not valid JSON, is parsed whole, as before. Without a session nothing is kept per record
 * but its check: one small object alive per record while the body is checked (there were four,
 * and a string per numeric id), which is what each young-generation GC has to copy.
 */
export function studentBodyFindings(text: string, rules: StudentBodyRules, session?: SessionState): BodyFindings {
  const previous = session?.previous ?? [];
  const shape = session?.known ?? scanStudentBody(text);
  if (shape.kind === 'too-deep') return { findings: [depthFinding(shape.offset)], checked: 0, reused: 0 };
  if (shape.kind === 'other') return { findings: wholeBodyFindings(text, rules, false), checked: 0, reused: 0 };
  const { open, close, starts, ends } = shape;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let envelope: unknown;
  try {
    envelope = JSON.parse(text.slice(bom, open + 1) + text.slice(close));
  } catch {
    return { findings: wholeBodyFindings(text, rules, true), checked: 0, reused: 0 };
  }
  const checks: CheckedRecord[] = new Array(starts.length);
  let checked = 0;
  let kept = 0;
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index]!;
    const end = ends[index]!;
    while (kept < previous.length && previous[kept]!.start < start) kept++;
    const earlier = previous[kept];
    let check = earlier && earlier.start === start && earlier.end === end ? earlier.check : undefined;
    if (!check) {
      check = checkRecordText(text, start, end, rules);
      if (!check) return { findings: wholeBodyFindings(text, rules, true), checked, reused: index - checked };
      checked++;
    }
    checks[index] = check;
  }
  // The envelope's checks see the array's length (at least one record), not its records.
  ((envelope as { students: { student: unknown[] } }).students.student) = new Array<unknown>(checks.length);
  const findings = toFindings(text, rules.envelopeIssues(envelope), { skip: { start: open, end: close + 1 } });
  // The rules across records count and name only the elements that are objects.
  const everyObject = checks.every((check) => check.isObject);
  const batch = everyObject ? checks : checks.filter((check) => check.isObject);
  const recordOf = everyObject ? undefined : checks.flatMap((check, index) => (check.isObject ? [index] : []));
  const allocate = clientUidAllocator(batch);
  for (let index = 0; index < checks.length; index++) {
    const check = checks[index]!;
    if (check.findings.length === 0) continue;
    const start = starts[index]!;
    const pointer = appendPointer(recordsPointer, index);
    check.findings.forEach((finding, at) => {
      const here = placed(finding, start, pointer);
      const fix = check.clientUidFix?.finding === at ? check.clientUidFix : undefined;
      if (!fix) return findings.push(here);
      const intent = allocate();
      const edits = editsFor(intent, moved(fix.location, start), text);
      return findings.push(edits ? { ...here, fixes: [{ title: intent.title, edits }] } : here);
    });
  }
  for (const { record, issue } of checkBatch(batch)) {
    const index = recordOf ? recordOf[record]! : record;
    const [finding] = toFindings(text, [issue], { from: starts[index]! });
    findings.push(placed(finding!, 0, appendPointer(recordsPointer, index)));
  }
  findings.sort(byRange);
  const records = session ? checks.map((check, index): RecordEntry => ({ start: starts[index]!, end: ends[index]!, check })) : undefined;
  return { findings, ...(records ? { records, array: { open, close } } : {}), checked, reused: checks.length - checked };
}
