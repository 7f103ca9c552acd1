export { createPayloadValidator, studentPostSchemaId, tableRecordSchemaId } from './validator';
export type { PayloadValidator, PayloadValidatorOptions } from './validator';
export { createLineIndex } from './lineIndex';
export type { LineColumn } from './lineIndex';
export type * from './types';
export { detectPayloadKind, tablesFromMetadataJson } from './kind';
export type { DescribedTable, PayloadKind } from './kind';
export { maskTemplates, payloadTargetOf, validateRequestBody } from './requestBody';
export type { PayloadTarget, RequestBodyInput } from './requestBody';
