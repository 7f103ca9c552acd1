import assert from 'node:assert/strict';
import { threadTime, threadTimeSince } from '../../../src/extension/util/threadTime';

describe('threadTime (the activation figures: main-thread CPU and wait for a CPU)', () => {
  it("counts this thread's CPU time as it works, and nothing where Linux's schedstat is missing", function () {
    const start = threadTime();
    if (!start) this.skip();
    const until = performance.now() + 30;
    while (performance.now() < until);
    const spent = threadTimeSince(start)!;
    assert.ok(spent.cpuMs > 5 && spent.cpuMs < 1000, `${spent.cpuMs} ms CPU`);
    assert.ok(spent.waitMs >= 0);
    assert.equal(threadTimeSince(undefined), undefined);
  });
});
