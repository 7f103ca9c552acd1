import { readFileSync } from 'node:fs';

/**
 * The calling thread's CPU time and the time it spent runnable but waiting for a CPU, in ms. On a
 * shared machine the wait is what inflates a wall-clock figure; process.cpuUsage() also counts the
 * process's other threads (GC, file reads). Linux only (schedstat); undefined elsewhere.
 */
export interface ThreadTime {
  readonly cpuMs: number;
  readonly waitMs: number;
}

export function threadTime(): ThreadTime | undefined {
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return onCpu === undefined || waiting === undefined || Number.isNaN(onCpu + waiting) ? undefined : { cpuMs: onCpu / 1e6, waitMs: waiting / 1e6 };
  } catch {
    return undefined;
  }
}

/** What a thread did between two readings (undefined when either is). */
export function threadTimeSince(start: ThreadTime | undefined): ThreadTime | undefined {
  const now = threadTime();
  return start && now ? { cpuMs: now.cpuMs - start.cpuMs, waitMs: now.waitMs - start.waitMs } : undefined;
}

/** Wall-clock time, this process's CPU time (which a busy machine does not inflate) and the calling thread's own share. */
export interface TimeSpent {
  readonly ms: number;
  readonly cpuMs: number;
  readonly thread?: ThreadTime;
}

/** Where a measure began: `performance.now()`, `process.cpuUsage()` and the thread's time. */
export interface TimeMark {
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
  readonly thread?: ThreadTime;
}

export function timeMark(): TimeMark {
  const thread = threadTime();
  return { at: performance.now(), cpu: process.cpuUsage(), ...(thread ? { thread } : {}) };
}

export function timeSpentSince(mark: TimeMark): TimeSpent {
  const cpu = process.cpuUsage(mark.cpu);
  const thread = threadTimeSince(mark.thread);
  return { ms: performance.now() - mark.at, cpuMs: (cpu.user + cpu.system) / 1000, ...(thread ? { thread } : {}) };
}
