import { readCount } from '../schema';
import type { CatalogTransport } from './transport';

const tablePath = (table: string) => `/ws/schema/table/${encodeURIComponent(table.toLowerCase())}`;
const queryPath = (name: string) => `/ws/schema/query/${encodeURIComponent(name)}`;

function countFrom(body: unknown, endpoint: string): number {
  const count = readCount(body);
  if (count === undefined) throw new Error(`${endpoint}: the answer has no count`);
  return count;
}

/** GET /ws/schema/table/{t}/count → the number of rows. */
export async function countTableRecords(transport: CatalogTransport, table: string, signal?: AbortSignal): Promise<number> {
  const path = `${tablePath(table)}/count`;
  return countFrom(await transport.getJson(path, { signal }), `GET ${path}`);
}


/** POST /ws/schema/query/{name}/count with the given arguments (none by default). */
export async function countQueryRecords(transport: CatalogTransport, name: string, args: Record<string, unknown> = {}, signal?: AbortSignal): Promise<number> {
  const path = `${queryPath(name)}/count`;
  return countFrom(await transport.getJson(path, { method: 'POST', body: args, signal }), `POST ${path}`);
}
