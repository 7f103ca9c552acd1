import { studentPostSchemaId, tableRecordSchemaId } from '../../core/payload/schemaIds';

// No `vscode` here: which documents hold payloads is decided from plain names and text.

/** What a document holds for the payload validator: a student body, a table-record body, or `.psreq` requests. */
export type PayloadDocumentKind = 'students' | 'tables' | 'psreq';

const studentsFile = /\.students\.json$/i;
const tableFile = /\.ps-table\.json$/i;
const jsonLanguages = new Set(['json', 'jsonc']);

/** A `$schema` member naming one of our schemas (a trailing `#` allowed). */
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

/** VS Code's JSON language checks the syntax of every json/jsonc document (and, for our file patterns, the schema). */
export function isJsonLanguage(languageId: string): boolean {
  return jsonLanguages.has(languageId);
}

/**
 * Whether VS Code's JSON support, validating the same document, already reports this finding
 * the same way. Only syntax errors qualify: its schema findings are all warnings, while a
 * PowerSchool rejection (wrong type, enum, missing client_uid) must read as an error, with
 * the field named, so ours stay even where the two overlap.
 */
export function restatedByVsCodeJson(code: string): boolean {
  return code === 'json-syntax';
}

/** The table a `{"tables":{"<t>":{…}}}` body writes, read without parsing the whole text. */
export function tableNameOf(text: string): string | undefined {
  return /"tables"\s*:\s*\{\s*"([A-Za-z][A-Za-z0-9_]*)"/.exec(text)?.[1];
}
