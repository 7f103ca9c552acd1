import { BodyLimitExceeded, readBody } from './bodyReader';
import { cleartextProblem } from './cleartext';
import { PowerSchoolError, abortError, errorDetailsFrom, isAbortError } from './errors';
import { fetchAll, pages, type FetchAllOptions, type FetchAllResult, type Page, type PageOptions, type PagedResource } from './paging';
import { Redactor } from './redact';
import { abortableSleep, backoffDelay, defaultRetryPolicy, isReadOnlyPost, isRepeatable, isRetryable, parseRetryAfter } from './retry';
import type { RecordSink } from './sinks';
import { TokenCache } from './tokenCache';
import type { ClientDeps, Connection, Logger, RawResponse, Reachability, RequestOptions, RetryPolicy } from './types';

// The server or a proxy closed a connection mid-request; unlike a refused connection or an
// unknown host, trying again usually works.
const droppedConnectionCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const silentLog: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const defaultTimeoutMs = 60_000;
const defaultMaxBodyBytes = 256 * 1024 * 1024;
const defaultRenewMarginMs = 60_000;

/**
 * The one PowerSchool client behind the tree, the request runner and the CLI: OAuth client
 * credentials with a shared token, retries that honour Retry-After, timeouts, cancellation and
 * one-line errors that never carry a credential.
 */
export class PowerSchoolClient {
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  private readonly retry: RetryPolicy;
  private readonly tokens: TokenCache;
  private readonly noteReachability: (reachability: Reachability) => void;
  readonly redactor = new Redactor();

