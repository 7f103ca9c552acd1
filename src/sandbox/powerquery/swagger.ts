import type { ServedQuery } from './runQuery';

const argSchema = (type: string) =>
  type === 'array' ? { type: 'array', items: { type: 'string' } } : type === 'number' ? { type: 'number' } : type === 'date' ? { type: 'string', format: 'date' } : { type: 'string' };

/** One record's schema: flat output keys (each naming its source column in `x-column`) or `tables`. */
function recordSchema(query: ServedQuery) {
  if (query.flattened) {
    return {
      type: 'object',
      properties: {
        ...Object.fromEntries(query.columns.map(({ column, key }) => [key, { type: 'string', 'x-column': column }])),
        _name: { type: 'string' },
        _id: { type: 'number' },
      },
    };
  }
  const tables: Record<string, { type: 'object'; properties: Record<string, { type: 'string' }> }> = {};
  for (const { column: alias } of query.columns) {
    const [table, column] = alias.split('.') as [string, string];
    (tables[table] ??= { type: 'object', properties: {} }).properties[column] = { type: 'string' };
  }
  return { type: 'object', properties: { id: { type: 'number' }, name: { type: 'string' }, tables: { type: 'object', properties: tables } } };
}

/**
 * GET /ws/schema/query/api: every PowerQuery as a Swagger 2.0 document. Definitions are named
 * `powerquery.param.<name>` and `powerquery.resp.<name>.record`, the names real clients read.
 */
export function swaggerDocument(queries: readonly ServedQuery[], host: string) {
  const paths: Record<string, unknown> = {};
  const definitions: Record<string, unknown> = {};
  for (const query of queries) {
    const paramName = `powerquery.param.${query.name}`;
    const recordName = `powerquery.resp.${query.name}.record`;
    definitions[paramName] = {
      type: 'object',
      required: query.args.filter((arg) => arg.required).map((arg) => arg.name),
      properties: Object.fromEntries([
        ...query.args.map((arg) => [arg.name, { ...argSchema(arg.type), description: arg.description }]),
        ['$q', { type: 'string', description: 'filter: table.column<op>value joined with ;' }],
        ['projection', { type: 'string', description: 'columns separated by ;, table.* or *' }],
        ['$dataversion', { type: 'string', description: 'answered back as "$dataversion"' }],
      ]),
    };
    definitions[recordName] = recordSchema(query);
    const tags = query.name.split('.').slice(0, -1).join('.');
    paths[`/ws/schema/query/${query.name}`] = {
      post: {
        summary: query.summary,
        description: query.note ?? query.summary,
        tags: [tags],
        consumes: ['application/json'],
        produces: ['application/json'],
        parameters: [
          { in: 'body', name: 'body', required: true, schema: { $ref: `#/definitions/${paramName}` } },
          { in: 'query', name: 'page', type: 'integer', required: false },
          { in: 'query', name: 'pagesize', type: 'integer', required: false, description: '0 returns every record' },
          { in: 'query', name: 'order', type: 'string', required: false, description: 'table.column[;asc|desc] separated by ,' },
          { in: 'query', name: 'projection', type: 'string', required: false, description: 'columns separated by ;, table.* or *' },
          { in: 'query', name: 'count', type: 'boolean', required: false },
        ],
        responses: {
          200: {
            description: 'records',
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                '@extensions': { type: 'string' },
                count: { type: 'number' },
                record: { type: 'array', items: { $ref: `#/definitions/${recordName}` } },
              },
            },
          },
          400: { description: 'bad argument' },
          404: { description: 'query not installed' },
        },
        'x-sql': query.sql.replace(/\s+/g, ' '),
        'x-trusted': true,
        'x-plugin-id': 0,
        'x-core-table': query.coreTable,
        'x-flattened': query.flattened,
      },
    };
  }
  return { swagger: '2.0', info: { title: 'PowerQueries', version: '1.0' }, host, basePath: '/', schemes: ['http'], paths, definitions };
}
