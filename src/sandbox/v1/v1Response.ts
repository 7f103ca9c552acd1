import type { SqlValue } from 'sql.js';
import type { SqlStore } from '../data/sqlite';
import { errorResponse, json, jsonParts, type SandboxResponse } from '../http/types';
import { elementJson, xmlQuirks } from './xmlQuirks';

/** The names a comma list such as `expansions=a,b` asks for, lower-cased; `*` stands for all. */
function listedNames(text: string | null): Set<string> {
  return new Set((text ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
}

/** The known expansions `expansions=a,b` asks for (unknown names are ignored, as PowerSchool does). */
export function pickExpansions<T extends string>(text: string | null, known: readonly T[]): Set<T> {
  const wanted = listedNames(text);
  return new Set(known.filter((name) => wanted.has(name) || wanted.has('*')));
}

/** The extension tables `extensions=a,b` names, of those available. */
export function pickExtensions<T extends { readonly name: string }>(text: string | null, available: readonly T[]): T[] {
  const wanted = listedNames(text);
  return available.filter((table) => wanted.has(table.name));
}

/** A column value as a v1 field: empty text and null are left out. */
export const text = (value: SqlValue | undefined) => (value === null || value === undefined || value === '' ? undefined : value);

/** `?,?,?` for an SQL `IN (…)` of these values. */
export function inList(values: readonly SqlValue[]): string {
  return values.map(() => '?').join(',');
}

/** A /ws/v1 body, with PowerSchool's XML-to-JSON quirks applied. */
export const v1 = (status: number, body: unknown): SandboxResponse => json(status, xmlQuirks(body));

/** Every /ws/v1 count answers `{"resource":{"count":N}}` (powerschool-api-facts.md). */
export const count = (n: number): SandboxResponse => json(200, { resource: { count: n } });

/**
 * A /ws/v1 list: `{"<plural>":{…attributes,"<singular>":[…]}}`, or `{"<plural>":""}` when the page
 * is empty (an empty XML element, as for students).
 */
export function listResponse(plural: string, singular: string, items: readonly unknown[], attributes: Record<string, string> = {}): SandboxResponse {
  return listOfElements(plural, singular, items.map(elementBytes), attributes);
}

/** A list element as `listOfElements` takes it: `elementJson`'s text in UTF-8. */
export const elementBytes = (element: unknown): Uint8Array => Buffer.from(elementJson(element));

const comma = Buffer.from(',');
const closeList = Buffer.from(']}}');
const closeElement = Buffer.from('}}');
const emptyElement = '""';

/**
 * `listResponse` from elements already serialized by `elementBytes` (kept by a cache): the bytes
 * `JSON.stringify(xmlQuirks(body))` writes for the whole body. One element is the element itself,
 * not a one-element array; no elements, or only an empty one and empty attributes, is "".
 */
export function listOfElements(plural: string, singular: string, elements: readonly Uint8Array[], attributes: Record<string, string> = {}): SandboxResponse {
  const onlyEmpty = elements.length === 1 && Buffer.from(elements[0]!).toString() === emptyElement;
  if (elements.length === 0 || (onlyEmpty && Object.values(attributes).every((value) => value === ''))) {
    return jsonParts(200, [Buffer.from(`{${JSON.stringify(plural)}:${emptyElement}}`)]);
  }
  const members = Object.entries(attributes).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)},`).join('');
  const open = Buffer.from(`{${JSON.stringify(plural)}:{${members}${JSON.stringify(singular)}:${elements.length === 1 ? '' : '['}`);
  if (elements.length === 1) return jsonParts(200, [open, elements[0]!, closeElement]);
  // A loop, not flatMap: its hundred two-part arrays were ~60 µs of a cached page's ~1 ms of server CPU.
  const parts: Uint8Array[] = [open, elements[0]!];
  for (let index = 1; index < elements.length; index++) parts.push(comma, elements[index]!);
  parts.push(closeList);
  return jsonParts(200, parts);
}

export function notFound(resource: string, id: string | undefined): SandboxResponse {
  return errorResponse(404, `${resource[0]!.toUpperCase()}${resource.slice(1)} ${id} not found`, [{ resource, field: 'id', code: 'NOT_FOUND' }]);
}

/** The path's `{id}` as a DCID, or undefined when it is not a whole number. */
export const pathDcid = (id: string | undefined): number | undefined => (/^\d+$/.test(id ?? '') ? Number(id) : undefined);

/** The SCHOOLS row (dcid, school_number) a `/ws/v1/school/{id}/…` path names. */
export function schoolOfPath(store: SqlStore, id: string | undefined): { dcid: SqlValue; number: number } | SandboxResponse {
  const dcid = pathDcid(id);
  const school = dcid === undefined ? undefined : store.get('SELECT dcid, school_number FROM schools WHERE dcid = ?', [dcid]);
  if (!school) return errorResponse(404, `School ${id} not found`);
  return { dcid: school.dcid!, number: Number(school.school_number) };
}

export const isSchool = (value: { dcid: SqlValue; number: number } | SandboxResponse): value is { dcid: SqlValue; number: number } => 'number' in value;
