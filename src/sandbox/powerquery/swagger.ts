import type { BuiltinQuery } from './builtins';

const argSchema = (type: string) =>
  type === 'array' ? { type: 'array', items: { type: 'string' } } : type === 'number' ? { type: 'number' } : type === 'date' ? { type: 'string', format: 'date' } : { type: 'string' };

/** GET /ws/schema/query/api: every PowerQuery as a Swagger 2.0 document (paths + definitions). */
export function swaggerDocument(queries: readonly BuiltinQuery[], host: string) {
  const paths: Record<string, unknown> = {};
  const definitions: Record<string, unknown> = {};
  for (const query of queries) {
    const argsName = `${query.name}.args`;
    const resultName = `${query.name}.result`;
    definitions[argsName] = {
      type: 'object',
      required: query.args.filter((arg) => arg.required).map((arg) => arg.name),
      properties: Object.fromEntries([
        ...query.args.map((arg) => [arg.name, { ...argSchema(arg.type), description: arg.description }]),
        ['$q', { type: 'string', description: 'filter: table.column<op>value joined with ;' }],
        ['projection', { type: 'string', description: 'comma-separated columns, or *' }],
      ]),
    };
    definitions[resultName] = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        '@extensions': { type: 'string' },
        record: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'number' }, name: { type: 'string' }, tables: { type: 'object', properties: Object.fromEntries(query.columns.map((alias) => [alias, { type: 'string' }])) } } },
        },
      },
    };
    const tags = query.name.split('.').slice(0, -1).join('.');
    paths[`/ws/schema/query/${query.name}`] = {
      post: {
        summary: query.summary,
        description: query.note ?? query.summary,
        tags: [tags],
        consumes: ['application/json'],
        produces: ['application/json'],
        parameters: [
          { in: 'body', name: 'body', required: true, schema: { $ref: `#/definitions/${argsName}` } },
          { in: 'query', name: 'page', type: 'integer', required: false },
          { in: 'query', name: 'pagesize', type: 'integer', required: false, description: '0 returns every record' },
          { in: 'query', name: 'order', type: 'string', required: false },
          { in: 'query', name: 'count', type: 'boolean', required: false },
        ],
        responses: { 200: { description: 'records', schema: { $ref: `#/definitions/${resultName}` } }, 400: { description: 'bad argument' } },
        'x-sql': query.sql.replace(/\s+/g, ' '),
        'x-trusted': true,
        'x-plugin-id': 0,
        'x-core-table': query.coreTable,
      },
    };
  }
  return { swagger: '2.0', info: { title: 'PowerQueries', version: '1.0' }, host, basePath: '/', schemes: ['http'], paths, definitions };
}
