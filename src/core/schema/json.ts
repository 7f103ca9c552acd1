// Readers for loosely typed JSON answers: PowerSchool's XML-to-JSON layer sends numbers and
// flags as text, one item as an object instead of a list, and nothing as "".

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One item comes as an object, several as an array, none as "" or absent. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

/** A finite number, also from its text (`"12"`). */
export function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** `{ key: value }`, or `{}` when there is no value, for building objects without undefined members. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A response that does not have the documented shape; the message says which endpoint and what was missing. */
export class SchemaShapeError extends Error {
  constructor(readonly endpoint: string, detail: string) {
    super(`${endpoint}: unexpected response (${detail})`);
    this.name = 'SchemaShapeError';
  }
}

export function requireObject(body: unknown, endpoint: string): Json {
  if (!isObject(body)) throw new SchemaShapeError(endpoint, `expected a JSON object, got ${body === undefined ? 'nothing' : Array.isArray(body) ? 'an array' : typeof body}`);
  return body;
}
