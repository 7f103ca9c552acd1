import type { SqlValue } from 'sql.js';
import type { CatalogTable } from '../catalog/catalog';
import type { SandboxContext } from '../context';
import { recordChange } from '../data/changeLog';
import { quoteIdentifier, type Row } from '../data/sqlite';
import { psLocalIdTakenMessage } from '../../core/payload';
import { statusForLetter, v1ResourceField, type ResourceField } from '../../core/schema';
import { convertColumnValue } from '../schema/columnValues';
import { studentsColumnOf } from './studentFields';

// POST /ws/v1/student: INSERT / UPDATE per client_uid, HTTP 200 even when records fail.
// PowerSchool's record rules (required fields, types, lengths, statuses, pairs, address blocks,
// fields ignored on UPDATE) are the payload validator's `checkStudentRecord`, the same rules the
// editor shows; this file only adds what needs the server's data (school exists, unknown id,
// local_id taken, extension tables) and turns accepted values into SQL columns. Codes not in the
// references are our choice: INVALID_ID (unknown DCID), INVALID_ACTION.
// Extension tables are written only when the URL names them (`?extensions=studentcorefields`);
// others are skipped without a word, as a real server does (real-server-behaviour.md).

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
const resultField = (path: string) => `student/${path.replace(/\./g, '/')}`;

/** The SQL value of a value the validator accepted (types and lengths are its business). */
function sqlValue(field: ResourceField, raw: unknown): SqlValue {
  if (raw === null || raw === '') return null;
  const text = String(raw).trim();
  // Chosen: `I` (and any letter without its own code) on insert stores code 1.
  if (field.path === 'school_enrollment.enroll_status') return statusForLetter(text)?.code ?? 1;
  if (field.type === 'number') return Number(text);
  return field.type === 'date' ? text : String(raw);
}

interface Prepared {
  readonly columns: Map<string, SqlValue>;
  readonly email: SqlValue | undefined;
  readonly extensions: { table: CatalogTable; values: Map<string, SqlValue> }[];
  readonly errors: RecordError[];
  readonly warnings: RecordWarning[];
}

function prepare(context: SandboxContext, item: Record<string, unknown>, action: 'INSERT' | 'UPDATE', namedExtensions: readonly CatalogTable[]): Prepared {
  const findings = context.payloadValidator.checkStudentRecord(item, action);
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  const reportedFields: string[] = [];
  for (const { field, code, message, severity } of findings) {
    if (severity === 'error') errors.push({ field, error_code: code, error_description: message });
    else warnings.push({ field, warning_code: code, warning_description: message });
    reportedFields.push(field.replace(/^students?\//, ''));
  }
  const reported = (path: string) => reportedFields.some((field) => path === field || path.startsWith(`${field}/`));

  const columns = new Map<string, SqlValue>();
  let email: SqlValue | undefined;
  for (const [path, raw] of flatten(item)) {
    const field = v1ResourceField('student', path);
    if (!field || field.path === 'id') continue; // Unknown elements: the validator warns, the server ignores them.
    if (!field.actions.includes(action)) {
      // The validator normally reports these as FIELD_IGNORED; a field only our table knows as fixed still gets a warning.
      if (!reported(field.path.replace(/\./g, '/'))) {
        warnings.push({ field: resultField(path), warning_code: 'FIELD_NOT_UPDATED', warning_description: `${path} cannot be set on ${action}; the value was ignored` });
      }
      continue;
    }
    if (reported(field.path.replace(/\./g, '/'))) continue;
    const column = studentsColumnOf(field);
    if (field.path === 'contact_info.email') email = sqlValue(field, raw);
    else if (column) columns.set(column, sqlValue(field, raw));
  }

  const school = columns.get('schoolid');
  if (action === 'INSERT' && typeof school === 'number' && !context.store.get('SELECT 1 FROM schools WHERE school_number = ?', [school])) {
    errors.push(invalid('student/school_enrollment/school_number', `No school with school_number ${school}`));
  }
  const extensions = prepareExtensions(item, namedExtensions, errors);
  return { columns, email, extensions, errors, warnings };
}

/** Values for the extension tables the URL names; entries for any other table are ignored. */
function prepareExtensions(item: Record<string, unknown>, namedTables: readonly CatalogTable[], errors: RecordError[]) {
  const out: { table: CatalogTable; values: Map<string, SqlValue> }[] = [];
  const data = item._extension_data as { _table_extension?: unknown } | undefined;
  if (!data || typeof data !== 'object') return out;
  const raw = data._table_extension;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  for (const entry of list as { name?: unknown; _field?: unknown }[]) {
    const name = String(entry?.name ?? '').toLowerCase();
    const table = namedTables.find((candidate) => candidate.name === name);
    if (!table) continue;
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
    recordChange(store, table.name, dcid);
  }
}

function insertStudent(context: SandboxContext, prepared: Prepared): number | RecordError {
  const { store } = context;
  const columns = new Map(prepared.columns);
  const localId = columns.get('student_number');
  if (localId !== undefined && localId !== null && store.get('SELECT 1 FROM students WHERE student_number = ?', [localId])) {
    return { field: 'student/local_id', error_code: 'INVALID_LOCAL_ID', error_description: psLocalIdTakenMessage };
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
  recordChange(store, 'students', dcid);
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
  recordChange(context.store, 'students', existing.dcid!);
}

/** The student an UPDATE names; the validator has already required an integer `id`. */
function findExisting(context: SandboxContext, item: Record<string, unknown>): Row | RecordError {
  const id = String(item.id).trim();
  // INVALID_ID is our choice of code (the references list no code for an unknown DCID).
  return context.store.get('SELECT * FROM students WHERE dcid = ?', [Number(id)]) ?? { field: 'student/id', error_code: 'INVALID_ID', error_description: `No student with id ${id}` };
}

/**
 * Applies one POSTed student; each record commits or rolls back on its own. `namedExtensions`
 * are the extension tables the request's `extensions=` names: only those are written.
 */
export function applyStudent(context: SandboxContext, item: unknown, namedExtensions: readonly CatalogTable[], baseUrl: string): RecordResult {
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
  const prepared = prepare(context, record, action, namedExtensions);
  if (prepared.errors.length) return fail(prepared.errors);
  const existing = action === 'UPDATE' ? findExisting(context, record) : undefined;
  if (existing && 'error_code' in existing) return fail([existing as RecordError]);
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
