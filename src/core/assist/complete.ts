import {
  ENDPOINTS,
  POWERQUERY_BODY_KEYS,
  completeQ,
  percentDecode,
  type EndpointSpec,
  type FieldCatalog,
  type NamedItem,
  type ParameterSpec,
} from '../q/index';
import { escapeJsonString } from './jsonString';
import { listEntries, listEntryAt, orderTerms, type ListSeparator } from './lists';
import { knowledgeFor, livePowerQueries, liveTables, projectableColumns, qTargetFor, type ProjectableColumns } from './catalogs';
import { columnMarkdown, endpointsUnder, parameterMarkdown, powerQueryMarkdown } from './docs';
import type { RequestPart } from './locate';
import type { RequestInfo } from './requestInfo';
import { subSlice, type TextSlice } from './textSlice';
import type { AssistCompletion, LiveCatalog } from './types';

// Completion for one located part of a request. Items carry document ranges to replace.

export interface CompleteOptions {
  live?: LiveCatalog;
  /** `YYYY-MM-DD`, offered for date fields. */
  today?: string;
}

function range(slice: TextSlice, start: number, end: number): { start: number; end: number } {
  if (start === end) {
    const at = slice.toDocument(start);
    return { start: at, end: at };
  }
  return { start: slice.toDocument(start), end: slice.toDocumentEnd(end) };
}

function patternSegments(endpoint: EndpointSpec): string[] {
  return endpoint.path.split('/').filter((part) => part.length > 0);
}

function prefixMatches(pattern: readonly string[], typed: readonly string[]): boolean {
  if (pattern.length <= typed.length) return false;
  return typed.every((segment, index) => pattern[index].startsWith('{') || pattern[index].toLowerCase() === segment.toLowerCase() || segment.includes('{{'));
}

async function completePath(part: Extract<RequestPart, { kind: 'path' }>, options: CompleteOptions): Promise<AssistCompletion[]> {
  const { info } = part;
  const apiPath = info.url.apiPath;
  const text = apiPath.text;
  const segmentStart = text.lastIndexOf('/', part.cursor - 1) + 1;
  const nextSlash = text.indexOf('/', part.cursor);
  const segmentEnd = nextSlash < 0 ? text.length : nextSlash;
  const replace = part.empty ? { start: part.empty.offset, end: part.empty.offset } : range(apiPath, segmentStart, segmentEnd);
  const endpoints = ENDPOINTS.filter((endpoint) => info.request.method.implicit || endpoint.method === info.method);

  // Nothing typed yet (or no `/`): whole paths, placeholders as snippet stops.
  if (part.empty || !text.slice(0, part.cursor).includes('/')) {
    const fullRange = part.empty ? replace : range(apiPath, 0, segmentEnd);
    return endpoints.map((endpoint, index) => {
      let stop = 0;
      return {
        label: endpoint.path,
        kind: 'path' as const,
        insertText: endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => `\${${++stop}:${name}}`),
        snippet: true,
        detail: `${endpoint.method} — ${endpoint.description}`,
        documentation: `\`${endpoint.method} ${endpoint.path}\`\n\n${endpoint.description}`,
        ...fullRange,
        sortText: String(index).padStart(3, '0'),
      };
    });
  }

  const typed = text.slice(0, segmentStart).split('/').filter((segment) => segment.length > 0);
  const next = new Map<string, EndpointSpec[]>();
  for (const endpoint of endpoints) {
    const pattern = patternSegments(endpoint);
    if (!prefixMatches(pattern, typed)) continue;
    const segment = pattern[typed.length];
    next.set(segment, [...(next.get(segment) ?? []), endpoint]);
  }
  const items: AssistCompletion[] = [];
  for (const [segment, under] of next) {
    if (segment === '{table}') {
      const tables = (await liveTables(options.live)) ?? [];
      for (const table of tables) {
        items.push({ label: table.name, kind: 'table', insertText: table.name, detail: 'table', documentation: `**${table.name}**${table.description ? ` — ${table.description}` : ''}`, ...replace });
      }
    } else if (segment === '{name}') {
      const queries = (await livePowerQueries(options.live)) ?? [];
      for (const query of queries) {
        items.push({ label: query.name, kind: 'query', insertText: query.name, detail: 'PowerQuery', documentation: powerQueryMarkdown(query), ...replace });
      }
    } else if (!segment.startsWith('{')) {
      const prefix = `/${[...typed, segment].join('/')}`;
      const exact = under.find((endpoint) => endpoint.path.toLowerCase() === prefix.toLowerCase());
      items.push({
        label: segment,
        kind: 'path',
        insertText: segment,
        detail: exact ? `${exact.method} ${exact.path}` : 'path segment',
        documentation: endpointsUnder(under),
        ...replace,
      });
    }
  }
  return items;
}

