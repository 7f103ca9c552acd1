import type { SqlValue } from 'sql.js';
import type { CatalogTable } from '../catalog/catalog';
import type { SandboxContext } from '../context';
import { quoteIdentifier, type Row } from '../data/sqlite';
import { checkDate, statusForLetter } from '../../core/q';
import { convertColumnValue } from '../schema/columnValues';
import { studentField, type StudentField } from './studentFields';

// POST /ws/v1/student: INSERT / UPDATE per client_uid, HTTP 200 even when records fail.
// Rules follow the data dictionary in the user's notes; where PowerSchool's exact error code is
// not in the references we chose the closest seen code (REQUIRED, FIELD_VALIDATION_ERROR,
// INVALID_LOCAL_ID) or a self-explaining one (INVALID_ID, INVALID_ACTION), noted below.

export interface RecordError { readonly field: string; readonly error_code: string; readonly error_description: string }
interface RecordWarning { readonly field: string; readonly warning_code: string; readonly warning_description: string }

export interface RecordResult {
  client_uid: unknown;
  status: 'SUCCESS' | 'ERROR' | 'WARNING';
  action: string;
  success_message?: { id: number; ref: string };
  error_message?: { error: RecordError[] };
  warning_message?: { warning: RecordWarning[] };
}

const insertOnlyStatuses = new Set(['A', 'I', 'P', 'H']);
const addressParts = ['street', 'city', 'state_province', 'postal_code'];
const pairs: ReadonlyArray<readonly [string, string]> = [
  ['contact.emergency_contact_name1', 'contact.emergency_phone1'],
  ['contact.emergency_contact_name2', 'contact.emergency_phone2'],
  ['contact.doctor_name', 'contact.doctor_phone'],
];

/** Flattens `{name:{last_name:"X"}}` into `name.last_name → "X"` (lower-case paths). */
function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('@') || key === '_extension_data') continue;
    const path = `${prefix}${key.toLowerCase()}`;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) flatten(item as Record<string, unknown>, `${path}.`, out);
    else out.set(path, item);
  }
  return out;
}

const required = (field: string): RecordError => ({ field, error_code: 'REQUIRED', error_description: 'No data submitted for required element' });
const invalid = (field: string, description: string): RecordError => ({ field, error_code: 'FIELD_VALIDATION_ERROR', error_description: description });
const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

/** Checks one value against its field; returns the SQL value or an error. */
function convert(field: StudentField, raw: unknown): { value: SqlValue } | { error: RecordError } {
  const path = `student/${field.path.replace(/\./g, '/')}`;
  if (raw === null || raw === '') return { value: null };
  if (typeof raw === 'object' || typeof raw === 'boolean') return { error: invalid(path, 'Value must be a single value') };
  const text = String(raw).trim();
  if (field.path === 'school_enrollment.enroll_status') {
    const status = statusForLetter(text);
    if (!status) return { error: invalid(path, 'Value must be one of A, P, T, G, H, I') };
    return { value: status.code ?? 1 };
  }
  switch (field.type) {
    case 'number':
      if (!/^-?\d+$/.test(text)) return { error: invalid(path, 'Value must be an integer') };
      if (field.length && text.replace('-', '').length > field.length) return { error: invalid(path, `Value may not contain more than ${field.length} digit(s).`) };
      return { value: Number(text) };
    case 'date':
      return checkDate(text).kind === 'ok' ? { value: text } : { error: invalid(path, 'Value must be a date in the format YYYY-MM-DD') };
    default:
      if (field.length && String(raw).length > field.length) return { error: invalid(path, `Value may not contain more than ${field.length} character(s).`) };
      return { value: String(raw) };
  }
}

interface Prepared {
  readonly columns: Map<string, SqlValue>;
  readonly email: SqlValue | undefined;
  readonly extensions: { table: CatalogTable; values: Map<string, SqlValue> }[];
  readonly errors: RecordError[];
  readonly warnings: RecordWarning[];
}

