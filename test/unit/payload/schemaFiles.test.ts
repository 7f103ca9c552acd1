import * as assert from 'node:assert/strict';
import studentSchema from '../../../schemas/student-post.schema.json';
import tableSchema from '../../../schemas/table-record.schema.json';
import { buildStudentFieldSpecs } from '../../../src/core/payload/fieldSpecs';
import { studentPostSchemaId, tableRecordSchemaId } from '../../../src/core/payload/schemaIds';
import { V1_STUDENT_FIELDS } from '../../../src/core/schema';

function leaves(node: Record<string, any>, root: Record<string, any>, path: string, out: [string, Record<string, any>][]): void {
  const resolved = node.$ref ? root.definitions[node.$ref.replace('#/definitions/', '')] : node;
  for (const [name, child] of Object.entries<Record<string, any>>(resolved.properties ?? {})) {
    out.push([`${path}/${name}`, child]);
    leaves(child, root, `${path}/${name}`, out);
  }
}

function rulesIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => rulesIn(item, out));
  else if (node && typeof node === 'object') {
    const rule = (node as Record<string, unknown>)['x-ps-rule'];
    if (typeof rule === 'string') out.push(rule);
    Object.values(node).forEach((item) => rulesIn(item, out));
  }
  return out;
}

describe('payload: schema files', () => {
  it('are named by the ids the editor looks for without reading them (schemaIds.ts)', () => {
    assert.equal(studentPostSchemaId, studentSchema.$id);
    assert.equal(tableRecordSchemaId, tableSchema.$id);
  });

  it('state the rules VS Code\'s own JSON support can check (pairs, address blocks, status, blank names, graduated school)', () => {
    assert.deepEqual([...new Set(rulesIn(studentSchema))].sort(), ['address-incomplete', 'blank-name', 'both-enroll-status', 'graduated-school', 'pair-missing', 'status-on-insert']);
    assert.equal(studentSchema.definitions.student.defaultSnippets.length, 2);
  });

  // real-server-behaviour.md: "an empty date **clears** the value (SUCCESS)" — so "" must pass VS Code's own check too.
  it('mark exactly the catalog\'s date fields as dates that may be "" (a pattern, not format: date)', () => {
    const specs = buildStudentFieldSpecs(studentSchema);
    assert.deepEqual(specs.dateFields.map((spec) => spec.path).sort(), V1_STUDENT_FIELDS.filter((field) => field.type === 'date').map((field) => field.path).sort());
    assert.ok(!JSON.stringify(studentSchema).includes('"format":"date"'));
  });

  it('are draft-07 with stable $ids', () => {
    assert.equal(studentSchema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(studentSchema.$id, 'powerschool-schema://schemas/student-post.schema.json');
    assert.equal(tableSchema.$id, 'powerschool-schema://schemas/table-record.schema.json');
  });

  it('describe every student field for hovers', () => {
    const out: [string, Record<string, any>][] = [];
    leaves(studentSchema.definitions.student as Record<string, any>, studentSchema as Record<string, any>, 'student', out);
    assert.ok(out.length > 60, `only ${out.length} fields`);
    const undocumented = out.filter(([, child]) => !(child.description ?? (child.$ref ? 'ref' : '')));
    assert.deepEqual(undocumented.map(([path]) => path), []);
  });

  it('carry the data dictionary\'s lengths and actions the rules read', () => {
    const specs = buildStudentFieldSpecs(studentSchema);
    assert.equal(specs.byPath.get('name.last_name')!.maxLength, 50);
    assert.equal(specs.byPath.get('contact.emergency_phone2')!.maxLength, 60);
    assert.deepEqual(specs.byPath.get('school_enrollment')!.actions, ['INSERT']);
    assert.equal(specs.byPath.get('addresses.mailing.street')!.column, 'Students.Mailing_Street');
    assert.deepEqual(specs.byPath.get('addresses.physical')!.children, ['street', 'city', 'state_province', 'postal_code', 'grid_location']);
    assert.ok(specs.dateFields.some((spec) => spec.path === 'initial_enrollment.school_entry_date'));
  });
});
