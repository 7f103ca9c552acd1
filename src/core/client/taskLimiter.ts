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

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiting task, so `running` never dips and lets a newcomer in first.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** `items.map(map)`, awaited, with at most `limit` maps in flight; results in the items' order. */
export function mapWithLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const limiter = new TaskLimiter(limit);
  return Promise.all(items.map((item) => limiter.run(() => map(item))));
}
