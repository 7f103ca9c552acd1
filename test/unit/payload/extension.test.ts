import * as assert from 'node:assert/strict';
import { createPayloadValidator, type ExtensionCatalog } from '../../../src/core/payload';
import { assertValueRange, body, none, only, updateRecord } from './helpers';

const catalog: ExtensionCatalog = {
  tables: [
    {
      name: 'U_STUDENTSUSERFIELDS',
      columns: [
        { name: 'STUDENTSDCID', type: 'NUMBER', length: 10, access: 'ViewOnly' },
        { name: 'TRANSCRIPTADDRZIP', type: 'VARCHAR2', length: 10 },
        { name: 'GRAD_YEAR', type: 'NUMBER', length: 4 },
        { name: 'GRAD_DAY', type: 'DATE' },
      ],
    },
  ],
};

function withExtension(tableName: string, fields: Record<string, unknown>[]): string {
  return body({ ...updateRecord(), _extension_data: { _table_extension: [{ recordFound: false, name: tableName, _field: fields }] } });
}

describe('payload: _extension_data against the catalog', () => {
  const validator = createPayloadValidator();
  const check = (text: string) => validator.validateStudentText(text, { extensionCatalog: catalog });

  it('accepts known tables and fields with fitting values, case-insensitively', () => {
    none(check(withExtension('u_studentsuserfields', [
      { name: 'transcriptaddrzip', type: 'String', value: '1854' },
      { name: 'grad_year', type: 'String', value: '2030' },
      { name: 'grad_day', type: 'String', value: '2030-06-01' },
    ])));
  });

  it('flags an unknown table with the closest name', () => {
    const text = withExtension('u_studentsuserfeilds', [{ name: 'x', value: '1' }]);
    const finding = only(check(text), 'unknown-extension-table');
    assert.match(finding.message, /did you mean 'u_studentsuserfields'/);
    assertValueRange(text, finding, ['_table_extension', 'name'], '"u_studentsuserfeilds"');
  });

  it('flags unknown fields, read-only fields and values that do not fit', () => {
    const text = withExtension('u_studentsuserfields', [
      { name: 'transcriptaddrzp', value: '1' },
      { name: 'studentsdcid', value: 4 },
      { name: 'transcriptaddrzip', value: '12345678901' },
      { name: 'grad_year', value: 'soon' },
    ]);
    const findings = check(text);
    const unknown = only(findings, 'unknown-extension-field');
    assert.equal(unknown.pointer, '/students/student/0/_extension_data/_table_extension/0/_field/0/name');
    assert.match(unknown.message, /did you mean 'transcriptaddrzip'/);
    assert.equal(only(findings, 'read-only-column').pointer, '/students/student/0/_extension_data/_table_extension/0/_field/1/name');
    assertValueRange(text, only(findings, 'column-length'), ['value'], '"12345678901"', text.indexOf('"name": "transcriptaddrzip"'));
    assert.match(only(findings, 'column-type').message, /grad_year must be a number/);
  });

  it('without a catalog checks only repeated names', () => {
    const plain = createPayloadValidator();
    const text = withExtension('u_whatever', [{ name: 'a', value: '1' }, { name: 'A', value: '2' }]);
    const findings = plain.validateStudentText(text);
    assert.equal(only(findings, 'duplicate-extension-field').pointer, '/students/student/0/_extension_data/_table_extension/0/_field/1/name');
    none(findings, 'unknown-extension-table');
  });

  it('uses the catalog given when the validator was created', () => {
    const withDefault = createPayloadValidator({ extensionCatalog: catalog });
    only(withDefault.validateStudentText(withExtension('u_nope', [{ name: 'a', value: '1' }])), 'unknown-extension-table');
  });
});
