import assert from 'node:assert/strict';
import { threadTime, threadTimeSince } from '../../../src/extension/util/threadTime';

describe('threadTime (the activation figures: main-thread CPU and wait for a CPU)', () => {
  it("counts this thread's CPU time as it works, and nothing where Linux's schedstat is missing", function () {
    const start = threadTime();
    if (!start) this.skip();
    // Busy until the thread's own clock has moved 10 ms (a loaded machine may give it less than the wall clock).
    const giveUp = performance.now() + 10_000;
    let spent = threadTimeSince(start)!;
    while (spent.cpuMs < 10 && performance.now() < giveUp) spent = threadTimeSince(start)!;
    assert.ok(spent.cpuMs >= 10 && spent.cpuMs < 1000, `${spent.cpuMs} ms CPU`);
    assert.ok(Number.isFinite(spent.waitMs) && spent.waitMs >= 0, `${spent.waitMs} ms waiting`);
    assert.equal(threadTimeSince(undefined), undefined);
  });
});
