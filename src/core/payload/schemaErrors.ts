import type { ErrorObject } from 'ajv';
import { didYouMean } from '../text';
import { labelOf, psFieldOf, specKeyOf, type FieldRef } from './fieldLabel';
import type { StudentFieldSpecs } from './fieldSpecs';
import { appendPointer } from './jsonPointer';
import { schemaDatePattern } from './dates';
import { psIntegerMessages, psInvalidDateMessage, psLengthMessage, psRequiredMessage, type LocatedIssue, type PowerSchoolView } from './issue';
import type { FixIntent, PowerSchoolErrorCode } from './types';

export interface SchemaErrorContext {
  readonly fieldRef: (pointer: string) => FieldRef;
  readonly specs?: StudentFieldSpecs;
}

const integerPattern = '^-?[0-9]+$';

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? text.slice(0, 37) + '…' : text;
}

function describeTypes(types: string): string {
  const list = types.split(',');
  if (list.includes('integer') && list.includes('string') && list.length === 2) return 'an integer';
  const names: Record<string, string> = { string: 'text (a string)', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };
  if (list.length === 1) return names[list[0]!] ?? list[0]!;
  return list.map((type) => names[type] ?? type).join(', ').replace(/, ([^,]*)$/, ' or $1');
}

function columnNote(context: SchemaErrorContext, segments: readonly string[] | undefined): string {
  if (!segments || !context.specs) return '';
  const column = context.specs.byPath.get(specKeyOf(segments))?.column;
  return column ? ` (${column})` : '';
}

function psCodeFor(segments: readonly string[] | undefined, fallback: PowerSchoolErrorCode): PowerSchoolErrorCode {
  return segments && segments.length === 1 && segments[0] === 'local_id' ? 'INVALID_LOCAL_ID' : fallback;
}

