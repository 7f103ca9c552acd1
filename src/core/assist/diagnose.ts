import { byRange, closestName } from '../text';
import { parseQ, percentDecode, validateQ, matchEndpoint, DEFAULT_MAX_PAGE_SIZE, POWERQUERY_BODY_KEYS, type FieldCatalog, type ParameterSpec, type QDialect, type QDiagnostic } from '../q/index';
import { readJsonBody, type BodyMember } from './body';
import { checkExtensionWrites } from './extensionWrite';
import { NO_KNOWLEDGE, knowledgeFor, projectableColumns, qTargetFor, type Knowledge, type ProjectableColumns } from './catalogs';
import { isTableStar, listEntries, orderTerms, type ListSeparator } from './lists';
import { describeRequest, literalPlaceholder, overlapsReference, type RequestInfo } from './requestInfo';
import type { PsreqRequest } from '../psreq';
import type { TextSlice } from './textSlice';
import type { AssistDiagnostic, AssistFix, LiveCatalog } from './types';
import type { UrlParameter } from './urlText';

// Diagnostics of one request: its q (URL or body `$q`), parameter names, list entries
// (expansions, extensions, projection, sort), integer and boolean values, page size, a
// PowerQuery body's keys, and a student POST's extension tables against its `extensions=`. Each carries an exact document range and, where certain, fixes.

/** q diagnostics (local to `slice`) moved to document offsets. */
export function shiftQDiagnostics(diagnostics: readonly QDiagnostic[], slice: TextSlice): AssistDiagnostic[] {
  return diagnostics.map((d) => {
    const out: AssistDiagnostic = { start: slice.toDocument(d.start), end: slice.toDocumentEnd(d.end), severity: d.severity, code: d.code, message: d.message };
    if (d.start === d.end) out.end = out.start;
    if (d.fixes?.length) {
      out.fixes = d.fixes.map((fix) => ({ title: fix.title, start: slice.toDocument(fix.start), end: fix.start === fix.end ? slice.toDocument(fix.start) : slice.toDocumentEnd(fix.end), newText: fix.newText }));
    }
    return out;
  });
}

export function checkQ(slice: TextSlice, dialect: QDialect, catalog: FieldCatalog | undefined, percentEncoded: boolean): AssistDiagnostic[] {
  const found = catalog
    ? validateQ(slice.text, catalog, dialect, { percentDecode: percentEncoded })
    : parseQ(slice.text, { dialect, percentDecode: percentEncoded }).diagnostics;
  return shiftQDiagnostics(found, slice);
}

function replaceFix(slice: TextSlice, newText: string, title: string): AssistFix {
  return { title, start: slice.toDocument(0), end: slice.toDocumentEnd(slice.text.length), newText };
}

function names(items: readonly { name: string }[]): string {
  const shown = items.slice(0, 8).map((item) => item.name).join(', ');
  return items.length > 8 ? `${shown}, …` : shown;
}

function endpointLabel(info: RequestInfo): string {
  return `${info.endpoint!.method} ${info.endpoint!.path}`;
}

function checkParameterName(info: RequestInfo, parameter: UrlParameter, key: string, out: AssistDiagnostic[]): ParameterSpec | undefined {
  const endpoint = info.endpoint!;
  const spec = endpoint.parameters.find((candidate) => candidate.name === key);
  if (spec) return spec;
  const caseless = endpoint.parameters.find((candidate) => candidate.name.toLowerCase() === key.toLowerCase());
  const range = { start: parameter.key.toDocument(0), end: parameter.key.toDocumentEnd(parameter.key.text.length) };
  if (caseless) {
    out.push({ ...range, severity: 'warning', code: 'parameter-case', message: `PowerSchool reads '${caseless.name}' in lower case; '${key}' is ignored`, fixes: [replaceFix(parameter.key, caseless.name, `Change to '${caseless.name}'`)] });
    return caseless;
  }
  if (key === 'q' && endpoint.q?.dialect === 'powerquery') {
    out.push({ ...range, severity: 'error', code: 'unknown-parameter', message: 'A PowerQuery takes its filter in the JSON body as "$q", not as a q parameter' });
    return undefined;
  }
  const suggestion = closestName(key, endpoint.parameters.map((candidate) => candidate.name));
  const accepted = endpoint.parameters.length ? `it accepts ${names(endpoint.parameters)}` : 'it takes no query parameters';
  out.push({
    ...range,
    severity: 'warning',
    code: 'unknown-parameter',
    message: `'${key}' is not a parameter of ${endpointLabel(info)}${suggestion ? ` — did you mean '${suggestion}'?` : ''} (${accepted})`,
    fixes: suggestion ? [replaceFix(parameter.key, suggestion, `Change to '${suggestion}'`)] : undefined,
  });
  return undefined;
}

