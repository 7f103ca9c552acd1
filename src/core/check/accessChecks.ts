import { accessRequestLine, grantCovers, grantLookup } from '../plugin/grants';
import type { FieldAccess, GrantedAccess } from '../plugin';
import type { PsreqRequest, QueryParameter, Span } from '../psreq';
import { parseQ, percentDecode } from '../q';
import { builtinPowerQuery, queryColumnNeeds } from '../schema';
import type { Finding } from './findings';
import type { PsreqChecker } from './psreqChecks';

/** A column a request names, where it is written. */
interface NamedColumn extends Span {
  readonly name: string;
}

// After any origin, written or a variable (`{{host}}/ws/…`).
const tablePath = /\/ws\/schema\/table\/([A-Za-z0-9_$]+)(\/count|\/[^/?#]+)?\/?$/i;
const queryPath = /\/ws\/schema\/query\/([A-Za-z0-9_.$-]+?)(\/count)?\/?$/i;

/**
 * Columns the connection's plugin was not granted, found before sending (a real server answers
 * 403 NoAccess: real-server-behaviour.md, /ws/schema/table; a PowerQuery fails "with a permission
 * error" unless every column it touches is granted: Plugins). Each finding names the
 * `<access_request>` line the plugin.xml lacks: ViewOnly to read, FullAccess to write.
 */
export function accessChecker(plugin: () => GrantedAccess | undefined): PsreqChecker {
  return () => {
    const definition = plugin();
    if (!definition) return {};
    const lookup = grantLookup(definition.fieldGrants);
    return { key: definition, block: ({ request }) => (request ? ungrantedColumns(request, definition, lookup) : []) };
  };
}

function ungrantedColumns(request: PsreqRequest, definition: GrantedAccess, lookup: ReturnType<typeof grantLookup>): Finding[] {
  const findings: Finding[] = [];
  /** A finding at `where` when `table.column` lacks `need`; `reader` names the PowerQuery that reads it. */
  const check = (table: string, column: string, need: FieldAccess, where: Span, reader?: string) => {
    const grant = lookup(table, column);
    if (grantCovers(grant, need)) return;
    const subject = `${table.toUpperCase()}.${column.toUpperCase()}`;
    const what = grant ? `is only ViewOnly for plugin '${definition.name}'; writing it needs` : `is not granted to plugin '${definition.name}'; add`;
    const message = `${reader ? `${reader} reads ${subject}, which` : subject} ${what} ${accessRequestLine(table, column, need)} in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)`;
    findings.push({ ...where, severity: 'warning', code: 'ungranted-column', message });
  };
  const path = request.url.path.trim();
  const method = request.method.text.toUpperCase();
  const query = method === 'POST' ? queryPath.exec(path) : null;
  const builtin = query ? builtinPowerQuery(query[1]!) : undefined;
  if (query && builtin) {
    // Every declared column, whatever the projection: the query runs only when all are granted.
    const at = request.url.pathSpan.start + request.url.path.indexOf(query[1]!, request.url.path.indexOf('/ws/schema/query/'));
    const where = { start: at, end: at + query[1]!.length };
    for (const { table, field } of queryColumnNeeds(builtin)) check(table, field, 'ViewOnly', where, `PowerQuery ${builtin.name}`);
    return findings;
  }
  const match = tablePath.exec(path);
  if (!match) return findings;
  const table = match[1]!;
  const need: FieldAccess = method === 'GET' || method === 'HEAD' ? 'ViewOnly' : 'FullAccess';
  const columns = need === 'ViewOnly' ? readColumns(request, match[2]?.toLowerCase() === '/count') : writtenColumns(request, table);
  for (const column of columns) check(table, column.name, need, { start: column.start, end: column.end });
  return findings;
}

/** Columns of `projection`, `sort` and `q` (a count reads none but those of q). */
function readColumns(request: PsreqRequest, count: boolean): NamedColumn[] {
  const columns: NamedColumn[] = [];
  for (const parameter of request.url.query) {
    const key = parameter.key.toLowerCase();
    if (!count && (key === 'projection' || key === 'sort')) columns.push(...listItems(parameter).filter((item) => item.name !== '*'));
    if (key === 'q') columns.push(...qFields(parameter));
  }
  return columns;
}

/** `a,b,c` with each item's place in the document (the whole value when percent-encoded). */
function listItems(parameter: QueryParameter): NamedColumn[] {
  const encoded = parameter.value.includes('%');
  const value = encoded ? percentDecode(parameter.value) : parameter.value;
  const items: NamedColumn[] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    const name = part.trim();
    const start = parameter.valueSpan.start + offset + part.indexOf(name);
    if (name && !name.includes('{{')) items.push(encoded ? { name, ...parameter.valueSpan } : { name, start, end: start + name.length });
    offset += part.length + 1;
  }
  return items;
}

function qFields(parameter: QueryParameter): NamedColumn[] {
  const encoded = parameter.value.includes('%');
  const text = encoded ? percentDecode(parameter.value) : parameter.value;
  if (text.includes('{{')) return [];
  return parseQ(text, { dialect: 'schema' }).expression.terms
    .filter((term) => term.field.name !== '')
    .map(({ field }) => (encoded ? { name: field.name, ...parameter.valueSpan } : { name: field.name, start: parameter.valueSpan.start + field.start, end: parameter.valueSpan.start + field.end }));
}

/** The columns of a `{"tables":{"<table>":{…}}}` write body, placed at the body. */
function writtenColumns(request: PsreqRequest, table: string): NamedColumn[] {
  const body = request.body;
  if (!body || body.file || body.text.includes('{{')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return [];
  }
  const tables = (parsed as { tables?: unknown } | null)?.tables;
  if (!tables || typeof tables !== 'object') return [];
  const record = Object.entries(tables).find(([name]) => name.toLowerCase() === table.toLowerCase())?.[1];
  if (!record || typeof record !== 'object' || Array.isArray(record)) return [];
  return Object.keys(record).map((name) => {
    const at = body.text.indexOf(JSON.stringify(name));
    return at < 0 ? { name, ...body.span } : { name, start: body.span.start + at, end: body.span.start + at + name.length + 2 };
  });
}
