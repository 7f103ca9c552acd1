import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { actionOf, isObject } from './studentRules';
import type { FixIntent } from './types';

/**
 * What the rules across a body's records read of one record, as given (read once per record,
 * kept with its other findings). Nothing is derived here: a 10,000-record body keeps 10,000 of
 * these while it is checked, so each one is two fields and no strings of its own.
 */
export interface BatchKeys {
  readonly clientUid: unknown;
  /** The local_id of an INSERT (an UPDATE's is not checked for repeats); undefined otherwise. */
  readonly insertLocalId: unknown;
}

export function batchKeysOf(record: Record<string, unknown>): BatchKeys {
  return { clientUid: record.client_uid, insertLocalId: actionOf(record.action) === 'INSERT' ? record.local_id : undefined };
}

/**
 * The key two ids are compared by: "124", " 124 " and 124 are one once PowerSchool has read them,
 * i.e. equal when `String(id).trim()` is. A number is its own key and a string that is the
 * canonical text of a number becomes that number, which says the same without turning every
 * numeric id into a string. Undefined for anything but a string or a number.
 */
function idKey(id: unknown): string | number | undefined {
  if (typeof id === 'number') return id;
  if (typeof id !== 'string') return undefined;
  const trimmed = id.trim();
  const number = Number(trimmed);
  return String(number) === trimmed ? number : trimmed;
}

/**
 * Rules across the (object) records of one request, in one pass over their keys; pointers are
 * relative to the record named by `record`. client_uid must be
 * unique (it is how results are matched to records; "124" and 124 are the same once
 * PowerSchool has read them), and two INSERTs may not claim the same local_id (student number).
 */
export function checkBatch(records: readonly BatchKeys[]): { readonly record: number; readonly issue: LocatedIssue }[] {
  const issues: { record: number; issue: LocatedIssue }[] = [];
  const uids = new Map<string | number, number>();
  const localIds = new Map<string | number, number>();
  for (let index = 0; index < records.length; index++) {
    const { clientUid: uid, insertLocalId: localId } = records[index]!;
    const uidKey = idKey(uid);
    if (uidKey !== undefined) {
      const first = uids.get(uidKey);
      if (first === undefined) uids.set(uidKey, index);
      else {
        issues.push({
          record: index,
          issue: {
            pointer: '/client_uid', highlight: 'value', severity: 'error', code: 'duplicate-client-uid',
            message: `client_uid ${JSON.stringify(uid)} is already used by student ${first} of this request: each record needs its own, or results cannot be told apart`,
          },
        });
      }
    }
    const localIdKey = idKey(localId);
    if (localIdKey !== undefined) {
      const first = localIds.get(localIdKey);
      if (first === undefined) localIds.set(localIdKey, index);
      else {
        issues.push({
          record: index,
          issue: {
            pointer: '/local_id', highlight: 'value', severity: 'error', code: 'duplicate-local-id',
            message: `local_id ${JSON.stringify(localId)} is also inserted by student ${first} of this request: student numbers must be unique`,
          },
        });
      }
    }
  }
  return issues;
}

/** Hands out client_uids no record of the body uses ("1", "2", …), in record order. */
export function clientUidAllocator(records: readonly BatchKeys[]): () => FixIntent {
  let used: Set<string> | undefined;
  let next = 1;
  return () => {
    used ??= new Set(records.map((keys) => String(keys.clientUid ?? '')));
    while (used.has(String(next))) next++;
    const uid = String(next);
    used.add(uid);
    return { kind: 'insert-property', title: `Add "client_uid": "${uid}"`, name: 'client_uid', value: uid };
  };
}

/** Where a body keeps its records: `students.student` as an array (any element) or the single-object form. */
export interface RecordSlot {
  readonly value: unknown;
  readonly pointer: string;
}

export function recordSlotsOf(body: unknown): RecordSlot[] {
  if (!isObject(body) || !isObject(body.students) || !Object.prototype.hasOwnProperty.call(body.students, 'student')) return [];
  const student = body.students.student;
  if (Array.isArray(student)) return student.map((value, index) => ({ value, pointer: appendPointer('/students/student', index) }));
  return [{ value: student, pointer: '/students/student' }];
}