function checkInteger(spec: ParameterSpec, value: TextSlice, knowledge: Knowledge, out: AssistDiagnostic[]): void {
  const text = percentDecode(value.text).trim();
  const range = { start: value.toDocument(0), end: value.toDocumentEnd(value.text.length) };
  if (!/^-?\d+$/.test(text)) {
    out.push({ ...range, severity: 'error', code: 'not-an-integer', message: `${spec.name} takes a whole number${text ? `, not '${text}'` : ''}` });
    return;
  }
  const number = Number(text);
  if (spec.min !== undefined && number < spec.min) {
    out.push({ ...range, severity: 'error', code: 'integer-too-small', message: `${spec.name} starts at ${spec.min}${spec.name === 'pagesize' && spec.min === 0 ? ' (0 = all records)' : ''}` });
    return;
  }
  if (spec.maxFromMetadata) {
    const serverMax = knowledge.maxPageSize(spec.maxFromMetadata);
    const max = serverMax ?? DEFAULT_MAX_PAGE_SIZE;
    if (number > max) {
      const source = serverMax !== undefined ? `the server's ${spec.maxFromMetadata}` : `the usual ${spec.maxFromMetadata}; /ws/v1/metadata has the server's own`;
      out.push({
        ...range,
        severity: 'warning',
        code: 'pagesize-above-maximum',
        message: `pagesize ${number} is above the maximum of ${max} (${source}): the server returns at most ${max} records per page — page through with page=2, 3, …`,
        fixes: [replaceFix(value, String(max), `Set pagesize to ${max}`)],
      });
    }
  }
}

function checkBoolean(spec: ParameterSpec, value: TextSlice, out: AssistDiagnostic[]): void {
  const text = percentDecode(value.text).trim().toLowerCase();
  if (text === 'true' || text === 'false') return;
  out.push({ start: value.toDocument(0), end: value.toDocumentEnd(value.text.length), severity: 'warning', code: 'not-a-boolean', message: `${spec.name} takes true or false` });
}

function checkNamedList(kind: 'expansion' | 'extension', value: TextSlice, known: readonly { name: string }[], where: string, out: AssistDiagnostic[]): void {
  for (const entry of listEntries(value)) {
    const name = entry.text;
    if (!name || name.includes('{{') || known.some((item) => item.name.toLowerCase() === name.toLowerCase())) continue;
    const suggestion = closestName(name, known.map((item) => item.name));
    const range = { start: entry.slice.toDocument(0), end: entry.slice.toDocumentEnd(entry.slice.text.length) };
    const fixes = suggestion ? [replaceFix(entry.slice, suggestion, `Change to '${suggestion}'`)] : undefined;
    if (kind === 'expansion') {
      out.push({ ...range, severity: 'warning', code: 'unknown-expansion', message: `'${name}' is not an expansion of ${where}${suggestion ? ` — did you mean '${suggestion}'?` : ''} (${names(known)})`, fixes });
    } else {
      // The server ignores extensions it does not have and lists its own in @extensions.
      out.push({ ...range, severity: 'info', code: 'unknown-extension', message: `'${name}' is not a known extension${suggestion ? ` — did you mean '${suggestion}'?` : ''}; the server ignores unknown ones (its @extensions lists the real ones)`, fixes });
    }
  }
}

