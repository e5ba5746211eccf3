/** Percentiles and rounding shared by the bench phases. */

export interface Latency {
  p50_ms: number;
  p99_ms: number;
}
export interface Throughput extends Latency {
  per_second: number;
}

export const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function latency(values: number[], digits = 3): Latency {
  return { p50_ms: round(percentile(values, 50), digits), p99_ms: round(percentile(values, 99), digits) };
}
