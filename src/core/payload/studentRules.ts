import { statusForCode, statusForLetter } from '../schema';
import { isDateShaped, isRealDate } from './dates';
import { psFieldOf } from './fieldLabel';
import { buildStudentFieldSpecs, type FieldSpec, type FlaggedSpecs, type StudentFieldSpecs } from './fieldSpecs';
import { appendPointer, type PathSegment } from './jsonPointer';
import { psInvalidDateMessage, psPhysicalStreetMessage, psRequiredMessage, type LocatedIssue } from './issue';
import type { StudentAction } from './types';

type JsonObject = Record<string, unknown>;

export const graduatedSchool = 999999;
export const graduatedGrade = 99;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const has = (object: JsonObject, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Integer value of an integer or a numeric string; undefined otherwise. */
export function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return Number(value);
  return undefined;
}

/** Name/phone pairs of `contact`: each given member needs the other (both directions, first member first). */
const contactPairs: readonly (readonly [string, string])[] = [
  ['emergency_contact_name1', 'emergency_phone1'], ['emergency_phone1', 'emergency_contact_name1'],
  ['emergency_contact_name2', 'emergency_phone2'], ['emergency_phone2', 'emergency_contact_name2'],
  ['doctor_name', 'doctor_phone'], ['doctor_phone', 'doctor_name'],
];
const gradeFields: readonly (readonly [string, string])[] = [
  ['school_enrollment', 'grade_level'],
  ['schedule_setup', 'sched_next_year_grade'],
  ['initial_enrollment', 'district_entry_grade_level'],
  ['initial_enrollment', 'school_entry_grade_level'],
];
/** Each address block with its field spec's key (constant strings: no key is built per record). */
const addressBlocks = [['physical', 'addresses.physical'], ['mailing', 'addresses.mailing']] as const;
const nameParts = ['last_name', 'first_name'] as const;

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The rules of PowerSchool's data dictionary that a JSON Schema cannot say well, for one record. */
class RecordRules {
  /** Never runs: it keeps the class, and the optimized code built on it, across full GCs (see `BodyScanner.idle`). */
  static readonly idle = new RecordRules({}, undefined, buildStudentFieldSpecs({ definitions: { student: {} } }), '');
  readonly issues: LocatedIssue[] = [];

  constructor(
    private readonly record: JsonObject,
    private readonly action: StudentAction | undefined,
    private readonly specs: StudentFieldSpecs,
    private readonly recordPointer: string,
  ) {}

  private add(path: readonly PathSegment[], issue: Omit<LocatedIssue, 'pointer'>): void {
    this.issues.push({ pointer: appendPointer(this.recordPointer, ...path), ...issue });
  }

  run(): LocatedIssue[] {
    this.fieldActions(this.record, this.specs.topLevelFlagged);
    const enrollment = this.record.school_enrollment;
    if (isObject(enrollment)) {
      this.bothStatusFields(enrollment);
      this.statusValues(enrollment);
    }
    if (isObject(this.record.contact)) this.pairs(this.record.contact);
    const addresses = this.record.addresses;
    if (isObject(addresses)) {
      for (const [kind, specKey] of addressBlocks) {
        const block = addresses[kind];
        if (isObject(block)) this.addressBlock(block, kind, specKey);
      }
    }
    this.dates();
    if (isObject(this.record.name)) this.blankNames(this.record.name);
    this.gradeLevels();
    this.graduatedSchool();
    return this.issues;
  }

  /** INSERT-only fields on UPDATE, read-only fields, id on INSERT: flagged once at the outermost key. */
  private fieldActions(object: JsonObject, flagged: FlaggedSpecs): void {
    const action = this.action;
    // Only subtrees that hold something this action would flag are walked (keeps 10,000 records cheap).
    for (const spec of flagged[action ?? 'unknown']) {
      const name = spec.segments[spec.segments.length - 1]!;
      if (!has(object, name)) continue;
      const path = spec.segments;
      const column = spec.column ? ` (${spec.column})` : '';
      if (spec.actions?.includes('READ')) {
        this.add(path, {
          highlight: 'key', severity: 'warning', code: 'read-only-field',
          message: `${spec.path} is read-only${column}: PowerSchool reports it on GET and ignores it on POST`,
          ps: { code: 'FIELD_IGNORED', field: psFieldOf(path), message: 'Field is read-only and was ignored' },
        });
        continue;
      }
      if (action && spec.actions && !spec.actions.includes(action)) {
        const insertOnly = action === 'UPDATE';
        this.add(path, {
          highlight: 'key', severity: 'warning', code: insertOnly ? 'insert-only-on-update' : 'id-on-insert',
          message: insertOnly
            ? `${spec.path} can only be set on INSERT${column}; PowerSchool does not change it on UPDATE`
            : `${spec.path} is assigned by PowerSchool on INSERT; a given id is ignored (it is only used to find the student on UPDATE)`,
          ps: { code: 'FIELD_IGNORED', field: psFieldOf(path), message: insertOnly ? 'Field may only be set on INSERT and was ignored' : 'Field is assigned by PowerSchool and was ignored' },
        });
        continue;
      }
      const value = object[name];
      if (spec.childSpecs.length && isObject(value)) this.fieldActions(value, spec.flaggedChildren);
    }
  }

