import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { actionOf, isObject } from './studentRules';

export interface BatchRecord {
  readonly record: Record<string, unknown>;
  readonly pointer: string;
}

/**
 * Rules across the records of one request, in one pass: client_uid must be unique (it is
 * how results are matched to records; "124" and 124 are the same once PowerSchool has read
 * them), and two INSERTs may not claim the same local_id (student number).
 */
export function checkBatch(records: readonly BatchRecord[]): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const uids = new Map<string, number>();
  const localIds = new Map<string, number>();
  records.forEach(({ record, pointer }, index) => {
    const uid = record.client_uid;
    if (typeof uid === 'string' || typeof uid === 'number') {
      const key = String(uid).trim();
      const first = uids.get(key);
      if (first === undefined) uids.set(key, index);
      else {
        issues.push({
          pointer: appendPointer(pointer, 'client_uid'), highlight: 'value', severity: 'error', code: 'duplicate-client-uid',
          message: `client_uid ${JSON.stringify(uid)} is already used by student ${first} of this request: each record needs its own, or results cannot be told apart`,
        });
      }
    }
    const localId = record.local_id;
    if (actionOf(record.action) === 'INSERT' && (typeof localId === 'string' || typeof localId === 'number')) {
      const key = String(localId).trim();
      const first = localIds.get(key);
      if (first === undefined) localIds.set(key, index);
      else {
        issues.push({
          pointer: appendPointer(pointer, 'local_id'), highlight: 'value', severity: 'error', code: 'duplicate-local-id',
          message: `local_id ${JSON.stringify(localId)} is also inserted by student ${first} of this request: student numbers must be unique`,
        });
      }
    }
  });
  return issues;
}

/** The records of a body: `students.student` as an array or the single-object form. */
export function studentRecordsOf(value: unknown): BatchRecord[] {
  if (!isObject(value) || !isObject(value.students)) return [];
  const student = value.students.student;
  if (Array.isArray(student)) {
    const records: BatchRecord[] = [];
    student.forEach((record, index) => {
      if (isObject(record)) records.push({ record, pointer: appendPointer('/students/student', index) });
    });
    return records;
  }
  return isObject(student) ? [{ record: student, pointer: '/students/student' }] : [];
}
