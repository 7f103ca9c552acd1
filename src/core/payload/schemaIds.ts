// The `$id`s of schemas/student-post.schema.json and schemas/table-record.schema.json, written out
// so that deciding which documents hold payloads reads no schema: the editor does that for every
// JSON document it opens, long before (and mostly without) validating one. A unit test pins them to
// the schemas' own `$id`s.

export const studentPostSchemaId = 'powerschool-schema://schemas/student-post.schema.json';
export const tableRecordSchemaId = 'powerschool-schema://schemas/table-record.schema.json';
