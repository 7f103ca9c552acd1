import studentPostSchema from '../../../schemas/student-post.schema.json';
import tableRecordSchema from '../../../schemas/table-record.schema.json';

/**
 * Keywords that only judge a value. Our validator reports every one of them (with the
 * PowerSchool wording, as errors); VS Code's JSON language would report them a second time.
 * `not`, the array form of `dependencies` and `additionalProperties: false` only ever reject.
 */
const judgingKeywords = new Set([
  'type', 'required', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minProperties', 'maxProperties', 'propertyNames', 'not', 'dependencies',
  'patternErrorMessage', 'errorMessage',
]);

/** Subschemas keyed by property name: every value is a schema. */
const schemaMaps = new Set(['properties', 'definitions', 'patternProperties']);
/** Schema lists. */
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function mapValues(map: Json, transform: (schema: Json) => Json): Json {
  return isObject(map) ? Object.fromEntries(Object.entries(map).map(([key, schema]) => [key, transform(schema)])) : map;
}

function forEditor(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (judgingKeywords.has(key)) continue;
    // An `if` never reports, it only picks `then` or `else`: it keeps its keywords to pick right.
    if (key === 'if') out.if = value;
    // A closed object still completes its listed properties; only the rejection goes.
    else if (key === 'additionalProperties') {
      if (isObject(value)) out.additionalProperties = forEditor(value);
    }
    // Completion offers `examples` as values without judging them.
    else if (key === 'enum' || key === 'const') out.examples = key === 'enum' ? value : [value];
    else if (schemaMaps.has(key)) out[key] = mapValues(value, forEditor);
    // Without their rules, oneOf branches could all match, which VS Code would report: anyOf never does.
    else if (schemaLists.has(key) && Array.isArray(value)) out[key === 'oneOf' ? 'anyOf' : key] = value.map(forEditor);
    else if (key === 'items' || key === 'then' || key === 'else' || key === 'additionalItems') out[key] = Array.isArray(value) ? value.map(forEditor) : forEditor(value);
    else out[key] = value;
  }
  return out;
}

/**
 * The schema for VS Code's JSON language: the same descriptions, snippets, defaults and value
 * lists (for completion and hover), none of the rules, which our diagnostics report once.
 * Derived from the one schema, so the two never drift.
 */
export function editorSchemaOf(schema: object): object {
  return forEditor(schema as Json) as object;
}

/** Our schemas by `$id`: an editor that serves each at its `$id` makes every `$schema` naming one load. */
export const editorSchemaSources: ReadonlyMap<string, object> = new Map<string, object>([studentPostSchema, tableRecordSchema].map((schema) => [schema.$id, schema]));