  constructor(
    readonly connection: Connection,
    deps: ClientDeps = {},
  ) {
    this.base = new URL(connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    this.fetchImpl = settleRequestBody(deps.fetch ?? globalThis.fetch.bind(globalThis));
    this.log = redacting(deps.log ?? silentLog, this.redactor, `${connection.name}: `);
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? abortableSleep;
    this.timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
    this.maxBodyBytes = deps.maxBodyBytes ?? defaultMaxBodyBytes;
    this.retry = { ...defaultRetryPolicy, ...deps.retry };
    this.noteReachability = deps.onReachability ?? (() => undefined);
    this.redactor.remember(connection.clientSecret);
    // Userinfo in the URL (http://user:password@host) is never sent, but would show in messages.
    this.redactor.remember(this.base.password);
    this.redactor.remember(decodeURIComponent(this.base.password));
    this.redactor.remember(Buffer.from(`${connection.clientId}:${connection.clientSecret}`).toString('base64'));
    this.tokens = new TokenCache((signal) => this.fetchToken(signal), this.now, deps.tokenRenewMarginMs ?? defaultRenewMarginMs);
  }

  get name(): string {
    return this.connection.name;
  }

  /** The absolute URL a relative path resolves to (query included). */
  urlFor(path: string, query?: RequestOptions['query']): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), this.base);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** Every page of a list resource in order (see `pages`). */
  pages<T = unknown>(resource: PagedResource, options?: PageOptions): AsyncGenerator<Page<T>> {
    return pages<T>(this, resource, options);
  }

  /** Count, then every page with bounded concurrency, in order, into `sink` (see `fetchAll`). */
  fetchAll<T = unknown>(resource: PagedResource, sink: RecordSink<T>, options?: FetchAllOptions): Promise<FetchAllResult> {
    return fetchAll<T>(this, resource, sink, options);
  }

  /** A valid access token, fetched or renewed as needed. */
  accessToken(signal?: AbortSignal): Promise<string> {
    return this.tokens.get(signal);
  }

  /**
   * Sends one request and returns the response whatever its status (the runner shows errors
   * as they came). Retries 429/5xx as allowed and renews an expired token once.
   */
  async request(options: RequestOptions): Promise<RawResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = this.urlFor(options.path, options.query);
    const sameOrigin = url.origin === this.base.origin;
    const displayPath = url.pathname;
    if (sameOrigin) {
      const problem = cleartextProblem(url.href, this.connection.allowInsecure);
      if (problem) throw new PowerSchoolError(0, method, displayPath, problem, [], 'insecure');
    }
    const readOnlyPost = isReadOnlyPost(method, url.pathname);
    let renewedToken = false;
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const token = sameOrigin && !hasAuthorization(options.headers) ? await this.tokens.get(options.signal) : undefined;
      let response: RawResponse;
      try {
        response = await this.send(method, url, options, token);
      } catch (error) {
        // A kept-alive connection the server dropped: harmless to repeat a read on a fresh one.
        if (!(error instanceof PowerSchoolError && error.transient) || attempt >= this.retry.retries || !isRepeatable(method, readOnlyPost)) throw error;
        const delay = backoffDelay(attempt, this.retry);
        this.log.warn(`${method} ${displayPath}: ${error.serverMessage}; retry ${attempt + 1}/${this.retry.retries} in ${delay} ms`);
        await this.sleep(delay, options.signal);
        continue;
      }
      if (response.status === 401 && token && !renewedToken && isInvalidToken(response)) {
        // Expired or revoked: one fresh token, one more try.
        this.tokens.invalidate(token);
        renewedToken = true;
        this.log.info(`${method} ${displayPath}: token rejected, fetching a new one`);
        attempt--;
        continue;
      }
      if (attempt < this.retry.retries && isRetryable(response.status, method, readOnlyPost)) {
        const retryAfter = parseRetryAfter(response.headers['retry-after'], this.now());
        if (retryAfter === undefined || retryAfter <= this.retry.maxRetryAfterMs) {
          const delay = retryAfter ?? backoffDelay(attempt, this.retry);
          this.log.warn(`${method} ${displayPath} → ${response.status}; retry ${attempt + 1}/${this.retry.retries} in ${delay} ms`);
          await this.sleep(delay, options.signal);
          continue;
        }
      }
      // A 401 that survived a fresh token means the server does not accept these credentials.
      if (sameOrigin) this.noteReachability(response.status === 401 ? 'authFailed' : 'reachable');
      return response;
    }
  }

  /** Like request(), but a non-2xx status is thrown as a PowerSchoolError. */
  async requestOk(options: RequestOptions): Promise<RawResponse> {
    const response = await this.request(options);
    if (response.status >= 400) throw this.errorFor(response);
    return response;
  }

  /**
   * GET (or another method) that resolves to the parsed JSON body of a 2xx answer. A body cut
   * short or otherwise not JSON is fetched again when the request is safe to repeat.
   */
  async getJson<T = unknown>(path: string, options: Omit<RequestOptions, 'path'> = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.requestOk({ ...options, path });
      const malformed = typeof response.body === 'string' && response.rawText.trim() !== '';
      if (!malformed) return response.body as T;
      const pathname = new URL(response.url).pathname;
      if (attempt < this.retry.retries && isRepeatable(response.method, isReadOnlyPost(response.method, pathname))) {
        const delay = backoffDelay(attempt, this.retry);
        this.log.warn(`${response.method} ${pathname} → ${response.status} with a body that is not JSON; retry ${attempt + 1}/${this.retry.retries} in ${delay} ms`);
        await this.sleep(delay, options.signal);
        continue;
      }
      throw new PowerSchoolError(response.status, response.method, pathname, 'the server sent a body that is not JSON', [], 'malformed');
    }
  }

  errorFor(response: RawResponse): PowerSchoolError {
    const { message, errors } = errorDetailsFrom(response.body);
    const kind = response.status === 401 ? 'auth' : 'http';
    return new PowerSchoolError(response.status, response.method, new URL(response.url).pathname, message && this.redactor.redact(message), errors, kind);
  }

  private async send(method: string, url: URL, options: RequestOptions, token: string | undefined): Promise<RawResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    const started = performance.now();
    const { response, text: rawText, bytes } = await this.exchange(url, { method, headers, body }, options.signal, options.streamBodyTo);
    const timeMs = Math.round(performance.now() - started);
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    const result: RawResponse = {
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders,
      body: parseBody(rawText, responseHeaders['content-type']),
      rawText,
      timeMs,
      sizeBytes: bytes,
      url: url.href,
      method,
    };
    this.log.info(`${method} ${url.pathname}${url.search ? '?…' : ''} → ${response.status} (${timeMs} ms, ${formatBytes(result.sizeBytes)})`);
    return result;
  }

  /**
   * One HTTP exchange through ky, body included. ky's own timeout stops once the headers are in;
   * this deadline also covers a body that stalls half-way. The caller's signal is forwarded
   * rather than combined with AbortSignal.any, so a long paging run does not pile up listeners
   * and no abort path depends on a combined signal's lifetime. The body is read up to the
   * limit; a 2xx body goes to `streamBodyTo` when given.
   */
  private async exchange(url: URL, init: { method: string; headers: Record<string, string>; body?: string }, signal: AbortSignal | undefined, streamBodyTo?: RequestOptions['streamBodyTo']): Promise<{ response: Response; text: string; bytes: number }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    // A sink that fails (a full disk) is the error to report, not a transport failure.
    let sinkFailure: unknown;
    const deliver = streamBodyTo && ((chunk: Uint8Array) => Promise.resolve(streamBodyTo(chunk)).catch((error: unknown) => {
      sinkFailure = error;
      throw error;
    }));
    try {
      // ky hands fetch a signal combined with AbortSignal.any, which in Node 20 stops passing an abort
      // on once it has been garbage-collected (a hung request then ignores Cancel and its deadline);
      // fetch gets this exchange's own signal instead, held by this frame until it ends.
      const fetchWithOwnSignal: typeof fetch = (input, options) => this.fetchImpl(input, { ...options, signal: controller.signal });
      // Required here, not imported: ky builds a fetch Request and stream when it loads, which loads
      // undici, and activation sends nothing.
      const { default: ky } = require('ky') as typeof import('ky');
      const response = await ky(url, { ...init, signal: controller.signal, timeout: false, retry: 0, throwHttpErrors: false, fetch: fetchWithOwnSignal });
      const { text, bytes } = await readBody(response, this.maxBodyBytes, response.ok ? deliver : undefined);
      return { response, text, bytes };
    } catch (error) {
      if (sinkFailure !== undefined) throw sinkFailure;
      const failure = this.transportError(error, init.method, url, signal, timedOut);
      if (failure instanceof PowerSchoolError && (failure.kind === 'network' || failure.kind === 'timeout') && url.origin === this.base.origin) this.noteReachability('unreachable');
      throw failure;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private transportError(error: unknown, method: string, url: URL, signal: AbortSignal | undefined, timedOut: boolean): Error {
    const path = url.pathname;
    if (signal?.aborted) return abortError(signal);
    if (timedOut) return new PowerSchoolError(0, method, path, `no answer within ${this.timeoutMs / 1000} s`, [], 'timeout');
    if (isAbortError(error)) return abortError(signal);
    if (error instanceof BodyLimitExceeded) return new PowerSchoolError(0, method, path, `the response body is over the ${formatBytes(this.maxBodyBytes)} limit; stopped reading`, [], 'limit');
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    const dropped = droppedConnectionCodes.has(cause?.code ?? '');
    // An absolute URL may name another host than the connection's: the message names the one that failed.
    const message = dropped ? `connection to ${url.host} dropped (${reason})` : `cannot reach ${url.host} (${reason})`;
    return new PowerSchoolError(0, method, path, this.redactor.redact(message), [], 'network', dropped);
  }

  private async fetchToken(signal?: AbortSignal): Promise<{ value: string; expiresInMs: number }> {
    const url = new URL('oauth/access_token', this.base);
    const problem = cleartextProblem(url.href, this.connection.allowInsecure);
    if (problem) throw new PowerSchoolError(0, 'POST', url.pathname, problem, [], 'insecure');
    const basic = Buffer.from(`${this.connection.clientId}:${this.connection.clientSecret}`).toString('base64');
    for (let attempt = 0; ; attempt++) {
      const { response, text } = await this.exchange(url, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
        body: 'grant_type=client_credentials',
      }, signal);
      if (attempt < this.retry.retries && isRetryable(response.status, 'POST', true)) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.now());
        await this.sleep(retryAfter !== undefined && retryAfter <= this.retry.maxRetryAfterMs ? retryAfter : backoffDelay(attempt, this.retry), signal);
        continue;
      }
      const body = parseBody(text, response.headers.get('content-type') ?? undefined);
      if (response.status !== 200) {
        this.noteReachability(response.status < 500 ? 'authFailed' : 'reachable');
        const { message, errors } = errorDetailsFrom(body);
        this.log.warn(`POST ${url.pathname} → ${response.status}: token refused`);
        throw new PowerSchoolError(response.status, 'POST', url.pathname, message ? this.redactor.redact(message) : 'the server refused the client id and secret', errors, 'auth');
      }
      const token = (body as { access_token?: unknown } | undefined)?.access_token;
      if (typeof token !== 'string' || token === '') throw new PowerSchoolError(response.status, 'POST', url.pathname, 'the token response has no access_token', [], 'malformed');
      this.redactor.remember(token);
      this.noteReachability('reachable');
      // expires_in is documented as a string of seconds; accept a number too.
      const seconds = Number((body as { expires_in?: unknown }).expires_in);
      this.log.info(`POST ${url.pathname} → 200: new token${Number.isFinite(seconds) ? `, valid ${Math.round(seconds)} s` : ''}`);
      return { value: token, expiresInMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000 };
    }
  }
}