  private bothStatusFields(enrollment: JsonObject): void {
    if (!has(enrollment, 'enroll_status') || !has(enrollment, 'enroll_status_code')) return;
    const keys = Object.keys(enrollment);
    const later = keys.indexOf('enroll_status') > keys.indexOf('enroll_status_code') ? 'enroll_status' : 'enroll_status_code';
    const earlier = later === 'enroll_status' ? 'enroll_status_code' : 'enroll_status';
    const path = ['school_enrollment', later];
    this.add(path, {
      highlight: 'key', severity: 'error', code: 'both-enroll-status',
      message: `school_enrollment gives both enroll_status and enroll_status_code: PowerSchool takes one or the other, never both`,
      fixes: [{ kind: 'remove-property', title: `Remove school_enrollment.${later}` }],
      ps: { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: `enroll_status and enroll_status_code may not both be specified (remove ${earlier} or ${later})` },
    });
  }

  private statusValues(enrollment: JsonObject): void {
    const letter = enrollment.enroll_status;
    const status = typeof letter === 'string' ? statusForLetter(letter) : undefined;
    if (typeof letter === 'string' && status) {
      const upper = status.letter;
      const path = ['school_enrollment', 'enroll_status'];
      if (this.action === 'INSERT' && !status.allowedOnInsert) {
        this.add(path, {
          highlight: 'value', severity: 'error', code: 'status-on-insert',
          message: `school_enrollment.enroll_status "${letter}" (${status.meaning}) is not allowed on INSERT: use A, I, P or H`,
          ps: { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: 'Value must be one of: A, I, P, H' },
        });
      } else if (letter !== upper) {
        this.add(path, {
          highlight: 'value', severity: 'info', code: 'status-letter-case',
          message: `school_enrollment.enroll_status "${letter}" is accepted, but PowerSchool reports status letters in upper case ("${upper}")`,
          fixes: [{ kind: 'replace-value', title: `Change to "${upper}"`, value: upper }],
        });
      }
    }
    const code = integerOf(enrollment.enroll_status_code);
    const codeStatus = code === undefined ? undefined : statusForCode(code);
    if (this.action === 'INSERT' && codeStatus && !codeStatus.allowedOnInsert) {
      const path = ['school_enrollment', 'enroll_status_code'];
      this.add(path, {
        highlight: 'value', severity: 'error', code: 'status-on-insert',
        message: `school_enrollment.enroll_status_code ${code} (${codeStatus.meaning}) is not allowed on INSERT: use 0, -1, 4 or another Inactive code`,
        ps: { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: 'Value may not be 2 or 3 on an insert' },
      });
    }
  }

  private pairs(contact: JsonObject): void {
    for (const [given, missing] of contactPairs) {
      if (isBlank(contact[given]) || !isBlank(contact[missing])) continue;
      const path = ['contact', given];
      this.add(path, {
        highlight: 'key', severity: 'error', code: 'pair-missing',
        message: `contact.${given} is given without contact.${missing}: PowerSchool requires both or neither`,
        ps: { code: 'REQUIRED', field: psFieldOf(['contact', missing]), message: psRequiredMessage },
      });
    }
  }

  private addressBlock(block: JsonObject, kind: string, specKey: string): void {
    const attributes = this.specs.byPath.get(specKey)?.children ?? [];
    // Loops, not some/filter: a complete block (nearly every record's) allocates nothing.
    let given = false;
    let missing: string[] | undefined;
    for (const name of attributes) {
      if (has(block, name)) given = true;
      if (name !== 'grid_location' && isBlank(block[name])) (missing ??= []).push(name);
    }
    if (!given || !missing) return;
    const path = ['addresses', kind];
    // PowerSchool has its own code for the physical street (real-server-behaviour.md).
    const street = kind === 'physical' && missing[0] === 'street';
    this.add(path, {
      highlight: 'key', severity: 'error', code: 'address-incomplete',
      message: `addresses.${kind} lacks ${missing.join(', ')}: an address block is all-or-nothing (only grid_location may be left out)${street ? `; PowerSchool answers REQUIRED_PHYSICAL_STREET "${psPhysicalStreetMessage}"` : ''}`,
      ps: street
        ? { code: 'REQUIRED_PHYSICAL_STREET', field: psFieldOf([...path, 'street']), message: psPhysicalStreetMessage }
        : { code: 'REQUIRED', field: psFieldOf([...path, missing[0]!]), message: psRequiredMessage },
    });
  }

  private valueAt(spec: FieldSpec): unknown {
    let value: unknown = this.record;
    for (const segment of spec.segments) {
      if (!isObject(value)) return undefined;
      value = value[segment];
    }
    return value;
  }

