// Records of a response as data: where they are, a sortable and filterable table of them,
// JSON paths into them, and CSV / NDJSON files of them. The response view and tests use it.
export { jsonPath, valueAt, type PathSegment } from './jsonPath';
export { recordSetOf, type RecordSet } from './recordSet';
export { RecordTable, cellText, maxColumns, type RecordColumn, type RecordPage, type RecordQuery, type RecordRow } from './recordTable';
export { csvLine, exportRecords, type ExportFormat } from './recordExport';