function parametersOf(info: RequestInfo): readonly ParameterSpec[] {
  if (info.endpoint) return info.endpoint.parameters;
  const seen = new Map<string, ParameterSpec>();
  for (const endpoint of ENDPOINTS) for (const parameter of endpoint.parameters) if (!seen.has(parameter.name)) seen.set(parameter.name, parameter);
  return [...seen.values()];
}

function completeKey(part: Extract<RequestPart, { kind: 'query-key' }>): AssistCompletion[] {
  const { info, parameter } = part;
  const present = new Set(info.url.parameters.filter((other) => other !== parameter).map((other) => percentDecode(other.key.text)));
  const where = range(parameter.key, 0, parameter.key.text.length);
  // Replacing the key keeps an existing `=` (and value) in place.
  return parametersOf(info)
    .filter((spec) => !present.has(spec.name))
    .map((spec, index) => ({
      label: spec.name,
      kind: 'parameter' as const,
      insertText: parameter.hasEquals ? spec.name : `${spec.name}=`,
      detail: `query parameter (${spec.valueKind})`,
      documentation: parameterMarkdown(spec, info.endpoint),
      ...where,
      sortText: String(index).padStart(3, '0'),
      retrigger: !parameter.hasEquals && spec.valueKind !== 'integer',
    }));
}

function namedEntries(kind: 'expansion' | 'extension', value: TextSlice, cursor: number, known: readonly NamedItem[]): AssistCompletion[] {
  const at = listEntryAt(value, cursor);
  const present = new Set(listEntries(value).map((entry) => entry.text.toLowerCase()));
  const current = value.text.slice(at.start, at.end).trim().toLowerCase();
  const where = range(value, at.start, at.end);
  return known
    .filter((item) => !present.has(item.name.toLowerCase()) || item.name.toLowerCase() === current)
    .map((item) => ({ label: item.name, kind, insertText: item.name, detail: kind, documentation: item.description, ...where }));
}


/** Columns of a list; with `;` (a PowerQuery projection) also `table.*` for each table of the query. */
function columnEntries(value: TextSlice, cursor: number, known: ProjectableColumns, allowStar: boolean, quote: (text: string) => string, separator: ListSeparator = ','): AssistCompletion[] {
  const at = listEntryAt(value, cursor, separator);
  const present = new Set(listEntries(value, separator).map((entry) => entry.text.toLowerCase()));
  const current = value.text.slice(at.start, at.end).trim().toLowerCase();
  const where = range(value, at.start, at.end);
  const items: AssistCompletion[] = known.columns
    .filter((column) => !present.has(column.name.toLowerCase()) || column.name.toLowerCase() === current)
    .map((column) => ({ label: column.name.toLowerCase(), kind: 'column' as const, insertText: quote(column.name.toLowerCase()), detail: `${known.title} column${column.type ? ` — ${column.type}${column.length ? `(${column.length})` : ''}` : ''}`, documentation: columnMarkdown(known.title, column), ...where }));
  if (separator === ';') {
    const tables = [...new Set(known.columns.map((column) => column.name.split('.')[0]!.toLowerCase()).filter((table) => table))];
    for (const table of tables) {
      if (!present.has(`${table}.*`)) items.unshift({ label: `${table}.*`, kind: 'column', insertText: quote(`${table}.*`), detail: `every ${table} column`, documentation: `All columns of ${known.title} that come from ${table.toUpperCase()}.`, ...where, sortText: '1' });
    }
  }
  if (allowStar && !present.has('*')) items.unshift({ label: '*', kind: 'column', insertText: '*', detail: 'every column', documentation: 'All columns of the table (name only the ones you need: it is faster).', ...where, sortText: '0' });
  return items;
}

/** A PowerQuery `order` term: its column, or after `;` the direction. */
function orderEntries(value: TextSlice, cursor: number, known: ProjectableColumns | undefined): AssistCompletion[] {
  const at = listEntryAt(value, cursor);
  const term = orderTerms(subSlice(value, at.start, at.end))[0];
  const semicolon = value.text.slice(at.start, at.end).search(/;|%3B/i);
  if (semicolon >= 0 && at.start + semicolon < cursor) {
    const where = term?.direction ? range(value, at.start + semicolon + 1, at.end) : range(value, cursor, cursor);
    return ['asc', 'desc'].map((word) => ({ label: word, kind: 'value' as const, insertText: word, detail: 'sort direction', documentation: word === 'asc' ? 'Ascending (the default).' : 'Descending.', ...where }));
  }
  if (!known) return [];
  const end = semicolon >= 0 ? at.start + semicolon : at.end;
  const where = range(value, at.start, end);
  return known.columns.map((column) => ({ label: column.name.toLowerCase(), kind: 'column' as const, insertText: column.name.toLowerCase(), detail: `${known.title} column — add ;desc to reverse`, documentation: columnMarkdown(known.title, column), ...where }));
}

