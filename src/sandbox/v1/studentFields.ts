import type { QSqlColumn } from '../../core/q';
import { ENROLL_STATUSES, v1ResourceField, type ResourceField } from '../../core/schema';

// How the sandbox stores the v1 student resource: the fields themselves (paths, types, columns,
// actions) are core/schema's V1_STUDENT_FIELDS; this adds only the SQL over STUDENTS (alias `s`).

const description = (meaning: string) => meaning.replace(/ \(.*\)$/, '');
const statusDescription = `(CASE ${ENROLL_STATUSES.flatMap((status) => (status.code === undefined ? [] : [`WHEN s.enroll_status = ${status.code} THEN '${description(status.meaning)}'`])).join(' ')} ELSE 'Inactive' END)`;

/** Fields that are not a plain STUDENTS column of the same type. */
const computed: Readonly<Record<string, QSqlColumn>> = {
  // Stored as its code; q translates a letter to codes for a number column.
  'school_enrollment.enroll_status': { sql: 's.enroll_status', type: 'number' },
  'school_enrollment.enroll_status_description': { sql: statusDescription, type: 'string' },
  'school_enrollment.school_id': { sql: '(SELECT sc.dcid FROM schools sc WHERE sc.school_number = s.schoolid)', type: 'number' },
  // The sandbox has one full-time equivalency, id 1.
  'school_enrollment.full_time_equivalency.name': { sql: "(CASE WHEN s.fteid = 1 THEN 'Full Time' END)", type: 'string' },
  'contact_info.email': { sql: '(SELECT e.email FROM sandbox_student_email e WHERE e.studentsdcid = s.dcid)', type: 'string' },
};

/** The sandbox's STUDENTS column behind a field (lower case), when it is one. */
export function studentsColumnOf(field: ResourceField): string | undefined {
  const [table, column] = field.column.toLowerCase().split('.');
  return table === 'students' ? column : undefined;
}

/** Column lookup for q on /ws/v1 student lists (SQL over STUDENTS aliased `s`). */
export function studentQColumn(path: string): QSqlColumn | undefined {
  const field = v1ResourceField('student', path);
  if (!field) return undefined;
  const column = studentsColumnOf(field);
  return computed[field.path] ?? (column ? { sql: `s.${column}`, type: field.type } : undefined);
}
