import type { RawResponse } from '../client';
import type { PsreqRequest } from '../psreq';
import type { AssertionResult } from './assertions';

/** What was sent, fit to show and to store: credentials already masked. */
export interface SentRequest {
  readonly index: number;
  readonly name?: string;
  readonly title?: string;
  readonly method: string;
  /** Absolute URL, query included (page/pagesize of the first page for `@all`). */
  readonly url: string;
  /** Headers as sent, Authorization masked. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Whether the connection's token went with it (relative URL or same origin). */
  readonly withToken: boolean;
}

/**
 * What a run received: the client's response without its request line. For `@all`, `body` holds
 * every page's records merged and `rawText` that merged body as JSON.
 */
export type ReceivedResponse = Pick<RawResponse, 'status' | 'statusText' | 'headers' | 'body' | 'rawText' | 'timeMs' | 'sizeBytes'>;

export interface RunResult {
  readonly request: SentRequest;
  readonly response: ReceivedResponse;
  /** `@all` runs: pages fetched and records gathered; `cancelled` when the user stopped it after some pages. */
  readonly paging?: { readonly pages: number; readonly records: number; readonly cancelled?: boolean };
  /** The request's `??` lines, evaluated against this response. */
  readonly assertions?: readonly AssertionResult[];
}

/** `refused`: the send policy does not allow it (untrusted workspace, include outside the allowed folders). */
export type RunErrorKind = 'syntax' | 'variables' | 'declined' | 'refused' | 'include' | 'cycle' | 'no-request';

/** A request that could not be sent; `start`/`end` point into the document when known. */
export class RunError extends Error {
  override readonly name = 'RunError';
  constructor(
    readonly kind: RunErrorKind,
    message: string,
    readonly start?: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

export interface PagingProgress {
  readonly request: PsreqRequest;
  readonly page: number;
  readonly records: number;
}
