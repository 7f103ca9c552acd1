import type { TableMetadata } from '../schema';
import type { PowerQueryArg, PowerQueryInfo } from './types';

export interface TemplateOptions {
  /** Page size written into the request (default 100, PowerSchool's usual maximum). */
  readonly pageSize?: number;
}

function qTemplate(table: TableMetadata): string {
  const key = table.columns.find((column) => column.key) ?? table.columns.find((column) => column.name.toLowerCase() === table.primaryKey?.toLowerCase());
  if (!key) return '';
  return key.type === 'NUMBER' ? `${key.name}=gt=0` : `${key.name}==*`;
}

/**
 * A `.psreq` request reading a table: GET with a projection of every column and a `q` filter in a
 * file variable, ready to edit (the filter as written matches every row).
 */
export function tableRequestText(table: TableMetadata, options: TemplateOptions = {}): string {
  const name = table.name.toLowerCase();
  const projection = table.columns.map((column) => column.name).join(',') || '*';
  const filter = qTemplate(table);
  const lines = [
    `# q: column==value;other=gt=10 (AND with ';', '*' as wildcard, dates YYYY-MM-DD)`,
    `@q = ${filter}`,
    '',
    `### ${table.name.toUpperCase()}${table.comment ? `: ${table.comment}` : ''}`,
    `GET /ws/schema/table/${encodeURIComponent(name)}`,
    `    ?projection=${projection}`,
    ...(filter ? ['    &q={{q}}'] : []),
    `    &pagesize=${options.pageSize ?? 100}`,
    '',
  ];
  return lines.join('\n');
}

function skeletonValue(arg: PowerQueryArg): unknown {
  switch (arg.type) {
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return '{{$date}}';
    default:
      return '';
  }
}

/** A `.psreq` request running a PowerQuery: POST with every argument in the body, required ones named above. */
export function powerQueryRequestText(query: PowerQueryInfo, options: TemplateOptions = {}): string {
  const required = query.args.filter((arg) => arg.required).map((arg) => arg.name);
  const body = Object.fromEntries(query.args.map((arg) => [arg.name, skeletonValue(arg)]));
  const lines = [
    `### ${query.name}${query.summary ? `: ${query.summary}` : ''}`,
    ...(required.length ? [`# required arguments: ${required.join(', ')}`] : []),
    ...query.args.filter((arg) => arg.description).map((arg) => `# ${arg.name} (${arg.type}): ${arg.description}`),
    `POST /ws/schema/query/${query.name}`,
    `    ?pagesize=${options.pageSize ?? 100}`,
    'Content-Type: application/json',
    '',
    JSON.stringify(body, null, 2),
    '',
  ];
  return lines.join('\n');
}

/** A `.psreq` request reading the first `limit` records of a table (every column) or of a PowerQuery run without arguments. */
export function previewRequestText(subject: { readonly kind: 'table' | 'powerQuery'; readonly name: string }, limit: number): string {
  const title = `### ${subject.name}: the first ${limit} records`;
  if (subject.kind === 'table') return [title, `GET /ws/schema/table/${encodeURIComponent(subject.name.toLowerCase())}`, '    ?projection=*', `    &pagesize=${limit}`, ''].join('\n');
  return [title, `POST /ws/schema/query/${subject.name}`, `    ?pagesize=${limit}`, 'Content-Type: application/json', '', '{}', ''].join('\n');
}
