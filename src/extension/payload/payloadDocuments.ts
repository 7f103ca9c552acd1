import { studentPostSchemaId, tableRecordSchemaId } from '../../core/payload';

// No `vscode` here: which documents hold payloads is decided from plain names and text.

/** What a document holds for the payload validator: a student body, a table-record body, or `.psreq` requests. */
export type PayloadDocumentKind = 'students' | 'tables' | 'psreq';

const studentsFile = /\.students\.json$/i;
const tableFile = /\.ps-table\.json$/i;
const jsonLanguages = new Set(['json', 'jsonc']);

/** A `$schema` member naming one of our schemas, anywhere before the body's first record is fine. */
const schemaReference = (id: string) => new RegExp(`"\\$schema"\\s*:\\s*"${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#?"`);
const studentSchemaReference = schemaReference(studentPostSchemaId);
const tableSchemaReference = schemaReference(tableRecordSchemaId);

/**
 * `*.students.json` and `*.ps-table.json` by name; other JSON documents when their `$schema`
 * names one of our schema ids; `.psreq` documents by language.
 */
export function payloadDocumentKind(fileName: string, languageId: string, readText: () => string): PayloadDocumentKind | undefined {
  if (languageId === 'psreq') return 'psreq';
  if (studentsFile.test(fileName)) return 'students';
  if (tableFile.test(fileName)) return 'tables';
  if (!jsonLanguages.has(languageId)) return undefined;
  const text = readText();
  // includes first: a cheap no for the many JSON files that name neither schema.
  if (text.includes(studentPostSchemaId) && studentSchemaReference.test(text)) return 'students';
  if (text.includes(tableRecordSchemaId) && tableSchemaReference.test(text)) return 'tables';
  return undefined;
}

/**
 * Whether VS Code's own JSON support validates this document with our schema (the
 * `jsonValidation` contribution's file patterns), so it already reports schema errors.
 */
export function vscodeJsonValidates(fileName: string, languageId: string): boolean {
  return jsonLanguages.has(languageId) && (studentsFile.test(fileName) || tableFile.test(fileName));
}

/**
 * Finding codes that restate a schema keyword VS Code's JSON support reports too in the
 * documents it validates; hiding ours there avoids every type or length error appearing twice.
 * Their quick fixes are still offered (code actions are computed from the findings).
 */
const schemaCodes = new Set(['json-syntax', 'type', 'pattern', 'max-length', 'empty', 'enum', 'format', 'date-format', 'range', 'table-count', 'name', 'schema', 'required', 'unknown-field']);

export function restatesSchema(code: string): boolean {
  return schemaCodes.has(code);
}

/** The table a `{"tables":{"<t>":{…}}}` body writes, read without parsing the whole text. */
export function tableNameOf(text: string): string | undefined {
  return /"tables"\s*:\s*\{\s*"([A-Za-z][A-Za-z0-9_]*)"/.exec(text)?.[1];
}
