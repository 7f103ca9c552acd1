import { abortError } from './errors';
import type { RetryPolicy } from './types';

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

const retryableStatuses = new Set([429, 502, 503, 504]);
// A write that reached the server may have been applied; only answers that say it was refused
// before any work (429 rate limit, 503 unavailable) are safe to repeat for non-idempotent methods.
const safeForWrites = new Set([429, 503]);
const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isRetryable(status: number, method: string, readOnlyPost: boolean): boolean {
  if (!retryableStatuses.has(status)) return false;
  return isRepeatable(method, readOnlyPost) || safeForWrites.has(status);
}

/** A request that can be sent again whatever happened to the first one. */
export function isRepeatable(method: string, readOnlyPost: boolean): boolean {
  return idempotent.has(method) || readOnlyPost;
}

/** PowerQueries are POSTs that only read. */
export function isReadOnlyPost(method: string, pathname: string): boolean {
  return method === 'POST' && /\/ws\/schema\/query\//.test(pathname);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, capped. `random` is injectable for deterministic tests. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
