import * as assert from 'node:assert/strict';
import { parseAreas, parseMetadata, parsePowerQueries, parseTableList } from '../../../src/core/catalog';
import { SchemaShapeError, parseTableMetadata } from '../../../src/core/schema';

describe('catalog: parsing documented shapes and quirks', () => {
  it('reads nested sub-areas and a single area sent as an object (XML-to-JSON quirk)', () => {
    const areas = parseAreas({ areas: { name: 'Students', display: 'Student Info', subareas: { name: 'Enrollment', subareas: '' } } });
    assert.deepEqual(areas, [{ name: 'Students', display: 'Student Info', subareas: [{ name: 'Enrollment', display: 'Enrollment', subareas: [] }] }]);
  });

  it('names the endpoint and the problem when a shape is wrong', () => {
    assert.throws(() => parseAreas([]), (error: Error) => error instanceof SchemaShapeError && /GET \/ws\/schema\/area: .*array/.test(error.message));
    assert.throws(() => parseTableList({ nope: 1 }), /GET \/ws\/schema\/table: unexpected response \(no "tables"\)/);
    assert.throws(() => parseTableList({ tables: [{ comment: 'x' }] }), /a table without a name/);
    assert.throws(() => parseTableMetadata({ name: 'X' }, 'X'), /GET \/ws\/schema\/table\/X\/metadata: .*no "columns"/);
    assert.throws(() => parseMetadata({}), /no "metadata" object/);
    assert.throws(() => parsePowerQueries({ swagger: '2.0' }), /no "paths"/);
  });

  it('reads one table as an object, string lengths and flags, and marks the key from primaryKey when "key" is missing', () => {
    assert.deepEqual(parseTableList({ tables: { name: 'STUDENTS', primaryKey: 'dcid' } }), [{ name: 'STUDENTS', primaryKey: 'dcid' }]);
    const meta = parseTableMetadata({ name: 'U_X', primaryKey: 'ID', columns: [{ name: 'id', type: 'NUMBER', length: '10', nullable: 'false' }, { name: 'note', type: 'VARCHAR2', length: 0, description: 'free text' }] }, 'u_x');
    assert.deepEqual(meta.columns, [
      { name: 'id', type: 'NUMBER', length: 10, key: true, nullable: false },
      { name: 'note', type: 'VARCHAR2', key: false, comment: 'free text' },
    ]);
  });

  it('shows nested metadata values as JSON text', () => {
    assert.deepEqual(parseMetadata({ metadata: { a: 1, b: 'two', c: { d: true }, e: null } }), [
      { key: 'a', value: '1' }, { key: 'b', value: 'two' }, { key: 'c', value: '{"d":true}' }, { key: 'e', value: 'null' },
    ]);
  });

  it('reads PowerQueries through $refs, leaves out $q/projection, takes flattened columns and falls back to the name for a namespace', () => {
    const swagger = {
      swagger: '2.0',
      paths: {
        '/ws/schema/query/org.district.roster': {
          post: {
            summary: 'Roster',
            parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/args' } }],
            responses: { 200: { schema: { properties: { record: { type: 'array', items: { properties: { id: {}, 'students.dcid': {}, 'cc.sectionid': {} } } } } } } },
          },
        },
        '/ws/schema/query/other.thing': { get: {} },
        '/ws/v1/district': { post: {} },
      },
      definitions: { args: { required: ['section_dcid'], properties: { section_dcid: { type: 'integer' }, day: { type: 'string', format: 'date' }, $q: { type: 'string' }, projection: {} } } },
    };
    assert.deepEqual(parsePowerQueries(swagger), [{
      name: 'org.district.roster', namespace: 'org.district', summary: 'Roster',
      args: [{ name: 'section_dcid', type: 'number', required: true }, { name: 'day', type: 'date', required: false }],
      columns: ['students.dcid', 'cc.sectionid'],
    }]);
  });

  // real-server-behaviour.md: Swagger "definitions named powerquery.resp.<name>.record and powerquery.param.<name>".
  it('reads columns of flattened records (x-column, without _name/_id) and of nested tables.<table>.<column>', () => {
    const post = (name: string) => ({
      post: {
        parameters: [{ in: 'body', name: 'body', schema: { $ref: `#/definitions/powerquery.param.${name}` } }],
        responses: { 200: { schema: { properties: { record: { type: 'array', items: { $ref: `#/definitions/powerquery.resp.${name}.record` } } } } } },
      },
    });
    const swagger = {
      swagger: '2.0',
      paths: { '/ws/schema/query/a.flat': post('a.flat'), '/ws/schema/query/a.nested': post('a.nested') },
      definitions: {
        'powerquery.param.a.flat': { properties: { yearid: { type: 'number' }, $dataversion: { type: 'string' } } },
        'powerquery.param.a.nested': { properties: {} },
        'powerquery.resp.a.flat.record': { properties: { dcid: { type: 'string', 'x-column': 'students.dcid' }, person_dcid: { type: 'string' }, _name: {}, _id: {} } },
        'powerquery.resp.a.nested.record': { properties: { id: {}, name: {}, tables: { properties: { attendance: { properties: { att_date: {} } }, students: { properties: { dcid: {} } } } } } },
      },
    };
    const [flat, nested] = parsePowerQueries(swagger);
    assert.deepEqual(flat!.columns, ['students.dcid', 'person_dcid']);
    assert.deepEqual(flat!.args.map((arg) => arg.name), ['yearid']);
    assert.deepEqual(nested!.columns, ['attendance.att_date', 'students.dcid']);
  });
});
