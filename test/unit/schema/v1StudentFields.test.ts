import * as assert from 'node:assert/strict';
import studentSchema from '../../../schemas/student-post.schema.json';
import { V1_STUDENT_FIELDS, v1ResourceField } from '../../../src/core/schema';

type Node = Record<string, unknown>;

/** Every property of `definitions.student` with an `x-ps-column`, by dotted path ($refs followed). */
function annotatedFields(schema: Node): Map<string, { column: string; actions: readonly string[] }> {
  const definitions = schema.definitions as Record<string, Node>;
  const resolve = (node: Node): Node => (typeof node.$ref === 'string' ? definitions[node.$ref.replace('#/definitions/', '')] ?? node : node);
  const out = new Map<string, { column: string; actions: readonly string[] }>();
  const walk = (node: Node, prefix: string): void => {
    const properties = (resolve(node).properties ?? {}) as Record<string, Node>;
    for (const [name, child] of Object.entries(properties)) {
      if (name === '_extension_data') continue;
      const path = `${prefix}${name}`;
      const resolved = resolve(child);
      if (typeof resolved['x-ps-column'] === 'string') out.set(path, { column: resolved['x-ps-column'], actions: (resolved['x-ps-actions'] as string[] | undefined) ?? [] });
      walk(resolved, `${path}.`);
    }
  };
  walk(definitions.student, '');
  return out;
}

describe('schema: the v1 student field catalog', () => {
  const annotated = annotatedFields(studentSchema as unknown as Node);

  it('has every field the JSON Schema annotates, with the same column and POST actions', () => {
    assert.ok(annotated.size >= 56, `only ${annotated.size} annotated fields found`);
    for (const [path, { column, actions }] of annotated) {
      const field = v1ResourceField('student', path);
      assert.ok(field, `${path} (${column}) is missing from V1_STUDENT_FIELDS`);
      assert.equal(field.column, column, path);
      assert.deepEqual([...field.actions], actions.filter((action) => action !== 'READ'), path);
    }
  });

  it('has no field the JSON Schema does not annotate', () => {
    assert.deepEqual(V1_STUDENT_FIELDS.map((field) => field.path).filter((path) => !annotated.has(path)), []);
    assert.equal(new Set(V1_STUDENT_FIELDS.map((field) => field.path)).size, V1_STUDENT_FIELDS.length);
  });

  it('marks exactly the fields of PowerSchool\'s "searching" page as searchable', () => {
    assert.deepEqual(V1_STUDENT_FIELDS.filter((field) => field.searchable).map((field) => field.path).sort(), [
      'local_id', 'name.last_name', 'school_enrollment.enroll_status', 'school_enrollment.enroll_status_code',
      'school_enrollment.entry_date', 'state_province_id', 'student_username',
    ]);
  });
});