/** Turns one ajv error into a finding whose message names the field and the rule; undefined for noise. */
function mapError(error: ErrorObject, context: SchemaErrorContext): LocatedIssue | undefined {
  // `if` only says a `then` failed (reported on its own); propertyName errors repeat `propertyNames`.
  if (error.keyword === 'if' || error.keyword === 'allOf' || (error as { propertyName?: string }).propertyName !== undefined) return undefined;
  // The schema states some PowerSchool rules for VS Code's own JSON support (x-ps-rule);
  // the rules module reports those with better messages and PowerSchool's codes.
  if ((error.parentSchema as Record<string, unknown> | undefined)?.['x-ps-rule'] !== undefined) return undefined;
  const pointer = error.instancePath;
  const ref = context.fieldRef(pointer);
  const where = ref.inRecord ?? ref.segments;
  const label = labelOf(where);
  const column = columnNote(context, ref.inRecord);
  const ps = (code: PowerSchoolErrorCode, message: string, segments = where): PowerSchoolView | undefined =>
    ref.inRecord ? { code: psCodeFor(segments, code), field: psFieldOf(segments), message } : undefined;
  const params = error.params as Record<string, unknown>;
  const psInteger = (): PowerSchoolView[] | undefined =>
    ref.inRecord ? psIntegerMessages(error.data).map((message) => ps('FIELD_VALIDATION_ERROR', message)!) : undefined;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const field = [...where, missing];
      const fieldLabel = labelOf(ref.inRecord ? field : [...ref.segments, missing]);
      const onInsert = error.schemaPath.includes('/allOf/1/then');
      const onUpdate = error.schemaPath.includes('/allOf/0/then');
      let message: string;
      let wantsClientUid = false;
      if (onUpdate) message = `${fieldLabel} is required on UPDATE: it names the student to change (Students.DCID)`;
      else if (onInsert) message = `${fieldLabel} is required when enrolling a new student (action INSERT)${columnNote(context, field)}`;
      else if (missing === 'client_uid' && ref.inRecord) {
        message = 'client_uid is required on every student record: PowerSchool echoes it in the result so each result matches its record';
        wantsClientUid = true;
      } else if (missing === 'action' && ref.inRecord) message = 'action is required on every student record: INSERT or UPDATE';
      else message = `${fieldLabel} is required`;
      return {
        pointer, highlight: 'container', severity: 'error', code: 'required', message,
        ...(wantsClientUid ? { wantsClientUid } : {}), ps: ps('REQUIRED', psRequiredMessage, field),
      };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(((error.parentSchema ?? {}) as { properties?: object }).properties ?? {}).filter((key) => key !== '$schema');
      const inside = where.length ? ` in ${label}` : '';
      const student = ref.inRecord ? " PowerSchool's student data dictionary has no such field." : '';
      return {
        pointer: appendPointer(pointer, name), highlight: 'key', severity: 'warning', code: 'unknown-field',
        message: `unknown field '${name}'${inside}${didYouMean(name, known)}.${student}`,
        ps: ps('FIELD_IGNORED', `Unknown element ${name}`, [...where, name]),
      };
    }
    case 'type': {
      const expected = describeTypes(String(params.type));
      const integer = expected === 'an integer';
      return {
        pointer, highlight: 'value', severity: 'error', code: 'type',
        message: `${label} must be ${expected}, not ${shown(error.data)}${column}`,
        ps: integer ? psInteger() : ps('FIELD_VALIDATION_ERROR', `Value must be ${expected}`),
      };
    }
    case 'pattern': {
      if (params.pattern === schemaDatePattern) {
        return {
          pointer, highlight: 'value', severity: 'error', code: 'date-format',
          message: `${label} must be a date written YYYY-MM-DD (or "" to clear it), not ${shown(error.data)}${column}; PowerSchool answers INVALID_DATE_VALUE`,
          ps: ps('INVALID_DATE_VALUE', psInvalidDateMessage),
        };
      }
      const integer = params.pattern === integerPattern;
      return {
        pointer, highlight: 'value', severity: 'error', code: integer ? 'type' : 'pattern',
        message: integer ? `${label} must be an integer, not ${shown(error.data)}${column}` : `${label} ${shown(error.data)} does not match ${String(params.pattern)}`,
        ps: integer ? psInteger() : ps('FIELD_VALIDATION_ERROR', 'Value is not valid'),
      };
    }
    case 'maxLength': {
      const limit = Number(params.limit);
      const length = typeof error.data === 'string' ? error.data.length : 0;
      return {
        pointer, highlight: 'value', severity: 'error', code: 'max-length',
        message: `${label} is ${length} characters long; PowerSchool allows at most ${limit}${column}`,
        ps: ps('FIELD_VALIDATION_ERROR', psLengthMessage(limit)),
      };
    }
    case 'minLength':
      return {
        pointer, highlight: 'value', severity: 'error', code: 'empty',
        message: `${label} must not be empty`, ps: ps('REQUIRED', psRequiredMessage),
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const distinct = allowed.filter((value) => value === value.toUpperCase());
      const fixes: FixIntent[] = [];
      if (typeof error.data === 'string' && allowed.includes(error.data.toUpperCase())) {
        fixes.push({ kind: 'replace-value', title: `Change to "${error.data.toUpperCase()}"`, value: error.data.toUpperCase() });
      }
      return {
        pointer, highlight: 'value', severity: 'error', code: 'enum',
        message: `${label} must be one of ${distinct.join(', ')}, not ${shown(error.data)}${column}`,
        ...(fixes.length ? { fixes } : {}),
        ps: ps('FIELD_VALIDATION_ERROR', `Value must be one of: ${distinct.join(', ')}`),
      };
    }
    case 'format':
      return {
        pointer, highlight: 'value', severity: 'error', code: 'format',
        message: `${label} must be a valid ${String(params.format)}, not ${shown(error.data)}`,
        ps: ps('FIELD_VALIDATION_ERROR', `Value must be a valid ${String(params.format)}`),
      };
    case 'minimum':
    case 'maximum':
      return {
        pointer, highlight: 'value', severity: 'error', code: 'range',
        message: `${label} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}, not ${shown(error.data)}${column}`,
        ps: ps('FIELD_VALIDATION_ERROR', `Value must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}`),
      };
    case 'minItems':
      return { pointer, highlight: 'value', severity: 'error', code: 'empty', message: `${label} is empty: give at least one record` };
    case 'minProperties':
    case 'maxProperties':
      return {
        pointer, highlight: 'value', severity: 'error', code: 'table-count',
        message: where.length === 1 && where[0] === 'tables' ? 'tables must hold exactly one table, named as in the request path' : `${label} must have at least one property`,
      };
    case 'propertyNames': {
      const name = String(params.propertyName);
      return {
        pointer: appendPointer(pointer, name), highlight: 'key', severity: 'error', code: 'name',
        message: `'${name}' is not a valid table or column name (letters, digits and _, starting with a letter)`,
      };
    }
    default:
      return { pointer, highlight: 'value', severity: 'error', code: 'schema', message: `${label} ${error.message ?? 'is invalid'}` };
  }
}

export function mapSchemaErrors(errors: readonly ErrorObject[] | null | undefined, context: SchemaErrorContext): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const error of errors ?? []) {
    const issue = mapError(error, context);
    if (issue) issues.push(issue);
  }
  return issues;
}
