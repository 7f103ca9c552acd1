import * as assert from 'node:assert/strict';
import { powerQueryRequestText, tableRequestText, type PowerQueryInfo } from '../../../src/core/catalog';
import type { TableMetadata } from '../../../src/core/schema';
import { parsePsreq } from '../../../src/core/psreq';

const students: TableMetadata = {
  name: 'STUDENTS', comment: 'Core student record', primaryKey: 'dcid', actions: ['GET'], queries: [], raw: {},
  columns: [{ name: 'dcid', type: 'NUMBER', length: 10, key: true, nullable: false }, { name: 'last_name', type: 'VARCHAR2', length: 50, key: false }],
};

describe('catalog: .psreq request templates', () => {
  it('a table request GETs every column with a q filter in a file variable', () => {
    assert.equal(tableRequestText(students), [
      "# q: column==value;other=gt=10 (AND with ';', '*' as wildcard, dates YYYY-MM-DD)",
      '@q = dcid=gt=0',
      '',
      '### STUDENTS: Core student record',
      'GET /ws/schema/table/students',
      '    ?projection=dcid,last_name',
      '    &q={{q}}',
      '    &pagesize=100',
      '',
    ].join('\n'));
  });

  it('a table with a text key gets a wildcard filter', () => {
    const text = tableRequestText({ ...students, primaryKey: 'code', columns: [{ name: 'code', type: 'VARCHAR2', length: 10, key: true }] }, { pageSize: 25 });
    assert.match(text, /^@q = code==\*$/m);
    assert.match(text, /&pagesize=25$/m);
  });

  it('a PowerQuery request POSTs an argument skeleton and names the required ones', () => {
    const query: PowerQueryInfo = {
      name: 'com.pearson.core.terms.yearid', namespace: 'com.pearson.core.terms', summary: 'Year id of a date', columns: ['terms.yearid'],
      args: [{ name: 'schoolid', type: 'number', required: true, description: 'TERMS.SCHOOLID' }, { name: 'currentdate', type: 'date', required: true }, { name: 'ids', type: 'array', required: false }],
    };
    const text = powerQueryRequestText(query);
    assert.match(text, /^### com\.pearson\.core\.terms\.yearid: Year id of a date$/m);
    assert.match(text, /^# required arguments: schoolid, currentdate$/m);
    assert.match(text, /^POST \/ws\/schema\/query\/com\.pearson\.core\.terms\.yearid\n {4}\?pagesize=100\nContent-Type: application\/json\n\n/m);
    const body = JSON.parse(text.slice(text.indexOf('\n{') + 1)) as Record<string, unknown>;
    assert.deepEqual(body, { schoolid: 0, currentdate: '{{$date}}', ids: [] });
  });

  it('both templates are requests the .psreq parser reads without a diagnostic', () => {
    const table = parsePsreq(tableRequestText(students));
    assert.deepEqual(table.diagnostics, []);
    assert.equal(table.requests.length, 1);
    assert.equal(table.requests[0]!.method.text, 'GET');
    assert.equal(table.requests[0]!.url.path, '/ws/schema/table/students');
    assert.deepEqual(table.requests[0]!.url.query.map((parameter) => parameter.key), ['projection', 'q', 'pagesize']);
    assert.deepEqual(table.fileVariables.map((variable) => [variable.name, variable.value]), [['q', 'dcid=gt=0']]);

    const query = parsePsreq(powerQueryRequestText({ name: 'com.pearson.core.student.student_dcid_id_map', namespace: 'com.pearson.core.student', args: [{ name: 'students_dcid', type: 'array', required: false }], columns: [] }));
    assert.deepEqual(query.diagnostics, []);
    const request = query.requests[0]!;
    assert.equal(request.method.text, 'POST');
    assert.equal(request.url.path, '/ws/schema/query/com.pearson.core.student.student_dcid_id_map');
    assert.deepEqual(request.headers.map((header) => [header.name, header.value]), [['Content-Type', 'application/json']]);
    assert.deepEqual(JSON.parse(request.body?.text ?? ''), { students_dcid: [] });
  });
});
