import type { Catalog, CatalogColumn, CatalogTable } from '../catalog/catalog';
import { changeLogTableSql } from './changeLog';
import { quoteIdentifier, type SqlStore } from './sqlite';

function sqlType(column: CatalogColumn): string {
  switch (column.type) {
    case 'NUMBER': return 'INTEGER';
    case 'FLOAT': return 'REAL';
    default: return 'TEXT'; // VARCHAR2, CLOB and DATE (stored as YYYY-MM-DD text, which sorts and compares correctly)
  }
}

function createTableSql(table: CatalogTable): string {
  const columns = table.columns.map((column) => {
    const key = column.name === table.primaryKey;
    const integerKey = key && column.type === 'NUMBER';
    return `${quoteIdentifier(column.name)} ${integerKey ? 'INTEGER PRIMARY KEY' : sqlType(column)}${key && !integerKey ? ' PRIMARY KEY' : ''}`;
  });
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table.name)} (${columns.join(', ')})`;
}

/** Tables the emulator needs but the catalog does not publish (never listed by /ws/schema). */
const internalTables = [
  'CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT)',
  // PSM_StudentContact.Email backs the v1 contact_info expansion; PSM tables are not in the catalog.
  'CREATE TABLE IF NOT EXISTS sandbox_student_email (studentsdcid INTEGER PRIMARY KEY, email TEXT)',
  changeLogTableSql,
  // Oracle's one-row DUAL, which PowerQueries select constants and CONNECT BY lists from.
  'CREATE TABLE IF NOT EXISTS dual (dummy TEXT)',
  "INSERT INTO dual (dummy) SELECT 'X' WHERE NOT EXISTS (SELECT 1 FROM dual)",
];

/**
 * Indexes whose keys the generator writes in ascending order (each row's key above every earlier
 * one): created before the load, each insert appends to the index's last page, which costs less
 * than scanning and sorting the table again after it (when the district is INSERTed; written as
 * pages, every index is written with its table: see generateDistrict).
 */
export const ascendingIndexes = [
  // The student list's OFFSET walks this instead of the 152-column table's own b-tree (1.85 -> 0.6 ms a page at offset 50,000).
  'CREATE INDEX IF NOT EXISTS students_dcid ON students (dcid)',
  'CREATE INDEX IF NOT EXISTS students_id ON students (id)',
  'CREATE INDEX IF NOT EXISTS students_student_number ON students (student_number)',
  'CREATE INDEX IF NOT EXISTS studentrace_studentid ON studentrace (studentid)',
  'CREATE INDEX IF NOT EXISTS fees_studentid ON fees (studentid)',
  'CREATE INDEX IF NOT EXISTS cc_studentid ON cc (studentid)',
  'CREATE INDEX IF NOT EXISTS guardianstudent_studentsdcid ON guardianstudent (studentsdcid)',
  // /ws/v1 sections and section enrollments name their staff and section by these ids.
  'CREATE INDEX IF NOT EXISTS sections_id ON sections (id)',
  'CREATE INDEX IF NOT EXISTS schoolstaff_id ON schoolstaff (id)',
];

/** Indexes built after a bulk load by INSERTs: their keys arrive in no order, and inserting into them row by row is several times slower. */
const unorderedIndexes = [
  'CREATE INDEX IF NOT EXISTS students_schoolid ON students (schoolid)',
  'CREATE INDEX IF NOT EXISTS cc_sectionid ON cc (sectionid)',
];

/** Every catalog table (lower-case names and columns), the emulator's own tables and the indexes kept as rows arrive. */
export function schemaSql(catalog: Catalog): string {
  return [...catalog.tables.map(createTableSql), ...internalTables, ...ascendingIndexes].join(';\n');
}

/** The indexes built after the bulk load. */
export const indexSql = unorderedIndexes.join(';\n');

export function createSchema(store: SqlStore, catalog: Catalog): void {
  store.db.exec(schemaSql(catalog));
}

export function createIndexes(store: SqlStore): void {
  store.db.exec(indexSql);
}
