/** A PowerSchool server and the plugin credentials to reach it. */
export interface Connection {
  readonly name: string;
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Allow sending credentials over plain http:// to a host that is not this machine. */
  readonly allowInsecure?: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly method?: HttpMethod | string;
  /** Relative to the connection (`/ws/v1/district`) or absolute (sent without our token unless same origin). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** An object is sent as JSON; a string as-is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /**
   * Takes a 2xx body chunk by chunk as it arrives instead of the response holding it (its
   * rawText stays empty): a download in bounded memory. The body limit still applies.
   */
  readonly streamBodyTo?: (chunk: Uint8Array) => Promise<void> | void;
}

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the body is JSON, otherwise the text (undefined when empty). */
  readonly body: unknown;
  readonly rawText: string;
  readonly timeMs: number;
  readonly sizeBytes: number;
  readonly url: string;
  readonly method: string;
}

export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller. */
  readonly maxRetryAfterMs: number;
}

export interface ClientDeps {
  readonly fetch?: typeof fetch;
  readonly log?: Logger;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly timeoutMs?: number;
  /** The most decoded body bytes one response may have (default 256 MB); reading stops past it. */
  readonly maxBodyBytes?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Renew a token this long before the server says it runs out. */
  readonly tokenRenewMarginMs?: number;
  /** Told what each exchange with the connection's own server showed (an editor's status dot follows it). */
  readonly onReachability?: (reachability: Reachability) => void;
}

/**
 * What the last exchange with a server showed: it answered with the credentials accepted, it
 * refused the credentials (the token, or a request after a fresh token), or it could not be reached.
 */
export type Reachability = 'reachable' | 'authFailed' | 'unreachable';
