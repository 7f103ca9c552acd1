import { formatBytes } from '../client';
import type { RecordTable } from '../records';
import { pagingText } from './display';
import { prettyPrefix } from './prettyPrefix';
import type { RunResult } from './types';

/** Bodies of this size or more are shown cut short, with "Open full" for the whole text. */
export const defaultLargeBodyBytes = 10 * 1024 * 1024;
/** How much of a large body the view shows. */
export const previewBytes = 512 * 1024;

export type BodyView =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'truncated'; readonly text: string; readonly totalSize: string }
  | { readonly kind: 'empty' };

/** What the webview is sent: plain data, credentials already masked by the runner. */
export interface ShowMessage {
  readonly type: 'show';
  readonly status: number;
  readonly statusText: string;
  readonly time: string;
  readonly size: string;
  readonly method: string;
  readonly url: string;
  readonly title?: string;
  readonly paging?: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly body: BodyView;
  /** The request's `??` lines and how they fared (the view's assertion results section). */
  readonly assertions?: readonly { readonly text: string; readonly passed: boolean; readonly message: string }[];
  /** The body's records as a table; its rows are asked for a page at a time. */
  readonly table?: TableView;
  /** Said above the body: a cancelled `@all` shows the pages it got. */
  readonly cancelled?: string;
  readonly canRerun: boolean;
  readonly fromHistory: boolean;
}

export interface TableView {
  readonly columns: readonly string[];
  readonly total: number;
  readonly idColumn: number;
  readonly nameColumns: readonly number[];
}

/**
 * The body as the view shows it. Parsed JSON of a normal size goes over as a value (the view
 * builds its foldable tree lazily); a large one goes as the first `previewBytes` of its text,
 * so neither the host nor the webview ever lays out megabytes at once.
 */
export function bodyView(body: unknown, rawText: string, largeBodyBytes: number): BodyView {
  if (rawText.length >= largeBodyBytes) {
    const text = body !== null && typeof body === 'object' ? prettyPrefix(rawText, previewBytes) : rawText.slice(0, previewBytes);
    return { kind: 'truncated', text, totalSize: formatBytes(Buffer.byteLength(rawText)) };
  }
  if (body === undefined && rawText.trim() === '') return { kind: 'empty' };
  if (body !== null && typeof body === 'object') return { kind: 'json', value: body };
  if (typeof body === 'number' || typeof body === 'boolean' || body === null) return { kind: 'json', value: body };
  return { kind: 'text', text: typeof body === 'string' ? body : rawText };
}

export function showMessage(result: RunResult, options: { largeBodyBytes: number; canRerun: boolean; fromHistory: boolean; table?: RecordTable }): ShowMessage {
  const table = options.table;
  const { request, response, paging } = result;
  return {
    type: 'show',
    status: response.status,
    statusText: response.statusText,
    time: `${Math.round(response.timeMs)} ms`,
    size: formatBytes(response.sizeBytes),
    method: request.method,
    url: request.url,
    title: request.title ?? request.name,
    paging: paging ? pagingText(paging) : undefined,
    requestHeaders: request.headers,
    responseHeaders: response.headers,
    body: bodyView(response.body, response.rawText, options.largeBodyBytes),
    ...(result.assertions?.length ? { assertions: result.assertions.map(({ text, passed, message }) => ({ text, passed, message })) } : {}),
    table: table && { columns: table.columns.map((column) => column.label), total: table.total, idColumn: table.idColumn, nameColumns: table.nameColumns },
    cancelled: paging?.cancelled ? `Cancelled after ${paging.pages} page${paging.pages === 1 ? '' : 's'}: showing the ${paging.records} records received.` : undefined,
    canRerun: options.canRerun,
    fromHistory: options.fromHistory,
  };
}
