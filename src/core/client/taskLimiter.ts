import { abortError } from './errors';

/**
 * At most `limit` tasks in flight, the rest started in the order they came: a server (and the
 * caller's shared abort signal) sees a bounded number of requests however many were asked for.
 */
export class TaskLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a task limit must be at least 1 (got ${limit})`);
  }

  /**
   * Runs `task` when a slot is free. A task whose `signal` aborted while it waited is not started
   * when its turn comes: it rejects and hands the slot on at once. (Waiters add no listener to the
   * signal, which many of them may share.)
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      if (signal?.aborted) throw abortError(signal);
      return await task();
    } finally {
      // The slot passes straight to the next waiting task, so `running` never dips and lets a newcomer in first.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * `items.map(map)`, awaited, with at most `limit` maps in flight; results in the items' order. Once
 * one map fails, no further map starts: the failure is the answer.
 */
export function mapWithLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const limiter = new TaskLimiter(limit);
  const failed = new AbortController();
  // Marked failed inside the task, before its slot passes on: the next waiting map sees it.
  const mapped = (item: T) => map(item).catch((error: unknown) => {
    if (!failed.signal.aborted) failed.abort(error);
    throw error;
  });
  return Promise.all(items.map((item) => limiter.run(() => mapped(item), failed.signal)));
}