const EMPTY_CATALOG: FieldCatalog = { title: 'this resource', fields: [], caseInsensitive: true };

async function completeQText(info: RequestInfo, value: TextSlice, cursor: number, options: CompleteOptions, json: boolean): Promise<AssistCompletion[]> {
  const target = qTargetFor(info, await knowledgeFor(info, options.live));
  if (!target) return [];
  const { items } = completeQ(value.text, cursor, target.catalog ?? EMPTY_CATALOG, json ? 'powerquery' : target.dialect, { today: options.today });
  return items.map((item) => ({
    label: item.label,
    kind: item.kind,
    insertText: json && item.kind !== 'snippet' ? escapeJsonString(item.insertText) : item.insertText,
    snippet: item.kind === 'snippet',
    detail: item.detail,
    documentation: item.documentation,
    ...range(value, item.replaceStart, item.replaceEnd),
    sortText: item.sortText,
    retrigger: item.kind === 'field' || item.kind === 'operator' ? true : undefined,
  }));
}

async function completeValue(part: Extract<RequestPart, { kind: 'query-value' }>, options: CompleteOptions): Promise<AssistCompletion[]> {
  const { info, parameter, cursor } = part;
  const spec = info.endpoint?.parameters.find((candidate) => candidate.name === part.name);
  if (!spec) return [];
  const value = parameter.value;
  switch (spec.valueKind) {
    case 'q':
      return completeQText(info, value, cursor, options, false);
    case 'list': {
      const known = spec.name === 'expansions' ? info.endpoint?.expansions : info.endpoint?.extensions;
      return known ? namedEntries(spec.name === 'expansions' ? 'expansion' : 'extension', value, cursor, known) : [];
    }
    case 'columns': {
      const known = projectableColumns(info, await knowledgeFor(info, options.live));
      return known ? columnEntries(value, cursor, known, spec.name === 'projection', (text) => text, spec.listSeparator) : [];
    }
    case 'order':
      return orderEntries(value, cursor, projectableColumns(info, await knowledgeFor(info, options.live)));
    case 'boolean':
      return ['true', 'false'].map((word) => ({ label: word, kind: 'value' as const, insertText: word, detail: spec.name, documentation: spec.description, ...range(value, 0, value.text.length) }));
    default:
      return [];
  }
}

async function completeBodyKey(part: Extract<RequestPart, { kind: 'body-key' }>, documentText: string, options: CompleteOptions): Promise<AssistCompletion[]> {
  const { info } = part;
  if (info.endpoint?.q?.fields !== 'powerquery') return [];
  const name = info.placeholders.get('name')?.text;
  const query = name ? (await knowledgeFor(info, options.live)).powerQuery(name) : undefined;
  const colonFollows = /^\s*:/.test(documentText.slice(part.end, part.end + 20));
  const insert = (key: string) => `"${key}"${colonFollows ? '' : ': '}`;
  const items: AssistCompletion[] = [];
  for (const arg of query?.args ?? []) {
    items.push({ label: arg.name, kind: 'argument', insertText: insert(arg.name), detail: `argument${arg.type ? ` (${arg.type})` : ''}${arg.required ? ', required' : ''}`, documentation: arg.description ?? '', start: part.start, end: part.end, sortText: `0${arg.required ? 0 : 1}${arg.name}` });
  }
  for (const key of POWERQUERY_BODY_KEYS) {
    items.push({ label: key.name, kind: 'argument', insertText: insert(key.name), detail: 'PowerQuery body key', documentation: key.description, start: part.start, end: part.end, sortText: `1${key.name}`, retrigger: true });
  }
  return items;
}

async function completeBodyString(part: Extract<RequestPart, { kind: 'body-string' }>, options: CompleteOptions): Promise<AssistCompletion[]> {
  const { info, member, cursor } = part;
  if (info.endpoint?.q?.fields !== 'powerquery' || !member.stringValue) return [];
  if (member.key === '$q') return completeQText(info, member.stringValue, cursor, options, true);
  if (member.key === 'projection') {
    const known = projectableColumns(info, await knowledgeFor(info, options.live));
    return known ? columnEntries(subSlice(member.stringValue, 0, member.stringValue.text.length), cursor, known, true, escapeJsonString, ';') : [];
  }
  return [];
}

export async function completePart(part: RequestPart, documentText: string, options: CompleteOptions): Promise<AssistCompletion[]> {
  switch (part.kind) {
    case 'path':
      return completePath(part, options);
    case 'query-key':
      return completeKey(part);
    case 'query-value':
      return completeValue(part, options);
    case 'body-key':
      return completeBodyKey(part, documentText, options);
    case 'body-string':
      return completeBodyString(part, options);
    default:
      return [];
  }
}
