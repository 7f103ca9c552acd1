import { formatBytes } from '../client';
import type { RunResult } from './types';

/** `200 OK · 12 ms · 1.2 KB` (plus pages and records for `@all`). */
export function statusLine(result: RunResult): string {
  const { response, paging } = result;
  const parts = [`${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, `${Math.round(response.timeMs)} ms`, formatBytes(response.sizeBytes)];
  if (paging) parts.push(pagingText(paging));
  return parts.join(' · ');
}

/** `250 records in 3 pages`, and `(cancelled)` when the user stopped it there. */
export function pagingText(paging: NonNullable<RunResult['paging']>): string {
  return `${paging.records} records in ${paging.pages} page${paging.pages === 1 ? '' : 's'}${paging.cancelled ? ' (cancelled)' : ''}`;
}

/** The body pretty-printed when it is JSON, else as received. */
export function prettyBody(body: unknown, rawText: string): string {
  if (body === undefined) return rawText;
  if (typeof body === 'string') return body;
  return JSON.stringify(body, null, 2);
}

/** A response fails when the server answered 400 or more. */
export function isFailure(result: RunResult): boolean {
  return result.response.status >= 400;
}
