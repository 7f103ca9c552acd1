// Figures the benchmarks print: median and 95th percentile of sample times, one line per series.

export interface SampleStats {
  readonly median: number;
  readonly p95: number;
}

export function stats(times: readonly number[]): SampleStats {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}

export function formatStats(label: string, s: SampleStats, width = 44): string {
  return `${label.padEnd(width)} median ${s.median.toFixed(3).padStart(8)} ms   p95 ${s.p95.toFixed(3).padStart(8)} ms`;
}
