/** A bearer token and when to stop using it. */
export interface CachedToken {
  readonly value: string;
  readonly renewAt: number;
}

/**
 * Holds one token per client: fetched once for any number of concurrent callers, reused until
 * shortly before it runs out, and dropped when the server rejects it.
 */
export class TokenCache {
  private token: CachedToken | undefined;
  private inFlight: Promise<CachedToken> | undefined;

  constructor(
    private readonly fetchToken: (signal?: AbortSignal) => Promise<{ value: string; expiresInMs: number }>,
    private readonly now: () => number,
    private readonly renewMarginMs: number,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    // The shared fetch is not tied to one caller's signal: one caller cancelling must not fail the others.
    this.inFlight ??= this.fetchToken()
      .then(({ value, expiresInMs }) => {
        const margin = Math.min(this.renewMarginMs, expiresInMs / 10);
        this.token = { value, renewAt: this.now() + expiresInMs - margin };
        return this.token;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    const pending = this.inFlight;
    if (!signal) return (await pending).value;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(Object.assign(new Error('The operation was cancelled'), { name: 'AbortError' }));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (token) => {
          signal.removeEventListener('abort', onAbort);
          resolve(token.value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Forget `value` if it is still the current token (another caller may have renewed it already). */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  get current(): string | undefined {
    return this.token?.value;
  }
}
