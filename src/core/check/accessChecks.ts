import { accessRequestLine, grantCovers, grantLookup, type FieldAccess, type GrantedAccess } from '../plugin';
import type { PsreqRequest, QueryParameter, Span } from '../psreq';
import { parseQ, percentDecode } from '../q';
import type { Finding } from './findings';
import type { PsreqCheckInput } from './psreqChecks';

/** A column a request names, where it is written. */
interface NamedColumn extends Span {
  readonly name: string;
}

// After any origin, written or a variable (`{{host}}/ws/…`).
const tablePath = /\/ws\/schema\/table\/([A-Za-z0-9_$]+)(\/count|\/[^/?#]+)?\/?$/i;

/**
 * Columns the connection's plugin was not granted, found before sending (a real server answers
 * 403 NoAccess: real-server-behaviour.md, /ws/schema/table). Each finding names the
 * `<access_request>` line the plugin.xml lacks: ViewOnly to read, FullAccess to write.
 */
export function accessChecker(plugin: () => GrantedAccess | undefined): (input: PsreqCheckInput) => Finding[] {
  return ({ document }) => {
    const definition = plugin();
    if (!definition) return [];
    const lookup = grantLookup(definition.fieldGrants);
    const findings: Finding[] = [];
    for (const request of document.requests) {
      const match = tablePath.exec(request.url.path.trim());
      if (!match) continue;
      const table = match[1]!;
      const method = request.method.text.toUpperCase();
      const need: FieldAccess = method === 'GET' || method === 'HEAD' ? 'ViewOnly' : 'FullAccess';
      const columns = need === 'ViewOnly' ? readColumns(request, match[2]?.toLowerCase() === '/count') : writtenColumns(request, table);
      for (const column of columns) {
        const grant = lookup(table, column.name);
        if (grantCovers(grant, need)) continue;
        const line = accessRequestLine(table, column.name, need);
        const what = grant ? `is only ViewOnly for plugin '${definition.name}'; writing it needs` : `is not granted to plugin '${definition.name}'; add`;
        findings.push({ start: column.start, end: column.end, severity: 'warning', code: 'ungranted-column', message: `${table.toUpperCase()}.${column.name.toUpperCase()} ${what} ${line} in its plugin.xml <access_request> (PowerSchool answers 403 NoAccess)` });
      }
    }
    return findings;
  };
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
