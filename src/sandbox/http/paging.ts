import { errorResponse, integerParam, type SandboxResponse } from './types';

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

/**
 * `page` (from 1) and `pagesize`; the page size defaults to the maximum and is capped by it,
 * silently, as PowerSchool does with a page size above its Max Request Number.
 * With `allowAll`, pagesize=0 means every record (PowerQueries only).
 */
/** The highest page number: keeps the row offset a safe integer SQLite accepts. */
const maxPageNumber = 2 ** 31 - 1;

export function readPage(query: URLSearchParams, maxPageSize: number, resource: string, allowAll = false): Page | SandboxResponse {
  const page = integerParam(query, 'page', 1, maxPageNumber);
  const size = integerParam(query, 'pagesize', allowAll ? 0 : 1, Infinity);
  for (const [name, value] of [['page', page], ['pagesize', size]] as const) {
    if (value && typeof value === 'object') return errorResponse(400, value.error, [{ resource, field: name, code: 'INVALID_PARAMETER' }]);
  }
  const pageNumber = (page as number | undefined) ?? 1;
  const requested = (size as number | undefined) ?? maxPageSize;
  if (allowAll && requested === 0) return { limit: -1, offset: 0 };
  const limit = Math.min(requested, maxPageSize);
  return { limit, offset: (pageNumber - 1) * limit };
}

export function isPage(value: Page | SandboxResponse): value is Page {
  return 'limit' in value;
}
