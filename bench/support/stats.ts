/** Percentile by the nearest-rank method on an ascending array; NaN when empty. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, rank - 1))]!;
}

/** The median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function summariseLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

/**
 * Each metric's median over repeated trials. Machines are noisy: every figure in the report is the median of its
 * trials, metric by metric (so a p99 and a throughput may come from different trials).
 */
export function medianOfTrials<T extends Record<string, number>>(trials: readonly T[]): T {
  const first = trials[0];
  if (first === undefined) throw new Error('no trials to summarise');
  const result: Record<string, number> = {};
  for (const key of Object.keys(first)) result[key] = median(trials.map((trial) => trial[key]!));
  return result as T;
}

/** `ours / limit`, or NaN when either side is missing. */
export function ratio(ours: number, limit: number): number {
  return Number.isFinite(ours) && Number.isFinite(limit) && limit > 0 ? ours / limit : Number.NaN;
}
