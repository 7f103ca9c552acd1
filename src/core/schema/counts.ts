import { isObject, numberOf } from './json';

/** The count from `{"resource":{"count":N}}` (v1) or `{"count":N}` (schema tables, PowerQueries); undefined when there is none. */
export function readCount(body: unknown): number | undefined {
  if (!isObject(body)) return undefined;
  const count = numberOf((isObject(body.resource) ? body.resource.count : undefined) ?? body.count);
  return count !== undefined && count >= 0 ? count : undefined;
}
