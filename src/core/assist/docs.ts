import type { EndpointSpec, ParameterSpec } from '../q/index';
import type { ColumnInfo } from '../schema';
import type { LivePowerQuery } from './types';

// Markdown shown in completion documentation and hovers.

export function endpointMarkdown(endpoint: EndpointSpec): string {
  const parameters = endpoint.parameters.map((parameter) => `\`${parameter.name}\``).join(', ');
  return `\`${endpoint.method} ${endpoint.path}\`\n\n${endpoint.description}${parameters ? `\n\nParameters: ${parameters}` : ''}`;
}

/** The endpoints reached through a path segment, one line each. */
export function endpointsUnder(endpoints: readonly EndpointSpec[]): string {
  const lines = endpoints.slice(0, 8).map((endpoint) => `- \`${endpoint.method} ${endpoint.path}\` — ${endpoint.description}`);
  if (endpoints.length > 8) lines.push(`- … ${endpoints.length - 8} more`);
  return lines.join('\n');
}

export function parameterMarkdown(spec: ParameterSpec, endpoint: EndpointSpec | undefined): string {
  const kind: Record<ParameterSpec['valueKind'], string> = {
    q: 'q-expression',
    integer: 'whole number',
    boolean: 'true / false',
    list: 'comma-separated names',
    columns: spec.listSeparator === ';' ? 'columns separated by `;`' : 'comma-separated columns',
    column: 'a column',
    order: 'sort terms: `table.column[;asc|desc]` separated by `,`',
    text: 'text',
  };
  return `**${spec.name}** — ${kind[spec.valueKind]}\n\n${spec.description}${endpoint ? `\n\n_${endpoint.method} ${endpoint.path}_` : ''}`;
}

export function columnMarkdown(table: string, column: Pick<ColumnInfo, 'name'> & Partial<ColumnInfo>): string {
  const type = column.type ? `${column.type.toUpperCase()}${column.length ? `(${column.length})` : ''}` : undefined;
  return [`**${table}.${column.name.toUpperCase()}**`, type ? `Type: \`${type}\`` : undefined, column.comment].filter(Boolean).join('\n\n');
}

export function powerQueryMarkdown(query: LivePowerQuery): string {
  const args = query.args.map((arg) => `- \`${arg.name}\`${arg.type ? ` (${arg.type})` : ''}${arg.required ? ' **required**' : ''}${arg.description ? ` — ${arg.description}` : ''}`);
  return [
    `**${query.name}**`,
    query.description,
    args.length ? `Arguments:\n${args.join('\n')}` : 'No arguments (body `{}`).',
    query.columns.length ? `Columns: ${query.columns.map((column) => `\`${column}\``).join(', ')}` : undefined,
  ].filter(Boolean).join('\n\n');
}
