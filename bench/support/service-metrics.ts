/**
 * Reads the service's own Prometheus metrics (`GET /metrics`): the append round trip as the service timed it (to
 * split a command's latency into its append, its wait for the read model and the rest) and the V8 heap (to split
 * its resident memory).
 */
export interface ServiceMetrics {
  /** Sum and count of `onthaal_event_store_append_duration_seconds`. */
  readonly appendSeconds: number;
  readonly appends: number;
  readonly heapTotalMb: number;
  readonly heapUsedMb: number;
  /** Memory of ArrayBuffers and other objects outside the V8 heap (buffers, sockets). */
  readonly externalMb: number;
}

export async function readServiceMetrics(port: number): Promise<ServiceMetrics> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const lines = (await response.text()).split('\n');
  // Summed over labels; a metric that is missing reads as 0.
  const total = (name: string) =>
    lines
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  const megabytes = (name: string) => total(name) / 2 ** 20;
  return {
    appendSeconds: total('onthaal_event_store_append_duration_seconds_sum'),
    appends: total('onthaal_event_store_append_duration_seconds_count'),
    heapTotalMb: megabytes('onthaal_nodejs_heap_size_total_bytes'),
    heapUsedMb: megabytes('onthaal_nodejs_heap_size_used_bytes'),
    externalMb: megabytes('onthaal_nodejs_external_memory_bytes'),
  };
}

/** Mean append latency in ms between two readings; NaN when nothing was appended. */
export function meanAppendMs(before: ServiceMetrics, after: ServiceMetrics): number {
  const count = after.appends - before.appends;
  return count > 0 ? ((after.appendSeconds - before.appendSeconds) * 1000) / count : Number.NaN;
}
