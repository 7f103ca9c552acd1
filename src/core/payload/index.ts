export { createPayloadValidator, studentPostSchemaId, tableRecordSchemaId } from './validator';
export type { PayloadValidator, PayloadValidatorOptions } from './validator';
export type * from './types';
export { detectPayloadKind, type PayloadKind } from './kind';
export { maskTemplates, payloadTargetOf, validateRequestBody } from './requestBody';
export type { PayloadTarget, RequestBodyInput } from './requestBody';
export { payloadBodiesOf, validatePsreqBodies, type LiveLookups, type PayloadBody } from './requestBodies';
export { psLocalIdTakenMessage } from './issue';
export { editorSchemaOf, editorSchemaSources } from './editorSchema';
