import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import studentSchema from '../../../schemas/student-post.schema.json';
import tableSchema from '../../../schemas/table-record.schema.json';
import { createPayloadValidator } from '../../../src/core/payload';
import { editorSchemaOf } from '../../../src/core/payload/editorSchema';

const payloads = path.resolve(__dirname, '../../../../examples/payloads');

/** VS Code's own JSON language, validating `text` against `schema` as it does for `*.students.json`. */
function vsCodeJson(schema: object) {
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: 'test://schema.json', fileMatch: ['*.json'], schema }] });
  return {
    async diagnostics(text: string): Promise<Diagnostic[]> {
      const document = TextDocument.create('file:///payload.json', 'json', 1, text);
      return service.doValidation(document, service.parseJSONDocument(document));
    },
    async completions(text: string, offset: number): Promise<string[]> {
      const document = TextDocument.create('file:///payload.json', 'json', 1, text);
      const list = await service.doComplete(document, document.positionAt(offset), service.parseJSONDocument(document));
      return (list?.items ?? []).map((item) => item.label);
    },
    async hover(text: string, offset: number): Promise<string> {
      const document = TextDocument.create('file:///payload.json', 'json', 1, text);
      const hover = await service.doHover(document, document.positionAt(offset), service.parseJSONDocument(document));
      return JSON.stringify(hover?.contents ?? '');
    },
  };
}

describe('payload: the schema VS Code\'s JSON language gets', () => {
  const examples = fs.readdirSync(payloads).filter((name) => /\.(students|ps-table)\.json$/.test(name) && !name.includes('syntax'));

  it('finds the example files (reproduces each issue once through our validator)', () => {
    assert.ok(examples.length >= 12, examples.join(', '));
  });

  it('the full schema makes VS Code report our findings a second time (issue #17: 10 problems for 5)', async () => {
    const json = vsCodeJson(studentSchema);
    const text = fs.readFileSync(path.join(payloads, 'invalid-required.students.json'), 'utf8');
    const theirs = await json.diagnostics(text);
    const ours = createPayloadValidator().validateStudentText(text);
    assert.ok(ours.length > 0 && theirs.length > 0, `ours ${ours.length}, VS Code's ${theirs.length}`);
  });

  for (const [kind, schema] of [['students', studentSchema], ['ps-table', tableSchema]] as const) {
    it(`leaves every rule of the ${kind} schema to our diagnostics: no VS Code schema warning on any example`, async () => {
      const json = vsCodeJson(editorSchemaOf(schema));
      for (const name of examples.filter((file) => file.endsWith(`.${kind}.json`))) {
        const text = fs.readFileSync(path.join(payloads, name), 'utf8');
        const diagnostics = await json.diagnostics(text);
        assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.message), [], name);
      }
    });
  }

  it('keeps what completion and hover need: values of action, snippets, property names, descriptions', async () => {
    const json = vsCodeJson(editorSchemaOf(studentSchema));
    const value = '{"students": {"student": [{"client_uid": "1", "action": }]}}';
    assert.deepEqual((await json.completions(value, value.indexOf(': }') + 2)).filter((label) => /INSERT|UPDATE/.test(label)).sort(), ['"INSERT"', '"UPDATE"']);
    const property = '{"students": {"student": [{"client_uid": "1", "action": "INSERT", ""}]}}';
    const names = await json.completions(property, property.indexOf('""') + 1);
    assert.ok(names.includes('school_enrollment') && names.includes('name'), names.join(', '));
    const records = '{"students": {"student": []}}';
    assert.deepEqual(await json.completions(records, records.indexOf('[]') + 1), ['INSERT student', 'UPDATE student']);
    const hovered = '{"students": {"student": {"client_uid": "1", "action": "UPDATE", "id": 5}}}';
    assert.match(await json.hover(hovered, hovered.indexOf('"id"') + 1), /Sequential number, guaranteed unique/);
  });

  it('is derived, not a copy: the original schema is untouched and syntax errors are still VS Code\'s', async () => {
    const before = JSON.stringify(studentSchema);
    editorSchemaOf(studentSchema);
    assert.equal(JSON.stringify(studentSchema), before);
    const json = vsCodeJson(editorSchemaOf(studentSchema));
    assert.deepEqual((await json.diagnostics('{"students": {"student": {"client_uid": "1",}}}')).map((diagnostic) => diagnostic.message), ['Trailing comma']);
  });
});