  private dates(): void {
    for (const spec of this.specs.dateFields) {
      const value = this.valueAt(spec);
      if (typeof value !== 'string' || !isDateShaped(value) || isRealDate(value)) continue;
      this.add(spec.segments, {
        highlight: 'value', severity: 'error', code: 'impossible-date',
        message: `${spec.path} "${value}" is not a real date (no such day in that month); PowerSchool answers INVALID_DATE_VALUE`,
        ps: { code: 'INVALID_DATE_VALUE', field: psFieldOf(spec.segments), message: psInvalidDateMessage },
      });
    }
    const enrollment = this.record.school_enrollment;
    if (!isObject(enrollment)) return;
    const entry = enrollment.entry_date;
    const exit = enrollment.exit_date;
    if (typeof entry === 'string' && typeof exit === 'string' && isRealDate(entry) && isRealDate(exit) && exit <= entry) {
      this.add(['school_enrollment', 'exit_date'], {
        highlight: 'value', severity: 'error', code: 'exit-before-entry',
        message: `school_enrollment.exit_date ${exit} must be after entry_date ${entry}: it is the day after the student last attended`,
        ps: { code: 'FIELD_VALIDATION_ERROR', field: 'school_enrollment/exit_date', message: 'Exit date must be after the entry date' },
      });
    }
  }

  private blankNames(name: JsonObject): void {
    for (const part of nameParts) {
      const value = name[part];
      if (typeof value !== 'string' || value.trim() !== '') continue;
      const path = ['name', part];
      const update = this.action !== 'INSERT';
      this.add(path, {
        highlight: 'value', severity: 'error', code: 'blank-name',
        message: update ? `name.${part} may not be updated to blank` : `name.${part} is required when enrolling a new student and may not be blank`,
        ps: update
          ? { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: 'Value may not be blank' }
          : { code: 'REQUIRED', field: psFieldOf(path), message: psRequiredMessage },
      });
    }
  }

  private gradeLevels(): void {
    // PowerSchool does not range-check grades on UPDATE (999 is accepted, real-server-behaviour.md).
    if (this.action === 'UPDATE') return;
    for (const [group, field] of gradeFields) {
      const object = this.record[group];
      if (!isObject(object)) continue;
      const grade = integerOf(object[field]);
      if (grade === undefined || grade === graduatedGrade || (grade >= -9 && grade <= 12)) continue;
      this.add([group, field], {
        highlight: 'value', severity: 'warning', code: 'grade-level',
        message: `${group}.${field} ${grade} is not a grade level: grades run from preschool (-1, -2, …) and kindergarten (0) through 12, and 99 is the graduated school's grade`,
        ps: { code: 'FIELD_VALIDATION_ERROR', field: `${group}/${field}`, message: 'Value is not a valid grade level' },
      });
    }
  }

  /** School 999999 is the graduated school and its grade is 99: one implies the other. */
  private graduatedSchool(): void {
    this.schoolGradePair('schedule_setup', 'next_school', 'sched_next_year_grade');
    this.schoolGradePair('school_enrollment', 'school_number', 'grade_level');
  }

  private schoolGradePair(group: string, schoolField: string, gradeField: string): void {
    const object = this.record[group];
    if (!isObject(object)) return;
    const school = integerOf(object[schoolField]);
    const grade = integerOf(object[gradeField]);
    if (school === graduatedSchool && grade !== undefined && grade !== graduatedGrade) {
      const path = [group, gradeField];
      this.add(path, {
        highlight: 'value', severity: 'error', code: 'graduated-school',
        message: `${group}.${schoolField} ${graduatedSchool} is the graduated school, whose grade is ${graduatedGrade}; ${group}.${gradeField} is ${grade}`,
        fixes: [{ kind: 'replace-value', title: `Set ${gradeField} to ${graduatedGrade}`, value: typeof object[gradeField] === 'string' ? String(graduatedGrade) : graduatedGrade }],
        ps: { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: 'The grade of a graduated school is 99' },
      });
    } else if (grade === graduatedGrade && school !== undefined && school !== graduatedSchool) {
      const path = [group, schoolField];
      this.add(path, {
        highlight: 'value', severity: 'error', code: 'graduated-school',
        message: `${group}.${gradeField} ${graduatedGrade} is the graduated school's grade, but ${group}.${schoolField} is ${school}, not ${graduatedSchool}`,
        ps: { code: 'FIELD_VALIDATION_ERROR', field: psFieldOf(path), message: 'Grade 99 belongs to the graduated school 999999' },
      });
    }
  }
}

/** Cross-field rules for one student record; pointers are `recordPointer` + the field's path. */
export function checkRecordRules(record: JsonObject, action: StudentAction | undefined, specs: StudentFieldSpecs, recordPointer: string): LocatedIssue[] {
  return new RecordRules(record, action, specs, recordPointer).run();
}

/** INSERT or UPDATE from a record's `action`, case-insensitively; undefined when unusable. */
export function actionOf(value: unknown): StudentAction | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper === 'INSERT' || upper === 'UPDATE' ? upper : undefined;
}
