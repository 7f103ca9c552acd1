// PowerSchool's schema vocabulary, shared by every part of core: table metadata and its one
// parser, counts, extension names, enrollment statuses and the v1 field catalogs (students, staff, courses, sections, terms,
// section enrollments) and the built-in PowerQueries.
// Never imports vscode; imports nothing else from core.
export { isReadOnlyColumn, type ColumnInfo, type TableMetadata } from './table';
export { parseTableMetadata, tablesFromMetadataJson } from './parseTable';
export { readCount } from './counts';
export { extensionNamesOf } from './extensions';
export { asList, isObject, optional, requireObject, SchemaShapeError, text, type Json } from './json';
export {
  ENROLL_STATUSES, NAMED_STATUS_CODES, STATUS_CODE_VALUES, STATUS_LETTER_VALUES, codeFieldFor, isEnrollStatusLetterField, statusForCode, statusForLetter, type EnrollStatus,
} from './enrollStatus';
export { GRADE_LEVEL_VALUES, V1_STUDENT_FIELDS, type FieldAction, type ResourceField, type ResourceFieldType, type ValueHint } from './v1StudentFields';
export { V1_RESOURCE_FIELDS, v1ResourceField, type V1Resource } from './v1ResourceFields';
export {
  BUILTIN_POWERQUERIES, builtinPowerQuery, queryColumnNeeds, type PowerQueryArg, type PowerQueryArgType, type PowerQueryColumn, type PowerQueryDefinition,
} from './builtinQueries';