/**
 * ky (1.9) hands fetch a tee'd clone of the request and afterwards awaits cancelling the other
 * branch, which a tee settles only once both branches are read or cancelled. When fetch never
 * reads the body (connection refused, aborted before sending, a test double) every POST would
 * hang for ever. So the body (a JSON or form payload) is read here, which settles the tee, and
 * fetch gets a request of its own. Its body is a string, not an ArrayBuffer: fetch transfers
 * (detaches) a buffer when sending, so a 307/308 redirect could not send it again.
 */
function settleRequestBody(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    if (!(input instanceof Request) || !input.body) return fetchImpl(input, init);
    const body = await input.text();
    return fetchImpl(new Request(input, { body }), init);
  };
}

/** Every line the client logs names its connection (several share one log) and passes the redactor first. */
function redacting(log: Logger, redactor: Redactor, prefix: string): Logger {
  return {
    info: (message) => log.info(redactor.redact(prefix + message)),
    warn: (message) => log.warn(redactor.redact(prefix + message)),
    error: (message) => log.error(redactor.redact(prefix + message)),
    debug: (message) => log.debug(redactor.redact(prefix + message)),
  };
}

function hasAuthorization(headers: RequestOptions['headers']): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

function isInvalidToken(response: RawResponse): boolean {
  const challenge = response.headers['www-authenticate'] ?? '';
  // PowerSchool answers an expired or revoked token with 401 and error="invalid_token"; a 401
  // without a challenge is treated the same, since a fresh token is the only thing to try.
  return challenge === '' || /invalid_token/i.test(challenge);
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