function unknownColumn(parameter: string, entry: { text: string; slice: TextSlice }, known: ProjectableColumns): AssistDiagnostic {
  const suggestion = closestName(entry.text.toLowerCase(), known.columns.map((column) => column.name.toLowerCase()));
  return {
    start: entry.slice.toDocument(0),
    end: entry.slice.toDocumentEnd(entry.slice.text.length),
    severity: 'error',
    code: 'unknown-column',
    message: `${known.title} has no column '${entry.text}' (in ${parameter})${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
    fixes: suggestion ? [replaceFix(entry.slice, suggestion, `Change to '${suggestion}'`)] : undefined,
  };
}

const knownColumn = (name: string, known: { columns: readonly { name: string }[] }) => known.columns.some((column) => column.name.toLowerCase() === name.toLowerCase());

/** A column list; with `;` (a PowerQuery projection) `table.*` is an entry too, and a `,` is the wrong separator. */
function checkColumnList(parameter: string, value: TextSlice, known: ProjectableColumns, out: AssistDiagnostic[], separator: ListSeparator = ','): void {
  for (const entry of listEntries(value, separator)) {
    const name = entry.text;
    if (!name || name === '*' || name.includes('{{') || knownColumn(name, known)) continue;
    if (separator === ';' && isTableStar(name, known.columns)) continue;
    if (separator === ';' && name.includes(',')) {
      out.push({
        start: entry.slice.toDocument(0), end: entry.slice.toDocumentEnd(name.length), severity: 'error', code: 'projection-separator',
        message: `A PowerQuery ${parameter} separates columns with ';', not ','`,
        fixes: [replaceFix(entry.slice, name.split(',').map((part) => part.trim()).join(';'), "Separate the columns with ';'")],
      });
      continue;
    }
    out.push(unknownColumn(parameter, entry, known));
  }
}

/** A PowerQuery `order`: known columns, and `asc`/`desc` after a `;`. */
function checkOrder(value: TextSlice, known: ProjectableColumns | undefined, out: AssistDiagnostic[]): void {
  for (const { column, direction } of orderTerms(value)) {
    if (known && column.text && !knownColumn(column.text, known)) out.push(unknownColumn('order', column, known));
    if (direction && !/^(asc|desc)$/i.test(direction.text)) {
      const suggestion = closestName(direction.text.toLowerCase(), ['asc', 'desc']);
      out.push({
        start: direction.slice.toDocument(0), end: direction.slice.toDocumentEnd(direction.slice.text.length), severity: 'error', code: 'order-direction',
        message: `'${direction.text}' is not a sort direction: write ;asc or ;desc after the column (terms separated by ',')`,
        fixes: suggestion ? [replaceFix(direction.slice, suggestion, `Change to '${suggestion}'`)] : undefined,
      });
    }
  }
}

function checkParameters(info: RequestInfo, knowledge: Knowledge, out: AssistDiagnostic[]): void {
  const endpoint = info.endpoint;
  if (!endpoint) return;
  for (const parameter of info.url.parameters) {
    const key = percentDecode(parameter.key.text);
    if (!key || key.includes('{{')) continue;
    const spec = checkParameterName(info, parameter, key, out);
    if (!spec || !parameter.hasEquals || (parameter.value.text.includes('{{') && spec.valueKind !== 'q')) continue;
    switch (spec.valueKind) {
      case 'q': {
        const target = qTargetFor(info, knowledge);
        if (target) out.push(...checkQ(parameter.value, target.dialect, target.catalog, true));
        break;
      }
      case 'integer':
        checkInteger(spec, parameter.value, knowledge, out);
        break;
      case 'boolean':
        checkBoolean(spec, parameter.value, out);
        break;
      case 'list':
        if (spec.name === 'expansions' && endpoint.expansions) checkNamedList('expansion', parameter.value, endpoint.expansions, endpointLabel(info), out);
        if (spec.name === 'extensions' && endpoint.extensions) checkNamedList('extension', parameter.value, endpoint.extensions, endpointLabel(info), out);
        break;
      case 'columns': {
        const known = projectableColumns(info, knowledge);
        if (known) checkColumnList(spec.name, parameter.value, known, out, spec.listSeparator);
        break;
      }
      case 'order':
        checkOrder(parameter.value, projectableColumns(info, knowledge), out);
        break;
      default:
        break;
    }
  }
}

function checkPowerQueryBody(documentText: string, info: RequestInfo, knowledge: Knowledge, out: AssistDiagnostic[]): void {
  const body = readJsonBody(documentText, info.request);
  if (!body) return;
  const name = literalPlaceholder(info, 'name');
  const query = name ? knowledge.powerQuery(name) : undefined;
  const bodyKeys = POWERQUERY_BODY_KEYS.map((item) => item.name);
  const argumentNames = query?.args.map((arg) => arg.name) ?? [];
  for (const member of body.members) {
    if (member.key === '$q') checkDollarQ(member, info, knowledge, out);
    else if (member.key === 'projection' && member.stringValue) {
      const known = projectableColumns(info, knowledge);
      if (known) checkColumnList('projection', member.stringValue, known, out, ';');
    } else if (query && !bodyKeys.includes(member.key) && !argumentNames.some((arg) => arg.toLowerCase() === member.key.toLowerCase())) {
      const suggestion = closestName(member.key, [...argumentNames, ...bodyKeys]);
      out.push({
        start: member.keyStart,
        end: member.keyEnd,
        severity: 'warning',
        code: 'unknown-argument',
        message: `${query.name} has no argument '${member.key}'${suggestion ? ` — did you mean '${suggestion}'?` : ''} (${argumentNames.length ? `arguments: ${argumentNames.join(', ')}` : 'it takes no arguments'}; besides them "$q", "projection", "$dataversion")`,
        fixes: suggestion ? [{ title: `Change to '${suggestion}'`, start: member.keyStart, end: member.keyEnd, newText: JSON.stringify(suggestion) }] : undefined,
      });
    }
  }
  if (query && body.object) {
    for (const arg of query.args) {
      if (!arg.required || body.members.some((member) => member.key.toLowerCase() === arg.name.toLowerCase())) continue;
      out.push({ start: body.object.start, end: body.object.start + 1, severity: 'error', code: 'missing-argument', message: `${query.name} needs the argument "${arg.name}"${arg.description ? ` (${arg.description})` : ''}` });
    }
  }
}

function checkDollarQ(member: BodyMember, info: RequestInfo, knowledge: Knowledge, out: AssistDiagnostic[]): void {
  if (!member.stringValue) {
    if (member.value) out.push({ start: member.value.start, end: member.value.end, severity: 'error', code: 'q-not-a-string', message: '"$q" takes a string, e.g. "students.last_name==Smith*"' });
    return;
  }
  const target = qTargetFor(info, knowledge);
  if (target) out.push(...checkQ(member.stringValue, 'powerquery', target.catalog, false));
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/** A documented path called with a method it does not take (`GET /ws/v1/student`). */
function checkMethod(info: RequestInfo, out: AssistDiagnostic[]): void {
  const path = info.url.apiPath.text;
  if (info.endpoint || !path.startsWith('/') || path.includes('{{')) return;
  // An unknown method word is the parser's finding, not ours.
  if (!['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].includes(info.method)) return;
  const others = METHODS.flatMap((method) => {
    const endpoint = method === info.method ? undefined : matchEndpoint(method, path);
    return endpoint ? [endpoint] : [];
  });
  if (others.length === 0) return;
  const { method } = info.request;
  const range = method.implicit ? { start: info.url.apiPath.toDocument(0), end: info.url.apiPath.toDocumentEnd(path.length) } : method.span;
  const takes = others.map((endpoint) => endpoint.method).join(' or ');
  out.push({
    ...range,
    severity: 'warning',
    code: 'method-not-allowed',
    message: `PowerSchool does not document ${info.method} on this path; it takes ${takes} (${others.map((endpoint) => `${endpoint.method} ${endpoint.path}: ${endpoint.description}`).join(' ')})`,
    fixes: others.length === 1 && !method.implicit ? [{ title: `Change to ${others[0].method}`, ...method.span, newText: others[0].method }] : undefined,
  });
}

/** Every assistant diagnostic of one request, from what is already known (synchronous). */
export function diagnoseRequestWith(documentText: string, request: PsreqRequest, knowledge: Knowledge = NO_KNOWLEDGE): AssistDiagnostic[] {
  const info = describeRequest(request);
  const out: AssistDiagnostic[] = [];
  checkMethod(info, out);
  checkParameters(info, knowledge, out);
  if (info.endpoint?.q?.fields === 'powerquery') checkPowerQueryBody(documentText, info, knowledge, out);
  if (info.endpoint?.method === 'POST' && info.endpoint.path === '/ws/v1/student') checkExtensionWrites(info, out);
  return out
    .filter((d) => !overlapsReference(request.references, d.start, d.end))
    .sort(byRange);
}

/** Every assistant diagnostic of one request, after gathering live data for it. */
export async function diagnoseRequest(documentText: string, request: PsreqRequest, live: LiveCatalog | undefined): Promise<AssistDiagnostic[]> {
  return diagnoseRequestWith(documentText, request, await knowledgeFor(describeRequest(request), live));
}
