import * as assert from 'node:assert/strict';
import type { PayloadFinding, TextEdit } from '../../../src/core/payload';

/** A valid INSERT record with every field group filled in. */
export function insertRecord(): Record<string, any> {
  return {
    client_uid: 'c1',
    action: 'INSERT',
    local_id: 100001,
    state_province_id: 'ST-1',
    name: { first_name: 'Ada', middle_name: 'K', last_name: 'Lovelace' },
    school_enrollment: {
      enroll_status: 'A', grade_level: 5, entry_date: '2024-08-20', exit_date: '2025-06-10', school_number: 100,
      entry_code: 'E1', district_of_residence: 'D1', track: 'A', full_time_equivalency: { fteid: 1 },
    },
    addresses: {
      physical: { street: '1 Main St', city: 'Springfield', state_province: 'IL', postal_code: '62701', grid_location: '39.78,-89.65' },
      mailing: { street: 'PO Box 1', city: 'Springfield', state_province: 'IL', postal_code: '62701' },
    },
    contact: {
      emergency_contact_name1: 'Mom', emergency_phone1: '555-0101', emergency_contact_name2: 'Dad', emergency_phone2: '555-0102',
      doctor_name: 'Dr Who', doctor_phone: '555-0103', mother: 'Mom', father: 'Dad', guardian_email: 'mom@example.org', guardian_fax: '555-0104',
    },
    contact_info: { email: 'ada@example.org' },
    demographics: { gender: 'F', birth_date: '2014-02-28', district_entry_date: '2019-08-21', projected_graduation_year: 2032 },
    initial_enrollment: { district_entry_date: '2019-08-21', district_entry_grade_level: 0, school_entry_date: '2024-08-20', school_entry_grade_level: 5 },
    phones: { main: { number: '555-0100' } },
    schedule_setup: { home_room: '101', next_school: 200, sched_next_year_grade: 6 },
  };
}

/** A valid UPDATE record. */
export function updateRecord(): Record<string, any> {
  return { client_uid: 'u1', action: 'UPDATE', id: '442', name: { first_name: 'Aaronia', last_name: 'Stephaniia' }, contact_info: { email: 'a@example.org' } };
}

export function body(...records: Record<string, unknown>[]): string {
  return JSON.stringify({ students: { student: records } }, null, 2);
}

/**
 * Where the member reached by `keys` sits in `text`, found by plain searching (each key is
 * searched after the previous one), independent of the validator's own locator.
 */
export function where(text: string, keys: readonly string[], from = 0): { keyStart: number; keyEnd: number; valueStart: number } {
  let position = from;
  let keyStart = -1;
  for (const key of keys) {
    keyStart = text.indexOf(JSON.stringify(key), position);
    assert.ok(keyStart >= 0, `key ${key} not in text`);
    position = keyStart + 1;
  }
  const keyEnd = keyStart + JSON.stringify(keys[keys.length - 1]).length;
  let valueStart = text.indexOf(':', keyEnd) + 1;
  while (/\s/.test(text[valueStart]!)) valueStart++;
  return { keyStart, keyEnd, valueStart };
}

export function only(findings: readonly PayloadFinding[], code: string): PayloadFinding {
  const matching = findings.filter((finding) => finding.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got: ${JSON.stringify(findings.map((f) => [f.code, f.pointer, f.message]))}`);
  return matching[0]!;
}

export function none(findings: readonly PayloadFinding[], code?: string): void {
  const matching = code ? findings.filter((finding) => finding.code === code) : findings;
  assert.deepEqual(matching.map((f) => [f.code, f.pointer, f.message]), []);
}

/** Asserts the finding covers exactly the value (given as JSON) of the member at `keys`. */
export function assertValueRange(text: string, finding: PayloadFinding, keys: readonly string[], valueJson: string, from = 0): void {
  const { valueStart } = where(text, keys, from);
  assert.equal(text.slice(valueStart, valueStart + valueJson.length), valueJson);
  assert.deepEqual([finding.start, finding.end], [valueStart, valueStart + valueJson.length]);
}

export function assertKeyRange(text: string, finding: PayloadFinding, keys: readonly string[], from = 0): void {
  const { keyStart, keyEnd } = where(text, keys, from);
  assert.deepEqual([finding.start, finding.end], [keyStart, keyEnd]);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** Offset of the n-th (0-based) student object's `{` in a body made by `body`. */
export function recordStart(text: string, index: number): number {
  let position = text.indexOf('"student": [') + '"student": ['.length;
  for (let seen = -1; position < text.length; position++) {
    if (text[position] === '{' && /^\n {6}\{$/.test(text.slice(position - 7, position + 1))) {
      seen++;
      if (seen === index) return position;
    }
  }
  throw new Error(`no record ${index}`);
}