function prepare(context: SandboxContext, item: Record<string, unknown>, action: 'INSERT' | 'UPDATE', extensionTables: readonly CatalogTable[]): Prepared {
  const values = flatten(item);
  const columns = new Map<string, SqlValue>();
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  let email: SqlValue | undefined;
  for (const [path, raw] of values) {
    if (path === 'id' || path === 'client_uid' || path === 'action') continue;
    const field = studentField(path);
    if (!field) continue; // Unknown elements are ignored, as an XML binding ignores them.
    const allowed = action === 'INSERT' ? field.insert : field.update;
    if (!allowed) {
      // Chosen: a read-only or insert-only field on UPDATE is skipped with a WARNING, not an error.
      warnings.push({ field: `student/${path.replace(/\./g, '/')}`, warning_code: 'FIELD_NOT_UPDATED', warning_description: `${path} cannot be set on ${action}; the value was ignored` });
      continue;
    }
    const converted = convert(field, raw);
    if ('error' in converted) {
      errors.push(converted.error);
      continue;
    }
    if (field.path === 'contact_info.email') email = converted.value;
    else columns.set(field.column, converted.value);
  }
  const has = (path: string) => !blank(values.get(path));

  if (action === 'INSERT') {
    for (const path of ['name.last_name', 'name.first_name', 'school_enrollment.grade_level', 'school_enrollment.entry_date', 'school_enrollment.exit_date', 'school_enrollment.school_number']) {
      if (!has(path)) errors.push(required(`student/${path.replace(/\./g, '/')}`));
    }
    if (has('school_enrollment.enroll_status') && has('school_enrollment.enroll_status_code')) {
      errors.push(invalid('student/school_enrollment/enroll_status', 'enroll_status and enroll_status_code may not both be given'));
    }
    const letter = values.get('school_enrollment.enroll_status');
    if (has('school_enrollment.enroll_status') && !insertOnlyStatuses.has(String(letter).toUpperCase())) {
      errors.push(invalid('student/school_enrollment/enroll_status', 'On insert enroll_status must be A, I, P or H'));
    }
    const code = values.get('school_enrollment.enroll_status_code');
    if (has('school_enrollment.enroll_status_code') && (String(code).trim() === '2' || String(code).trim() === '3')) {
      errors.push(invalid('student/school_enrollment/enroll_status_code', 'On insert enroll_status_code may not be 2 (Transferred-Out) or 3 (Graduated)'));
    }
    const school = columns.get('schoolid');
    if (typeof school === 'number' && !context.store.get('SELECT 1 FROM schools WHERE school_number = ?', [school])) {
      errors.push(invalid('student/school_enrollment/school_number', `No school with school_number ${school}`));
    }
  } else {
    for (const path of ['name.last_name', 'name.first_name']) {
      if (values.has(path) && blank(values.get(path))) errors.push(invalid(`student/${path.replace(/\./g, '/')}`, 'May not be updated to blank'));
    }
  }
  const gender = columns.get('gender');
  if (typeof gender === 'string' && !/^[MF]$/i.test(gender)) errors.push(invalid('student/demographics/gender', 'Value must be M or F'));
  for (const [first, second] of pairs) {
    if (has(first) !== has(second)) errors.push(required(`student/${(has(first) ? second : first).replace(/\./g, '/')}`));
  }
  for (const block of ['physical', 'mailing']) {
    const given = addressParts.filter((part) => has(`addresses.${block}.${part}`));
    if (given.length > 0 && given.length < addressParts.length) {
      // "If one attribute in the block is provided … the rest (except grid location) must be provided as well."
      for (const part of addressParts) if (!given.includes(part)) errors.push(required(`student/addresses/${block}/${part}`));
    }
  }
  const extensions = prepareExtensions(item, extensionTables, errors, warnings);
  return { columns, email, extensions, errors, warnings };
}

function prepareExtensions(item: Record<string, unknown>, tables: readonly CatalogTable[], errors: RecordError[], warnings: RecordWarning[]) {
  const out: { table: CatalogTable; values: Map<string, SqlValue> }[] = [];
  const data = item._extension_data as { _table_extension?: unknown } | undefined;
  if (!data || typeof data !== 'object') return out;
  const raw = data._table_extension;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  for (const entry of list as { name?: unknown; _field?: unknown }[]) {
    const name = String(entry?.name ?? '').toLowerCase();
    const table = tables.find((candidate) => candidate.name === name);
    if (!table) {
      warnings.push({ field: `student/_extension_data/${name}`, warning_code: 'UNKNOWN_EXTENSION', warning_description: `Extension ${name} does not exist; ignored` });
      continue;
    }
    const fields = Array.isArray(entry._field) ? entry._field : entry._field ? [entry._field] : [];
    const values = new Map<string, SqlValue>();
    for (const field of fields as { name?: unknown; value?: unknown }[]) {
      const columnName = String(field?.name ?? '').toLowerCase();
      const column = table.columns.find((candidate) => candidate.name === columnName && candidate.name !== table.primaryKey);
      const path = `student/_extension_data/${name}/${columnName}`;
      if (!column) {
        errors.push(invalid(path, `Field ${columnName} does not exist in ${name}`));
        continue;
      }
      const converted = convertColumnValue(column, field.value);
      if ('error' in converted) errors.push(invalid(path, converted.error));
      else values.set(column.name, converted.value);
    }
    out.push({ table, values });
  }
  return out;
}

function writeExtensions(context: SandboxContext, dcid: number, prepared: Prepared): void {
  const { store } = context;
  if (prepared.email !== undefined) store.run('INSERT OR REPLACE INTO sandbox_student_email (studentsdcid, email) VALUES (?, ?)', [dcid, prepared.email]);
  for (const { table, values } of prepared.extensions) {
    if (values.size === 0) continue;
    const names = [...values.keys()];
    const exists = store.get(`SELECT 1 FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [dcid]);
    if (exists) {
      store.run(`UPDATE ${quoteIdentifier(table.name)} SET ${names.map((name) => `${quoteIdentifier(name)} = ?`).join(', ')} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [...values.values(), dcid]);
    } else {
      store.run(`INSERT INTO ${quoteIdentifier(table.name)} (${[table.primaryKey, ...names].map(quoteIdentifier).join(', ')}) VALUES (${[dcid, ...names].map(() => '?').join(', ')})`, [dcid, ...values.values()]);
    }
  }
}

