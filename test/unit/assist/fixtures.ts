import type { LiveCatalog, LivePowerQuery } from '../../../src/core/assist/index';
import type { ColumnInfo } from '../../../src/core/schema';

// A small live catalog standing in for a server: STUDENTS and SCHOOLS, one PowerQuery.

const columns: Record<string, ColumnInfo[]> = {
  students: [
    { name: 'DCID', type: 'NUMBER', length: 10, comment: 'Primary key' },
    { name: 'ID', type: 'NUMBER', length: 10 },
    { name: 'LAST_NAME', type: 'VARCHAR2', length: 50, comment: 'Last name' },
    { name: 'FIRST_NAME', type: 'VARCHAR2', length: 50 },
    { name: 'GRADE_LEVEL', type: 'NUMBER', length: 10 },
    { name: 'ENTRYDATE', type: 'DATE' },
    { name: 'ENROLL_STATUS', type: 'NUMBER', length: 10 },
  ],
  schools: [
    { name: 'DCID', type: 'NUMBER' },
    { name: 'NAME', type: 'VARCHAR2', length: 60 },
  ],
};

export const guardianQuery: LivePowerQuery = {
  name: 'com.pearson.core.guardian.student_guardian_detail',
  description: 'Guardians and the students they are linked to',
  columns: ['guardian.guardianid', 'guardian.lastname', 'students.dcid', 'students.last_name', 'students.entrydate'],
  args: [
    { name: 'students_dcid', type: 'array', required: false, description: 'STUDENTS.DCID values' },
    { name: 'schoolid', type: 'number', required: true, description: 'SCHOOLS.SCHOOL_NUMBER' },
  ],
};

export interface FakeLive extends LiveCatalog {
  calls: string[];
}

export function fakeLive(options: { maxPageSize?: number; failing?: boolean } = {}): FakeLive {
  const calls: string[] = [];
  const answer = async <T>(call: string, value: T): Promise<T> => {
    calls.push(call);
    if (options.failing) throw new Error('connection refused');
    return value;
  };
  return {
    calls,
    tables: () => answer('tables', [{ name: 'STUDENTS', description: 'Students' }, { name: 'SCHOOLS', description: 'Schools' }]),
    columns: (table) => answer(`columns:${table}`, columns[table.toLowerCase()]),
    powerQueries: () => answer('powerQueries', [guardianQuery]),
    maxPageSize: (key) => answer(`max:${key}`, options.maxPageSize),
  };
}

/** Text with a `|` cursor marker → the text without it and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | in the text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
