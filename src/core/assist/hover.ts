import { ENDPOINTS, POWERQUERY_BODY_KEYS, hoverQ, type FieldCatalog } from '../q/index';
import { knowledgeFor, liveColumns, livePowerQueries, liveTables, projectableColumns, qTargetFor } from './catalogs';
import { columnMarkdown, endpointMarkdown, endpointsUnder, parameterMarkdown, powerQueryMarkdown } from './docs';
import { listEntries, orderTerms } from './lists';
import type { RequestPart } from './locate';
import type { RequestInfo } from './requestInfo';
import type { TextSlice } from './textSlice';
import type { AssistHover, LiveCatalog } from './types';

// Hover for one located part: what a path segment leads to, a parameter, an expansion or
// extension, a projection column, and (through hoverQ) q fields, operators and values.

const EMPTY_CATALOG: FieldCatalog = { title: 'this resource', fields: [], caseInsensitive: true };

function spanOf(slice: TextSlice, start: number, end: number): { start: number; end: number } {
  return { start: slice.toDocument(start), end: slice.toDocumentEnd(end) };
}

async function hoverQText(info: RequestInfo, value: TextSlice, cursor: number, live: LiveCatalog | undefined, json: boolean): Promise<AssistHover | undefined> {
  const target = qTargetFor(info, await knowledgeFor(info, live));
  if (!target) return undefined;
  const found = hoverQ(value.text, Math.min(cursor, Math.max(0, value.text.length - 1)), target.catalog ?? EMPTY_CATALOG, json ? 'powerquery' : target.dialect);
  return found && { ...spanOf(value, found.start, found.end), markdown: found.markdown };
}

async function hoverPath(part: Extract<RequestPart, { kind: 'path' }>, live: LiveCatalog | undefined): Promise<AssistHover | undefined> {
  const { info } = part;
  const index = info.segments.findIndex((segment) => segment.start <= part.cursor && part.cursor <= segment.end);
  if (index < 0) return undefined;
  const segment = info.segments[index];
  const where = spanOf(info.url.apiPath, segment.start, segment.end);
  const pattern = info.endpoint?.path.split('/').filter((piece) => piece.length > 0);
  if (pattern?.[index] === '{table}') {
    const table = (await liveTables(live))?.find((candidate) => candidate.name.toLowerCase() === segment.text.toLowerCase());
    const columns = await liveColumns(live, segment.text);
    const count = columns ? `\n\n${columns.length} columns` : '';
    return { ...where, markdown: `**${segment.text.toUpperCase()}** — table${table?.description ? `: ${table.description}` : ''}${count}` };
  }
  if (pattern?.[index] === '{name}') {
    const query = (await livePowerQueries(live))?.find((candidate) => candidate.name.toLowerCase() === segment.text.toLowerCase());
    return { ...where, markdown: query ? powerQueryMarkdown(query) : `**${segment.text}** — PowerQuery` };
  }
  if (info.endpoint && index === info.segments.length - 1) return { ...where, markdown: endpointMarkdown(info.endpoint) };
  const prefix = info.segments.slice(0, index + 1).map((piece) => piece.text.toLowerCase());
  const under = ENDPOINTS.filter((endpoint) => {
    const parts = endpoint.path.split('/').filter((piece) => piece.length > 0);
    return parts.length >= prefix.length && prefix.every((piece, i) => parts[i].startsWith('{') || parts[i].toLowerCase() === piece);
  });
  return under.length ? { ...where, markdown: endpointsUnder(under) } : undefined;
}

async function hoverValue(part: Extract<RequestPart, { kind: 'query-value' }>, live: LiveCatalog | undefined): Promise<AssistHover | undefined> {
  const { info, parameter, cursor } = part;
  const spec = info.endpoint?.parameters.find((candidate) => candidate.name === part.name);
  if (!spec) return undefined;
  if (spec.valueKind === 'q') return hoverQText(info, parameter.value, cursor, live, false);
  const entries = spec.valueKind === 'order' ? orderTerms(parameter.value).map((term) => term.column) : listEntries(parameter.value, spec.listSeparator);
  const entry = entries.find((candidate) => {
    const start = candidate.slice.toDocument(0);
    const offset = parameter.value.toDocument(cursor);
    return start <= offset && offset <= candidate.slice.toDocumentEnd(candidate.slice.text.length) && candidate.text;
  });
  if (!entry) return undefined;
  const where = { start: entry.slice.toDocument(0), end: entry.slice.toDocumentEnd(entry.slice.text.length) };
  if (spec.valueKind === 'list') {
    const known = spec.name === 'expansions' ? info.endpoint?.expansions : info.endpoint?.extensions;
    const item = known?.find((candidate) => candidate.name.toLowerCase() === entry.text.toLowerCase());
    const kind = spec.name === 'expansions' ? 'expansion' : 'extension';
    return { ...where, markdown: item ? `**${item.name}** — ${kind}\n\n${item.description}` : `**${entry.text}** — unknown ${kind}` };
  }
  if (spec.valueKind === 'columns' || spec.valueKind === 'order') {
    const known = projectableColumns(info, await knowledgeFor(info, live));
    const column = known?.columns.find((candidate) => candidate.name.toLowerCase() === entry.text.toLowerCase());
    return known && column ? { ...where, markdown: columnMarkdown(known.title, column) } : undefined;
  }
  return undefined;
}

async function hoverBodyKey(part: Extract<RequestPart, { kind: 'body-key' }>, documentText: string, live: LiveCatalog | undefined): Promise<AssistHover | undefined> {
  if (!part.quoted || part.info.endpoint?.q?.fields !== 'powerquery') return undefined;
  const key = documentText.slice(part.start + 1, part.end - 1);
  const where = { start: part.start, end: part.end };
  const known = POWERQUERY_BODY_KEYS.find((item) => item.name === key);
  if (known) return { ...where, markdown: `**${known.name}**\n\n${known.description}` };
  const name = part.info.placeholders.get('name')?.text;
  const arg = name ? (await knowledgeFor(part.info, live)).powerQuery(name)?.args.find((candidate) => candidate.name.toLowerCase() === key.toLowerCase()) : undefined;
  return arg ? { ...where, markdown: `**${arg.name}** — argument${arg.type ? ` (${arg.type})` : ''}${arg.required ? ', required' : ''}${arg.description ? `\n\n${arg.description}` : ''}` } : undefined;
}

export async function hoverPart(part: RequestPart, documentText: string, live: LiveCatalog | undefined): Promise<AssistHover | undefined> {
  switch (part.kind) {
    case 'path':
      return part.empty ? undefined : hoverPath(part, live);
    case 'query-key': {
      const spec = part.info.endpoint?.parameters.find((candidate) => candidate.name === part.parameter.key.text);
      if (!spec) return undefined;
      return { ...spanOf(part.parameter.key, 0, part.parameter.key.text.length), markdown: parameterMarkdown(spec, part.info.endpoint) };
    }
    case 'query-value':
      return hoverValue(part, live);
    case 'body-string':
      return part.member.key === '$q' && part.member.stringValue ? hoverQText(part.info, part.member.stringValue, part.cursor, live, true) : undefined;
    case 'body-key':
      return hoverBodyKey(part, documentText, live);
    default:
      return undefined;
  }
}