function insertStudent(context: SandboxContext, prepared: Prepared): number | RecordError {
  const { store } = context;
  const columns = new Map(prepared.columns);
  const localId = columns.get('student_number');
  if (localId !== undefined && localId !== null && store.get('SELECT 1 FROM students WHERE student_number = ?', [localId])) {
    return { field: 'student/local_id', error_code: 'INVALID_LOCAL_ID', error_description: `local_id ${localId} is already used by another student` };
  }
  const next = store.get('SELECT COALESCE(MAX(dcid), 0) + 1 AS dcid, COALESCE(MAX(id), 0) + 1 AS id, COALESCE(MAX(student_number), 0) + 1 AS number FROM students')!;
  const dcid = Number(next.dcid);
  columns.set('dcid', dcid);
  columns.set('id', Number(next.id));
  if (localId === undefined || localId === null) columns.set('student_number', Number(next.number)); // chosen: PowerSchool assigns the next number
  if (!columns.has('enroll_status')) columns.set('enroll_status', 0);
  columns.set('lastfirst', `${columns.get('last_name')}, ${columns.get('first_name')}`);
  columns.set('enrollment_schoolid', columns.get('schoolid') ?? null);
  const names = [...columns.keys()];
  store.run(`INSERT INTO students (${names.map(quoteIdentifier).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, [...columns.values()]);
  return dcid;
}

function updateStudent(context: SandboxContext, existing: Row, prepared: Prepared): void {
  const columns = new Map(prepared.columns);
  if (columns.has('last_name') || columns.has('first_name')) {
    columns.set('lastfirst', `${columns.get('last_name') ?? existing.last_name}, ${columns.get('first_name') ?? existing.first_name}`);
  }
  if (columns.size === 0) return;
  const names = [...columns.keys()];
  context.store.run(`UPDATE students SET ${names.map((name) => `${quoteIdentifier(name)} = ?`).join(', ')} WHERE dcid = ?`, [...columns.values(), existing.dcid!]);
}

function findExisting(context: SandboxContext, item: Record<string, unknown>): Row | RecordError {
  const { store } = context;
  if (!blank(item.id)) {
    const id = String(item.id).trim();
    // INVALID_ID is our choice of code (the references list no code for an unknown DCID).
    if (!/^\d+$/.test(id)) return invalid('student/id', 'Value must be an integer');
    return store.get('SELECT * FROM students WHERE dcid = ?', [Number(id)]) ?? { field: 'student/id', error_code: 'INVALID_ID', error_description: `No student with id ${id}` };
  }
  if (!blank(item.local_id)) {
    const localId = String(item.local_id).trim();
    const row = /^\d+$/.test(localId) ? store.get('SELECT * FROM students WHERE student_number = ?', [Number(localId)]) : undefined;
    return row ?? { field: 'student/local_id', error_code: 'INVALID_LOCAL_ID', error_description: `No student with local_id ${localId}` };
  }
  return required('student/id');
}

/** Applies one POSTed student; each record commits or rolls back on its own. */
export function applyStudent(context: SandboxContext, item: unknown, extensionTables: readonly CatalogTable[], baseUrl: string): RecordResult {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { client_uid: undefined, status: 'ERROR', action: '', error_message: { error: [invalid('student', 'Each student must be an object')] } };
  }
  const record = item as Record<string, unknown>;
  const clientUid = record.client_uid;
  const action = String(record.action ?? '').toUpperCase();
  const fail = (errors: RecordError[]): RecordResult => ({ client_uid: clientUid, status: 'ERROR', action, error_message: { error: errors } });
  if (blank(clientUid)) return fail([required('student/client_uid')]);
  if (action !== 'INSERT' && action !== 'UPDATE') {
    return fail([{ field: 'student/action', error_code: blank(record.action) ? 'REQUIRED' : 'INVALID_ACTION', error_description: 'action must be INSERT or UPDATE' }]);
  }
  const existing = action === 'UPDATE' ? findExisting(context, record) : undefined;
  if (existing && 'error_code' in existing) return fail([existing as RecordError]);
  const prepared = prepare(context, record, action, extensionTables);
  if (prepared.errors.length) return fail(prepared.errors);
  const outcome = context.store.transaction((): number | RecordError => {
    const dcid = action === 'INSERT' ? insertStudent(context, prepared) : Number((existing as Row).dcid);
    if (typeof dcid !== 'number') return dcid;
    if (action === 'UPDATE') updateStudent(context, existing as Row, prepared);
    writeExtensions(context, dcid, prepared);
    return dcid;
  });
  if (typeof outcome !== 'number') return fail([outcome]);
  const result: RecordResult = {
    client_uid: clientUid,
    status: prepared.warnings.length ? 'WARNING' : 'SUCCESS',
    action,
    success_message: { id: outcome, ref: `${baseUrl}/ws/v1/student/${outcome}` },
  };
  if (prepared.warnings.length) result.warning_message = { warning: prepared.warnings };
  return result;
}
