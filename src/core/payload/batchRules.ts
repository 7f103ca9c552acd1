import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { actionOf, isObject } from './studentRules';
import type { FixIntent } from './types';

/** What the rules across a body's records need of one record: read once, kept with its other findings. */
export interface BatchKeys {
  readonly clientUid?: string | number;
  /** `clientUid` as records are compared: "124" and 124 are one. */
  readonly uidKey?: string;
  /** The local_id of an INSERT (an UPDATE's is not checked for repeats). */
  readonly insertLocalId?: string | number;
  readonly localIdKey?: string;
  /** `client_uid` as the "Add client_uid" fix compares it ('' when absent). */
  readonly uidText: string;
}

export function batchKeysOf(record: Record<string, unknown>): BatchKeys {
  // Plain assignments, no spreads: this runs for every record of a 10,000-record body.
  const uid = record.client_uid;
  const localId = record.local_id;
  const keys: { -readonly [K in keyof BatchKeys]: BatchKeys[K] } = { uidText: String(uid ?? '') };
  if (typeof uid === 'string' || typeof uid === 'number') {
    keys.clientUid = uid;
    keys.uidKey = String(uid).trim();
  }
  if ((typeof localId === 'string' || typeof localId === 'number') && actionOf(record.action) === 'INSERT') {
    keys.insertLocalId = localId;
    keys.localIdKey = String(localId).trim();
  }
  return keys;
}

/**
 * Rules across the (object) records of one request, in one pass over their keys; pointers are
 * relative to the record named by `record`. client_uid must be
 * unique (it is how results are matched to records; "124" and 124 are the same once
 * PowerSchool has read them), and two INSERTs may not claim the same local_id (student number).
 */
export function checkBatch(records: readonly BatchKeys[]): { readonly record: number; readonly issue: LocatedIssue }[] {
  const issues: { record: number; issue: LocatedIssue }[] = [];
  const uids = new Map<string, number>();
  const localIds = new Map<string, number>();
  records.forEach((keys, index) => {
    const uid = keys.clientUid;
    if (keys.uidKey !== undefined) {
      const first = uids.get(keys.uidKey);
      if (first === undefined) uids.set(keys.uidKey, index);
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
    const localId = keys.insertLocalId;
    if (keys.localIdKey !== undefined) {
      const first = localIds.get(keys.localIdKey);
      if (first === undefined) localIds.set(keys.localIdKey, index);
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
  });
  return issues;
}

/** Hands out client_uids no record of the body uses ("1", "2", …), in record order. */
export function clientUidAllocator(records: readonly BatchKeys[]): () => FixIntent {
  let used: Set<string> | undefined;
  let next = 1;
  return () => {
    used ??= new Set(records.map((keys) => keys.uidText));
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
