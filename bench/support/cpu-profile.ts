import { readFile } from 'node:fs/promises';
import { Session } from 'node:inspector';

/** The parts of V8's `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

export interface ProfileSummary {
  /** Sampled wall time of the thread, ms. */
  readonly totalMs: number;
  /** Self time by origin (a package, our src/, Node's internals, GC, idle), largest first. */
  readonly byOrigin: readonly { readonly origin: string; readonly ms: number; readonly share: number }[];
  /** Self time by function, largest first (the top 20). */
  readonly topFunctions: readonly { readonly name: string; readonly ms: number; readonly share: number }[];
}

/** Where a function comes from: `pg`, `@nestjs/core`, `src/shared/event-store`, `node:internal`, `(garbage collector)`. */
function originOf(fileUrl: string, functionName: string): string {
  if (fileUrl === '') return functionName.startsWith('(') ? functionName : '(native)';
  // Our code runs compiled from node_modules/.cache/onthaal-bench (bench/launch.js): count it as src/ and bench/.
  const url = fileUrl.replace(/\/node_modules\/\.cache\/onthaal-bench\//, '/');
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const source = /\/(src|bench)\/(.*)\/[^/]+$/.exec(url);
  if (source) return `${source[1]}/${source[2]!.split('/').slice(0, 2).join('/')}`;
  return url;
}

export async function summariseProfileFile(file: string): Promise<ProfileSummary> {
  return summariseProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
}

/**
 * Runs `task` under V8's sampling profiler (this thread only) when `enabled`, and prints where the time went:
 * `--profile` uses it for the main-thread parts of the benchmarks (catch-up, rebuild).
 */
export async function profiled<T>(enabled: boolean, title: string, task: () => Promise<T>): Promise<T> {
  if (!enabled) return task();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await task();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    console.error(renderProfile(title, summariseProfile(profile)));
  }
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const sampleCount = profile.samples?.length ?? profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = sampleCount > 0 ? totalMs / sampleCount : 0;
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const origin = originOf(url, functionName);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + hits * msPerSample);
    const name = `${functionName || '(anonymous)'} ${origin}${url === '' ? '' : `:${lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits * msPerSample);
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, ms]) => ({ key, ms, share: totalMs > 0 ? ms / totalMs : 0 }));
  return {
    totalMs,
    byOrigin: ranked(byOrigin).map(({ key, ms, share }) => ({ origin: key, ms, share })),
    topFunctions: ranked(byFunction)
      .slice(0, 20)
      .map(({ key, ms, share }) => ({ name: key, ms, share })),
  };
}

export function renderProfile(title: string, summary: ProfileSummary): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
  return [
    `${title}: ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
    '  self time by origin:',
    ...summary.byOrigin.slice(0, 15).map((entry) => `  ${percent(entry.share)}  ${entry.origin}`),
    '  top functions (self time):',
    ...summary.topFunctions.map((entry) => `  ${percent(entry.share)}  ${entry.name}`),
  ].join('\n');
}
